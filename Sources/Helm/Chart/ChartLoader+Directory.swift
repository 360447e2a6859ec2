import FoundationEssentials

extension ChartLoader {
  /// A chart directory, with `.helmignore` applied (ignored directories are not entered).
  static func loadDirectory(_ root: String) throws(HelmError) -> Chart {
    let base = root.hasSuffix("/") ? String(root.dropLast()) : root
    var ignore = HelmIgnore.defaults
    if FileManager.default.fileExists(atPath: base + "/.helmignore") {
      ignore = try HelmIgnore(parsing: String(decoding: try readFile(base + "/.helmignore"), as: UTF8.self))
    }
    var files: [ChartFile] = []
    try walk(base, relative: "", ignore: ignore, into: &files)
    return try loadFiles(files)
  }

  static func walk(_ base: String, relative: String, ignore: HelmIgnore, into files: inout [ChartFile])
    throws(HelmError)
  {
    let directory = relative.isEmpty ? base : base + "/" + relative
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    } catch {
      throw HelmError(.io, "cannot read directory \(directory)", remedy: nil, cause: "\(error)")
    }
    for name in names {
      let path = relative.isEmpty ? name : relative + "/" + name
      let directory = isDirectory(base + "/" + path)
      if ignore.ignores(path, isDirectory: directory) { continue }
      if directory {
        try walk(base, relative: path, ignore: ignore, into: &files)
      } else {
        files.append(ChartFile(path: path, data: try readFile(base + "/" + path)))
      }
    }
  }

  static func isDirectory(_ path: String) -> Bool {
    let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    return type == .typeDirectory
  }
}
