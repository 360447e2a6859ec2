/// JSON the way Go's `encoding/json` reads into and writes from `interface{}`: numbers
/// decode as float64, object keys encode sorted, `<`, `>`, `&` are escaped.
public enum JSONCodec {
  /// A JSON syntax error with Go's wording where practical.
  public struct SyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Decodes one JSON value (numbers as float64, like Go's `interface{}` decoding).
  public static func decode(_ text: String) throws(SyntaxError) -> Value {
    var parser = Parser(bytes: Array(text.utf8))
    parser.skipSpace()
    if parser.index >= parser.bytes.count { throw SyntaxError(message: "unexpected end of JSON input") }
    let value = try parser.value()
    parser.skipSpace()
    if parser.index < parser.bytes.count {
      throw SyntaxError(message: "invalid character \(parser.quoteChar()) after top-level value")
    }
    return value
  }

  /// `json.Marshal` of a value (compact).
  public static func encode(_ value: Value) -> String {
    var out = ""
    write(value, into: &out, indent: nil, level: 0)
    return out
  }

  /// `json.MarshalIndent(v, "", "  ")`.
  public static func encodePretty(_ value: Value) -> String {
    var out = ""
    write(value, into: &out, indent: "  ", level: 0)
    return out
  }

  static func write(
    _ value: Value, into out: inout String, indent: String?, level: Int, escapeHTML: Bool = true
  ) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .float(let d): out += d.isFinite ? GoFloat.json(d) : "null"
    case .string(let s): writeString(s, into: &out, escapeHTML: escapeHTML)
    case .list(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        write(item, into: &out, indent: indent, level: level + 1, escapeHTML: escapeHTML)
      }
      newline(&out, indent, level)
      out += "]"
    case .map(let map):
      if map.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, key) in map.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        .enumerated()
      {
        if i > 0 { out += "," }
        newline(&out, indent, level + 1)
        writeString(key, into: &out, escapeHTML: escapeHTML)
        out += indent == nil ? ":" : ": "
        write(map[key]!, into: &out, indent: indent, level: level + 1, escapeHTML: escapeHTML)
      }
      newline(&out, indent, level)
      out += "}"
    case .object(let object):
      if let json = object.jsonValue {
        write(json, into: &out, indent: indent, level: level, escapeHTML: escapeHTML)
      } else {
        out += "{}"
      }
    }
  }

  private static func newline(_ out: inout String, _ indent: String?, _ level: Int) {
    guard let indent else { return }
    out += "\n"
    for _ in 0..<level { out += indent }
  }

  static func writeString(_ s: String, into out: inout String, escapeHTML: Bool) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<" where escapeHTML: out += "\\u003c"
      case ">" where escapeHTML: out += "\\u003e"
      case "&" where escapeHTML: out += "\\u0026"
      case "\u{2028}": out += "\\u2028"
      case "\u{2029}": out += "\\u2029"
      default:
        if scalar.value < 0x20 {
          out += "\\u00" + GoQuote.hex(scalar.value, width: 2)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  struct Parser {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count,
        bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 10 || bytes[index] == 13
      {
        index += 1
      }
    }

    func quoteChar() -> String {
      guard index < bytes.count else { return "EOF" }
      let c = bytes[index]
      return c == UInt8(ascii: "'") ? "'\\''" : "'\(Character(UnicodeScalar(c)))'"
    }

    mutating func value() throws(SyntaxError) -> Value {
      skipSpace()
      guard index < bytes.count else { throw SyntaxError(message: "unexpected end of JSON input") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var map: [String: Value] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .map(map)
        }
        while true {
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
            throw SyntaxError(
              message: "invalid character \(quoteChar()) looking for beginning of object key string")
          }
          let key = try string()
          skipSpace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw SyntaxError(message: "invalid character \(quoteChar()) after object key")
          }
          index += 1
          map[key] = try value()
          skipSpace()
          guard index < bytes.count else { throw SyntaxError(message: "unexpected end of JSON input") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          if bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .map(map)
          }
          throw SyntaxError(message: "invalid character \(quoteChar()) after object key:value pair")
        }
      case UInt8(ascii: "["):
        index += 1
        var items: [Value] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .list(items)
        }
        while true {
          items.append(try value())
          skipSpace()
          guard index < bytes.count else { throw SyntaxError(message: "unexpected end of JSON input") }
          if bytes[index] == UInt8(ascii: ",") {
            index += 1
            continue
          }
          if bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .list(items)
          }
          throw SyntaxError(message: "invalid character \(quoteChar()) after array element")
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try literal("true", .bool(true))
      case UInt8(ascii: "f"): return try literal("false", .bool(false))
      case UInt8(ascii: "n"): return try literal("null", .null)
      default:
        let start = index
        while index < bytes.count,
          (bytes[index] >= 48 && bytes[index] <= 57) || bytes[index] == UInt8(ascii: "-")
            || bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: ".")
            || bytes[index] | 0x20 == UInt8(ascii: "e")
        {
          index += 1
        }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
          index = start
          throw SyntaxError(message: "invalid character \(quoteChar()) looking for beginning of value")
        }
        return .float(number)
      }
    }

    mutating func literal(_ word: String, _ value: Value) throws(SyntaxError) -> Value {
      let w = Array(word.utf8)
      guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
        throw SyntaxError(message: "invalid character \(quoteChar()) looking for beginning of value")
      }
      index += w.count
      return value
    }

    mutating func string() throws(SyntaxError) -> String {
      index += 1
      var out: [UInt8] = []
      while index < bytes.count {
        let c = bytes[index]
        index += 1
        if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        if c != UInt8(ascii: "\\") {
          out.append(c)
          continue
        }
        guard index < bytes.count else { break }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "b"): out.append(8)
        case UInt8(ascii: "f"): out.append(12)
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            var code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
          else { throw SyntaxError(message: "invalid character in string escape code") }
          index += 4
          if code >= 0xD800 && code < 0xDC00, index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"),
            let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
            low >= 0xDC00 && low < 0xE000
          {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          }
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          out += Array(String(Character(scalar)).utf8)
        default: out.append(e)
        }
      }
      throw SyntaxError(message: "unexpected end of JSON input")
    }
  }
}
