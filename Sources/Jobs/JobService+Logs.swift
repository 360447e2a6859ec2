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
        remedy: ids.isEmpty ? "its executors are gone or never started" : "its executors are \(ids.joined(separator: ", "))")
    }
    return pod.name
  }

  /// The whole log of `pod` now.
  public func log(pod: String, namespace: String) async throws -> String {
    do {
      return try await client.log(pod: pod, namespace: namespace)
    } catch let error as KubernetesError where error.isNotFound {
      throw JobsError(
        .runNotFound, "pod \(namespace)/\(pod) is gone, and with it its log",
        remedy: "runs of the stack keep their logs in CloudWatch Logs when the stack turns on Fargate logging")
    }
  }

  /// Follows `pod`'s log: hands each new piece to `write` until the pod has ended and its
  /// last lines were read.
  public func follow(pod: String, namespace: String, write: @Sendable (String) -> Void) async throws {
    var printed = 0
    while true {
      let phase = try await client.getIfPresent(.pod, name: pod, namespace: namespace)?.tree.text(at: ["status", "phase"])
      let text = phase == nil ? "" : ((try? await client.log(pod: pod, namespace: namespace)) ?? "")
      let bytes = Array(text.utf8)
      if bytes.count > printed {
        write(String(decoding: bytes[printed...], as: UTF8.self))
        printed = bytes.count
      }
      guard let phase else {
        if printed == 0 { throw JobsError(.runNotFound, "pod \(namespace)/\(pod) does not exist") }
        return
      }
      if phase == "Succeeded" || phase == "Failed" {
        let rest = Array(((try? await client.log(pod: pod, namespace: namespace)) ?? "").utf8)
        if rest.count > printed { write(String(decoding: rest[printed...], as: UTF8.self)) }
        return
      }
      try await timing.sleep(timing.pollInterval)
    }
  }
}
