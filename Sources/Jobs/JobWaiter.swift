import AWS
import FoundationEssentials
import Kubernetes
import Spark

/// Follows a run to its end: reads it every `pollInterval`, hands each read to the caller
/// (to draw the timeline), explains a run that is stuck instead of waiting on it, and stops
/// at `timeout` (the run keeps going).
public struct JobWaiter: Sendable {
  public let service: JobService
  /// Seconds; nil waits as long as the run takes.
  public var timeout: Double?
  public var diagnosis: JobStuckDiagnosis
  /// Lines of the driver's log shown under a failure.
  public var logTailLines = 20

  public init(service: JobService, timeout: Double?, diagnosis: JobStuckDiagnosis = JobStuckDiagnosis()) {
    self.service = service
    self.timeout = timeout
    self.diagnosis = diagnosis
  }

  /// The run's last read, once it ended COMPLETED (or suspended).
  /// - Throws: `JobsError.jobFailed` with the operator's message and the driver log's tail,
  ///   `.timedOut`, `.stuck`.
  public func wait(run: String, namespace: String, onRead: @Sendable (JobRun) -> Void) async throws -> JobRun
  {
    let timing = service.timing
    let started = timing.now()
    var profiles: [EKSFargateProfile]?
    while true {
      let current = try await service.read(run: run, namespace: namespace)
      onRead(current)
      let state = current.state
      if state.isTerminal {
        if state.outcome == .failed || state.outcome == .submissionFailed {
          throw await failure(current)
        }
        return current
      }
      let now = timing.now()
      if profiles == nil, current.pods.contains(where: { $0.tree.text(at: ["spec", "nodeName"]) == nil }) {
        profiles = try await fargateProfiles()
      }
      if let stuck = diagnosis.diagnose(current, profiles: profiles ?? [], now: now) { throw stuck }
      if let timeout, now.timeIntervalSince(started) >= timeout {
        throw JobsError(
          .timedOut, "run \(run) is still \(state.displayName) after \(Self.format(timeout))",
          remedy:
            "it keeps running: eks-spark job status \(run) follows it, eks-spark job delete \(run) stops it")
      }
      try await timing.sleep(timing.pollInterval)
    }
  }

  /// The failure of a run that ended failed: the operator's words and the driver's last lines.
  public func failure(_ run: JobRun) async -> JobsError {
    let message = run.status.errorMessage ?? "the application ended \(run.state.displayName)"
    var details: [String] = []
    if let log = try? await service.client.log(
      pod: run.driverPodName, namespace: run.namespace, tailLines: logTailLines),
      !log.isEmpty
    {
      let lines = log.split(separator: "\n", omittingEmptySubsequences: false).reversed().drop { $0.isEmpty }
        .reversed()
      details = ["driver log (last \(logTailLines) lines):"] + lines.suffix(logTailLines).map { "  \($0)" }
    }
    return JobsError(
      .jobFailed, "run \(run.name) \(run.state.displayName): \(message)",
      remedy: "eks-spark job logs \(run.name) and eks-spark job events \(run.name) show more",
      details: details)
  }

  /// The stack cluster's Fargate profiles; none when they cannot be read (no diagnosis then).
  private func fargateProfiles() async throws -> [EKSFargateProfile] {
    let cluster = service.mapping.stack.cluster.name
    guard let eks = try? EKSClient(configuration: service.aws),
      let names = try? await eks.listFargateProfiles(clusterName: cluster)
    else { return [] }
    var profiles: [EKSFargateProfile] = []
    for name in names {
      if let profile = try? await eks.describeFargateProfile(clusterName: cluster, name: name) {
        profiles.append(profile)
      }
    }
    return profiles
  }

  static func format(_ seconds: Double) -> String {
    seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0
      ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
  }
}
