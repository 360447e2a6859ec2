/// A parsed template: Go's `parse.Tree` for one named template.
final class Tree: Sendable {
  /// The template's name (`{{define "name"}}` or the file name).
  let name: String
  /// The file it was parsed from; error locations name this file.
  let parseName: String
  let root: [Node]
  /// The whole source text of the file, for turning byte offsets into line:column.
  let source: String

  init(name: String, parseName: String, root: [Node], source: String) {
    self.name = name
    self.parseName = parseName
    self.root = root
    self.source = source
  }

  /// Go's `IsEmptyTree`: only whitespace text (and comments) — such a define does not
  /// replace an earlier non-empty one.
  var isEmpty: Bool {
    root.allSatisfy { node in
      if case .text(let text) = node {
        return text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
      }
      return false
    }
  }

  /// `name:line:col` for a byte offset, as Go's `ErrorContext` prints it (column 0-based).
  func location(_ pos: Int) -> String {
    var line = 1
    var lastNewline = -1
    var index = 0
    for byte in source.utf8 {
      if index >= pos { break }
      if byte == 10 {
        line += 1
        lastNewline = index
      }
      index += 1
    }
    let column = lastNewline < 0 ? pos : pos - lastNewline - 1
    return "\(parseName):\(line):\(column)"
  }
}

/// A node of a template body.
indirect enum Node: Sendable {
  case text(String)
  case action(Pipeline)
  case ifNode(Control)
  case with(Control)
  case range(Control)
  case template(TemplateCall)
  case breakLoop(pos: Int)
  case continueLoop(pos: Int)
}

/// The shared shape of `if`, `with` and `range`.
struct Control: Sendable {
  var pos: Int
  var pipe: Pipeline
  var list: [Node]
  var elseList: [Node]?
}

/// `{{template "name" pipeline}}`.
struct TemplateCall: Sendable {
  var pos: Int
  var name: String
  var pipe: Pipeline?
}

/// A pipeline with optional variable declarations: `$x := a | b c`.
struct Pipeline: Sendable, CustomStringConvertible {
  var pos: Int
  var decl: [String] = []
  var isAssign = false
  var commands: [Command] = []

  var description: String {
    var out = ""
    if !decl.isEmpty {
      out += decl.joined(separator: ", ") + (isAssign ? " = " : " := ")
    }
    out += commands.map(\.description).joined(separator: " | ")
    return out
  }
}

/// One stage of a pipeline: an operand or a function with its arguments.
struct Command: Sendable, CustomStringConvertible {
  var pos: Int
  var args: [Operand] = []

  var description: String {
    args.map { arg in
      if case .pipeline(let pipe) = arg { return "(\(pipe))" }
      return arg.description
    }.joined(separator: " ")
  }
}

/// A Go template number literal with the values it can take.
struct NumberLiteral: Sendable {
  var text: String
  /// What the constant is when passed as `interface{}`: int unless it has a `.`/exponent.
  var value: Value
}

/// An operand (argument) of a command.
indirect enum Operand: Sendable, CustomStringConvertible {
  case field(pos: Int, names: [String])
  case variable(pos: Int, name: String, fields: [String])
  case chain(pos: Int, base: Operand, fields: [String])
  case function(pos: Int, name: String, function: TemplateFunction)
  case dot(pos: Int)
  case nilValue(pos: Int)
  case bool(pos: Int, Bool)
  case number(pos: Int, NumberLiteral)
  case string(pos: Int, quoted: String, value: String)
  case pipeline(Pipeline)

  var pos: Int {
    switch self {
    case .field(let pos, _), .variable(let pos, _, _), .chain(let pos, _, _), .function(let pos, _, _),
      .dot(let pos), .nilValue(let pos), .bool(let pos, _), .number(let pos, _), .string(let pos, _, _):
      return pos
    case .pipeline(let pipe): return pipe.pos
    }
  }

  var description: String {
    switch self {
    case .field(_, let names): return names.map { "." + $0 }.joined()
    case .variable(_, let name, let fields): return name + fields.map { "." + $0 }.joined()
    case .chain(_, let base, let fields):
      let head: String
      if case .pipeline(let pipe) = base { head = "(\(pipe))" } else { head = base.description }
      return head + fields.map { "." + $0 }.joined()
    case .function(_, let name, _): return name
    case .dot: return "."
    case .nilValue: return "nil"
    case .bool(_, let b): return b ? "true" : "false"
    case .number(_, let n): return n.text
    case .string(_, let quoted, _): return quoted
    case .pipeline(let pipe): return pipe.description
    }
  }

  /// Whether evaluating this operand yields a map lookup result (`interface {}` typed in Go),
  /// which changes the wording of type errors for nil.
  var isFieldLike: Bool {
    switch self {
    case .field, .chain: return true
    case .variable(_, _, let fields): return !fields.isEmpty
    default: return false
    }
  }
}
