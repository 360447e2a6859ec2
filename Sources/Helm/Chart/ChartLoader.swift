import FoundationEssentials

/// Loads charts from `.tgz` archives, directories, or files already in memory, the way
/// Helm's `loader` package does: `Chart.yaml` required and validated, `values.yaml` and
/// `values.schema.json` decoded, `templates/` and everything else kept as files,
/// `charts/` turned into subcharts (archives or directories), `.helmignore` applied to
/// directories.
public enum ChartLoader {
  /// A directory or a `.tgz` file.
  public static func load(path: String) throws(HelmError) -> Chart {
    guard FileManager.default.fileExists(atPath: path) else {
      throw HelmError(
        .chartNotFound, "path \"\(path)\" not found",
        remedy: "give a chart directory, a .tgz package, or a chart name with --repo URL")
    }
    if isDirectory(path) { return try loadDirectory(path) }
    return try loadArchive(try readFile(path), source: path)
  }

  /// A gzipped tar archive, as `helm package` writes it.
  public static func loadArchive(_ bytes: [UInt8], source: String = "archive") throws(HelmError) -> Chart {
    let entries: [TarEntry]
    do {
      entries = try Inflate.gunzip(bytes) { tar throws(ArchiveError) in try TarReader.entries(tar) }
    } catch {
      throw HelmError(
        .invalidArchive, "\(source): \(error)",
        remedy: "check that the file is a chart package made by helm package")
    }
    var files: [ChartFile] = []
    for entry in entries {
      let parts = entry.path.replacing("\\", with: "/").split(
        separator: "/", omittingEmptySubsequences: false)
      if parts.count == 1 && parts[0] == "Chart.yaml" {
        throw HelmError(
          .invalidChart, "chart yaml not in base directory", remedy: "package the chart with helm package")
      }
      let name = parts.dropFirst().joined(separator: "/")
      if name.isEmpty { continue }
      files.append(ChartFile(path: name, data: entry.contents))
    }
    if files.isEmpty {
      throw HelmError(
        .invalidArchive, "no files in chart archive", remedy: "package the chart with helm package")
    }
    return try loadFiles(files)
  }

  /// The chart made of `files` (paths relative to the chart root).
  public static func loadFiles(_ files: [ChartFile]) throws(HelmError) -> Chart {
    guard let chartFile = files.first(where: { $0.path == "Chart.yaml" }) else {
      throw HelmError(
        .invalidChart, "Chart.yaml file is missing",
        remedy: "a chart needs Chart.yaml with apiVersion, name and version")
    }
    var metadata = try ChartMetadata(decoding: try HelmYAML.decode(chartFile.text, file: "Chart.yaml"))
    var chart = Chart(metadata: metadata)
    var subchartFiles: [String: [ChartFile]] = [:]
    var subchartOrder: [String] = []
    for file in files {
      switch file.path {
      case "Chart.yaml", "Chart.lock", "requirements.lock": continue
      case "values.yaml":
        guard case .map(let values) = try HelmYAML.decode(file.text, file: "values.yaml", emptyAsMap: true)
        else {
          throw HelmError(.invalidValues, "cannot load values.yaml: top level must be a map", remedy: nil)
        }
        chart.values = values
      case "values.schema.json":
        chart.schema = try HelmYAML.decode(file.text, file: "values.schema.json")
      case "requirements.yaml" where metadata.apiVersion == "v1":
        let requirements = try HelmYAML.decode(file.text, file: "requirements.yaml")
        metadata.dependencies = try ChartMetadata.dependencies(from: requirements["dependencies"])
      default:
        if file.path.hasPrefix("templates/") {
          chart.templates.append(file)
        } else if file.path.hasPrefix("charts/") && !file.path.hasSuffix(".prov") {
          let rest = String(file.path.dropFirst("charts/".count))
          let name = String(rest.split(separator: "/", maxSplits: 1).first ?? "")
          if subchartFiles[name] == nil { subchartOrder.append(name) }
          subchartFiles[name, default: []].append(ChartFile(path: rest, data: file.data))
        } else {
          chart.files.append(file)
        }
      }
    }
    chart.metadata = metadata
    for name in subchartOrder {
      let group = subchartFiles[name] ?? []
      do throws(HelmError) {
        if name.hasSuffix(".tgz") {
          guard let archive = group.first, archive.path == name else {
            throw HelmError(
              .invalidChart, "error unpacking subchart tar in \(metadata.name): expected \(name)")
          }
          chart.dependencies.append(try loadArchive(archive.data, source: "charts/\(name)"))
        } else {
          let inner = group.compactMap { file -> ChartFile? in
            let parts = file.path.split(separator: "/", maxSplits: 1)
            return parts.count < 2 ? nil : ChartFile(path: String(parts[1]), data: file.data)
          }
          chart.dependencies.append(try loadFiles(inner))
        }
      } catch {
        throw HelmError(
          error.code, "error unpacking subchart \(name) in \(metadata.name): \(error.message)",
          remedy: error.remedy)
      }
    }
    return chart
  }

  static func readFile(_ path: String) throws(HelmError) -> [UInt8] {
    do {
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw HelmError(
        .io, "cannot read \(path)", remedy: "check the path and its permissions", cause: "\(error)")
    }
  }
}
