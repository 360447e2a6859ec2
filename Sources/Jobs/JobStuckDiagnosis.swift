import AWS
import FoundationEssentials
import Kubernetes
import Spark

/// Why a run makes no progress, when the cluster says so for certain: a pod no Fargate
/// profile selects (its namespace and labels against every profile's selectors), an image
/// that cannot be pulled, a pod refused for its service account, or no operator acting on
/// the run at all. A pod that merely waits for Fargate capacity is not stuck.
public struct JobStuckDiagnosis: Sendable {
  /// A run with no state this long after creation has no operator acting on it.
  public var noStatusAfter: Double

  public init(noStatusAfter: Double = 30) {
    self.noStatusAfter = noStatusAfter
  }

  /// The reason `run` is stuck, or nil while it may still move.
  public func diagnose(_ run: JobRun, profiles: [EKSFargateProfile], now: Date) -> JobsError? {
    if run.status.state == .new, let created = run.createdAt, now.timeIntervalSince(created) >= noStatusAfter
    {
      return JobsError(
        .stuck,
        "run \(run.name) has no state \(Int(now.timeIntervalSince(created)))s after it was created: no Spark Operator is acting on it",
        remedy:
          "check the operator (kubectl get deploy -A -l \(JobPreflight.operatorSelector)) and that it watches namespace \(run.namespace); "
          + JobPreflight.operatorRemedy)
    }
    for pod in run.pods where (pod.tree.text(at: ["status", "phase"]) ?? "Pending") == "Pending" {
      if let reason = imagePullFailure(pod) { return reason }
      if pod.tree.text(at: ["spec", "nodeName"]) == nil, !profiles.isEmpty,
        !profiles.contains(where: { Self.selects($0, pod: pod) })
      {
        return unselected(pod, profiles: profiles)
      }
    }
    return nil
  }

  private func imagePullFailure(_ pod: KubernetesObject) -> JobsError? {
    for status in pod.tree.node(at: ["status", "containerStatuses"])?.sequence ?? [] {
      let reason = status.text(at: ["state", "waiting", "reason"]) ?? ""
      guard ["ErrImagePull", "ImagePullBackOff", "InvalidImageName"].contains(reason) else { continue }
      let image =
        status.text(at: ["image"]) ?? pod.tree.node(at: ["spec", "containers"])?.sequence?.first?.text(at: [
          "image"
        ]) ?? "?"
      let detail = status.text(at: ["state", "waiting", "message"]).map { ": \($0)" } ?? ""
      return JobsError(
        .stuck, "pod \(pod.name) cannot pull image \(image) (\(reason)\(detail))",
        remedy:
          "push the image (eks-spark apply -f stack.yaml builds the stack's images) or fix the job's image; "
          + "Fargate pulls with the pod execution role, which needs ECR read access")
    }
    return nil
  }

  private func unselected(_ pod: KubernetesObject, profiles: [EKSFargateProfile]) -> JobsError {
    let labels = pod.metadata.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let selectors = profiles.flatMap { profile in
      (profile.selectors ?? []).map { selector in
        let wanted = (selector.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "\(profile.fargateProfileName): namespace \(selector.namespace)"
          + (wanted.isEmpty ? "" : " with labels \(wanted.joined(separator: ","))")
      }
    }
    return JobsError(
      .stuck,
      "pod \(pod.namespace ?? "default")/\(pod.name) stays Pending: no Fargate profile selects namespace \(pod.namespace ?? "default") with its labels",
      remedy:
        "add a selector for it to cluster.fargateProfiles in the stack file and run eks-spark apply -f stack.yaml, or run the job in a selected namespace",
      details: ["pod labels: \(labels.joined(separator: ","))", "profile selectors:"]
        + selectors.map { "  \($0)" })
  }

  /// A Fargate profile selects a pod when one selector's namespace matches (`*` and `?`
  /// wildcards) and the pod carries every label the selector names.
  static func selects(_ profile: EKSFargateProfile, pod: KubernetesObject) -> Bool {
    guard profile.status == nil || profile.status == "ACTIVE" else { return false }
    let namespace = pod.namespace ?? "default"
    let labels = pod.metadata.labels
    return (profile.selectors ?? []).contains { selector in
      glob(selector.namespace, matches: namespace)
        && (selector.labels ?? [:]).allSatisfy { labels[$0.key] == $0.value }
    }
  }

  static func glob(_ pattern: String, matches text: String) -> Bool {
    let pattern = Array(pattern)
    let text = Array(text)
    func match(_ p: Int, _ t: Int) -> Bool {
      if p == pattern.count { return t == text.count }
      if pattern[p] == "*" { return (t...text.count).contains { match(p + 1, $0) } }
      guard t < text.count, pattern[p] == "?" || pattern[p] == text[t] else { return false }
      return match(p + 1, t + 1)
    }
    return match(0, 0)
  }
}
