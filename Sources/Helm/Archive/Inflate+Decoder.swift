extension Inflate {
  /// A canonical Huffman code: a fast table for codes up to `fastBits` long, and the
  /// per-length counts and sorted symbols for the rare longer ones.
  struct Huffman {
    static let fastBits = 10
    /// `symbol << 4 | length`, or 0 where the code is longer than `fastBits`.
    var fast: [UInt16]
    var counts: [Int]
    var symbols: [UInt16]

    init(lengths: UnsafeBufferPointer<UInt8>) throws(ArchiveError) {
      var counts = [Int](repeating: 0, count: 16)
      for length in lengths { counts[Int(length)] += 1 }
      counts[0] = 0
      var offsets = [Int](repeating: 0, count: 16)
      for length in 1..<16 { offsets[length] = offsets[length - 1] + counts[length - 1] }
      var symbols = [UInt16](repeating: 0, count: lengths.count)
      for (symbol, length) in lengths.enumerated() where length != 0 {
        symbols[offsets[Int(length)]] = UInt16(symbol)
        offsets[Int(length)] += 1
      }
      // Canonical codes, reversed, because DEFLATE packs Huffman codes from their top bit
      // while the bit reader hands out the stream's low bits first.
      var fast = [UInt16](repeating: 0, count: 1 << Self.fastBits)
      var code = 0
      var index = 0
      for length in 1..<16 {
        for _ in 0..<counts[length] {
          if length <= Self.fastBits {
            var reversed = 0
            for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            let entry = UInt16(Int(symbols[index]) << 4 | length)
            var slot = reversed
            while slot < 1 << Self.fastBits {
              fast[slot] = entry
              slot += 1 << length
            }
          }
          code += 1
          index += 1
        }
        code <<= 1
      }
      self.fast = fast
      self.counts = counts
      self.symbols = symbols
    }
  }

  struct Decoder {
    let input: UnsafeBufferPointer<UInt8>
    var position: Int
    var bits: UInt64 = 0
    var bitCount = 0

    init(input: UnsafeBufferPointer<UInt8>, position: Int) {
      self.input = input
      self.position = position
    }

    /// The byte after the last one the stream used (the bit buffer's unread bytes returned).
    var bytePosition: Int { position - bitCount / 8 }

    @inline(__always) mutating func refill() {
      while bitCount <= 56 {
        let byte: UInt64 = position < input.count ? UInt64(input[position]) : 0
        bits |= byte << UInt64(bitCount)
        position += 1
        bitCount += 8
      }
    }

    @inline(__always) mutating func take(_ count: Int) throws(ArchiveError) -> Int {
      if bitCount < count { refill() }
      if position - bitCount / 8 > input.count { throw .truncated("deflate stream") }
      let value = Int(bits & ((1 << UInt64(count)) - 1))
      bits >>= UInt64(count)
      bitCount -= count
      return value
    }

    @inline(__always) mutating func decode(_ code: Huffman) throws(ArchiveError) -> Int {
      if bitCount < 16 { refill() }
      let entry = Int(code.fast[Int(bits & ((1 << UInt64(Huffman.fastBits)) - 1))])
      if entry != 0 {
        let length = entry & 15
        bits >>= UInt64(length)
        bitCount -= length
        return entry >> 4
      }
      // Slow path: walk the canonical code one bit at a time (codes of 11 to 15 bits).
      var value = 0
      var first = 0
      var index = 0
      for length in 1..<16 {
        value |= Int((bits >> UInt64(length - 1)) & 1)
        let count = code.counts[length]
        if value - first < count {
          bits >>= UInt64(length)
          bitCount -= length
          return Int(code.symbols[index + value - first])
        }
        index += count
        first = (first + count) << 1
        value <<= 1
      }
      throw .corrupt("invalid Huffman code")
    }

    mutating func run(into output: inout OutputBuffer) throws(ArchiveError) {
      var final = false
      while !final {
        final = try take(1) == 1
        switch try take(2) {
        case 0: try stored(into: &output)
        case 1: try codes(Tables.fixedLiteral, Tables.fixedDistance, into: &output)
        case 2:
          let (literal, distance) = try dynamicTables()
          try codes(literal, distance, into: &output)
        default: throw .corrupt("invalid deflate block type")
        }
      }
      // Drop the partial byte so `bytePosition` lands on the trailer.
      let drop = bitCount % 8
      bits >>= UInt64(drop)
      bitCount -= drop
    }

    mutating func stored(into output: inout OutputBuffer) throws(ArchiveError) {
      let drop = bitCount % 8
      bits >>= UInt64(drop)
      bitCount -= drop
      let length = try take(16)
      let complement = try take(16)
      guard length == ~complement & 0xffff else { throw .corrupt("stored block length mismatch") }
      output.reserve(length)
      for _ in 0..<length {
        output.base[output.count] = UInt8(try take(8))
        output.count += 1
      }
    }

    mutating func dynamicTables() throws(ArchiveError) -> (Huffman, Huffman) {
      let literalCount = try take(5) + 257
      let distanceCount = try take(5) + 1
      let codeCount = try take(4) + 4
      guard literalCount <= 286, distanceCount <= 30 else { throw .corrupt("too many codes") }
      var codeLengths = [UInt8](repeating: 0, count: 19)
      for index in 0..<codeCount { codeLengths[Tables.codeLengthOrder[index]] = UInt8(try take(3)) }
      let lengthCode = try codeLengths.withUnsafeBufferPointer { buffer throws(ArchiveError) in
        try Huffman(lengths: buffer)
      }
      var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
      var index = 0
      while index < lengths.count {
        let symbol = try decode(lengthCode)
        if symbol < 16 {
          lengths[index] = UInt8(symbol)
          index += 1
          continue
        }
        var repeated: UInt8 = 0
        var times: Int
        switch symbol {
        case 16:
          guard index > 0 else { throw .corrupt("repeat with no previous length") }
          repeated = lengths[index - 1]
          times = 3 + (try take(2))
        case 17: times = 3 + (try take(3))
        default: times = 11 + (try take(7))
        }
        guard index + times <= lengths.count else { throw .corrupt("too many code lengths") }
        for _ in 0..<times {
          lengths[index] = repeated
          index += 1
        }
      }
      guard lengths[256] != 0 else { throw .corrupt("no end-of-block code") }
      return try lengths.withUnsafeBufferPointer { buffer throws(ArchiveError) in
        (
          try Huffman(lengths: UnsafeBufferPointer(rebasing: buffer[0..<literalCount])),
          try Huffman(lengths: UnsafeBufferPointer(rebasing: buffer[literalCount...]))
        )
      }
    }

    mutating func codes(_ literal: Huffman, _ distance: Huffman, into output: inout OutputBuffer)
      throws(ArchiveError)
    {
      while true {
        let symbol = try decode(literal)
        if symbol < 256 {
          output.reserve(1)
          output.base[output.count] = UInt8(truncatingIfNeeded: symbol)
          output.count += 1
          continue
        }
        if symbol == 256 { return }
        let lengthIndex = symbol - 257
        guard lengthIndex < 29 else { throw .corrupt("invalid length symbol") }
        let length = Tables.lengthBase[lengthIndex] + (try take(Tables.lengthExtra[lengthIndex]))
        let distanceSymbol = try decode(distance)
        guard distanceSymbol < 30 else { throw .corrupt("invalid distance symbol") }
        let back = Tables.distanceBase[distanceSymbol] + (try take(Tables.distanceExtra[distanceSymbol]))
        guard back <= output.count else { throw .corrupt("distance too far back") }
        output.reserve(length)
        let base = output.base
        var from = output.count - back
        var to = output.count
        // Byte by byte: the copy may overlap itself (a run), which is how DEFLATE encodes repeats.
        for _ in 0..<length {
          base[to] = base[from]
          to += 1
          from += 1
        }
        output.count = to
      }
    }
  }

  enum Tables {
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    static let lengthBase = [
      3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
      163, 195, 227, 258,
    ]
    static let lengthExtra = [
      0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase = [
      1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
      3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [
      0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    static let fixedLiteral: Huffman = {
      var lengths = [UInt8](repeating: 8, count: 288)
      for index in 144..<256 { lengths[index] = 9 }
      for index in 256..<280 { lengths[index] = 7 }
      return try! lengths.withUnsafeBufferPointer { try Huffman(lengths: $0) }
    }()
    static let fixedDistance: Huffman = {
      let lengths = [UInt8](repeating: 5, count: 30)
      return try! lengths.withUnsafeBufferPointer { try Huffman(lengths: $0) }
    }()
  }
}
