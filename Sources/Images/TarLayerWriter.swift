/// Writes reproducible layer tars: the same entries always give the same bytes.
///
/// Entries are sorted by path (bytewise), every parent directory is emitted before its
/// children, times are one fixed value, owners are numeric with no user or group names,
/// and paths or link targets too long for ustar go into a PAX header, as Go's archive/tar
/// and GNU tar do.
public struct TarLayerWriter: Sendable {
  /// The modification time of every entry (seconds since 1970); the default 0 matches
  /// `SOURCE_DATE_EPOCH=0` builds.
  public var modificationTime: Int
  /// Mode and owner of the parent directories the writer adds.
  public var directoryMode: UInt32
  public var directoryOwner: FileOwner

  public init(modificationTime: Int = 0, directoryMode: UInt32 = 0o755, directoryOwner: FileOwner = .root) {
    self.modificationTime = modificationTime
    self.directoryMode = directoryMode
    self.directoryOwner = directoryOwner
  }

  /// The tar bytes for `entries`; two entries at one path are an error.
  public func write(_ entries: [LayerEntry]) throws -> [UInt8] {
    var byPath: [String: LayerEntry] = [:]
    for entry in entries {
      guard !entry.path.isEmpty, !entry.path.split(separator: "/").contains("..") else {
        throw ImagesError(
          .file, "the image path \"/\(entry.path)\" is not a path inside the image",
          remedy: "write an absolute path such as /opt/spark/work-dir/job.py")
      }
      if byPath[entry.path] != nil {
        throw ImagesError(
          .file, "two files go to the same image path /\(entry.path)", remedy: "give each file its own path")
      }
      byPath[entry.path] = entry
    }
    for path in Array(byPath.keys) {
      var parts = path.split(separator: "/").dropLast()
      while !parts.isEmpty {
        let parent = parts.joined(separator: "/")
        if let existing = byPath[parent] {
          guard existing.kind == .directory else {
            throw ImagesError(
              .file, "/\(parent) is both a file and the folder of /\(path)", remedy: "move one of them")
          }
        } else {
          byPath[parent] = LayerEntry(
            path: parent, kind: .directory, mode: directoryMode, owner: directoryOwner)
        }
        parts = parts.dropLast()
      }
    }
    var out: [UInt8] = []
    let sorted = byPath.values.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
    for entry in sorted { append(entry, to: &out) }
    out.append(contentsOf: [UInt8](repeating: 0, count: 1024))
    return out
  }

  private func append(_ entry: LayerEntry, to out: inout [UInt8]) {
    var name = entry.path
    var type: UInt8 = 0x30
    var link = ""
    var body: [UInt8] = []
    switch entry.kind {
    case .directory:
      name += "/"
      type = 0x35
    case .file(let contents): body = contents
    case .symlink(let target):
      type = 0x32
      link = target
    }
    var pax: [(String, String)] = []
    let split = Self.splitName(name)
    if split == nil { pax.append(("path", name)) }
    if link.utf8.count > 100 { pax.append(("linkpath", link)) }
    if !pax.isEmpty {
      let records = pax.flatMap { Self.paxRecord($0.0, $0.1) }
      let paxName = "PaxHeaders.0/" + String(name.suffix(80))
      out += header(
        name: ("", String(paxName.prefix(100))), mode: 0o644, owner: .root, size: records.count, type: 0x78,
        link: "")
      out += records
      out += padding(records.count)
    }
    let (prefix, short) = split ?? ("", String(name.utf8.suffix(100)) ?? "")
    out += header(
      name: (prefix, short), mode: entry.mode, owner: entry.owner, size: body.count, type: type,
      link: String(link.utf8.prefix(100)) ?? "")
    out += body
    out += padding(body.count)
  }

  private func padding(_ count: Int) -> [UInt8] {
    [UInt8](repeating: 0, count: (512 - count % 512) % 512)
  }

  private func header(
    name: (prefix: String, name: String), mode: UInt32, owner: FileOwner, size: Int, type: UInt8, link: String
  ) -> [UInt8] {
    var block = [UInt8](repeating: 0, count: 512)
    func put(_ text: String, at offset: Int, width: Int) {
      for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
    }
    func octal(_ value: Int, at offset: Int, width: Int) {
      let digits = String(value, radix: 8)
      put(
        String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1
      )
    }
    put(name.name, at: 0, width: 100)
    octal(Int(mode), at: 100, width: 8)
    octal(owner.uid, at: 108, width: 8)
    octal(owner.gid, at: 116, width: 8)
    octal(size, at: 124, width: 12)
    octal(modificationTime, at: 136, width: 12)
    block[156] = type
    put(link, at: 157, width: 100)
    put("ustar\u{0}00", at: 257, width: 8)
    octal(0, at: 329, width: 8)
    octal(0, at: 337, width: 8)
    put(name.prefix, at: 345, width: 155)
    // The checksum is summed with its own field read as spaces.
    for index in 148..<156 { block[index] = 0x20 }
    let sum = block.reduce(0) { $0 + Int($1) }
    let digits = String(sum, radix: 8)
    put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, at: 148, width: 6)
    block[154] = 0
    block[155] = 0x20
    return block
  }

  /// ustar's name split: up to 155 bytes of prefix, a slash, up to 100 bytes of name.
  static func splitName(_ name: String) -> (String, String)? {
    let bytes = Array(name.utf8)
    if bytes.count <= 100 { return ("", name) }
    guard bytes.count <= 256 else { return nil }
    // The slash after the prefix may not be the directory's own trailing slash.
    for index in stride(from: min(155, bytes.count - 2), through: 1, by: -1)
    where bytes[index] == UInt8(ascii: "/") {
      if bytes.count - index - 1 <= 100 {
        return (
          String(decoding: bytes[..<index], as: UTF8.self),
          String(decoding: bytes[(index + 1)...], as: UTF8.self)
        )
      }
      return nil
    }
    return nil
  }

  /// `"<length> <key>=<value>\n"`, where the length counts itself.
  static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
    let rest = " \(key)=\(value)\n".utf8.count
    var length = rest + String(rest).count
    if String(length).count != String(rest).count { length = rest + String(length).count }
    return Array("\(length) \(key)=\(value)\n".utf8)
  }
}
