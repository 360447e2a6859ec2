/// Walks parsed trees the way Go's text/template `state` does.
final class Executor {
  enum Flow { case normal, breakLoop, continueLoop }

  let context: ExecutionContext
  /// The tree being executed; error locations are computed from it.
  var tree: Tree
  /// Variable stack; `$` is at the bottom of each template invocation.
  var vars: [(name: String, value: Value)]
  var depth = 0
  /// A new value for dot written by `set`/`merge` on `.` or `.x.y`; enclosing lists that
  /// share the same dot pick it up (Go's maps are shared, ours are values).
  var dotUpdate: Value? = nil
  /// Whether dot is the template's `$` (no `with`/`range` in between).
  var dotIsRoot = true

  init(context: ExecutionContext, tree: Tree, dot: Value) {
    self.context = context
    self.tree = tree
    vars = [("$", dot)]
    vars.reserveCapacity(16)
  }

  func run(tree: Tree, dot: Value, into out: inout String) throws(TemplateError) {
    _ = try walk(dot, tree.root, into: &out)
  }

  // MARK: errors

  /// `template: file:line:col: executing "name" at <context>: message`.
  func error(_ pos: Int, _ context: String, _ message: String) -> TemplateError {
    let location = tree.location(pos)
    return TemplateError(
      code: .execution,
      goMessage: "template: \(location): executing \(GoQuote.quote(tree.name)) at <\(context)>: \(message)",
      location: location)
  }

  // MARK: walking

  func walk(_ dot: Value, _ list: [Node], into out: inout String) throws(TemplateError) -> Flow {
    var dot = dot
    for node in list {
      let flow = try walk(dot, node, into: &out)
      if let update = dotUpdate { dot = update }
      if flow != .normal { return flow }
    }
    return .normal
  }

  /// Runs a `with`/`range` body, whose dot is not the enclosing one.
  func walkScoped(_ dot: Value, _ list: [Node], into out: inout String) throws(TemplateError) -> Flow {
    let wasRoot = dotIsRoot
    dotIsRoot = false
    dotUpdate = nil
    defer {
      dotIsRoot = wasRoot
      dotUpdate = nil
      // `$` may have been updated inside; when the enclosing dot is `$`, follow it.
      if wasRoot, let root = vars.last(where: { $0.name == "$" })?.value { dotUpdate = root }
    }
    return try walk(dot, list, into: &out)
  }

  func walk(_ dot: Value, _ node: Node, into out: inout String) throws(TemplateError) -> Flow {
    switch node {
    case .text(let text):
      out += text
    case .action(let pipe):
      let value = try evalPipeline(dot, pipe)
      if pipe.decl.isEmpty { print(value, into: &out) }
    case .ifNode(let control), .with(let control):
      let mark = vars.count
      defer { vars.removeSubrange(mark...) }
      let value = try evalPipeline(dot, control.pipe)
      if value.isTruthy {
        if case .with = node { return try walkScoped(value, control.list, into: &out) }
        return try walk(dot, control.list, into: &out)
      } else if let elseList = control.elseList {
        return try walk(dot, elseList, into: &out)
      }
    case .range(let control):
      return try walkRange(dot, control, into: &out)
    case .template(let call):
      try walkTemplate(dot, call, into: &out)
    case .breakLoop:
      return .breakLoop
    case .continueLoop:
      return .continueLoop
    }
    return .normal
  }

  /// Prints an action's value: nil prints `<no value>` (Go's `printValue`).
  func print(_ value: Value, into out: inout String) {
    if case .null = value {
      out += "<no value>"
    } else {
      value.appendGoString(to: &out)
    }
  }

  private func walkRange(_ dot: Value, _ control: Control, into out: inout String) throws(TemplateError)
    -> Flow
  {
    let mark = vars.count
    defer { vars.removeSubrange(mark...) }
    let value = try evalPipeline(dot, control.pipe)
    let decl = control.pipe.decl
    func iterate(_ index: Value, _ element: Value) throws(TemplateError) -> Flow {
      if !decl.isEmpty {
        if control.pipe.isAssign {
          try setVar(decl[0], decl.count > 1 ? index : element, pos: control.pos)
          if decl.count > 1 { try setVar(decl[1], element, pos: control.pos) }
        } else {
          vars[vars.count - 1].value = element
          if decl.count > 1 { vars[vars.count - 2].value = index }
        }
      }
      let bodyMark = vars.count
      defer { vars.removeSubrange(bodyMark...) }
      return try walkScoped(element, control.list, into: &out)
    }
    var ran = false
    switch value {
    case .list(let items):
      for (i, item) in items.enumerated() {
        ran = true
        if try iterate(.int(Int64(i)), item) == .breakLoop { break }
      }
    case .map(let map):
      for key in map.keys.sorted() {
        ran = true
        if try iterate(.string(key), map[key]!) == .breakLoop { break }
      }
    case .int(let n):
      if decl.count > 1 {
        throw error(
          control.pos, control.pipe.description, "can't use \(n) to iterate over more than one variable")
      }
      var i: Int64 = 0
      while i < n {
        ran = true
        if try iterate(.int(i), .int(i)) == .breakLoop { break }
        i += 1
      }
    case .null:
      break
    default:
      throw error(control.pos, control.pipe.description, "range can't iterate over \(value.goString)")
    }
    if !ran, let elseList = control.elseList {
      return try walk(dot, elseList, into: &out)
    }
    return .normal
  }

  private func walkTemplate(_ dot: Value, _ call: TemplateCall, into out: inout String) throws(TemplateError)
  {
    let description =
      "{{template \(GoQuote.quote(call.name))\(call.pipe.map { " " + $0.description } ?? "")}}"
    guard let target = context.set.trees[call.name] else {
      throw error(call.pos, description, "template \(GoQuote.quote(call.name)) not defined")
    }
    if depth >= context.options.maxExecDepth {
      throw error(call.pos, description, "exceeded maximum template depth (\(context.options.maxExecDepth))")
    }
    let newDot = try call.pipe.map { pipe throws(TemplateError) in try evalPipeline(dot, pipe) } ?? .null
    let savedVars = vars
    let savedTree = tree
    let savedRoot = dotIsRoot
    vars = [("$", newDot)]
    tree = target
    depth += 1
    dotIsRoot = true
    dotUpdate = nil
    defer {
      vars = savedVars
      tree = savedTree
      depth -= 1
      dotIsRoot = savedRoot
      dotUpdate = nil
    }
    _ = try walk(newDot, target.root, into: &out)
  }

  // MARK: variables

  func variable(_ name: String, pos: Int) throws(TemplateError) -> Value {
    for index in stride(from: vars.count - 1, through: 0, by: -1) where vars[index].name == name {
      return vars[index].value
    }
    throw error(pos, name, "undefined variable: \(name)")
  }

  func setVar(_ name: String, _ value: Value, pos: Int) throws(TemplateError) {
    for index in stride(from: vars.count - 1, through: 0, by: -1) where vars[index].name == name {
      vars[index].value = value
      return
    }
    throw error(pos, name, "undefined variable: \(name)")
  }
}
