/// A render as data: each template's output, the documents Helm would apply in install
/// order, the hooks, the CRDs and the notes. `text(...)` prints it as `helm template` does.
public struct RenderResult: Sendable {
  /// Every rendered template (partials excluded, NOTES.txt excluded), keyed by its full
  /// path (`spark-operator/templates/controller/deployment.yaml`), as Helm's engine returns it.
  public var templates: [String: String]
  /// The root chart's rendered NOTES.txt, if it has one.
  public var notes: String?
  /// Non-hook documents, sorted in Helm's install order.
  public var manifests: [Manifest]
  /// Documents carrying a `helm.sh/hook` annotation, sorted by kind as Helm does.
  public var hooks: [Hook]
  /// The chart's and subcharts' CRD files (printed only with `--include-crds`).
  public var crds: [ChartFile]
  /// Why the documents could not be sorted (a template rendered invalid YAML), as
  /// `helm template` reports it; `templates` still holds what the engine produced.
  public var manifestError: HelmError?

  init(chart: Chart, rendered: [String: String]) {
    var templates = rendered
    var notes: String?
    for key in rendered.keys where key.hasSuffix("NOTES.txt") {
      if key == chart.name + "/templates/NOTES.txt" { notes = rendered[key] }
      templates.removeValue(forKey: key)
    }
    self.templates = templates
    self.notes = notes
    crds = chart.crdFiles()
    do {
      (manifests, hooks) = try ManifestSorting.sort(templates)
    } catch {
      (manifests, hooks) = ([], [])
      manifestError = error
    }
  }

  /// `helm template` output: CRDs (when asked), manifests, then hooks, each as
  /// `---\n# Source: <path>\n<document>\n`.
  public func text(includeCRDs: Bool = false, includeHooks: Bool = true) throws(HelmError) -> String {
    if let manifestError { throw manifestError }
    var body = ""
    if includeCRDs {
      for crd in crds { body += "---\n# Source: \(crd.path)\n\(crd.text)\n" }
    }
    for manifest in manifests { body += "---\n# Source: \(manifest.path)\n\(manifest.content)\n" }
    var out = body.trimmingBlanks + "\n"
    if includeHooks {
      for hook in hooks { out += "---\n# Source: \(hook.path)\n\(hook.manifest)\n" }
    }
    return out
  }
}

/// One document of a rendered template.
public struct Manifest: Sendable, Equatable {
  public var path: String
  public var content: String
  public var kind: String
  public var name: String
}

/// A document with a `helm.sh/hook` annotation.
public struct Hook: Sendable, Equatable {
  public var path: String
  public var manifest: String
  public var kind: String
  public var name: String
  /// `pre-install`, `post-install`, `test`...
  public var events: [String]
  public var weight: Int
  public var deletePolicies: [String]
}
