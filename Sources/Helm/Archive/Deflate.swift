/// A DEFLATE (RFC 1951) encoder and the gzip (RFC 1952) wrapper around it, the writing half
/// of `Inflate`.
///
/// Helm stores releases gzipped. Fixed-Huffman blocks with a hash-chain LZ77 match finder
/// are enough here: release JSON is repetitive text (manifests, base64 chart files), so it
/// shrinks about as well as with dynamic codes, and any gzip reader (Go's included) accepts it.
public enum Deflate {
  /// A complete gzip member: header (no name, unknown OS), DEFLATE data, CRC-32, size.
  public static func gzip(_ data: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x02, 0xff]
    out += deflate(data)
    let crc = CRC32.checksum(data)
    let size = UInt32(truncatingIfNeeded: data.count)
    for value in [crc, size] {
      for shift in stride(from: 0, to: 32, by: 8) {
        out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
      }
    }
    return out
  }

  /// A raw DEFLATE stream of one final fixed-Huffman block.
  public static func deflate(_ data: [UInt8]) -> [UInt8] {
    var bits = BitWriter()
    bits.write(1, count: 1)  // BFINAL
    bits.write(1, count: 2)  // BTYPE=01, fixed Huffman codes
    data.withUnsafeBufferPointer { input in
      var matcher = MatchFinder(input: input)
      var i = 0
      while i < input.count {
        let (length, distance) = matcher.longestMatch(at: i)
        if length >= 3 {
          bits.writeLength(length)
          bits.writeDistance(distance)
          for position in i..<(i + length) { matcher.insert(position) }
          i += length
        } else {
          bits.writeLiteral(Int(input[i]))
          matcher.insert(i)
          i += 1
        }
      }
    }
    bits.writeLiteral(256)  // end of block
    return bits.finish()
  }
}

/// LZ77 matches through hash chains over the last 32 KiB (zlib's scheme, without lazy
/// matching): the three bytes at a position pick a chain of earlier positions with the
/// same hash, and the longest of up to `maxChain` of them wins.
struct MatchFinder {
  static let windowSize = 32768
  static let hashSize = 1 << 15
  static let maxChain = 64
  let input: UnsafeBufferPointer<UInt8>
  var head = [Int32](repeating: -1, count: hashSize)
  var previous = [Int32](repeating: -1, count: windowSize)

  init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

  func hash(_ i: Int) -> Int {
    (Int(input[i]) << 10 ^ Int(input[i + 1]) << 5 ^ Int(input[i + 2])) & (Self.hashSize - 1)
  }

  mutating func insert(_ i: Int) {
    guard i + 2 < input.count else { return }
    let h = hash(i)
    previous[i & (Self.windowSize - 1)] = head[h]
    head[h] = Int32(i)
  }

  /// The longest earlier match for the bytes at `i` (length 0 when there is none).
  func longestMatch(at i: Int) -> (length: Int, distance: Int) {
    guard i + 2 < input.count else { return (0, 0) }
    let base = input.baseAddress!
    let limit = min(258, input.count - i)
    var best = 0
    var distance = 0
    var candidate = Int(head[hash(i)])
    var chain = Self.maxChain
    while candidate >= 0 && i - candidate <= Self.windowSize && chain > 0 {
      // Only a candidate that also matches one byte past the best so far can beat it.
      if base[candidate + best] == base[i + best] || best == 0 {
        var length = 0
        while length < limit && base[candidate + length] == base[i + length] { length += 1 }
        if length > best {
          best = length
          distance = i - candidate
          if length == limit { break }
        }
      }
      candidate = Int(previous[candidate & (Self.windowSize - 1)])
      chain -= 1
    }
    return (best, distance)
  }
}

/// Writes DEFLATE's bit stream: fields least significant bit first, Huffman codes most
/// significant bit first.
struct BitWriter {
  var bytes: [UInt8] = []
  var buffer: UInt32 = 0
  var filled = 0

  mutating func write(_ value: Int, count: Int) {
    buffer |= UInt32(value) << UInt32(filled)
    filled += count
    while filled >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: buffer))
      buffer >>= 8
      filled -= 8
    }
  }

  /// A Huffman code: reversed so its first bit goes out first.
  mutating func writeCode(_ code: Int, length: Int) {
    var reversed = 0
    for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
    write(reversed, count: length)
  }

  /// RFC 1951 section 3.2.6: the fixed literal/length code.
  mutating func writeLiteral(_ symbol: Int) {
    switch symbol {
    case 0...143: writeCode(0x30 + symbol, length: 8)
    case 144...255: writeCode(0x190 + symbol - 144, length: 9)
    case 256...279: writeCode(symbol - 256, length: 7)
    default: writeCode(0xc0 + symbol - 280, length: 8)
    }
  }

  static let lengthBase = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
    227, 258,
  ]
  static let lengthExtra = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
  static let distanceBase = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097,
    6145, 8193, 12289, 16385, 24577,
  ]
  static let distanceExtra = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
  ]

  mutating func writeLength(_ length: Int) {
    var index = Self.lengthBase.count - 1
    while Self.lengthBase[index] > length { index -= 1 }
    writeLiteral(257 + index)
    write(length - Self.lengthBase[index], count: Self.lengthExtra[index])
  }

  mutating func writeDistance(_ distance: Int) {
    var index = Self.distanceBase.count - 1
    while Self.distanceBase[index] > distance { index -= 1 }
    writeCode(index, length: 5)
    write(distance - Self.distanceBase[index], count: Self.distanceExtra[index])
  }

  mutating func finish() -> [UInt8] {
    if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
    buffer = 0
    filled = 0
    return bytes
  }
}

/// CRC-32 (IEEE 802.3, reflected, as gzip's trailer uses it).
enum CRC32 {
  static let table: [UInt32] = (0..<256).map { n in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  static func checksum(_ data: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }
}
