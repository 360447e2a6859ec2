import Kubernetes

/// The labels that mark a Kubernetes object as the stack's (DESIGN principle 1), and the
/// check that keeps eks-spark's hands off objects it did not make.
public struct KubernetesOwnership: Sendable, Hashable {
  public static let managedByLabel = "app.kubernetes.io/managed-by"
  public static let managedByValue = "eks-spark"
  public static let stackLabel = "eks-spark.io/stack"

  public var prefix: String

  public init(prefix: String) {
    self.prefix = prefix
  }

  /// The labels every object the stack creates carries.
  public var labels: [String: String] {
    [Self.managedByLabel: Self.managedByValue, Self.stackLabel: prefix]
  }

  /// The label selector that lists the stack's objects.
  public var selector: String {
    "\(Self.managedByLabel)=\(Self.managedByValue),\(Self.stackLabel)=\(prefix)"
  }

  /// Whether the live object is this stack's.
  public func owns(_ object: KubernetesObject) -> Bool {
    let labels = object.metadata.labels
    return labels[Self.managedByLabel] == Self.managedByValue && labels[Self.stackLabel] == prefix
  }

  /// Who owns an object that is not ours, as a plan error names it: another eks-spark
  /// stack, the tool in its managed-by label, or the field managers that wrote it.
  public func owner(of object: KubernetesObject) -> String {
    let labels = object.metadata.labels
    if labels[Self.managedByLabel] == Self.managedByValue, let stack = labels[Self.stackLabel] {
      return "eks-spark stack \(stack)"
    }
    if let tool = labels[Self.managedByLabel] { return "\(tool) (\(Self.managedByLabel)=\(tool))" }
    if let release = object.metadata.annotations["meta.helm.sh/release-name"] {
      return "Helm release \(release)"
    }
    let managers = (object.tree.node(at: ["metadata", "managedFields"])?.sequence ?? [])
      .compactMap { $0.text(at: ["manager"]) }
    var seen = Set<String>()
    let unique = managers.filter { seen.insert($0).inserted }
    return unique.isEmpty
      ? "someone else (no ownership labels)" : "field manager \(unique.joined(separator: ", "))"
  }
}
