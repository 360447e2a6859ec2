import COpenSSL

/// A content digest as registries write it: `sha256:<64 hex digits>`.
public struct Digest: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
  /// The 64 lowercase hex digits.
  public let hex: String

  /// Parses `sha256:<hex>`; other algorithms are not used by the registries eks-spark talks to.
  public init?(_ text: String) {
    guard text.hasPrefix("sha256:") else { return nil }
    let hex = String(text.dropFirst(7))
    guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
    else { return nil }
    self.hex = hex
  }

  init(hex: String) { self.hex = hex }

  /// The digest of `bytes`.
  public static func of<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Digest {
    var hasher = SHA256Hasher()
    hasher.update(bytes)
    return hasher.finish()
  }

  public var description: String { "sha256:\(hex)" }

  public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.hex < rhs.hex }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let digest = Digest(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "not a sha256 digest: \(text)"))
    }
    self = digest
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// Incremental SHA-256 (libcrypto), so large files and layers are hashed as they stream.
public struct SHA256Hasher: ~Copyable {
  private let context: OpaquePointer

  public init() {
    context = EVP_MD_CTX_new()
    EVP_DigestInit_ex(context, EVP_sha256(), nil)
  }

  deinit { EVP_MD_CTX_free(context) }

  public mutating func update<Bytes: Collection<UInt8>>(_ bytes: Bytes) {
    let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
    }
    if done == nil {
      let copy = Array(bytes)
      copy.withUnsafeBufferPointer { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
    }
  }

  public mutating func update(_ text: String) { update(Array(text.utf8)) }

  public consuming func finish() -> Digest {
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context, &digest, &length)
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in digest.prefix(Int(length)) {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return Digest(hex: String(decoding: out, as: UTF8.self))
  }
}
