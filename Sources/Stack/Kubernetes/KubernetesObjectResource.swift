import Engine
import Kubernetes
import YAML

/// One Kubernetes object the stack owns (a namespace, a service account, a Role, a
/// RoleBinding), applied server-side with field manager `eks-spark`.
///
/// - read: the live object (absent while the cluster is), refused when another owner's;
///   a server-side apply dry-run of the manifest goes out with the read, and when it would
///   change nothing the object is in sync whatever defaults the server added.
/// - desired: the manifest's labels, annotations and top-level fields, with values from
///   upstream outputs (`ManifestInput`) `(known after apply)` until known.
/// - apply: server-side apply with the stack's labels; `force` only because every field
///   sent is the stack's own.
public struct KubernetesObjectResource: Resource {
  /// A value of the manifest that comes from an upstream output (the IRSA role's ARN).
  public struct ManifestInput: Sendable, Hashable {
    public var path: [String]
    public var address: Address
    public var output: String

    public init(path: [String], address: Address, output: String) {
      self.path = path
      self.address = address
      self.output = output
    }
  }

  public let address: Address
  /// The manifest without the inputs' values and without the ownership labels.
  let manifest: KubernetesObject
  let inputs: [ManifestInput]
  let extraDependencies: [Address]
  let ownership: KubernetesOwnership
  let access: ClusterAccess

  public init(
    _ manifest: KubernetesObject, inputs: [ManifestInput] = [], dependencies: [Address] = [],
    ownership: KubernetesOwnership, access: ClusterAccess
  ) {
    var labelled = manifest
    labelled.metadata.labels = manifest.metadata.labels.merging(ownership.labels) { _, ours in ours }
    self.manifest = labelled
    self.address = Self.address(
      for: manifest.groupVersionKind, name: manifest.name, namespace: manifest.namespace)
    self.inputs = inputs
    self.extraDependencies = dependencies
    self.ownership = ownership
    self.access = access
  }

  /// `k8s.<kind>.<namespace>/<name>` (`k8s.serviceaccount.default/spark`), or
  /// `k8s.<kind>.<name>` for cluster-scoped kinds.
  public static func address(for kind: GroupVersionKind, name: String, namespace: String?) -> Address {
    Address("k8s.\(kind.kind.lowercased())", namespace.map { "\($0)/\(name)" } ?? name)
  }

  public var kind: GroupVersionKind { manifest.groupVersionKind }

  public var dependencies: [Address] {
    var seen = Set<Address>()
    return ([access.cluster] + extraDependencies + inputs.map(\.address)).filter { seen.insert($0).inserted }
  }

  public var timeouts: OperationTimeouts {
    OperationTimeouts(create: .seconds(120), update: .seconds(120), delete: .seconds(300))
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    var attributes = ObjectAttributes.of(resolved(inputs) ?? manifest)
    for input in self.inputs where inputs.string(input.address, input.output) == nil {
      attributes = Self.marking(input.path, unknownIn: attributes)
    }
    return attributes
  }

  /// The manifest with every input filled in, or nil while one is unknown.
  func resolved(_ inputs: Inputs) -> KubernetesObject? {
    var object = manifest
    for input in self.inputs {
      guard let value = inputs.string(input.address, input.output) else { return nil }
      object.tree.set(.string(value), at: input.path)
    }
    return object
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard let client = try await access.client(context) else { return nil }
    // The manifest as the upstream resources now are, for the dry-run.
    var upstream = Inputs()
    for address in Set(inputs.map(\.address)) {
      if let live = try await context.live(of: address) {
        upstream = upstream.recording(live.outputs, for: address)
      }
    }
    let wanted = resolved(upstream)
    async let fetched = client.getIfPresent(kind, name: manifest.name, namespace: manifest.namespace)
    async let preview = dryRun(wanted, client: client)
    guard let live = try await fetched else {
      _ = try? await preview
      return nil
    }
    guard ownership.owns(live) else {
      _ = try? await preview
      throw StackError(
        .notOwned,
        "\(kind.kind) \(live.displayName) already exists and belongs to \(ownership.owner(of: live)); eks-spark changes only objects it made",
        remedy:
          "rename the stack's \(kind.kind.lowercased()), or delete the existing one if it is no longer used")
    }
    // Compared on the fields the stack sets, inputs included.
    let attributes = ObjectAttributes.projected(live, onto: wanted ?? manifest)
    if let wanted, let stored = try await preview,
      ObjectAttributes.projected(stored, onto: wanted) == attributes
    {
      // Applying would store exactly what is live: in sync, even where the server
      // normalises a value the manifest spells differently.
      return LiveState(attributes: ObjectAttributes.of(wanted), outputs: outputs(live))
    }
    return LiveState(attributes: attributes, outputs: outputs(live))
  }

  /// The object as a server-side apply would store it, or nil when the server cannot say
  /// yet (its namespace does not exist).
  private func dryRun(_ object: KubernetesObject?, client: KubernetesClient) async throws -> KubernetesObject?
  {
    guard let object else { return nil }
    do {
      return try await client.apply(object, force: true, dryRun: true)
    } catch let error as KubernetesError where error.isNotFound {
      return nil
    }
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    guard let object = resolved(context.inputs) else {
      throw StackError(
        .unexpectedState, "\(address) still has unknown values after its dependencies were applied")
    }
    let client = try await access.client()
    if change.action == .update,
      let live = try await client.getIfPresent(kind, name: object.name, namespace: object.namespace),
      !ownership.owns(live)
    {
      throw StackError(
        .notOwned, "\(kind.kind) \(live.displayName) belongs to \(ownership.owner(of: live)) now",
        remedy: "run plan again")
    }
    // Every field sent is the stack's own, so taking it from another manager is right.
    let stored = try await client.apply(object, force: true)
    return outputs(stored)
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    let client = try await access.client()
    let (kind, name, namespace) = (self.kind, manifest.name, manifest.namespace)
    guard try await client.deleteIfPresent(kind, name: name, namespace: namespace) else { return }
    _ = try await context.waitUntil("be deleted") { () async throws -> WaitStatus<Bool> in
      try await client.getIfPresent(kind, name: name, namespace: namespace) == nil
        ? .done(true) : .pending("deleting")
    }
  }

  /// Kubernetes answers "not found" for a namespace still being created, and "conflict"
  /// when two writers race: both settle on their own.
  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    guard let error = error as? KubernetesError, error.isConflict || error.isNotFound else { return .fail }
    return .retry(after: .seconds(min(attempt, 5)))
  }

  private func outputs(_ object: KubernetesObject) -> Outputs {
    var outputs: Outputs = ["name": .string(object.name)]
    if let namespace = object.namespace { outputs["namespace"] = .string(namespace) }
    if let uid = object.metadata.uid { outputs["uid"] = .string(uid) }
    return outputs
  }

  /// `attributes` with the value at `path` (an object path) replaced by `.unknown`.
  static func marking(_ path: [String], unknownIn attributes: Attributes) -> Attributes {
    var path = path
    if path.first == "metadata" { path.removeFirst() }
    guard let head = path.first else { return attributes }
    var copy = attributes
    copy[head] = marking(Array(path.dropFirst()), in: attributes[head] ?? .map([:]))
    return copy
  }

  private static func marking(_ path: [String], in value: AttributeValue) -> AttributeValue {
    guard let head = path.first else { return .unknown }
    var entries = value.mapValue ?? [:]
    entries[head] = marking(Array(path.dropFirst()), in: entries[head] ?? .map([:]))
    return .map(entries)
  }
}

extension Inputs {
  /// These inputs with `outputs` known for `address`.
  func recording(_ outputs: Outputs, for address: Address) -> Inputs {
    var known: [Address: Outputs] = [:]
    for other in knownAddresses { known[other] = self.outputs(of: other) }
    known[address] = outputs
    return Inputs(known)
  }
}
