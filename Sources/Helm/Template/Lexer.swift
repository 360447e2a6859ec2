/// A token of Go's text/template lexer.
struct Token: Sendable {
  enum Kind: Sendable, Equatable {
    case text, leftDelim, rightDelim, comment, eof, error, space
    case identifier, field, variable, string, rawString, char, number, bool, nilValue, dot
    case pipe, leftParen, rightParen, assign, declare, comma
    case keyword(Keyword)
  }
  enum Keyword: String, Sendable {
    case block, `break`, `continue`, define, `else`, end, `if`, range, template, with
  }
  var kind: Kind
  /// Byte offset of the token in the template source.
  var pos: Int
  /// 1-based line of the token start.
  var line: Int
  var text: String

  /// The token as Go's parser quotes it in "unexpected ..." messages.
  var goDescription: String {
    switch kind {
    case .eof: return "EOF"
    case .error: return text
    case .keyword: return "<\(text)>"
    default:
      if text.utf8.count > 10 { return GoQuote.quote(String(text.prefix(10))) + "..." }
      return GoQuote.quote(text)
    }
  }
}

/// Splits template source into tokens, applying `{{-`/`-}}` trimming to text as Go does.
struct Lexer {
  private let src: [UInt8]
  private var pos = 0
  private var line = 1
  private var tokens: [Token] = []
  private var parenDepth = 0

  init(_ text: String) { src = Array(text.utf8) }

  static func tokenize(_ text: String) -> [Token] {
    var lexer = Lexer(text)
    lexer.run()
    return lexer.tokens
  }

  private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
  private static func isAlnum(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
  }

  private func starts(_ s: String, at p: Int) -> Bool {
    let bytes = Array(s.utf8)
    guard p + bytes.count <= src.count else { return false }
    for i in 0..<bytes.count where src[p + i] != bytes[i] { return false }
    return true
  }

  private mutating func emit(_ kind: Token.Kind, _ start: Int, _ end: Int, line startLine: Int) {
    let text = String(decoding: src[start..<end], as: UTF8.self)
    tokens.append(Token(kind: kind, pos: start, line: startLine, text: text))
  }

  private mutating func fail(_ message: String) {
    tokens.append(Token(kind: .error, pos: pos, line: line, text: message))
  }

  private func countLines(_ a: Int, _ b: Int) -> Int {
    var n = 0
    var i = a
    while i < b {
      if src[i] == 10 { n += 1 }
      i += 1
    }
    return n
  }

  private mutating func run() {
    while true {
      guard let open = findDelim(from: pos) else {
        if pos < src.count { emit(.text, pos, src.count, line: line) }
        line += countLines(pos, src.count)
        tokens.append(Token(kind: .eof, pos: src.count, line: line, text: ""))
        return
      }
      let trimLeft =
        open + 3 < src.count && src[open + 2] == UInt8(ascii: "-") && Lexer.isSpace(src[open + 3])
      var textEnd = open
      if trimLeft {
        while textEnd > pos && Lexer.isSpace(src[textEnd - 1]) { textEnd -= 1 }
      }
      if textEnd > pos { emit(.text, pos, textEnd, line: line) }
      line += countLines(pos, open)
      pos = open
      emit(.leftDelim, open, open + 2, line: line)
      pos = open + 2 + (trimLeft ? 2 : 0)
      if starts("/*", at: pos) {
        if !lexComment(delimStart: open) { return }
        continue
      }
      if !lexInsideAction() { return }
    }
  }

  private func findDelim(from p: Int) -> Int? {
    var i = p
    while i + 1 < src.count {
      if src[i] == UInt8(ascii: "{") && src[i + 1] == UInt8(ascii: "{") { return i }
      i += 1
    }
    return nil
  }

  /// Right delimiter here? Returns its length (`}}` or ` -}}`) and whether it trims.
  private func rightDelim(at p: Int) -> (length: Int, trim: Bool)? {
    if p + 4 <= src.count, Lexer.isSpace(src[p]), src[p + 1] == UInt8(ascii: "-"),
      src[p + 2] == UInt8(ascii: "}"), src[p + 3] == UInt8(ascii: "}")
    {
      return (4, true)
    }
    if starts("}}", at: p) { return (2, false) }
    return nil
  }

  private mutating func finishRightDelim(_ delim: (length: Int, trim: Bool)) {
    let start = pos + (delim.trim ? 2 : 0)
    emit(.rightDelim, start, pos + delim.length, line: line)
    pos += delim.length
    if delim.trim {
      while pos < src.count && Lexer.isSpace(src[pos]) {
        if src[pos] == 10 { line += 1 }
        pos += 1
      }
    }
  }

  private mutating func lexComment(delimStart: Int) -> Bool {
    let start = pos
    var i = pos + 2
    while i + 1 < src.count && !(src[i] == UInt8(ascii: "*") && src[i + 1] == UInt8(ascii: "/")) { i += 1 }
    guard i + 1 < src.count else {
      fail("unclosed comment")
      return false
    }
    let commentLine = line
    line += countLines(pos, i + 2)
    pos = i + 2
    guard let delim = rightDelim(at: pos) else {
      fail("comment ends before closing delimiter")
      return false
    }
    tokens.append(Token(kind: .comment, pos: start, line: commentLine, text: ""))
    finishRightDelim(delim)
    return true
  }

  private mutating func lexInsideAction() -> Bool {
    while true {
      if let delim = rightDelim(at: pos) {
        if parenDepth > 0 {
          fail("unclosed left paren")
          return false
        }
        finishRightDelim(delim)
        return true
      }
      guard pos < src.count else {
        fail("unclosed action")
        return false
      }
      let c = src[pos]
      let start = pos
      switch c {
      case 32, 9, 13, 10:
        let startLine = line
        while pos < src.count && Lexer.isSpace(src[pos]) && rightDelim(at: pos)?.trim != true {
          if src[pos] == 10 { line += 1 }
          pos += 1
        }
        if pos > start { emit(.space, start, pos, line: startLine) }
      case UInt8(ascii: "="):
        pos += 1
        emit(.assign, start, pos, line: line)
      case UInt8(ascii: ":"):
        guard pos + 1 < src.count, src[pos + 1] == UInt8(ascii: "=") else {
          fail("expected :=")
          return false
        }
        pos += 2
        emit(.declare, start, pos, line: line)
      case UInt8(ascii: "|"):
        pos += 1
        emit(.pipe, start, pos, line: line)
      case UInt8(ascii: ","):
        pos += 1
        emit(.comma, start, pos, line: line)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        pos += 1
        while true {
          guard pos < src.count, src[pos] != 10 else {
            fail(c == UInt8(ascii: "\"") ? "unterminated quoted string" : "unterminated character constant")
            return false
          }
          if src[pos] == UInt8(ascii: "\\") {
            pos += 2
            continue
          }
          pos += 1
          if src[pos - 1] == c { break }
        }
        emit(c == UInt8(ascii: "\"") ? .string : .char, start, pos, line: line)
      case UInt8(ascii: "`"):
        pos += 1
        let startLine = line
        while pos < src.count && src[pos] != UInt8(ascii: "`") {
          if src[pos] == 10 { line += 1 }
          pos += 1
        }
        guard pos < src.count else {
          fail("unterminated raw quoted string")
          return false
        }
        pos += 1
        emit(.rawString, start, pos, line: startLine)
      case UInt8(ascii: "$"):
        pos += 1
        while pos < src.count && Lexer.isAlnum(src[pos]) { pos += 1 }
        emit(.variable, start, pos, line: line)
      case UInt8(ascii: "."):
        if pos + 1 < src.count && src[pos + 1] >= 48 && src[pos + 1] <= 57 {
          lexNumber()
        } else {
          pos += 1
          while pos < src.count && Lexer.isAlnum(src[pos]) { pos += 1 }
          emit(pos - start == 1 ? .dot : .field, start, pos, line: line)
        }
      case UInt8(ascii: "+"), UInt8(ascii: "-"), 48...57:
        lexNumber()
      case UInt8(ascii: "("):
        pos += 1
        parenDepth += 1
        emit(.leftParen, start, pos, line: line)
      case UInt8(ascii: ")"):
        pos += 1
        parenDepth -= 1
        if parenDepth < 0 {
          fail("unexpected right paren")
          return false
        }
        emit(.rightParen, start, pos, line: line)
      default:
        if Lexer.isAlnum(c) {
          while pos < src.count && Lexer.isAlnum(src[pos]) { pos += 1 }
          let word = String(decoding: src[start..<pos], as: UTF8.self)
          if let keyword = Token.Keyword(rawValue: word) {
            emit(.keyword(keyword), start, pos, line: line)
          } else if word == "true" || word == "false" {
            emit(.bool, start, pos, line: line)
          } else if word == "nil" {
            emit(.nilValue, start, pos, line: line)
          } else {
            emit(.identifier, start, pos, line: line)
          }
        } else {
          let scalar = String(decoding: src[pos..<min(pos + 4, src.count)], as: UTF8.self).unicodeScalars
            .first
          let code = scalar.map { String($0.value, radix: 16, uppercase: true) } ?? "0"
          let padded = String(repeating: "0", count: max(0, 4 - code.count)) + code
          fail("bad character U+\(padded) '\(scalar.map { String($0) } ?? "")'")
          return false
        }
      }
    }
  }

  /// Scans a Go number literal loosely (sign, digits, hex/octal/binary prefixes, fraction,
  /// exponent, underscores); the parser validates it.
  private mutating func lexNumber() {
    let start = pos
    if src[pos] == UInt8(ascii: "+") || src[pos] == UInt8(ascii: "-") { pos += 1 }
    while pos < src.count {
      let c = src[pos]
      if Lexer.isAlnum(c) || c == UInt8(ascii: ".") {
        pos += 1
      } else if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && pos > start
        && (src[pos - 1] | 0x20 == UInt8(ascii: "e") || src[pos - 1] | 0x20 == UInt8(ascii: "p"))
        && !(src[start...].starts(with: Array("0x".utf8)))
      {
        pos += 1
      } else {
        break
      }
    }
    emit(.number, start, pos, line: line)
  }
}
