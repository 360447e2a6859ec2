import Helm

/// `helm template -o table`: one row per rendered document, in install order, hooks after
/// (kubectl style: upper-case headings, padded columns).
enum RenderResultTable {
  static func render(_ result: RenderResult, includeHooks: Bool) -> String {
    var rows = [["KIND", "NAME", "SOURCE", "HOOK"]]
    for manifest in result.manifests { rows.append([manifest.kind, manifest.name, manifest.path, "-"]) }
    if includeHooks {
      for hook in result.hooks {
        rows.append([hook.kind, hook.name, hook.path, hook.events.joined(separator: ",")])
      }
    }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, text in
        column == 3 ? text : text + String(repeating: " ", count: widths[column] - text.count)
      }.joined(separator: "   ")
    }.joined(separator: "\n")
  }
}
