import FoundationEssentials
import YAML

/// What the timeline and the cost need from one driver or executor pod.
public struct SparkPodObservation: Sendable, Equatable {
  public enum Role: String, Sendable, Equatable {
    case driver
    case executor
  }

  public var name: String
  public var role: Role
  /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
  public var phase: String
  public var createdAt: Date?
  /// The `PodScheduled` condition turned true: Fargate found capacity for the pod.
  public var scheduledAt: Date?
  /// The first `Pulling` event, when the caller read events; Fargate bills from here.
  public var imagePullStartedAt: Date?
  /// The Spark container started.
  public var startedAt: Date?
  /// The Spark container ended.
  public var finishedAt: Date?
  /// Fargate's `CapacityProvisioned` annotation (`0.25vCPU 0.5GB`).
  public var capacityProvisioned: String?

  public init(
    name: String, role: Role, phase: String, createdAt: Date? = nil, scheduledAt: Date? = nil,
    imagePullStartedAt: Date? = nil, startedAt: Date? = nil, finishedAt: Date? = nil,
    capacityProvisioned: String? = nil
  ) {
    self.name = name
    self.role = role
    self.phase = phase
    self.createdAt = createdAt
    self.scheduledAt = scheduledAt
    self.imagePullStartedAt = imagePullStartedAt
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.capacityProvisioned = capacityProvisioned
  }

  /// Reads a Pod object; nil when it is not a Spark pod (no `spark-role` label).
  public init?(pod: YAMLNode, imagePullStartedAt: Date? = nil) {
    let metadata = pod["metadata"]
    guard let roleText = metadata?["labels"]?["spark-role"]?.scalar?.text, let role = Role(rawValue: roleText)
    else { return nil }
    func time(_ node: YAMLNode?) -> Date? { node?.scalar.flatMap { KubernetesTime.parse($0.text) } }
    let status = pod["status"]
    let scheduled = status?["conditions"]?.sequence?.first {
      $0["type"]?.scalar?.text == "PodScheduled" && $0["status"]?.scalar?.text == "True"
    }
    // The Spark container is the first; Fargate pods carry no sidecars of their own.
    let state = status?["containerStatuses"]?.sequence?.first?["state"]
    let started = time(state?["running"]?["startedAt"]) ?? time(state?["terminated"]?["startedAt"])
    self.init(
      name: metadata?["name"]?.scalar?.text ?? "", role: role,
      phase: status?["phase"]?.scalar?.text ?? "Pending",
      createdAt: time(metadata?["creationTimestamp"]), scheduledAt: time(scheduled?["lastTransitionTime"]),
      imagePullStartedAt: imagePullStartedAt, startedAt: started,
      finishedAt: time(state?["terminated"]?["finishedAt"]),
      capacityProvisioned: metadata?["annotations"]?["CapacityProvisioned"]?.scalar?.text)
  }
}
