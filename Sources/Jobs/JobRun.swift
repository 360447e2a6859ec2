import FoundationEssentials
import Kubernetes
import Spark
import YAML

/// One read of a run: its SparkApplication and its pods, and what they say together —
/// the state (read as either operator generation writes it), the start-up timeline and
/// what the finished pods cost.
public struct JobRun: Sendable {
  public var application: KubernetesObject
  public var pods: [KubernetesObject]

  public init(application: KubernetesObject, pods: [KubernetesObject]) {
    self.application = application
    self.pods = pods
  }

  public var name: String { application.name }
  public var namespace: String { application.namespace ?? "default" }
  public var job: String { application.metadata.labels[SparkApplicationBuilder.jobLabel] ?? application.name }
  public var status: SparkApplicationStatus { SparkApplicationStatus(object: application.tree) }
  public var createdAt: Date? { application.metadata.creationTimestamp.flatMap(KubernetesTime.parse) }

  public var restartPolicy: SparkRestartPolicy {
    let spec = application.tree.node(at: ["spec", "restartPolicy"])
    return SparkRestartPolicy(
      SparkRestartPolicy.Kind(rawValue: spec?.text(at: ["type"]) ?? "Never") ?? .never,
      onFailureRetries: spec?.integer(at: ["onFailureRetries"]),
      onFailureRetryInterval: spec?.integer(at: ["onFailureRetryInterval"]),
      onSubmissionFailureRetries: spec?.integer(at: ["onSubmissionFailureRetries"]),
      onSubmissionFailureRetryInterval: spec?.integer(at: ["onSubmissionFailureRetryInterval"]))
  }

  public var state: SparkRunState { SparkRunState(status: status, restartPolicy: restartPolicy) }

  public var observations: [SparkPodObservation] {
    pods.compactMap { SparkPodObservation(pod: $0.tree) }
  }

  public func timeline(now: Date) -> SparkStartupTimeline {
    SparkStartupTimeline(
      status: status, pods: observations, createdAt: createdAt, restartPolicy: restartPolicy, now: now)
  }

  /// The driver pod: the status's name, else the operator's `<run>-driver`.
  public var driverPodName: String { status.driverPodName ?? "\(name)-driver" }

  /// What the finished pods cost at the region's Fargate price; nil without a price.
  public func cost(region: String) -> SparkRunCost? {
    guard let price = FargatePrice.of(region: region) else { return nil }
    return try? SparkRunCost(pods: observations, price: price)
  }

  /// Seconds from creation to the end (or to `now` while it runs).
  public func duration(now: Date) -> Double? {
    guard let createdAt else { return nil }
    let end = state.isTerminal ? (status.terminationTime ?? now) : now
    return max(0, end.timeIntervalSince(createdAt))
  }
}

/// What `job status`, `job list` and `job submit --wait -o json` print for one run.
public struct JobRunReport: Sendable, Encodable, Equatable {
  public struct Step: Sendable, Encodable, Equatable {
    public var step: String
    public var at: String?
    public var seconds: Double?
    public var detail: String?
  }

  public var run: String
  public var job: String
  public var namespace: String
  public var state: String
  public var terminal: Bool
  public var outcome: String?
  public var message: String?
  public var submittedAt: String?
  public var durationSeconds: Double?
  /// USD the finished pods cost (CapacityProvisioned × billed time); nil without a price.
  public var costUSD: Double?
  /// Whether every pod has finished, so `costUSD` is final.
  public var costFinal: Bool?
  public var driverPod: String
  public var timeline: [Step]

  public init(_ run: JobRun, region: String, now: Date) {
    let state = run.state
    self.run = run.name
    job = run.job
    namespace = run.namespace
    self.state = state.displayName
    terminal = state.isTerminal
    outcome = state.outcome?.rawValue
    message = run.status.errorMessage
    submittedAt = run.createdAt.map(KubernetesTime.format)
    durationSeconds = run.duration(now: now).map { ($0 * 10).rounded() / 10 }
    let cost = run.cost(region: region)
    costUSD = cost.map { ($0.total * 10_000).rounded() / 10_000 }
    costFinal = cost?.isFinal
    driverPod = run.driverPodName
    timeline = run.timeline(now: now).entries.map {
      Step(
        step: $0.step.rawValue, at: $0.at.map(KubernetesTime.format),
        seconds: $0.duration.map { ($0 * 10).rounded() / 10 }, detail: $0.detail)
    }
  }
}
