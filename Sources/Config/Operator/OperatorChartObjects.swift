import YAML

/// The Kubernetes objects the Spark Operator chart renders for the Spark driver in the job
/// namespaces (its service account, Role and RoleBinding), worked out from the values as
/// each chart generation's templates do, so a clash with the stack's own service account
/// or Role is found at validate time, before the chart is even downloaded.
public struct OperatorChartObjects: Sendable, Equatable {
  /// One rendered object and the value that switches it off.
  public struct Object: Sendable, Equatable, Hashable {
    public var kind: String
    public var namespace: String
    public var name: String
    /// `rbac.createRole: false` (1.x), `spark.rbac.create: false` (2.x)...
    public var switchOff: String

    public var key: String { "\(kind) \(namespace)/\(name)" }
  }

  public var objects: [Object]

  /// - Parameters:
  ///   - values: the values after translation to the chart's generation.
  public init(values: YAMLNode, version: String, release: String, namespace: String) {
    switch OperatorChartGeneration(version: version) {
    case .v1: objects = Self.v1(values, release: release, namespace: namespace)
    case .v2: objects = Self.v2(values, release: release)
    }
  }

  /// 1.1.x `spark-rbac.yaml` and `spark-serviceaccount.yaml`: Role `spark-role` and
  /// RoleBinding `spark` in `sparkJobNamespace` (else the release namespace) when
  /// `rbac.create` or `rbac.createRole`; the service account `<release>-spark` unless named.
  static func v1(_ values: YAMLNode, release: String, namespace: String) -> [Object] {
    let jobNamespace = values.value(at: ["sparkJobNamespace"])?.scalar?.text ?? ""
    let target = jobNamespace.isEmpty ? namespace : jobNamespace
    var out: [Object] = []
    let createRole =
      (values.value(at: ["rbac", "create"])?.boolValue ?? false)
      || (values.value(at: ["rbac", "createRole"])?.boolValue ?? true)
    if createRole {
      let off = "rbac.createRole: false and rbac.create: false"
      out.append(Object(kind: "Role", namespace: target, name: "spark-role", switchOff: off))
      out.append(Object(kind: "RoleBinding", namespace: target, name: "spark", switchOff: off))
    }
    if values.value(at: ["serviceAccounts", "spark", "create"])?.boolValue ?? true {
      let named = values.value(at: ["serviceAccounts", "spark", "name"])?.scalar?.text ?? ""
      out.append(
        Object(
          kind: "ServiceAccount", namespace: target, name: named.isEmpty ? "\(release)-spark" : named,
          switchOff: "serviceAccounts.spark.create: false"))
    }
    return out
  }

  /// 2.x `spark/rbac.yaml` and `spark/serviceaccount.yaml`: per job namespace (default
  /// `default`), a service account, Role and RoleBinding all named
  /// `spark.serviceAccount.name` (default `<fullname>-spark`).
  static func v2(_ values: YAMLNode, release: String) -> [Object] {
    let namespaces =
      values.value(at: ["spark", "jobNamespaces"]).map { node in
        (node.sequence ?? []).compactMap { $0.scalar?.text }.filter { !$0.isEmpty }
      } ?? ["default"]
    let named = values.value(at: ["spark", "serviceAccount", "name"])?.scalar?.text ?? ""
    let createAccount = values.value(at: ["spark", "serviceAccount", "create"])?.boolValue ?? true
    // The chart's fullname: the release name when it already says spark-operator.
    let fullname = release.contains("spark-operator") ? release : "\(release)-spark-operator"
    let name = !named.isEmpty ? named : createAccount ? "\(fullname)-spark" : "default"
    let createRBAC = values.value(at: ["spark", "rbac", "create"])?.boolValue ?? true
    var out: [Object] = []
    for namespace in namespaces {
      if createAccount {
        out.append(
          Object(
            kind: "ServiceAccount", namespace: namespace, name: name,
            switchOff: "spark.serviceAccount.create: false"))
      }
      if createRBAC {
        let off = "spark.rbac.create: false"
        out.append(Object(kind: "Role", namespace: namespace, name: name, switchOff: off))
        out.append(Object(kind: "RoleBinding", namespace: namespace, name: name, switchOff: off))
      }
    }
    return out
  }
}
