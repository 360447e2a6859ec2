/// One document of a release's manifest: the template it came from and its text.
public struct ReleaseDocument: Sendable, Equatable {
  /// The template path (`spark-operator/templates/controller/deployment.yaml`).
  public var source: String
  public var content: String

  public init(source: String, content: String) {
    self.source = source
    self.content = content
  }

  /// Helm's `manifest` text: every document as `---\n# Source: <path>\n<document>\n`,
  /// where Helm's document keeps the newline that ended it in the template.
  public static func manifestText(_ manifests: [Manifest]) -> String {
    manifests.map { "---\n# Source: \($0.path)\n\($0.content)\n\n" }.joined()
  }

  /// Splits a stored manifest back into documents, keeping each one's `# Source:` line.
  public static func split(manifest: String) -> [ReleaseDocument] {
    ManifestSorting.split(manifest).map { document in
      var lines = document.split(separator: "\n", omittingEmptySubsequences: false)
      var source = ""
      if let first = lines.first, first.hasPrefix("# Source: ") {
        source = String(first.dropFirst("# Source: ".count))
        lines.removeFirst()
      }
      return ReleaseDocument(source: source, content: lines.joined(separator: "\n"))
    }
  }
}
