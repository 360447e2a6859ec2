extension SchemaChecker {
  func checkNumber(_ value: Value, _ rules: [String: Value], path: String, into out: inout [(String, String)])
  {
    guard let actual = number(value) else { return }
    if let limit = number(rules["minimum"]), actual < limit {
      out.append((path, "minimum: got \(format(actual)), want \(format(limit))"))
    }
    if let limit = number(rules["maximum"]), actual > limit {
      out.append((path, "maximum: got \(format(actual)), want \(format(limit))"))
    }
    if let limit = number(rules["exclusiveMinimum"]), actual <= limit {
      out.append((path, "exclusiveMinimum: got \(format(actual)), want \(format(limit))"))
    }
    if let limit = number(rules["exclusiveMaximum"]), actual >= limit {
      out.append((path, "exclusiveMaximum: got \(format(actual)), want \(format(limit))"))
    }
  }

  func checkString(_ value: Value, _ rules: [String: Value], path: String, into out: inout [(String, String)])
  {
    guard case .string(let text) = value else { return }
    let length = text.unicodeScalars.count
    if let limit = number(rules["minLength"]), Double(length) < limit {
      out.append((path, "minLength: got \(length), want \(format(limit))"))
    }
    if let limit = number(rules["maxLength"]), Double(length) > limit {
      out.append((path, "maxLength: got \(length), want \(format(limit))"))
    }
    if case .string(let pattern)? = rules["pattern"] {
      if let regex = try? Regex(pattern), (try? regex.firstMatch(in: text)) == nil {
        out.append((path, "'\(text)' does not match pattern '\(pattern)'"))
      }
    }
  }

  func checkCombinators(
    _ value: Value, _ rules: [String: Value], path: String, into out: inout [(String, String)]
  ) {
    if case .list(let schemas)? = rules["allOf"] {
      for schema in schemas { check(value, schema, path: path, into: &out) }
    }
    if case .list(let schemas)? = rules["anyOf"] {
      let passing = schemas.filter { passes(value, $0, path: path) }
      if passing.isEmpty { out.append((path, "anyOf failed")) }
    }
    if case .list(let schemas)? = rules["oneOf"] {
      let passing = schemas.filter { passes(value, $0, path: path) }.count
      if passing != 1 {
        out.append((path, passing == 0 ? "oneOf failed, none matched" : "oneOf failed, subschemas matched"))
      }
    }
    if let schema = rules["not"], passes(value, schema, path: path) { out.append((path, "not failed")) }
  }

  func passes(_ value: Value, _ schema: Value, path: String) -> Bool {
    var violations: [(String, String)] = []
    check(value, schema, path: path, into: &violations)
    return violations.isEmpty
  }

  func matchesType(_ value: Value, _ type: Value) -> Bool {
    switch type {
    case .string(let name): return matchesType(value, name)
    case .list(let names): return names.contains { matchesType(value, $0) }
    default: return true
    }
  }

  func matchesType(_ value: Value, _ name: String) -> Bool {
    switch (name, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .list), ("object", .map):
      return true
    case ("number", .int), ("number", .float), ("integer", .int): return true
    case ("integer", .float(let number)): return number == number.rounded(.towardZero) && number.isFinite
    default: return false
    }
  }

  func jsonType(_ value: Value) -> String {
    switch value {
    case .null: "null"
    case .bool: "boolean"
    case .int, .float: "number"
    case .string: "string"
    case .list: "array"
    case .map, .object: "object"
    }
  }

  func typeNames(_ type: Value) -> String {
    switch type {
    case .string(let name): return name
    case .list(let names):
      return names.map { if case .string(let n) = $0 { n } else { "?" } }.joined(separator: " or ")
    default: return "?"
    }
  }

  func number(_ value: Value?) -> Double? {
    switch value {
    case .int(let n)?: Double(n)
    case .float(let n)?: n
    default: nil
    }
  }

  func format(_ number: Double) -> String {
    number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
  }

  func quoted(_ value: Value) -> String {
    switch value {
    case .string(let text): "'\(text)'"
    case .int(let n): String(n)
    case .float(let n): format(n)
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    default: "\(value)"
    }
  }

  func equal(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.int, _), (.float, _):
      guard let x = number(a), let y = number(b) else { return false }
      return x == y
    case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
    case (.map(let x), .map(let y)):
      return x.count == y.count && x.allSatisfy { key, value in y[key].map { equal(value, $0) } ?? false }
    default: return false
    }
  }
}
