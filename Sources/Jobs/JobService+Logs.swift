import AWS
import FoundationEssentials
import Kubernetes

extension JobService {
  /// The pod whose log `job logs` reads: the driver, or executor `executor` (its
  /// `spark-exec-id`).
  public func logPod(of run: JobRun, executor: Int?) throws -> String {
    guard let executor else { return run.driverPodName }
    guard let pod = run.pods.first(where: { $0.metadata.labels["spark-exec-id"] == String(executor) }) else {
      let ids = run.pods.compactMap { $0.metadata.labels["spark-exec-id"] }.sorted()
      throw JobsError(
        .runNotFound, "run \(run.name) has no executor \(executor)",
        remedy: ids.isEmpty
          ? "its executors are gone or never started" : "its executors are \(ids.joined(separator: ", "))")
    }
    return pod.name
  }

  /// The pod `job logs` reads for a run that may be gone: a finished run's application is
  /// deleted after its time to live, and its driver's log is then read from the archive
  /// under the operator's name for it.
  public func logPod(run: String, namespace: String, executor: Int?) async throws -> String {
    do {
      return try logPod(of: try await read(run: run, namespace: namespace), executor: executor)
    } catch let error as JobsError where error.code == .runNotFound && executor == nil {
      return "\(run)-driver"
    }
  }

  /// The whole log of `pod`: from the pod while it exists, else from CloudWatch Logs,
  /// where Fargate's log router kept it.
  public func log(pod: String, namespace: String) async throws -> String {
    do {
      return try await client.log(pod: pod, namespace: namespace)
    } catch let error as KubernetesError where error.isNotFound {
      return try await archive().log(pod: pod, namespace: namespace)
    }
  }

  /// The CloudWatch Logs reader of this stack's region.
  public func archive() throws -> JobLogArchive {
    JobLogArchive(client: client, logs: try CloudWatchLogsClient(configuration: aws))
  }

  /// Follows `pod`'s log: waits for the pod to appear (a run just submitted has none yet),
  /// hands each new piece to `write`, and returns once the pod has ended and its last lines
  /// were read.
  public func follow(run: String, pod: String, namespace: String, write: @Sendable (String) -> Void)
    async throws
  {
    var printed = 0
    func flush() async {
      let bytes = Array(((try? await client.log(pod: pod, namespace: namespace)) ?? "").utf8)
      if bytes.count > printed {
        write(String(decoding: bytes[printed...], as: UTF8.self))
        printed = bytes.count
      }
    }
    while true {
      guard
        let phase = try await client.getIfPresent(.pod, name: pod, namespace: namespace)?.tree.text(at: [
          "status", "phase",
        ])
      else {
        if printed > 0 { return }
        let current = try await read(run: run, namespace: namespace)
        if current.state.isTerminal {
          throw JobsError(.runNotFound, "run \(run) ended \(current.state.displayName) without a pod \(pod)")
        }
        try await timing.sleep(timing.pollInterval)
        continue
      }
      if phase != "Pending" { await flush() }
      if phase == "Succeeded" || phase == "Failed" {
        await flush()
        return
      }
      try await timing.sleep(timing.pollInterval)
    }
  }
}
