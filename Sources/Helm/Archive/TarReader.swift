/// One regular file from a tar archive.
public struct TarEntry: Sendable, Equatable {
  /// The path inside the archive, with pax and GNU long names applied.
  public var path: String
  public var contents: [UInt8]
}

/// Reads the regular files of a tar archive: POSIX ustar, GNU long names (`L`) and pax
/// extended headers (`x` per file, `g` global). Directories, links and devices are skipped,
/// as Helm's chart loader skips them.
public enum TarReader {
  public static func entries(_ data: [UInt8]) throws(ArchiveError) -> [TarEntry] {
    var entries: [TarEntry] = []
    var offset = 0
    var longName: String?
    var paxPath: String?
    var paxSize: Int?
    while offset + 512 <= data.count {
      let header = data[offset..<offset + 512]
      if header.allSatisfy({ $0 == 0 }) { break }  // end-of-archive marker
      guard checksumMatches(data, at: offset) else { throw .corrupt("tar header checksum at byte \(offset)") }
      var size = try number(data, offset + 124, 12)
      if let paxSize { size = paxSize }
      let type = data[offset + 156]
      let bodyStart = offset + 512
      guard bodyStart + size <= data.count else { throw .truncated("tar entry body") }
      let body = Array(data[bodyStart..<bodyStart + size])
      offset = bodyStart + (size + 511) / 512 * 512
      switch type {
      case UInt8(ascii: "L"):
        longName = cString(body[...])
        continue
      case UInt8(ascii: "x"), UInt8(ascii: "g"):
        // Global records ("g") hold defaults such as mtime that a chart loader has no use for.
        if type == UInt8(ascii: "x") {
          let records = try paxRecords(body)
          paxPath = records["path"]
          paxSize = records["size"].flatMap { Int($0) }
        }
        continue
      default: break
      }
      let path = longName ?? paxPath ?? headerPath(data, offset: bodyStart - 512)
      longName = nil
      paxPath = nil
      paxSize = nil
      // "0" and NUL are regular files (NUL from pre-POSIX tars); "7" is contiguous, read alike.
      if type == UInt8(ascii: "0") || type == 0 || type == UInt8(ascii: "7") {
        entries.append(TarEntry(path: path, contents: body))
      }
    }
    return entries
  }

  static func headerPath(_ data: [UInt8], offset: Int) -> String {
    let name = cString(data[offset..<offset + 100])
    let isUstar = data[offset + 257..<offset + 262].elementsEqual("ustar".utf8)
    if isUstar {
      let prefix = cString(data[offset + 345..<offset + 500])
      if !prefix.isEmpty { return prefix + "/" + name }
    }
    return name
  }

  static func cString(_ bytes: ArraySlice<UInt8>) -> String {
    let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
    return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
  }

  /// An octal field, or GNU's base-256 form (top bit set) used for sizes above 8 GiB.
  static func number(_ data: [UInt8], _ start: Int, _ length: Int) throws(ArchiveError) -> Int {
    if data[start] & 0x80 != 0 {
      var value = Int(data[start] & 0x7f)
      for index in start + 1..<start + length { value = value << 8 | Int(data[index]) }
      return value
    }
    var value = 0
    for index in start..<start + length {
      let byte = data[index]
      if byte == 0 || byte == 0x20 {
        if value > 0 { break } else { continue }
      }
      guard byte >= 0x30 && byte <= 0x37 else { throw .corrupt("bad octal number in tar header") }
      value = value * 8 + Int(byte - 0x30)
    }
    return value
  }

  static func checksumMatches(_ data: [UInt8], at offset: Int) -> Bool {
    guard let stored = try? number(data, offset + 148, 8) else { return false }
    var sum = 0
    for index in offset..<offset + 512 {
      sum += (index >= offset + 148 && index < offset + 156) ? 0x20 : Int(data[index])
    }
    return sum == stored
  }

  /// Pax records: `"<length> <key>=<value>\n"`, the length counting the whole record.
  static func paxRecords(_ body: [UInt8]) throws(ArchiveError) -> [String: String] {
    var records: [String: String] = [:]
    var index = 0
    while index < body.count, body[index] != 0 {
      guard let space = body[index...].firstIndex(of: 0x20),
        let length = Int(String(decoding: body[index..<space], as: UTF8.self)), length > 0,
        index + length <= body.count
      else { throw .corrupt("bad pax record") }
      let record = body[(space + 1)..<(index + length - 1)]
      if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
        let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
        records[key] = String(decoding: record[(equals + 1)...], as: UTF8.self)
      }
      index += length
    }
    return records
  }
}
