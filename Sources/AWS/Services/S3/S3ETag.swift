/// The ETag S3 gives an object this client uploads, computed locally so a sync can skip
/// unchanged files. A single-part upload's ETag is the body's MD5; a multipart one's is the
/// MD5 of the parts' MD5s followed by `-<part count>`, with the part size the client uses.
public enum S3ETag {
  /// The ETag `putObject` of `body` produces (with the client's threshold and part size
  /// unless others are given).
  public static func of(
    _ body: [UInt8], partSize: Int = S3Client.partSize, multipartThreshold: Int = S3Client.multipartThreshold
  ) -> String {
    guard body.count >= multipartThreshold else { return hex(Crypto.md5(body)) }
    var digests: [UInt8] = []
    var parts = 0
    var offset = 0
    while offset < body.count {
      digests += Crypto.md5(Array(body[offset..<min(offset + partSize, body.count)]))
      offset += partSize
      parts += 1
    }
    return hex(Crypto.md5(digests)) + "-\(parts)"
  }

  /// The ETag of a body read a piece at a time, so a large file is never whole in memory:
  /// `next` hands back the whole body (below the multipart threshold) or its parts of
  /// `partSize` in order, then nil. `multipart` says which (the body's size decides).
  public static func streamed(multipart: Bool, next: () throws -> [UInt8]?) rethrows -> String {
    guard multipart else { return hex(Crypto.md5(try next() ?? [])) }
    var digests: [UInt8] = []
    var parts = 0
    while let part = try next() {
      digests += Crypto.md5(part)
      parts += 1
    }
    return hex(Crypto.md5(digests)) + "-\(parts)"
  }

  static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
