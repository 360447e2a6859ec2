import Stack

/// `eks-spark image list` as a table (kubectl style: upper-case headings, padded columns).
struct ImageTable {
  func render(_ images: [ImageStatus]) -> String {
    guard !images.isEmpty else { return "No images." }
    var rows = [["NAME", "BUILD", "REPOSITORY", "TAG", "DIGEST", "PUSHED"]]
    for image in images {
      rows.append([
        image.name, image.build, image.repository, image.tag, image.digest ?? "-",
        image.pushed ? "yes" : "no",
      ])
    }
    let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, text in
        column == 5 ? text : text + String(repeating: " ", count: widths[column] - text.count)
      }.joined(separator: "   ")
    }.joined(separator: "\n")
  }
}
