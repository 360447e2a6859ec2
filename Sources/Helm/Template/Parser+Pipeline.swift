/// Pipelines, commands and operands (Go's `pipeline`, `command`, `operand`, `term`).
extension Parser {
  mutating func pipeline(_ context: String, end: Token.Kind) throws(TemplateError) -> Pipeline {
    var pipe = Pipeline(pos: peekNonSpace().pos)
    declarations: while peekNonSpace().kind == .variable {
      let variableIndex = index
      let variable = next()
      let following = peekNonSpace()
      switch following.kind {
      case .assign, .declare:
        pipe.isAssign = following.kind == .assign
        _ = nextNonSpace()
        pipe.decl.append(variable.text)
        vars.append(variable.text)
        break declarations
      case .comma:
        _ = nextNonSpace()
        pipe.decl.append(variable.text)
        vars.append(variable.text)
        if context == "range" && pipe.decl.count < 2 {
          switch peekNonSpace().kind {
          case .variable, .rightDelim, .rightParen: continue declarations
          default: throw error("range can only initialize variables")
          }
        }
        throw error("too many declarations in \(context)")
      default:
        // Not a declaration: put the variable (and the space after it) back.
        index = variableIndex
        break declarations
      }
    }
    while true {
      let token = nextNonSpace()
      switch token.kind {
      case end:
        if pipe.commands.isEmpty { throw error("missing value for \(context)") }
        for (i, command) in pipe.commands.enumerated().dropFirst() {
          switch command.args[0] {
          case .bool, .dot, .nilValue, .number, .string:
            throw error("non executable command in pipeline stage \(i + 1)")
          default: break
          }
        }
        return pipe
      case .bool, .char, .dot, .field, .identifier, .number, .nilValue, .rawString, .string, .variable,
        .leftParen:
        backup()
        pipe.commands.append(try command())
      default:
        throw unexpected(token, context)
      }
    }
  }

  private mutating func command() throws(TemplateError) -> Command {
    var command = Command(pos: peekNonSpace().pos)
    loop: while true {
      _ = peekNonSpace()
      if let operand = try operand() { command.args.append(operand) }
      let token = next()
      switch token.kind {
      case .space: continue loop
      case .rightDelim, .rightParen: backup()
      case .pipe: break
      default: throw unexpected(token, "operand")
      }
      break
    }
    if command.args.isEmpty { throw error("empty command") }
    return command
  }

  private mutating func operand() throws(TemplateError) -> Operand? {
    guard let node = try term() else { return nil }
    guard peek().kind == .field else { return node }
    let chainPos = peek().pos
    var fields: [String] = []
    while peek().kind == .field { fields.append(String(next().text.dropFirst())) }
    switch node {
    case .field(_, let names): return .field(pos: chainPos, names: names + fields)
    case .variable(_, let name, let existing):
      return .variable(pos: chainPos, name: name, fields: existing + fields)
    case .bool, .string, .number, .nilValue, .dot:
      throw error("unexpected . after term \(GoQuote.quote(node.description))")
    default: return .chain(pos: chainPos, base: node, fields: fields)
    }
  }

  private mutating func term() throws(TemplateError) -> Operand? {
    let token = nextNonSpace()
    switch token.kind {
    case .identifier:
      guard let function = functions[token.text] else {
        var failure = error("function \(GoQuote.quote(token.text)) not defined", line: token.line)
        failure.remedy = "docs/helm.md lists the functions templates can use"
        throw failure
      }
      return .function(pos: token.pos, name: token.text, function: function)
    case .dot: return .dot(pos: token.pos)
    case .nilValue: return .nilValue(pos: token.pos)
    case .variable:
      guard vars.contains(token.text) else {
        throw error("undefined variable \(GoQuote.quote(token.text))", line: token.line)
      }
      return .variable(pos: token.pos, name: token.text, fields: [])
    case .field: return .field(pos: token.pos, names: [String(token.text.dropFirst())])
    case .bool: return .bool(pos: token.pos, token.text == "true")
    case .number, .char:
      return .number(pos: token.pos, try number(token))
    case .leftParen:
      return .pipeline(try pipeline("parenthesized pipeline", end: .rightParen))
    case .string, .rawString:
      guard let value = GoQuote.unquote(token.text) else { throw error("invalid syntax", line: token.line) }
      return .string(pos: token.pos, quoted: token.text, value: value)
    case .error:
      throw error(token.text, line: token.line)
    default:
      backup()
      return nil
    }
  }

  /// Go number literal to the value it has as `interface{}`.
  private func number(_ token: Token) throws(TemplateError) -> NumberLiteral {
    let text = token.text
    if token.kind == .char {
      guard let value = GoQuote.unquote(text), let scalar = value.unicodeScalars.first else {
        throw error("malformed character constant: \(text)", line: token.line)
      }
      return NumberLiteral(text: text, value: .int(Int64(scalar.value)))
    }
    var body = text.replacingOccurrences("_", with: "")
    var negative = false
    if body.hasPrefix("+") {
      body.removeFirst()
    } else if body.hasPrefix("-") {
      negative = true
      body.removeFirst()
    }
    let lower = body.lowercased()
    var integer: Int64? = nil
    if lower.hasPrefix("0x") {
      integer = Int64(lower.dropFirst(2), radix: 16)
    } else if lower.hasPrefix("0o") {
      integer = Int64(lower.dropFirst(2), radix: 8)
    } else if lower.hasPrefix("0b") {
      integer = Int64(lower.dropFirst(2), radix: 2)
    } else if lower.count > 1 && lower.hasPrefix("0") && lower.allSatisfy(\.isNumber) {
      integer = Int64(lower.dropFirst(), radix: 8)
    } else if lower.allSatisfy(\.isNumber) {
      integer = Int64(lower)
    }
    if let integer { return NumberLiteral(text: text, value: .int(negative ? -integer : integer)) }
    if !lower.hasPrefix("0x"), let double = Double(lower),
      lower.first.map({ $0.isNumber || $0 == "." }) == true
    {
      return NumberLiteral(text: text, value: .float(negative ? -double : double))
    }
    throw error("bad number syntax: \(GoQuote.quote(text))", line: token.line)
  }
}

extension String {
  /// `strings.ReplaceAll` without Foundation, scanning UTF-8 bytes (hot: `indent`,
  /// `nindent` and Helm's `<no value>` removal run it on every render).
  func replacingOccurrences(_ target: String, with replacement: String) -> String {
    let needle = Array(target.utf8)
    guard let first = needle.first else { return self }
    var source = self
    return source.withUTF8 { bytes -> String in
      let count = bytes.count
      let n = needle.count
      var i = 0
      var found = false
      while i + n <= count {
        if bytes[i] == first && (n == 1 || memoryEqual(bytes, i, needle)) {
          found = true
          break
        }
        i += 1
      }
      guard found else { return self }
      var out: [UInt8] = []
      out.reserveCapacity(count + 16)
      let replacementBytes = Array(replacement.utf8)
      var start = 0
      while i + n <= count {
        if bytes[i] == first && (n == 1 || memoryEqual(bytes, i, needle)) {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
          out.append(contentsOf: replacementBytes)
          i += n
          start = i
        } else {
          i += 1
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
      return String(decoding: out, as: UTF8.self)
    }
  }
}

@inline(__always)
private func memoryEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ needle: [UInt8]) -> Bool {
  for j in 1..<needle.count where bytes[at + j] != needle[j] { return false }
  return true
}
