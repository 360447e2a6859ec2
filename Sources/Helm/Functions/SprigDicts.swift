/// Sprig's dictionary functions. Maps are values here; the functions that mutate their first
/// argument in Go (`set`, `unset`, `merge*`) return the updated map and the executor writes
/// it back to the variable the template passed (see `TemplateFunction.updatesFirstArgument`).
enum SprigDicts {
  static let all: [String: TemplateFunction] = {
    var table: [String: TemplateFunction] = [
      "dict": TemplateFunction(variadic: 0) { call in
        var map: [String: Value] = [:]
        var i = 0
        while i < call.count {
          let key = Sprig.string(call[i])
          map[key] = i + 1 < call.count ? call[i + 1] : .string("")
          i += 2
        }
        return .map(map)
      },
      "get": TemplateFunction(arity: 2) { call in
        (try call.map(0))[try call.string(1)] ?? .string("")
      },
      "set": TemplateFunction(arity: 3, updatesFirstArgument: true) { call in
        var map = try call.map(0)
        map[try call.string(1)] = call[2]
        return .map(map)
      },
      "unset": TemplateFunction(arity: 2, updatesFirstArgument: true) { call in
        var map = try call.map(0)
        map[try call.string(1)] = nil
        return .map(map)
      },
      "hasKey": TemplateFunction(arity: 2) { call in .bool((try call.map(0))[try call.string(1)] != nil) },
      "pluck": TemplateFunction(variadic: 1) { call in
        let key = try call.string(0)
        var out: [Value] = []
        for index in 1..<call.count {
          if let value = (try call.map(index))[key] { out.append(value) }
        }
        return .list(out)
      },
      "keys": TemplateFunction(variadic: 0) { call in
        var keys: [String] = []
        for index in 0..<call.count { keys += (try call.map(index)).keys.sorted() }
        return .list(keys.map(Value.string))
      },
      "values": TemplateFunction(arity: 1) { call in
        let map = try call.map(0)
        return .list(map.keys.sorted().map { map[$0]! })
      },
      "pick": TemplateFunction(variadic: 1) { call in
        let map = try call.map(0)
        var out: [String: Value] = [:]
        for key in try call.strings(from: 1) where map[key] != nil { out[key] = map[key] }
        return .map(out)
      },
      "omit": TemplateFunction(variadic: 1) { call in
        var map = try call.map(0)
        for key in try call.strings(from: 1) { map[key] = nil }
        return .map(map)
      },
      "dig": TemplateFunction(variadic: 3) { call in
        var keys: [String] = []
        for index in 0..<(call.count - 2) { keys.append(try call.string(index)) }
        let fallback = call[call.count - 2]
        var current = Value.map(try call.map(call.count - 1))
        for key in keys {
          guard case .map(let map) = current, let next = map[key] else { return fallback }
          current = next
        }
        return current
      },
    ]
    for name in ["deepCopy", "mustDeepCopy"] {
      table[name] = TemplateFunction(arity: 1) { call in call[0] }
    }
    for (name, overwrite) in [
      ("merge", false), ("mustMerge", false), ("mergeOverwrite", true), ("mustMergeOverwrite", true),
    ] {
      table[name] = TemplateFunction(variadic: 1, updatesFirstArgument: true) { call in
        var destination = try call.map(0)
        for index in 1..<call.count {
          destination = merge(destination, try call.map(index), overwrite: overwrite)
        }
        return .map(destination)
      }
    }
    return table
  }()

  /// mergo's `Merge` (fill missing or empty keys) and `WithOverride` (source wins), deep for
  /// nested maps.
  static func merge(_ destination: [String: Value], _ source: [String: Value], overwrite: Bool) -> [String:
    Value]
  {
    var result = destination
    for (key, sourceValue) in source {
      let existing = result[key]
      switch sourceValue {
      case .null:
        if overwrite { result[key] = .null }
      case .map(let sourceMap):
        if case .map(let destinationMap)? = existing {
          result[key] = .map(merge(destinationMap, sourceMap, overwrite: overwrite))
        } else if overwrite || existing == nil || !existing!.isTruthy {
          result[key] = sourceValue
        }
      default:
        if overwrite || existing == nil || !existing!.isTruthy { result[key] = sourceValue }
      }
    }
    return result
  }
}
