/// Sprig's defaults, logic, type inspection and conversion functions.
enum SprigConversions {
  static let all: [String: TemplateFunction] = [
    "default": TemplateFunction(variadic: 1) { call in
      // default DEFAULT GIVEN: GIVEN unless it is empty (or missing).
      guard call.count > 1 else { return call[0] }
      return call[1].isTruthy ? call[1] : call[0]
    },
    "empty": TemplateFunction(arity: 1) { .bool(!$0[0].isTruthy) },
    "coalesce": TemplateFunction(variadic: 0) { call in call.arguments.first { $0.isTruthy } ?? .null },
    "all": TemplateFunction(variadic: 0) { .bool($0.arguments.allSatisfy(\.isTruthy)) },
    "any": TemplateFunction(variadic: 0) { .bool($0.arguments.contains(where: \.isTruthy)) },
    "ternary": TemplateFunction(arity: 3) { call in (try call.bool(2)) ? call[0] : call[1] },
    "typeOf": TemplateFunction(arity: 1) { .string($0[0].goTypeName) },
    "kindOf": TemplateFunction(arity: 1) { .string($0[0].goKindName) },
    "typeIs": TemplateFunction(arity: 2) { call in .bool(try call.string(0) == call[1].goTypeName) },
    "typeIsLike": TemplateFunction(arity: 2) { call in
      let target = try call.string(0)
      let name = call[1].goTypeName
      return .bool(target == name || "*" + target == name)
    },
    "kindIs": TemplateFunction(arity: 2) { call in .bool(try call.string(0) == call[1].goKindName) },
    "deepEqual": TemplateFunction(arity: 2) { call in .bool(call[0].deepEquals(call[1])) },
    "atoi": TemplateFunction(arity: 1) { call in
      let text = try call.string(0)
      var body = Substring(text)
      if body.hasPrefix("+") { body = body.dropFirst() }
      return .int(Int64(body) ?? 0)
    },
    "int": TemplateFunction(arity: 1) { .int(Sprig.int64($0[0])) },
    "int64": TemplateFunction(arity: 1) { .int(Sprig.int64($0[0])) },
    "float64": TemplateFunction(arity: 1) { .float(Sprig.float64($0[0])) },
    "toDecimal": TemplateFunction(arity: 1) { call in
      .int(Int64(Sprig.string(call[0]), radix: 8) ?? 0)
    },
  ]
}
