import Engine
import Kubernetes
import YAML

/// The stack's administrators in `kube-system/aws-auth` (authentication mode `CONFIG_MAP`):
/// one `mapUsers` or `mapRoles` entry per `access.adminArns` ARN, in group `system:masters`.
///
/// The ConfigMap is shared: EKS writes the Fargate pod execution role into it, and losing
/// that entry leaves every Fargate pod Pending. So the stack edits only its own entries —
/// the ARNs it asks for and those it wrote before, recorded in an annotation — with a
/// read-modify-write conditional on `resourceVersion`, and never drops anyone else's.
public struct AwsAuthResource: Resource {
  public static let type = "k8s.aws-auth"
  static let name = "aws-auth"
  static let namespace = "kube-system"
  static let adminGroup = "system:masters"

  public let address = Address(Self.type, "main")
  let adminARNs: [String]
  let extraDependencies: [Address]
  let ownership: KubernetesOwnership
  let access: ClusterAccess

  /// - Parameter dependencies: the Fargate profiles, so EKS's entries are there first.
  public init(
    adminARNs: [String], dependencies: [Address], ownership: KubernetesOwnership, access: ClusterAccess
  ) {
    self.adminARNs = Array(Set(adminARNs)).sorted()
    self.extraDependencies = dependencies
    self.ownership = ownership
    self.access = access
  }

  /// The annotation listing the ARNs this stack wrote (one annotation per stack).
  var recordKey: String { "eks-spark.io/admins.\(ownership.prefix)" }

  public var dependencies: [Address] { [access.cluster] + extraDependencies }

  /// No admins means no entries of ours: nothing to keep (entries written before go).
  public func desired(_ inputs: Inputs) -> Attributes? {
    guard !adminARNs.isEmpty else { return nil }
    return ["admins": .map(Dictionary(uniqueKeysWithValues: adminARNs.map { ($0, Self.entry(for: $0)) }))]
  }

  /// The entry an admin ARN gets: the IAM name as the Kubernetes user name.
  static func entry(for arn: String) -> AttributeValue {
    let name = arn.split(separator: "/").last.map(String.init) ?? arn
    return ["username": .string(name), "groups": .strings([adminGroup])]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard let client = try await access.client(context) else { return nil }
    guard let map = try await client.getIfPresent(.configMap, name: Self.name, namespace: Self.namespace)
    else { return nil }
    let entries = try AwsAuthEntries(map)
    let recorded = recordedARNs(map)
    guard !recorded.isEmpty || adminARNs.contains(where: { entries.entry(for: $0) != nil }) else {
      return nil
    }
    var admins: [String: AttributeValue] = [:]
    for arn in Set(recorded + adminARNs) {
      if let entry = entries.entry(for: arn) {
        admins[arn] = ["username": .string(entry.username), "groups": .strings(entry.groups)]
      } else if recorded.contains(arn) {
        admins[arn] = .null
      }
    }
    return LiveState(attributes: ["admins": .map(admins)], outputs: ["name": .string(Self.name)])
  }

  func recordedARNs(_ map: KubernetesObject) -> [String] {
    (map.metadata.annotations[recordKey] ?? "").split(separator: ",").map(String.init)
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    try await write(adminARNs)
    return ["name": .string(Self.name)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    try await write([])
  }

  /// Replaces the stack's entries with `arns`' (read, edit, write back conditionally; a
  /// conflict means someone else wrote in between, so read again).
  private func write(_ arns: [String]) async throws {
    let client = try await access.client()
    for attempt in 1... {
      let current = try await client.getIfPresent(.configMap, name: Self.name, namespace: Self.namespace)
      if current == nil && arns.isEmpty { return }
      var map = current ?? KubernetesObject(.configMap, name: Self.name, namespace: Self.namespace)
      var entries = try AwsAuthEntries(map)
      entries.remove(Set(recordedARNs(map) + adminARNs + arns))
      for arn in arns {
        let entry = Self.entry(for: arn)
        entries.add(
          arn: arn, username: entry.mapValue?["username"]?.stringValue ?? arn,
          groups: entry.mapValue?["groups"]?.listValue?.compactMap(\.stringValue) ?? [])
      }
      entries.store(in: &map)
      var annotations = map.metadata.annotations
      annotations[recordKey] = arns.isEmpty ? nil : arns.joined(separator: ",")
      map.metadata.annotations = annotations
      do {
        if current == nil {
          _ = try await client.create(map)
        } else {
          _ = try await client.replace(map)
        }
        return
      } catch let error as KubernetesError where (error.isConflict || error.isAlreadyExists) && attempt < 10 {
        continue
      }
    }
  }
}
