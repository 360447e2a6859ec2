/// Reads an XML document into `XMLNode`s. It handles what AWS sends: the declaration,
/// comments, CDATA, attributes, the five predefined entities and numeric references. It
/// does not validate, and DTDs are skipped.
public enum XMLReader {
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { "xml: \(message) at byte \(offset)" }
  }

  public static func parse(_ text: String) throws -> XMLNode {
    try parse(Array(text.utf8))
  }

  public static func parse(_ bytes: [UInt8]) throws -> XMLNode {
    var parser = Parser(bytes: bytes)
    return try parser.document()
  }

  struct Parser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> Failure { Failure(message: message, offset: index) }

    func starts(_ literal: String) -> Bool {
      let utf8 = Array(literal.utf8)
      return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
    }

    mutating func skip(past literal: String) throws {
      let utf8 = Array(literal.utf8)
      while index + utf8.count <= bytes.count {
        if Array(bytes[index..<index + utf8.count]) == utf8 {
          index += utf8.count
          return
        }
        index += 1
      }
      throw fail("unterminated construct, expected \(literal)")
    }

    mutating func skipMisc() throws {
      while index < bytes.count {
        if bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9 {
          index += 1
        } else if starts("<?") {
          try skip(past: "?>")
        } else if starts("<!--") {
          try skip(past: "-->")
        } else if starts("<!DOCTYPE") {
          try skip(past: ">")
        } else {
          return
        }
      }
    }

    mutating func document() throws -> XMLNode {
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
      try skipMisc()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { throw fail("no root element") }
      return try element()
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
      !(byte == 32 || byte == 10 || byte == 13 || byte == 9 || byte == UInt8(ascii: "/")
        || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<"))
    }

    mutating func name() throws -> String {
      let start = index
      while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
      guard index > start else { throw fail("expected a name") }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func skipSpace() {
      while index < bytes.count,
        bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 || bytes[index] == 9
      {
        index += 1
      }
    }

    mutating func element() throws -> XMLNode {
      index += 1  // <
      var node = XMLNode(name: try name())
      while true {
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated start tag") }
        if bytes[index] == UInt8(ascii: "/") {
          guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
            throw fail("expected />")
          }
          index += 2
          return node
        }
        if bytes[index] == UInt8(ascii: ">") {
          index += 1
          break
        }
        let attribute = try name()
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw fail("expected =") }
        index += 1
        skipSpace()
        guard index < bytes.count, bytes[index] == 34 || bytes[index] == 39 else {
          throw fail("expected a quote")
        }
        let quote = bytes[index]
        index += 1
        let start = index
        while index < bytes.count, bytes[index] != quote { index += 1 }
        guard index < bytes.count else { throw fail("unterminated attribute") }
        node.attributes[attribute] = Self.decodeEntities(bytes[start..<index])
        index += 1
      }
      var text: [UInt8] = []
      while true {
        guard index < bytes.count else { throw fail("unterminated element <\(node.name)>") }
        if bytes[index] != UInt8(ascii: "<") {
          let start = index
          while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
          text.append(contentsOf: Array(Self.decodeEntities(bytes[start..<index]).utf8))
        } else if starts("<![CDATA[") {
          index += 9
          let start = index
          try skip(past: "]]>")
          text.append(contentsOf: bytes[start..<index - 3])
        } else if starts("<!--") {
          try skip(past: "-->")
        } else if starts("<?") {
          try skip(past: "?>")
        } else if starts("</") {
          index += 2
          let closing = try name()
          guard closing == node.name else { throw fail("expected </\(node.name)>, found </\(closing)>") }
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else { throw fail("expected >") }
          index += 1
          node.text = String(decoding: text, as: UTF8.self)
          // Whitespace between child elements is layout, not content.
          if !node.children.isEmpty, node.text.allSatisfy(\.isWhitespace) { node.text = "" }
          return node
        } else {
          node.children.append(try element())
        }
      }
    }

    static func decodeEntities(_ slice: ArraySlice<UInt8>) -> String {
      guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
      var out = ""
      var rest = Substring(String(decoding: slice, as: UTF8.self))
      while let amp = rest.firstIndex(of: "&") {
        out += rest[..<amp]
        guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
        let entity = rest[rest.index(after: amp)..<semicolon]
        switch entity {
        case "lt": out += "<"
        case "gt": out += ">"
        case "amp": out += "&"
        case "quot": out += "\""
        case "apos": out += "'"
        default:
          let scalar =
            entity.hasPrefix("#x")
            ? UInt32(entity.dropFirst(2), radix: 16)
            : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
          if let scalar, let unicode = Unicode.Scalar(scalar) {
            out.unicodeScalars.append(unicode)
          } else {
            out += rest[amp...semicolon]
          }
        }
        rest = rest[rest.index(after: semicolon)...]
      }
      return out + rest
    }
  }
}

extension String {
  /// The text escaped for an XML element or attribute (S3 request bodies).
  var xmlEscaped: String {
    var out = ""
    for character in self {
      switch character {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(character)
      }
    }
    return out
  }
}
