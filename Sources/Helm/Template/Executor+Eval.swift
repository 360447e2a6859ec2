/// Pipelines, commands, fields and function calls (Go's `evalPipeline` and friends).
extension Executor {
  func evalPipeline(_ dot: Value, _ pipe: Pipeline) throws(TemplateError) -> Value {
    var value: Value? = nil
    for command in pipe.commands {
      value = try evalCommand(dot, command, final: value)
    }
    let result = value ?? .null
    for name in pipe.decl {
      if pipe.isAssign {
        try setVar(name, result, pos: pipe.pos)
      } else {
        vars.append((name, result))
      }
    }
    return result
  }

  private func notAFunction(_ command: Command, final: Value?) throws(TemplateError) {
    if command.args.count > 1 || final != nil {
      let first = command.args[0]
      throw error(first.pos, first.description, "can't give argument to non-function \(first.description)")
    }
  }

  func evalCommand(_ dot: Value, _ command: Command, final: Value?) throws(TemplateError) -> Value {
    let first = command.args[0]
    switch first {
    case .field(let pos, let names):
      return try evalFieldChain(
        dot, receiver: dot, receiverIsInterface: dotFromRange, names, node: first, pos: pos,
        args: command.args,
        final: final)
    case .chain(let pos, let base, let fields):
      let receiver = try evalArg(dot, base)
      return try evalFieldChain(
        dot, receiver: receiver, fields, node: first, pos: pos, args: command.args, final: final)
    case .variable(let pos, let name, let fields):
      let value = try variable(name, pos: pos)
      if fields.isEmpty {
        try notAFunction(command, final: final)
        return value
      }
      return try evalFieldChain(
        dot, receiver: value, fields, node: first, pos: pos, args: command.args, final: final)
    case .function(let pos, let name, let function):
      return try evalFunction(
        dot, name: name, function: function, pos: pos, command: command, args: command.args, final: final)
    case .pipeline(let pipe):
      try notAFunction(command, final: final)
      return try evalPipeline(dot, pipe)
    case .nilValue(let pos):
      throw error(pos, "nil", "nil is not a command")
    case .bool(_, let b):
      try notAFunction(command, final: final)
      return .bool(b)
    case .dot:
      try notAFunction(command, final: final)
      return dot
    case .number(_, let number):
      try notAFunction(command, final: final)
      return number.value
    case .string(_, _, let value):
      try notAFunction(command, final: final)
      return .string(value)
    }
  }

  /// An argument as Go's `evalArg` sees it for an `interface{}` parameter.
  func evalArg(_ dot: Value, _ operand: Operand) throws(TemplateError) -> Value {
    switch operand {
    case .dot: return dot
    case .nilValue: return .null
    case .bool(_, let b): return .bool(b)
    case .number(_, let n): return n.value
    case .string(_, _, let s): return .string(s)
    case .field(let pos, let names):
      return try evalFieldChain(
        dot, receiver: dot, receiverIsInterface: dotFromRange, names, node: operand, pos: pos,
        args: [operand],
        final: nil)
    case .variable(let pos, let name, let fields):
      let value = try variable(name, pos: pos)
      if fields.isEmpty { return value }
      return try evalFieldChain(
        dot, receiver: value, fields, node: operand, pos: pos, args: [operand], final: nil)
    case .chain(let pos, let base, let fields):
      let receiver = try evalArg(dot, base)
      return try evalFieldChain(
        dot, receiver: receiver, fields, node: operand, pos: pos, args: [operand], final: nil)
    case .pipeline(let pipe):
      return try evalPipeline(dot, pipe)
    case .function(let pos, let name, let function):
      let command = Command(pos: pos, args: [operand])
      return try evalFunction(
        dot, name: name, function: function, pos: pos, command: command, args: [operand], final: nil)
    }
  }

  /// `.a.b.c` on `receiver`; only the last name may take arguments (a method call).
  private func evalFieldChain(
    _ dot: Value, receiver: Value, receiverIsInterface: Bool = false, _ names: [String], node: Operand,
    pos: Int,
    args: [Operand], final: Value?
  ) throws(TemplateError) -> Value {
    var current = receiver
    for (index, name) in names.dropLast().enumerated() {
      current = try evalField(
        dot, name, receiver: current, fromLookup: index > 0 || receiverIsInterface, node: node, pos: pos,
        args: [],
        final: nil)
    }
    return try evalField(
      dot, names[names.count - 1], receiver: current, fromLookup: names.count > 1 || receiverIsInterface,
      node: node,
      pos: pos, args: args, final: final)
  }

  /// `fromLookup`: the receiver is a map value, static type `interface {}` in Go's messages.
  private func evalField(
    _ dot: Value, _ name: String, receiver: Value, fromLookup: Bool, node: Operand, pos: Int, args: [Operand],
    final: Value?
  ) throws(TemplateError) -> Value {
    let hasArgs = args.count > 1 || final != nil
    switch receiver {
    case .map(let map):
      if hasArgs { throw error(pos, node.description, "\(name) is not a method but has arguments") }
      if let value = map[name] { return value }
      if context.options.missingKey == .error {
        throw error(pos, node.description, "map has no entry for key \(GoQuote.quote(name))")
      }
      return .null
    case .object(let object):
      if !hasArgs, let value = object.member(name) { return value }
      var arguments: [Value] = []
      for arg in args.dropFirst() { arguments.append(try evalArg(dot, arg)) }
      if let final { arguments.append(final) }
      do {
        if let result = try object.call(name, arguments: arguments) { return result }
      } catch let failure as TemplateError {
        throw error(pos, node.description, "error calling \(name): \(failure.goMessage)")
      } catch {
        throw self.error(pos, node.description, "error calling \(name): \(error)")
      }
      throw error(pos, node.description, "can't evaluate field \(name) in type \(object.goTypeName)")
    case .null:
      var failure = error(pos, node.description, "nil pointer evaluating interface {}.\(name)")
      failure.remedy =
        "a parent of \(node.description) is missing; guard it with `if`/`with` or give it a default"
      throw failure
    default:
      let type = fromLookup ? "interface {}" : receiver.goTypeName
      throw error(pos, node.description, "can't evaluate field \(name) in type \(type)")
    }
  }

  private func evalFunction(
    _ dot: Value, name: String, function: TemplateFunction, pos: Int, command: Command, args: [Operand],
    final: Value?
  ) throws(TemplateError) -> Value {
    let argCount = args.count - 1 + (final == nil ? 0 : 1)
    if let max = function.maxArguments, max == function.minArguments, argCount != max {
      throw error(pos, name, "wrong number of args for \(name): want \(max) got \(argCount)")
    }
    if argCount < function.minArguments {
      throw error(
        pos, name, "wrong number of args for \(name): want at least \(function.minArguments) got \(argCount)")
    }
    if let max = function.maxArguments, argCount > max {
      throw error(pos, name, "wrong number of args for \(name): want at most \(max) got \(argCount)")
    }
    if name == "call", args.count > 1 {
      // Go names the operand, not its value: `non-function .Values.f of type string`.
      let target = try evalArg(dot, args[1])
      throw error(
        command.pos, command.description,
        "error calling call: non-function \(args[1].description) of type \(target.goTypeName)")
    }
    switch function.special {
    case .and, .or:
      let wantTrue = function.special == .or
      var value = Value.null
      for arg in args.dropFirst() {
        value = try evalArg(dot, arg)
        if value.isTruthy == wantTrue { return value }
      }
      if let final { value = final }
      return value
    case .none:
      break
    }
    var arguments: [Value] = []
    arguments.reserveCapacity(argCount)
    for arg in args.dropFirst() { arguments.append(try evalArg(dot, arg)) }
    if let final { arguments.append(final) }
    let call = FunctionCall(name: name, arguments: arguments, context: context)
    do {
      let result = try function.body(call)
      if function.updatesFirstArgument, args.count > 1 { try writeBack(result, to: args[1], dot: dot) }
      return result
    } catch let failure as ArgumentTypeError {
      throw argumentError(failure, name: name, pos: pos, args: args, arguments: arguments)
    } catch let failure as TemplateError {
      throw error(command.pos, command.description, "error calling \(name): \(failure.goMessage)")
    } catch {
      throw self.error(command.pos, command.description, "error calling \(name): \(error)")
    }
  }

  /// Stores a map a mutating function returned into the variable (or a map inside a
  /// variable) that the template passed, so `$_ := set $d "k" v` updates `$d` as in Go.
  private func writeBack(_ result: Value, to operand: Operand, dot: Value) throws(TemplateError) {
    switch operand {
    case .variable(let pos, let name, let fields):
      var root = result
      if !fields.isEmpty {
        root = try variable(name, pos: pos)
        guard Executor.assign(result, at: fields[...], in: &root) else { return }
      }
      try setVar(name, root, pos: pos)
      if name == "$" && dotIsRoot { dotUpdate = root }
    case .dot, .field:
      var root = result
      if case .field(_, let names) = operand {
        root = dot
        guard Executor.assign(result, at: names[...], in: &root) else { return }
      }
      dotUpdate = root
      if dotIsRoot, let index = vars.lastIndex(where: { $0.name == "$" }) { vars[index].value = root }
    default:
      return
    }
  }

  static func assign(_ value: Value, at path: ArraySlice<String>, in target: inout Value) -> Bool {
    guard let key = path.first, case .map(var map) = target, var child = map[key] else { return false }
    if path.count == 1 {
      map[key] = value
    } else {
      guard assign(value, at: path.dropFirst(), in: &child) else { return false }
      map[key] = child
    }
    target = .map(map)
    return true
  }

  /// Go's `validateType` / `evalArg` wording for an argument of the wrong type.
  private func argumentError(
    _ failure: ArgumentTypeError, name: String, pos: Int, args: [Operand], arguments: [Value]
  ) -> TemplateError {
    let value = failure.index < arguments.count ? arguments[failure.index] : .null
    let expected = failure.expected
    if failure.index + 1 < args.count {
      let node = args[failure.index + 1]
      switch node {
      case .string, .number, .bool:
        guard ["string", "int", "bool", "float64"].contains(expected) else {
          return error(
            node.pos, node.description, "can't handle \(node.description) for arg of type \(expected)")
        }
        let goName = expected == "int" ? "integer" : (expected == "float64" ? "float" : expected)
        return error(node.pos, node.description, "expected \(goName); found \(node.description)")
      default: break
      }
      if case .null = value {
        if node.isFieldLike {
          return error(
            node.pos, node.description, "wrong type for value; expected \(expected); got interface {}")
        }
        return error(node.pos, node.description, "invalid value; expected \(expected)")
      }
      return error(
        node.pos, node.description, "wrong type for value; expected \(expected); got \(value.goTypeName)")
    }
    // Go reports a bad piped-in value at the node it evaluated last: the final argument
    // written in the command, or the function name when there is none.
    let last = args.count > 1 ? args[args.count - 1] : nil
    let (at, context) = last.map { ($0.pos, $0.description) } ?? (pos, name)
    if case .null = value { return error(at, context, "invalid value; expected \(expected)") }
    return error(at, context, "wrong type for value; expected \(expected); got \(value.goTypeName)")
  }
}
