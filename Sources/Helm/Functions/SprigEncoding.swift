import COpenSSL

/// Sprig's encodings and checksums: base64, base32, sha1/sha256/sha512, adler32.
enum SprigEncoding {
  static let all: [String: TemplateFunction] = [
    "b64enc": TemplateFunction(arity: 1) { .string(GoBase64.encode(Array(Sprig.string($0[0]).utf8))) },
    "b64dec": TemplateFunction(arity: 1) { call in
      guard let bytes = GoBase64.decode(Sprig.string(call[0])) else {
        return .string("illegal base64 data at input byte \(GoBase64.firstBadIndex(Sprig.string(call[0])))")
      }
      return .string(String(decoding: bytes, as: UTF8.self))
    },
    "b32enc": TemplateFunction(arity: 1) { .string(GoBase32.encode(Array(Sprig.string($0[0]).utf8))) },
    "b32dec": TemplateFunction(arity: 1) { call in
      guard let bytes = GoBase32.decode(Sprig.string(call[0])) else { return .string("illegal base32 data") }
      return .string(String(decoding: bytes, as: UTF8.self))
    },
    "sha1sum": TemplateFunction(arity: 1) {
      .string(GoDigest.hex(GoDigest.sha1(Array(try $0.string(0).utf8))))
    },
    "sha256sum": TemplateFunction(arity: 1) {
      .string(GoDigest.hex(GoDigest.sha256(Array(try $0.string(0).utf8))))
    },
    "sha512sum": TemplateFunction(arity: 1) {
      .string(GoDigest.hex(GoDigest.sha512(Array(try $0.string(0).utf8))))
    },
    "adler32sum": TemplateFunction(arity: 1) {
      .string(String(GoDigest.adler32(Array(try $0.string(0).utf8))))
    },
  ]
}

/// Standard base64 with padding (Go's `base64.StdEncoding`).
enum GoBase64 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 2 < bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      out += [
        alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)],
        alphabet[Int(n & 63)],
      ]
      i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
      let n = UInt32(bytes[i]) << 16
      out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], UInt8(ascii: "="), UInt8(ascii: "=")]
    } else if rest == 2 {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
      out += [
        alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)],
        UInt8(ascii: "="),
      ]
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func value(_ c: UInt8) -> UInt32? {
    switch c {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(c - 65)
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(c - 97 + 26)
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - 48 + 52)
    case UInt8(ascii: "+"): return 62
    case UInt8(ascii: "/"): return 63
    default: return nil
    }
  }

  static func firstBadIndex(_ text: String) -> Int {
    let bytes = Array(text.utf8)
    for (i, c) in bytes.enumerated() where value(c) == nil && c != UInt8(ascii: "=") && c != 10 && c != 13 {
      return i
    }
    return bytes.count - bytes.count % 4
  }

  /// Strict padded decoding (newlines ignored, like Go's decoder).
  static func decode(_ text: String) -> [UInt8]? {
    let bytes = Array(text.utf8).filter { $0 != 10 && $0 != 13 }
    guard bytes.count % 4 == 0 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let chunk = bytes[i..<(i + 4)]
      var n: UInt32 = 0
      var padding = 0
      for (j, c) in chunk.enumerated() {
        if c == UInt8(ascii: "=") {
          guard i + 4 == bytes.count, j >= 2 else { return nil }
          padding += 1
          n <<= 6
        } else {
          guard padding == 0, let v = value(c) else { return nil }
          n = n << 6 | v
        }
      }
      out.append(UInt8(n >> 16 & 0xFF))
      if padding < 2 { out.append(UInt8(n >> 8 & 0xFF)) }
      if padding < 1 { out.append(UInt8(n & 0xFF)) }
      i += 4
    }
    return out
  }
}

/// Standard base32 with padding (Go's `base32.StdEncoding`).
enum GoBase32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let chunk = Array(bytes[i..<min(i + 5, bytes.count)])
      var buffer = chunk + [UInt8](repeating: 0, count: 5 - chunk.count)
      var n: UInt64 = 0
      for b in buffer { n = n << 8 | UInt64(b) }
      let produced = [0, 2, 4, 5, 7, 8][chunk.count]
      for k in 0..<8 {
        out.append(k < produced ? alphabet[Int(n >> UInt64(35 - k * 5) & 31)] : UInt8(ascii: "="))
      }
      buffer.removeAll()
      i += 5
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func decode(_ text: String) -> [UInt8]? {
    let bytes = Array(text.utf8).filter { $0 != 10 && $0 != 13 }
    guard bytes.count % 8 == 0 else { return nil }
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      var n: UInt64 = 0
      var count = 0
      for c in bytes[i..<(i + 8)] {
        n <<= 5
        if c == UInt8(ascii: "=") { continue }
        guard let v = alphabet.firstIndex(of: c) else { return nil }
        n |= UInt64(v)
        count += 1
      }
      let length = [0, 0, 1, 0, 2, 3, 0, 4, 5][count]
      for k in 0..<length { out.append(UInt8(n >> UInt64(32 - k * 8) & 0xFF)) }
      i += 8
    }
    return out
  }
}

/// Message digests through libcrypto.
enum GoDigest {
  static func sha1(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 20)
    _ = SHA1(bytes, bytes.count, &out)
    return out
  }

  static func sha256(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    _ = SHA256(bytes, bytes.count, &out)
    return out
  }

  static func sha512(_ bytes: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 64)
    _ = SHA512(bytes, bytes.count, &out)
    return out
  }

  static func adler32(_ bytes: [UInt8]) -> UInt32 {
    var a: UInt32 = 1
    var b: UInt32 = 0
    for byte in bytes {
      a = (a + UInt32(byte)) % 65521
      b = (b + a) % 65521
    }
    return b << 16 | a
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }
}
