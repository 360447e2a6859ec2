import YAML

/// Puts the operator's pods on Fargate through the chart's own values: when the Fargate
/// profile that selects the operator namespace also asks for pod labels, those labels go
/// into the chart's pod-label values (1.x `podLabels`; 2.x `controller.labels` and
/// `webhook.labels`), so every revision renders them and nothing drifts. A patch made
/// after install would be undone by the next upgrade.
public enum OperatorPlacement {
  /// The labels the chart gives its pods anyway.
  public static func chartLabels(_ op: OperatorConfig) -> [KeyValue] {
    [KeyValue("app.kubernetes.io/name", op.chart), KeyValue("app.kubernetes.io/instance", op.release)]
  }

  /// Labels to add to the operator's pods, or none when a profile already selects them.
  public static func requiredLabels(for stack: Stack) -> [KeyValue] {
    let op = stack.sparkOperator
    let selectors = stack.cluster.fargateProfiles.flatMap(\.selectors)
    if selectors.contains(where: { $0.selects(namespace: op.namespace, podLabels: chartLabels(op)) }) {
      return []
    }
    return selectors.first { $0.namespace == op.namespace && !$0.labels.isEmpty }?.labels ?? []
  }

  /// The values `stack`'s operator values gain: value paths and the label mapping, for the
  /// chart generation of `version`.
  public static func podLabels(for stack: Stack, version: String) -> [(path: [String], labels: YAMLNode)] {
    let labels = requiredLabels(for: stack)
    guard !labels.isEmpty else { return [] }
    let node = YAMLNode.mapping(labels.map { ($0.key, YAMLNode.string($0.value)) })
    switch OperatorChartGeneration(version: version) {
    case .v1: return [(["podLabels"], node)]
    case .v2: return [(["controller", "labels"], node), (["webhook", "labels"], node)]
    }
  }

  /// The translated values with the pod labels added where the user set none, and what
  /// was done, for plan.
  public static func values(for stack: Stack, version: String) -> (values: YAMLNode, notes: [String]) {
    let op = stack.sparkOperator
    let translation = OperatorValueTranslation(values: op.values, version: version)
    var notes = translation.renames.map(\.description)
    var node = translation.values
    for (path, labels) in podLabels(for: stack, version: version) where node.value(at: path) == nil {
      node = node.setting(labels, at: path)
      notes.append(
        "operator.values.\(path.joined(separator: ".")) set to the pod labels the Fargate profile for \(op.namespace) selects"
      )
    }
    return (node, notes)
  }
}
