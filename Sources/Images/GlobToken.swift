/// One piece of a `.dockerignore` pattern, matched against path bytes.
enum GlobToken: Sendable, Hashable {
  case literal(UInt8)
  /// `*`: any run of bytes but `/`.
  case star
  /// `?`: one byte but `/`.
  case one
  /// `[a-z]`, `[^abc]`: ranges of bytes (never `/`).
  case set([ClosedRange<UInt8>], negated: Bool)
  /// `**/` (or `**` before more pattern): any number of whole folders, even none.
  case folders
  /// `**` at the end: anything at all.
  case rest

  static func parse(_ pattern: String) -> [GlobToken] {
    let bytes = Array(pattern.utf8)
    var tokens: [GlobToken] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "*"):
        if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
          index += 1
          if index < bytes.count, bytes[index] == UInt8(ascii: "/") { index += 1 }
          tokens.append(index == bytes.count ? .rest : .folders)
        } else {
          tokens.append(.star)
        }
      case UInt8(ascii: "?"): tokens.append(.one)
      case UInt8(ascii: "\\") where index < bytes.count:
        tokens.append(.literal(bytes[index]))
        index += 1
      case UInt8(ascii: "["):
        var negated = false
        var cursor = index
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "^") || bytes[cursor] == UInt8(ascii: "!") {
          negated = true
          cursor += 1
        }
        var ranges: [ClosedRange<UInt8>] = []
        var closed = false
        while cursor < bytes.count {
          if bytes[cursor] == UInt8(ascii: "]"), !ranges.isEmpty {
            closed = true
            cursor += 1
            break
          }
          var low = bytes[cursor]
          if low == UInt8(ascii: "\\"), cursor + 1 < bytes.count {
            cursor += 1
            low = bytes[cursor]
          }
          cursor += 1
          var high = low
          if cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "-"),
            bytes[cursor + 1] != UInt8(ascii: "]")
          {
            high = bytes[cursor + 1]
            cursor += 2
          }
          ranges.append(min(low, high)...max(low, high))
        }
        if closed {
          tokens.append(.set(ranges, negated: negated))
          index = cursor
        } else {
          tokens.append(.literal(byte))
        }
      default: tokens.append(.literal(byte))
      }
    }
    return tokens
  }

  /// Whether the whole of `path` matches `tokens`.
  static func matches(_ tokens: [GlobToken], _ path: [UInt8]) -> Bool {
    matches(tokens[...], path[...])
  }

  private static func matches(_ tokens: ArraySlice<GlobToken>, _ path: ArraySlice<UInt8>) -> Bool {
    guard let token = tokens.first else { return path.isEmpty }
    let rest = tokens.dropFirst()
    let slash = UInt8(ascii: "/")
    switch token {
    case .literal(let byte):
      return path.first == byte && matches(rest, path.dropFirst())
    case .one:
      guard let first = path.first, first != slash else { return false }
      return matches(rest, path.dropFirst())
    case .set(let ranges, let negated):
      guard let first = path.first, first != slash else { return false }
      guard ranges.contains(where: { $0.contains(first) }) != negated else { return false }
      return matches(rest, path.dropFirst())
    case .star:
      var cursor = path
      while true {
        if matches(rest, cursor) { return true }
        guard let first = cursor.first, first != slash else { return false }
        cursor = cursor.dropFirst()
      }
    case .folders:
      if matches(rest, path) { return true }
      var cursor = path
      while let index = cursor.firstIndex(of: slash) {
        cursor = path[(index + 1)...]
        if matches(rest, cursor) { return true }
      }
      return false
    case .rest:
      return true
    }
  }
}
