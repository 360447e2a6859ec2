/// Go's text/template builtin functions.
enum GoBuiltins {
  static let all: [String: TemplateFunction] = [
    "and": TemplateFunction(special: .and),
    "or": TemplateFunction(special: .or),
    "not": TemplateFunction(arity: 1) { .bool(!$0[0].isTruthy) },
    "len": TemplateFunction(arity: 1) { call in
      switch call[0] {
      case .string(let s): return .int(Int64(s.utf8.count))
      case .list(let l): return .int(Int64(l.count))
      case .map(let m): return .int(Int64(m.count))
      case .null: throw FunctionError("len of nil pointer")
      default: throw FunctionError("len of type \(call[0].goTypeName)")
      }
    },
    "index": TemplateFunction(variadic: 1) { call in
      try index(call.arguments[0], Array(call.arguments.dropFirst()))
    },
    "slice": TemplateFunction(variadic: 1) { call in
      try slice(call.arguments[0], Array(call.arguments.dropFirst()))
    },
    "print": TemplateFunction(variadic: 0) { .string(GoFormatter.sprint($0.arguments)) },
    "println": TemplateFunction(variadic: 0) { .string(GoFormatter.sprintln($0.arguments)) },
    "printf": TemplateFunction(variadic: 1) { call in
      .string(GoFormatter.sprintf(try call.string(0), Array(call.arguments.dropFirst())))
    },
    "eq": TemplateFunction(variadic: 1) { call in
      guard call.count > 1 else { throw FunctionError("missing argument for comparison") }
      for other in call.arguments.dropFirst() where try GoCompare.equal(call[0], other) { return .bool(true) }
      return .bool(false)
    },
    "ne": TemplateFunction(arity: 2) { call in .bool(!(try GoCompare.equal(call[0], call[1]))) },
    "lt": TemplateFunction(arity: 2) { call in .bool(try GoCompare.less(call[0], call[1])) },
    "le": TemplateFunction(arity: 2) { call in
      .bool(try GoCompare.less(call[0], call[1]) || GoCompare.equal(call[0], call[1]))
    },
    "gt": TemplateFunction(arity: 2) { call in
      .bool(!(try GoCompare.less(call[0], call[1]) || GoCompare.equal(call[0], call[1])))
    },
    "ge": TemplateFunction(arity: 2) { call in .bool(!(try GoCompare.less(call[0], call[1]))) },
    "html": TemplateFunction(variadic: 0) { .string(GoEscape.html(evalArgs($0.arguments))) },
    "js": TemplateFunction(variadic: 0) { .string(GoEscape.js(evalArgs($0.arguments))) },
    "urlquery": TemplateFunction(variadic: 0) { .string(GoEscape.queryEscape(evalArgs($0.arguments))) },
    "call": TemplateFunction(variadic: 1) { call in
      throw FunctionError("non-function \(call[0].goString) of type \(call[0].goTypeName)")
    },
  ]

  /// Go's `evalArgs` for the escapers: a lone string as is, otherwise `fmt.Sprint`.
  static func evalArgs(_ args: [Value]) -> String {
    if args.count == 1, case .string(let s) = args[0] { return s }
    return GoFormatter.sprint(args)
  }

  static func indexArgument(_ value: Value, length: Int, isSlice: Bool = false) throws -> Int {
    let x: Int64
    switch value {
    case .int(let n): x = n
    case .null: throw FunctionError("cannot index slice/array with nil")
    default: throw FunctionError("cannot index slice/array with type \(value.goTypeName)")
    }
    if x < 0 || Int(x) > length || (!isSlice && Int(x) == length) {
      throw FunctionError("index out of range: \(x)")
    }
    return Int(x)
  }

  static func index(_ item: Value, _ indexes: [Value]) throws -> Value {
    var current = item
    for index in indexes {
      switch current {
      case .list(let items):
        current = items[try indexArgument(index, length: items.count)]
      case .string(let s):
        let bytes = Array(s.utf8)
        current = .int(Int64(bytes[try indexArgument(index, length: bytes.count)]))
      case .map(let map):
        guard case .string(let key) = index else {
          if case .null = index { return .null }
          throw FunctionError("value has type \(index.goTypeName); should be string")
        }
        current = map[key] ?? .null
      case .null:
        throw FunctionError("index of untyped nil")
      default:
        throw FunctionError("can't index item of type \(current.goTypeName)")
      }
    }
    return current
  }

  static func slice(_ item: Value, _ indexes: [Value]) throws -> Value {
    if indexes.count > 3 { throw FunctionError("too many slice indexes: \(indexes.count)") }
    switch item {
    case .string(let s):
      if indexes.count == 3 { throw FunctionError("cannot 3-index slice a string") }
      let bytes = Array(s.utf8)
      let low = indexes.count > 0 ? try indexArgument(indexes[0], length: bytes.count, isSlice: true) : 0
      let high =
        indexes.count > 1 ? try indexArgument(indexes[1], length: bytes.count, isSlice: true) : bytes.count
      if low > high { throw FunctionError("invalid slice index: \(low) > \(high)") }
      return .string(String(decoding: bytes[low..<high], as: UTF8.self))
    case .list(let items):
      let low = indexes.count > 0 ? try indexArgument(indexes[0], length: items.count, isSlice: true) : 0
      let high =
        indexes.count > 1 ? try indexArgument(indexes[1], length: items.count, isSlice: true) : items.count
      if low > high { throw FunctionError("invalid slice index: \(low) > \(high)") }
      return .list(Array(items[low..<high]))
    case .null:
      throw FunctionError("slice of untyped nil")
    default:
      throw FunctionError("can't slice item of type \(item.goTypeName)")
    }
  }
}
