#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sprig's integer (`cast.ToInt64`) and float math.
enum SprigMath {
  static func ints(_ call: FunctionCall) -> [Int64] { call.arguments.map(Sprig.int64) }
  static func floats(_ call: FunctionCall) -> [Double] { call.arguments.map(Sprig.float64) }

  static let all: [String: TemplateFunction] = [
    "add1": TemplateFunction(arity: 1) { .int(Sprig.int64($0[0]) &+ 1) },
    "add": TemplateFunction(variadic: 0) { .int(ints($0).reduce(0, &+)) },
    "sub": TemplateFunction(arity: 2) { .int(Sprig.int64($0[0]) &- Sprig.int64($0[1])) },
    "mul": TemplateFunction(variadic: 1) { .int(ints($0).reduce(1, &*)) },
    "div": TemplateFunction(arity: 2) { call in
      let divisor = Sprig.int64(call[1])
      if divisor == 0 { throw FunctionError("runtime error: integer divide by zero") }
      return .int(Sprig.int64(call[0]) / divisor)
    },
    "mod": TemplateFunction(arity: 2) { call in
      let divisor = Sprig.int64(call[1])
      if divisor == 0 { throw FunctionError("runtime error: integer divide by zero") }
      return .int(Sprig.int64(call[0]) % divisor)
    },
    "max": TemplateFunction(variadic: 1) { .int(ints($0).max()!) },
    "biggest": TemplateFunction(variadic: 1) { .int(ints($0).max()!) },
    "min": TemplateFunction(variadic: 1) { .int(ints($0).min()!) },
    "add1f": TemplateFunction(arity: 1) { .float(Sprig.float64($0[0]) + 1) },
    "addf": TemplateFunction(variadic: 0) { .float(floats($0).reduce(0, +)) },
    "subf": TemplateFunction(variadic: 1) { call in
      let values = floats(call)
      return .float(values.dropFirst().reduce(values[0], -))
    },
    "mulf": TemplateFunction(variadic: 1) { .float(floats($0).reduce(1, *)) },
    "divf": TemplateFunction(variadic: 1) { call in
      let values = floats(call)
      return .float(values.dropFirst().reduce(values[0], /))
    },
    "maxf": TemplateFunction(variadic: 1) { .float(floats($0).max()!) },
    "minf": TemplateFunction(variadic: 1) { .float(floats($0).min()!) },
    "floor": TemplateFunction(arity: 1) { .float(Glibc.floor(Sprig.float64($0[0]))) },
    "ceil": TemplateFunction(arity: 1) { .float(Glibc.ceil(Sprig.float64($0[0]))) },
    "round": TemplateFunction(variadic: 2) { call in
      let value = Sprig.float64(call[0])
      let places = Sprig.int64(call[1])
      let threshold = call.count > 2 ? Sprig.float64(call[2]) : 0.5
      let pow10 = pow(10.0, Double(places))
      let digit = pow10 * value
      let (_, fraction) = modf(digit)
      let rounded = fraction >= threshold ? Glibc.ceil(digit) : Glibc.floor(digit)
      return .float(rounded / pow10)
    },
    "randInt": TemplateFunction(arity: 2) { call in
      let low = Int64(try call.int(0))
      let high = Int64(try call.int(1))
      guard high > low else { throw FunctionError("invalid argument to Intn") }
      let bytes = call.options.random.bytes(8)
      let raw = bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
      return .int(low + Int64(raw % UInt64(high - low)))
    },
  ]
}
