/// Go's text/template parser: tokens to trees, one for the file and one per `{{define}}`.
struct Parser {
  let tokens: [Token]
  var index = 0
  let parseName: String
  private let source: String
  let functions: FunctionTable
  /// Variables in scope (Go checks references at parse time).
  var vars: [String] = ["$"]
  private var rangeDepth = 0
  /// Trees found in this parse, by name (the file's own tree first).
  private(set) var trees: [(name: String, tree: Tree)] = []

  init(name: String, text: String, functions: FunctionTable) {
    tokens = Lexer.tokenize(text)
    parseName = name
    source = text
    self.functions = functions
  }

  /// Parses the whole file; returns the file's tree and its definitions in source order.
  static func parse(name: String, text: String, functions: FunctionTable) throws(TemplateError) -> [Tree] {
    var parser = Parser(name: name, text: text, functions: functions)
    return try parser.parseFile()
  }

  // MARK: tokens

  func peek() -> Token { tokens[index] }
  mutating func next() -> Token {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }
  mutating func backup(_ n: Int = 1) { index -= n }
  mutating func nextNonSpace() -> Token {
    var token = next()
    while token.kind == .space { token = next() }
    return token
  }
  mutating func peekNonSpace() -> Token {
    let token = nextNonSpace()
    backup()
    return token
  }

  func error(_ message: String, line: Int? = nil) -> TemplateError {
    let current = tokens[max(0, index - 1)]
    let line = line ?? current.line
    return TemplateError(
      code: .parse, goMessage: "template: \(parseName):\(line): \(message)", location: "\(parseName):\(line)")
  }

  func unexpected(_ token: Token, _ context: String) -> TemplateError {
    if token.kind == .error { return error(token.text, line: token.line) }
    return error("unexpected \(token.goDescription) in \(context)", line: token.line)
  }

  private mutating func expect(_ kind: Token.Kind, _ context: String) throws(TemplateError) -> Token {
    let token = nextNonSpace()
    if token.kind != kind { throw unexpected(token, context) }
    return token
  }

  // MARK: structure

  private mutating func parseFile() throws(TemplateError) -> [Tree] {
    var root: [Node] = []
    var defined: [Tree] = []
    while peek().kind != .eof {
      if peek().kind == .leftDelim {
        let delimIndex = index
        _ = next()
        if nextNonSpace().kind == .keyword(.define) {
          let tree = try parseDefinition()
          if let existing = defined.firstIndex(where: { $0.name == tree.name }) {
            if !defined[existing].isEmpty && !tree.isEmpty {
              throw error("template: multiple definition of template \(GoQuote.quote(tree.name))")
            }
            if !tree.isEmpty || defined[existing].isEmpty { defined[existing] = tree }
          } else {
            defined.append(tree)
          }
          continue
        }
        index = delimIndex
      }
      let (node, terminator) = try textOrAction()
      if let terminator { throw error("unexpected \(terminator.description)") }
      if let node { root.append(node) }
    }
    if peek().kind == .eof, index > 0, tokens[index].kind == .error { throw error(tokens[index].text) }
    let file = Tree(name: parseName, parseName: parseName, root: root, source: source)
    return [file] + defined + blocks
  }

  private mutating func parseDefinition() throws(TemplateError) -> Tree {
    let context = "define clause"
    let nameToken = nextNonSpace()
    guard nameToken.kind == .string || nameToken.kind == .rawString else {
      throw unexpected(nameToken, context)
    }
    guard let name = GoQuote.unquote(nameToken.text) else { throw error("invalid syntax") }
    _ = try expect(.rightDelim, context)
    let saved = vars
    vars = ["$"]
    let (list, end) = try itemList()
    vars = saved
    if case .end = end {} else { throw error("unexpected \(end.description) in \(context)") }
    return Tree(name: name, parseName: parseName, root: list, source: source)
  }

  /// What ended an item list: `{{end}}` or `{{else}}` (with the position of what follows).
  enum Terminator {
    case end
    case elseBranch(chained: Bool)
    var description: String {
      switch self {
      case .end: return "{{end}}"
      case .elseBranch: return "{{else}}"
      }
    }
  }

  private mutating func itemList() throws(TemplateError) -> ([Node], Terminator) {
    var list: [Node] = []
    while peekNonSpace().kind != .eof {
      let (node, terminator) = try textOrAction()
      if let terminator { return (list, terminator) }
      if let node { list.append(node) }
    }
    if tokens[index].kind == .error { throw error(tokens[index].text, line: tokens[index].line) }
    throw error("unexpected EOF")
  }

  private mutating func textOrAction() throws(TemplateError) -> (Node?, Terminator?) {
    let token = nextNonSpace()
    switch token.kind {
    case .text: return (.text(token.text), nil)
    case .leftDelim:
      if peek().kind == .comment {
        _ = next()
        _ = try expect(.rightDelim, "comment")
        return (nil, nil)
      }
      return try action()
    case .error: throw error(token.text, line: token.line)
    default: throw unexpected(token, "input")
    }
  }

  private mutating func action() throws(TemplateError) -> (Node?, Terminator?) {
    let token = nextNonSpace()
    switch token.kind {
    case .error: throw error(token.text, line: token.line)
    case .keyword(.block): return (try blockControl(), nil)
    case .keyword(.break), .keyword(.continue):
      let name = token.text
      let after = nextNonSpace()
      if after.kind != .rightDelim { throw unexpected(after, "{{\(name)}}") }
      if rangeDepth == 0 { throw error("{{\(name)}} outside {{range}}") }
      return (
        token.kind == .keyword(.break) ? .breakLoop(pos: token.pos) : .continueLoop(pos: token.pos), nil
      )
    case .keyword(.else):
      let peeked = peekNonSpace()
      if peeked.kind == .keyword(.if) || peeked.kind == .keyword(.with) {
        return (nil, .elseBranch(chained: true))
      }
      _ = try expect(.rightDelim, "else")
      return (nil, .elseBranch(chained: false))
    case .keyword(.end):
      _ = try expect(.rightDelim, "end")
      return (nil, .end)
    case .keyword(.if):
      return (.ifNode(try parseControl("if")), nil)
    case .keyword(.range):
      return (.range(try parseControl("range")), nil)
    case .keyword(.with):
      return (.with(try parseControl("with")), nil)
    case .keyword(.template):
      return (try templateControl(), nil)
    case .keyword(.define):
      throw unexpected(token, "command")
    default:
      backup()
      return (.action(try pipeline("command", end: .rightDelim)), nil)
    }
  }

  private mutating func parseControl(_ context: String) throws(TemplateError) -> Control {
    let savedVars = vars.count
    defer { vars.removeLast(vars.count - savedVars) }
    let pipe = try pipeline(context, end: .rightDelim)
    if context == "range" { rangeDepth += 1 }
    let (list, terminator) = try itemList()
    if context == "range" { rangeDepth -= 1 }
    var elseList: [Node]? = nil
    if case .elseBranch(let chained) = terminator {
      let keyword = peekNonSpace().kind
      if chained && context == "if" && keyword == .keyword(.if) {
        _ = nextNonSpace()
        elseList = [.ifNode(try parseControl("if"))]
      } else if chained && context == "with" && keyword == .keyword(.with) {
        _ = nextNonSpace()
        elseList = [.with(try parseControl("with"))]
      } else {
        if chained {
          // `{{else if}}` inside range/with-if mismatch: Go expects `}}` after else.
          throw unexpected(nextNonSpace(), "else")
        }
        let (otherwise, end) = try itemList()
        if case .end = end {} else { throw error("expected end; found \(end.description)") }
        elseList = otherwise
      }
    }
    return Control(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
  }

  private mutating func templateName(_ context: String) throws(TemplateError) -> String {
    let token = nextNonSpace()
    guard token.kind == .string || token.kind == .rawString else { throw unexpected(token, context) }
    guard let name = GoQuote.unquote(token.text) else { throw error("invalid syntax") }
    return name
  }

  private mutating func templateControl() throws(TemplateError) -> Node {
    let context = "template clause"
    let pos = tokens[index - 1].pos
    let name = try templateName(context)
    var pipe: Pipeline? = nil
    if nextNonSpace().kind != .rightDelim {
      backup()
      pipe = try pipeline(context, end: .rightDelim)
    }
    return .template(TemplateCall(pos: pos, name: name, pipe: pipe))
  }

  /// `{{block "name" pipeline}} body {{end}}`: a define plus a template call.
  private mutating func blockControl() throws(TemplateError) -> Node {
    let context = "block clause"
    let pos = tokens[index - 1].pos
    let name = try templateName(context)
    let pipe = try pipeline(context, end: .rightDelim)
    let saved = vars
    vars = ["$"]
    let (list, end) = try itemList()
    vars = saved
    if case .end = end {} else { throw error("unexpected \(end.description) in \(context)") }
    blocks.append(Tree(name: name, parseName: parseName, root: list, source: source))
    return .template(TemplateCall(pos: pos, name: name, pipe: pipe))
  }

  /// Templates defined by `{{block}}` while parsing.
  private(set) var blocks: [Tree] = []
}
