import COpenSSL

/// Sprig's `encryptAES` / `decryptAES`: AES-256-CBC with the password zero-padded to a
/// 32-byte key, PKCS#7 padding, a random IV prepended, base64 text.
enum SprigAES {
  static func key(_ password: String) -> [UInt8] {
    var key = Array(password.utf8.prefix(32))
    key += [UInt8](repeating: 0, count: 32 - key.count)
    return key
  }

  static func cbc(_ input: [UInt8], key: [UInt8], iv: [UInt8], encrypt: Bool) throws -> [UInt8] {
    guard let ctx = EVP_CIPHER_CTX_new() else { throw FunctionError("openssl: no cipher context") }
    defer { EVP_CIPHER_CTX_free(ctx) }
    guard EVP_CipherInit_ex(ctx, EVP_aes_256_cbc(), nil, key, iv, encrypt ? 1 : 0) == 1 else {
      throw FunctionError("openssl: cipher init failed")
    }
    EVP_CIPHER_CTX_set_padding(ctx, 0)
    var output = [UInt8](repeating: 0, count: input.count + 32)
    var length: Int32 = 0
    guard EVP_CipherUpdate(ctx, &output, &length, input, Int32(input.count)) == 1 else {
      throw FunctionError("crypto/cipher: input not full blocks")
    }
    return Array(output[..<Int(length)])
  }

  static let all: [String: TemplateFunction] = [
    "encryptAES": TemplateFunction(arity: 2) { call in
      let password = try call.string(0)
      let plaintext = try call.string(1)
      if plaintext.isEmpty { return .string("") }
      var content = Array(plaintext.utf8)
      let padding = 16 - content.count % 16
      content += [UInt8](repeating: UInt8(padding), count: padding)
      let iv = call.options.random.bytes(16)
      let encrypted = try cbc(content, key: key(password), iv: iv, encrypt: true)
      return .string(GoBase64.encode(iv + encrypted))
    },
    "decryptAES": TemplateFunction(arity: 2) { call in
      let password = try call.string(0)
      let text = try call.string(1)
      if text.isEmpty { return .string("") }
      guard let bytes = GoBase64.decode(text) else {
        throw FunctionError("illegal base64 data at input byte \(GoBase64.firstBadIndex(text))")
      }
      guard bytes.count >= 16, (bytes.count - 16) % 16 == 0 else {
        throw FunctionError("crypto/cipher: input not full blocks")
      }
      let decrypted = try cbc(
        Array(bytes[16...]), key: key(password), iv: Array(bytes[..<16]), encrypt: false)
      guard let last = decrypted.last, Int(last) <= decrypted.count else { return .string("") }
      return .string(String(decoding: decrypted[..<(decrypted.count - Int(last))], as: UTF8.self))
    },
  ]
}
