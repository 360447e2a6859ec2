/// Sprig's list functions. Lists are values: functions return new lists.
enum SprigLists {
  static func list(_ v: Value, _ name: String) throws -> [Value] {
    switch v {
    case .list(let items): return items
    case .null: throw FunctionError("runtime error: invalid memory address or nil pointer dereference")
    default: throw FunctionError("Cannot \(name) on type \(v.goTypeName)")
    }
  }

  static func mustAndPlain(
    _ name: String, arity: Int, _ body: @escaping @Sendable (FunctionCall) throws -> Value
  )
    -> [String: TemplateFunction]
  {
    let must = "must" + name.prefix(1).uppercased() + name.dropFirst()
    return [name: TemplateFunction(arity: arity, body), must: TemplateFunction(arity: arity, body)]
  }

  static let all: [String: TemplateFunction] = {
    var table: [String: TemplateFunction] = [
      "list": TemplateFunction(variadic: 0) { .list($0.arguments) },
      "tuple": TemplateFunction(variadic: 0) { .list($0.arguments) },
      "concat": TemplateFunction(variadic: 0) { call in
        var out: [Value] = []
        for arg in call.arguments {
          switch arg {
          case .list(let items): out += items
          case .null: continue
          default: throw FunctionError("Cannot concat type \(arg.goTypeName) as list")
          }
        }
        return .list(out)
      },
      "until": TemplateFunction(arity: 1) { call in
        let n = try call.int(0)
        return .list(untilStep(0, n, n < 0 ? -1 : 1))
      },
      "untilStep": TemplateFunction(arity: 3) { call in
        .list(untilStep(try call.int(0), try call.int(1), try call.int(2)))
      },
      "seq": TemplateFunction(variadic: 0) { call in
        let params = call.arguments.map { Int(Sprig.int64($0)) }
        switch params.count {
        case 0: return .string("")
        case 1: return .string(seq(1, params[0] >= 1 ? 1 : -1, params[0]))
        case 2: return .string(seq(params[0], params[1] >= params[0] ? 1 : -1, params[1]))
        case 3: return .string(seq(params[0], params[1], params[2]))
        default: return .string("")
        }
      },
    ]
    table.merge(mustAndPlain("first", arity: 1) { call in try list(call[0], "find first").first ?? .null }) {
      $1
    }
    table.merge(mustAndPlain("last", arity: 1) { call in try list(call[0], "find last").last ?? .null }) {
      $1
    }
    table.merge(
      mustAndPlain("rest", arity: 1) { call in
        let items = try list(call[0], "find rest")
        return .list(Array(items.dropFirst()))
      }
    ) { $1 }
    table.merge(
      mustAndPlain("initial", arity: 1) { call in
        let items = try list(call[0], "find initial")
        return .list(Array(items.dropLast()))
      }
    ) { $1 }
    let push: @Sendable (FunctionCall) throws -> Value = { call in
      .list(try list(call[0], "push") + [call[1]])
    }
    table.merge(mustAndPlain("append", arity: 2, push)) { $1 }
    table.merge(mustAndPlain("push", arity: 2, push)) { $1 }
    table.merge(
      mustAndPlain("prepend", arity: 2) { call in .list([call[1]] + (try list(call[0], "prepend"))) }
    ) { $1 }
    table.merge(
      mustAndPlain("reverse", arity: 1) { call in .list(try list(call[0], "find reverse").reversed()) }
    ) {
      $1
    }
    table.merge(
      mustAndPlain("uniq", arity: 1) { call in
        var out: [Value] = []
        for item in try list(call[0], "find uniq") where !out.contains(where: { $0.deepEquals(item) }) {
          out.append(item)
        }
        return .list(out)
      }
    ) { $1 }
    table.merge(
      mustAndPlain("compact", arity: 1) { call in
        .list(try list(call[0], "compact").filter { $0.isTruthy })
      }
    ) { $1 }
    for name in ["without", "mustWithout"] {
      table[name] = TemplateFunction(variadic: 1) { call in
        let omit = call.arguments.dropFirst()
        return .list(
          try list(call[0], "find without").filter { item in !omit.contains { $0.deepEquals(item) } })
      }
    }
    for name in ["has", "mustHas"] {
      table[name] = TemplateFunction(arity: 2) { call in
        switch call[1] {
        case .null: return .bool(false)
        case .list(let items): return .bool(items.contains { $0.deepEquals(call[0]) })
        default: throw FunctionError("Cannot find has on type \(call[1].goTypeName)")
        }
      }
    }
    for name in ["slice", "mustSlice"] {
      table[name] = TemplateFunction(variadic: 1) { call in
        guard case .list(let items) = call[0] else {
          throw FunctionError("list should be type of slice or array but \(call[0].goKindName)")
        }
        let start = call.count > 1 ? Int(Sprig.int64(call[1])) : 0
        let end = call.count > 2 ? Int(Sprig.int64(call[2])) : items.count
        guard start >= 0, end <= items.count, start <= end else {
          throw FunctionError("runtime error: slice bounds out of range [\(start):\(end)]")
        }
        return .list(Array(items[start..<end]))
      }
    }
    for name in ["chunk", "mustChunk"] {
      table[name] = TemplateFunction(arity: 2) { call in
        let size = try call.int(0)
        let items = try list(call[1], "chunk")
        guard size > 0 else { throw FunctionError("runtime error: integer divide by zero") }
        return .list(
          stride(from: 0, to: items.count, by: size).map {
            .list(Array(items[$0..<min($0 + size, items.count)]))
          })
      }
    }
    return table
  }()

  static func untilStep(_ start: Int, _ stop: Int, _ step: Int) -> [Value] {
    var out: [Value] = []
    if step == 0 { return out }
    var i = start
    if step > 0 {
      while i < stop {
        out.append(.int(Int64(i)))
        i += step
      }
    } else {
      while i > stop {
        out.append(.int(Int64(i)))
        i += step
      }
    }
    return out
  }

  /// Sprig's `seq`, like the Unix tool: inclusive, space separated.
  static func seq(_ start: Int, _ step: Int, _ end: Int) -> String {
    guard step != 0, (step > 0 && start <= end) || (step < 0 && start >= end) else { return "" }
    return Array(stride(from: start, through: end, by: step)).map(String.init).joined(separator: " ")
  }
}

extension Value {
  /// Go's `reflect.DeepEqual` on these values (int and float64 are different types).
  public func deepEquals(_ other: Value) -> Bool {
    switch (self, other) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.float(let a), .float(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.list(let a), .list(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.deepEquals($1) }
    case (.map(let a), .map(let b)):
      return a.count == b.count && a.allSatisfy { key, value in b[key].map { value.deepEquals($0) } ?? false }
    default: return false
    }
  }
}
