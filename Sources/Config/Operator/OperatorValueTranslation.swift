import YAML

/// Rewrites the stack's operator values written for one chart generation into the keys the
/// other reads, so moving `operator.version` from 1.x to 2.x (or back) keeps the settings
/// instead of silently dropping them: the chart ignores keys it does not know.
public struct OperatorValueTranslation: Sendable, Equatable {
  /// One key moved: where it was, where it went, and why the plan says so.
  public struct Rename: Sendable, Equatable, CustomStringConvertible {
    public var from: String
    public var to: String
    /// Where the old key was written.
    public var mark: Mark
    public var generation: OperatorChartGeneration

    public var description: String {
      "operator.values.\(from) is a chart \(generation == .v2 ? "1.x" : "2.x") key; chart \(generation.rawValue) reads it as \(to)"
    }
  }

  /// The values the chart is given.
  public var values: YAMLNode
  public var renames: [Rename]

  /// 1.x key → 2.x key. A 1.x string namespace becomes a 2.x list of namespaces.
  static let table: [(v1: String, v2: String)] = [
    ("sparkJobNamespace", "spark.jobNamespaces"),
    ("serviceAccounts.spark.create", "spark.serviceAccount.create"),
    ("serviceAccounts.spark.name", "spark.serviceAccount.name"),
    ("serviceAccounts.sparkoperator.create", "controller.serviceAccount.create"),
    ("serviceAccounts.sparkoperator.name", "controller.serviceAccount.name"),
    ("rbac.createRole", "spark.rbac.create"),
    ("rbac.createClusterRole", "controller.rbac.create"),
    ("replicaCount", "controller.replicas"),
    ("controllerThreads", "controller.workers"),
    ("podLabels", "controller.labels"),
    ("podAnnotations", "controller.annotations"),
    ("nodeSelector", "controller.nodeSelector"),
    ("tolerations", "controller.tolerations"),
    ("affinity", "controller.affinity"),
    ("resources", "controller.resources"),
    ("uiService.enable", "controller.uiService.enable"),
    ("batchScheduler.enable", "controller.batchScheduler.enable"),
    ("webhook.namespaceSelector", "spark.jobNamespaceSelector"),
    ("resourceQuotaEnforcement.enable", "webhook.resourceQuotaEnforcement.enable"),
  ]

  /// Translates `values` for a chart of `version`. Keys already in the target layout win
  /// over translated ones.
  public init(values: YAMLNode, version: String) {
    let generation = OperatorChartGeneration(version: version)
    var result = values
    var renames: [Rename] = []
    for entry in Self.table {
      let (from, to) = generation == .v2 ? (entry.v1, entry.v2) : (entry.v2, entry.v1)
      let fromPath = from.split(separator: ".").map(String.init)
      let toPath = to.split(separator: ".").map(String.init)
      guard let old = values.value(at: fromPath) else { continue }
      result = result.setting(nil, at: fromPath)
      renames.append(Rename(from: from, to: to, mark: old.mark, generation: generation))
      guard values.value(at: toPath) == nil, let converted = Self.convert(old, from: from) else { continue }
      result = result.setting(converted, at: toPath)
    }
    self.values = result
    self.renames = renames
  }

  /// The one key whose type changed: a namespace and a list of namespaces.
  static func convert(_ node: YAMLNode, from key: String) -> YAMLNode? {
    switch key {
    case "sparkJobNamespace":
      guard let text = node.scalar?.text else { return node }
      return text.isEmpty ? nil : .sequence([.string(text)])
    case "spark.jobNamespaces":
      guard let items = node.sequence else { return node }
      // 1.x watches one namespace; a list of several cannot be said in its terms.
      return items.count == 1 ? items[0] : nil
    default: return node
    }
  }
}
