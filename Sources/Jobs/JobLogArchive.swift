import AWS
import Kubernetes

/// A run's logs after its pods are gone: Fargate's log router (the `aws-observability`
/// namespace's `aws-logging` ConfigMap) sends each container's output to CloudWatch Logs,
/// one stream per container named `<log_stream_prefix>kube.var.log.containers.<pod>_<namespace>_<container>-<id>.log`.
public struct JobLogArchive: Sendable {
  /// Where Fargate sends container output, as the ConfigMap's `[OUTPUT]` section says.
  public struct Destination: Sendable, Equatable {
    public var group: String
    public var streamPrefix: String
  }

  let client: KubernetesClient
  let logs: CloudWatchLogsClient

  public init(client: KubernetesClient, logs: CloudWatchLogsClient) {
    self.client = client
    self.logs = logs
  }

  /// The destination the cluster's logging ConfigMap names; nil when logging is off.
  public func destination() async throws -> Destination? {
    guard
      let configMap = try await client.getIfPresent(
        .configMap, name: "aws-logging", namespace: "aws-observability"),
      let text = configMap.tree.text(at: ["data", "output.conf"])
    else { return nil }
    return Self.destination(outputConf: text)
  }

  /// The first CloudWatch `[OUTPUT]` of a Fluent Bit configuration.
  static func destination(outputConf: String) -> Destination? {
    var sections: [[String: String]] = []
    var inOutput = false
    for raw in outputConf.split(separator: "\n") {
      let line = Self.trimmed(raw)
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("[") && line.hasSuffix("]") {
        inOutput = line.uppercased() == "[OUTPUT]"
        if inOutput { sections.append([:]) }
        continue
      }
      guard inOutput else { continue }
      let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
      sections[sections.count - 1][parts[0].lowercased()] =
        parts.count > 1 ? Self.trimmed(parts[1]) : ""
    }
    guard
      let output = sections.first(where: {
        ["cloudwatch_logs", "cloudwatch"].contains($0["name"]?.lowercased())
      }),
      let group = output["log_group_name"]
    else { return nil }
    return Destination(group: group, streamPrefix: output["log_stream_prefix"] ?? "")
  }

  static func trimmed(_ text: Substring) -> String {
    String(
      text.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop {
        $0 == " " || $0 == "\t" || $0 == "\r"
      }.reversed())
  }

  /// The archived output of `pod`'s containers, oldest first.
  public func log(pod: String, namespace: String) async throws -> String {
    guard let destination = try await destination() else {
      throw JobsError(
        .runNotFound, "pod \(namespace)/\(pod) is gone, and the cluster's Fargate logging is off",
        remedy:
          "turn on Fargate logging to CloudWatch Logs (the aws-observability/aws-logging ConfigMap) so logs outlive pods"
      )
    }
    let prefix = "\(destination.streamPrefix)kube.var.log.containers.\(pod)_\(namespace)_"
    let events: [CloudWatchLogEvent]
    do {
      events = try await logs.filterLogEvents(group: destination.group, streamPrefix: prefix)
    } catch let error as AWSError where error.isNotFound {
      events = []
    }
    guard !events.isEmpty else {
      throw JobsError(
        .runNotFound,
        "pod \(namespace)/\(pod) is gone and CloudWatch Logs group \(destination.group) holds no stream of it",
        remedy: "its output was not shipped (logging turned on after it ran?)")
    }
    return events.sorted { ($0.timestamp ?? 0) < ($1.timestamp ?? 0) }.map {
      $0.message.hasSuffix("\n") ? $0.message : $0.message + "\n"
    }
    .joined()
  }
}
