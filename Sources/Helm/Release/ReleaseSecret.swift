import FoundationEssentials
import Kubernetes
import YAML

/// Helm's Secret storage driver (`pkg/storage/driver/secrets.go`): one Secret per revision,
/// `sh.helm.release.v1.<name>.v<revision>` of type `helm.sh/release.v1` in the release's
/// namespace, labelled `name`, `owner=helm`, `status`, `version` (plus `createdAt` when
/// created, `modifiedAt` when updated), its `release` key holding base64(gzip(JSON)).
/// Secret data is itself base64 in the API, so the JSON body carries it twice encoded, as
/// Helm's does.
public enum ReleaseSecret {
  public static let type = "helm.sh/release.v1"
  static let systemLabels: Set<String> = ["name", "owner", "status", "version", "createdAt", "modifiedAt"]

  public static func name(release: String, version: Int) -> String {
    "sh.helm.release.v1.\(release).v\(version)"
  }

  /// The label selector that lists every revision of a release.
  public static func selector(release: String) -> String { "owner=helm,name=\(release)" }

  /// The Secret for a revision. `createdAt` (on create) or `modifiedAt` (on update) is
  /// the Unix time Helm stamps into the labels.
  public static func encode(_ release: HelmRelease, createdAt: Int64? = nil, modifiedAt: Int64? = nil)
    -> KubernetesObject
  {
    var labels = release.labels
    if let createdAt { labels["createdAt"] = String(createdAt) }
    if let modifiedAt { labels["modifiedAt"] = String(modifiedAt) }
    labels["name"] = release.name
    labels["owner"] = "helm"
    labels["status"] = release.info.status.rawValue
    labels["version"] = String(release.version)
    let record = GoBase64.encode(Deflate.gzip(Array(release.json.utf8)))
    return KubernetesObject(
      .secret, name: name(release: release.name, version: release.version), namespace: release.namespace,
      body: [
        ("type", .string(type)),
        ("data", .mapping([("release", .string(GoBase64.encode(Array(record.utf8))))])),
      ]
    ).withLabels(labels)
  }

  /// Reads a record Secret (written by Helm or by us). The record may be gzipped or plain
  /// JSON, as Helm's `decodeRelease` accepts both.
  public static func decode(_ secret: KubernetesObject) throws(HelmError) -> HelmRelease {
    let what = "release record \(secret.displayName)"
    guard secret.tree.text(at: ["type"]) == type else {
      throw HelmError(.release, "\(what) is not of type \(type)")
    }
    guard let field = secret.tree.text(at: ["data", "release"]), let record = base64(field) else {
      throw HelmError(.release, "\(what) has no base64 data.release")
    }
    guard let body = base64(String(decoding: record, as: UTF8.self)) else {
      throw HelmError(.release, "\(what): data.release is not base64 of a release")
    }
    var json = body
    if body.starts(with: [0x1f, 0x8b, 0x08]) {
      do {
        json = try Inflate.gunzip(body)
      } catch {
        throw HelmError(.release, "\(what): \(error.description)")
      }
    }
    let labels = secret.metadata.labels.filter { !systemLabels.contains($0.key) }
    return try HelmRelease(json: String(decoding: json, as: UTF8.self), labels: labels)
  }

  static func base64(_ text: String) -> [UInt8]? {
    Data(base64Encoded: text.filter { !$0.isWhitespace }).map(Array.init)
  }
}

extension KubernetesObject {
  func withLabels(_ labels: [String: String]) -> KubernetesObject {
    var copy = self
    let pairs = labels.keys.sorted().map { ($0, YAMLNode.string(labels[$0]!)) }
    copy.tree.set(.mapping(pairs), at: ["metadata", "labels"])
    return copy
  }
}
