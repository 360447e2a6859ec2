/// Sprig's random functions; bytes come from `ExecutionOptions.random`.
enum SprigRandom {
  static let alphanumeric = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
  static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  static let digits = Array("0123456789")
  static let ascii = (32...126).map { Character(Unicode.Scalar(UInt8($0))) }

  static func pick(_ count: Int, from alphabet: [Character], _ call: FunctionCall) -> String {
    guard count > 0 else { return "" }
    let bytes = call.options.random.bytes(count * 2)
    return String(
      (0..<count).map { i in
        alphabet[Int((UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1])) % UInt16(alphabet.count))]
      })
  }

  static let all: [String: TemplateFunction] = [
    "randAlphaNum": TemplateFunction(arity: 1) { call in
      .string(pick(try call.int(0), from: alphanumeric, call))
    },
    "randAlpha": TemplateFunction(arity: 1) { call in .string(pick(try call.int(0), from: letters, call)) },
    "randNumeric": TemplateFunction(arity: 1) { call in .string(pick(try call.int(0), from: digits, call)) },
    "randAscii": TemplateFunction(arity: 1) { call in .string(pick(try call.int(0), from: ascii, call)) },
    "randBytes": TemplateFunction(arity: 1) { call in
      .string(GoBase64.encode(call.options.random.bytes(max(0, try call.int(0)))))
    },
    "uuidv4": TemplateFunction(arity: 0) { call in
      var b = call.options.random.bytes(16)
      b[6] = b[6] & 0x0F | 0x40
      b[8] = b[8] & 0x3F | 0x80
      let hex = GoDigest.hex(b)
      let c = Array(hex)
      return .string(
        String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-"
          + String(c[20..<32]))
    },
    "shuffle": TemplateFunction(arity: 1) { call in
      var chars = Array(try call.string(0))
      let bytes = call.options.random.bytes(chars.count * 2)
      if chars.count > 1 {
        for i in stride(from: chars.count - 1, to: 0, by: -1) {
          let r = Int(UInt16(bytes[2 * i]) << 8 | UInt16(bytes[2 * i + 1])) % (i + 1)
          chars.swapAt(i, r)
        }
      }
      return .string(String(chars))
    },
  ]
}
