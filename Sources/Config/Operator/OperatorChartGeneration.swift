/// The two generations of the Spark Operator chart, whose value keys differ: 1.x (the
/// GoogleCloudPlatform layout, `sparkJobNamespace`) and 2.x (the Kubeflow layout,
/// `spark.jobNamespaces`, `controller.*`).
public enum OperatorChartGeneration: String, Sendable, Equatable {
  case v1 = "1.x"
  case v2 = "2.x"

  /// The generation of a chart version (`1.1.6` → 1.x); versions from 2 on are 2.x.
  public init(version: String) {
    let major = Int(version.split(separator: ".").first ?? "") ?? 1
    self = major >= 2 ? .v2 : .v1
  }
}
