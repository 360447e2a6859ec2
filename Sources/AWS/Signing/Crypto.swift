import COpenSSL

/// SHA-256 and HMAC-SHA256 from libcrypto, the two primitives SigV4 needs.
enum Crypto {
  static func sha256(_ data: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
    data.withUnsafeBufferPointer { buffer in
      _ = SHA256(buffer.baseAddress, buffer.count, &digest)
    }
    return digest
  }

  static func sha256(_ text: String) -> [UInt8] { sha256(Array(text.utf8)) }

  static func hmacSHA256(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    key.withUnsafeBufferPointer { keyBuffer in
      data.withUnsafeBufferPointer { dataBuffer in
        _ = HMAC(
          EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count), dataBuffer.baseAddress,
          dataBuffer.count, &digest, &length)
      }
    }
    return Array(digest.prefix(Int(length)))
  }

  static func hmacSHA256(key: [UInt8], _ text: String) -> [UInt8] { hmacSHA256(key: key, Array(text.utf8)) }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The SHA-256 of an empty payload, which every body-less request signs.
  static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
}

extension Crypto {
  /// MD5, only for S3's Content-MD5 header (some S3 calls require it).
  static func md5(_ data: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    data.withUnsafeBufferPointer { buffer in
      _ = EVP_Digest(buffer.baseAddress, buffer.count, &digest, &length, EVP_md5(), nil)
    }
    return Array(digest.prefix(Int(length)))
  }
}
