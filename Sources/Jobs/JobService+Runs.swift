import FoundationEssentials
import Kubernetes
import Spark
import YAML

extension JobService {
  /// The run and its pods (two reads, at the same time).
  public func read(run: String, namespace: String) async throws -> JobRun {
    async let application = client.getIfPresent(Self.sparkApplication, name: run, namespace: namespace)
    async let pods = client.list(
      .pod, namespace: namespace, options: ListOptions(labelSelector: "\(Self.appNameLabel)=\(run)"))
    guard let found = try await application else {
      throw JobsError(
        .runNotFound, "no run \(run) in namespace \(namespace)",
        remedy: "eks-spark job list shows the stack's runs (finished runs go after their timeToLiveSeconds)")
    }
    return JobRun(application: found, pods: try await pods.items)
  }

  /// The stack's runs, newest first (two reads: applications and pods, across namespaces).
  public func list() async throws -> [JobRun] {
    let selector = "eks-spark.io/stack=\(mapping.stack.metadata.prefix)"
    async let applications = client.listAll(
      Self.sparkApplication, options: ListOptions(labelSelector: selector))
    async let pods = client.listAll(.pod, options: ListOptions(labelSelector: Self.appNameLabel))
    let podsByRun = Dictionary(grouping: try await pods.items) {
      "\($0.namespace ?? "")/\($0.metadata.labels[Self.appNameLabel] ?? "")"
    }
    return try await applications.items.map {
      JobRun(application: $0, pods: podsByRun["\($0.namespace ?? "")/\($0.name)"] ?? [])
    }
    .sorted {
      ($0.application.metadata.creationTimestamp ?? "", $0.name) > (
        $1.application.metadata.creationTimestamp ?? "", $1.name
      )
    }
  }

  /// The events of the run and of its pods, oldest first.
  public func events(run: String, namespace: String) async throws -> [JobEvent] {
    let current = try await read(run: run, namespace: namespace)
    let names = Set([run] + current.pods.map(\.name))
    let events = try await client.listAll(.event, namespace: namespace).items
    return events.filter { names.contains($0.tree.text(at: ["involvedObject", "name"]) ?? "") }
      .map(JobEvent.init)
      .sorted { ($0.time ?? "", $0.object) < ($1.time ?? "", $1.object) }
  }

  /// Deletes the run; the operator's owner references take its pods with it.
  public func delete(run: String, namespace: String) async throws {
    guard try await client.deleteIfPresent(Self.sparkApplication, name: run, namespace: namespace) else {
      throw JobsError(
        .runNotFound, "no run \(run) in namespace \(namespace)",
        remedy: "eks-spark job list shows the stack's runs")
    }
  }

  /// Starts a run of a ScheduledSparkApplication now: a SparkApplication from its template,
  /// labelled and owned as the operator labels and owns the runs it starts, so the
  /// schedule's history and `job list` count it.
  public func runNow(schedule: String, namespace: String, suffix: String) async throws -> SubmittedRun {
    guard
      let scheduled = try await client.getIfPresent(
        Self.scheduledSparkApplication, name: schedule, namespace: namespace)
    else {
      throw JobsError(
        .runNotFound, "no schedule \(schedule) in namespace \(namespace)",
        remedy: "jobs with schedule: become ScheduledSparkApplications on eks-spark apply")
    }
    guard let template = scheduled.tree.node(at: ["spec", "template"]) else {
      throw JobsError(.invalidApplication, "schedule \(namespace)/\(schedule) has no spec.template")
    }
    let run = try SparkRunName.make(job: schedule, suffix: suffix)
    var application = KubernetesObject(
      Self.sparkApplication, name: run, namespace: namespace, body: [("spec", template)])
    var labels = scheduled.metadata.labels
    labels["sparkoperator.k8s.io/scheduled-app-name"] = schedule
    labels[SparkApplicationBuilder.jobLabel] = labels[SparkApplicationBuilder.jobLabel] ?? schedule
    for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
      application.tree.set(.string(value), at: ["metadata", "labels", key])
    }
    if let uid = scheduled.metadata.uid {
      application.tree.set(
        .sequence([
          .mapping([
            ("apiVersion", .string(scheduled.apiVersion)), ("kind", .string(scheduled.kind)),
            ("name", .string(schedule)), ("uid", .string(uid)), ("controller", .bool(true)),
          ])
        ]), at: ["metadata", "ownerReferences"])
    }
    let created = try await client.create(application)
    return SubmittedRun(
      run: created.name, namespace: namespace, job: labels[SparkApplicationBuilder.jobLabel] ?? schedule)
  }
}

/// One Kubernetes event of a run, as `job events` prints it.
public struct JobEvent: Sendable, Encodable, Equatable {
  public var time: String?
  public var type: String
  public var reason: String
  public var object: String
  public var message: String

  init(_ event: KubernetesObject) {
    let tree = event.tree
    time =
      tree.text(at: ["lastTimestamp"]) ?? tree.text(at: ["eventTime"]) ?? tree.text(at: ["firstTimestamp"])
      ?? event.metadata.creationTimestamp
    type = tree.text(at: ["type"]) ?? "Normal"
    reason = tree.text(at: ["reason"]) ?? ""
    object =
      "\(tree.text(at: ["involvedObject", "kind"]) ?? "")/\(tree.text(at: ["involvedObject", "name"]) ?? "")"
    message = tree.text(at: ["message"]) ?? ""
  }
}
