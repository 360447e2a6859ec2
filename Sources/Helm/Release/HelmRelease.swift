/// One revision of a release as Helm stores it (`release.Release` of `pkg/release/v1`):
/// what was installed (chart, user values, rendered manifest, hooks) and how it went.
///
/// The chart is kept as the JSON tree Helm wrote (`metadata`, `lock`, `templates`,
/// `values`, `schema`, `files`), so a record written by the real `helm` survives a round
/// trip unchanged; `chartVersion` and `chartName` read it.
public struct HelmRelease: Sendable {
  public var name: String
  public var namespace: String
  /// The revision, from 1.
  public var version: Int
  public var info: ReleaseInfo
  /// `chart` as Helm marshals `chart.Chart` (subcharts are not stored, as in Helm).
  public var chart: Value
  /// The values the user supplied (not merged with the chart's defaults).
  public var config: [String: Value]
  /// The non-hook documents, each as `---\n# Source: <path>\n<document>\n\n`, in install order.
  public var manifest: String
  public var hooks: [ReleaseHook]
  /// User labels Helm keeps on the record Secret (`json:"-"`: not part of the JSON).
  public var labels: [String: String]
  /// How the objects were applied (`apply_method`): `ssa` for eks-spark's releases, so a
  /// Helm 4 upgrade or rollback of them keeps to server-side apply; empty in records from
  /// Helm 3 or client-side Helm 4 installs.
  public var applyMethod: String

  public init(
    name: String, namespace: String, version: Int, info: ReleaseInfo, chart: Value, config: [String: Value],
    manifest: String, hooks: [ReleaseHook], labels: [String: String] = [:], applyMethod: String = "ssa"
  ) {
    self.name = name
    self.namespace = namespace
    self.version = version
    self.info = info
    self.chart = chart
    self.config = config
    self.manifest = manifest
    self.hooks = hooks
    self.labels = labels
    self.applyMethod = applyMethod
  }

  public var chartName: String { chartMetadata("name") }
  public var chartVersion: String { chartMetadata("version") }
  public var appVersion: String { chartMetadata("appVersion") }

  private func chartMetadata(_ key: String) -> String {
    guard case .map(let chart) = chart, case .map(let metadata)? = chart["metadata"],
      case .string(let text)? = metadata[key]
    else { return "" }
    return text
  }

  /// The documents of `manifest` as objects the cluster is given, in install order.
  public var manifestDocuments: [ReleaseDocument] { ReleaseDocument.split(manifest: manifest) }
}

/// `release.Info`: timestamps (RFC 3339 with nanoseconds, as Go marshals `time.Time`),
/// status and notes.
public struct ReleaseInfo: Sendable, Equatable {
  public var firstDeployed: String?
  public var lastDeployed: String?
  public var deleted: String?
  public var description: String
  public var status: ReleaseStatus
  public var notes: String

  public init(
    firstDeployed: String? = nil, lastDeployed: String? = nil, deleted: String? = nil,
    description: String = "",
    status: ReleaseStatus, notes: String = ""
  ) {
    self.firstDeployed = firstDeployed
    self.lastDeployed = lastDeployed
    self.deleted = deleted
    self.description = description
    self.status = status
    self.notes = notes
  }
}

/// Helm's release statuses (`common.Status`), spelt as Helm stores them.
public enum ReleaseStatus: String, Sendable, CaseIterable {
  case unknown
  case deployed
  case uninstalled
  case superseded
  case failed
  case uninstalling
  case pendingInstall = "pending-install"
  case pendingUpgrade = "pending-upgrade"
  case pendingRollback = "pending-rollback"

  /// A run was under way (and may have been killed).
  public var isPending: Bool {
    self == .pendingInstall || self == .pendingUpgrade || self == .pendingRollback
  }
}

/// `release.Hook`: a hook document and its last run.
public struct ReleaseHook: Sendable, Equatable {
  public var name: String
  public var kind: String
  public var path: String
  public var manifest: String
  public var events: [String]
  public var weight: Int
  public var deletePolicies: [String]
  public var lastRun: HookRun

  public init(
    name: String, kind: String, path: String, manifest: String, events: [String], weight: Int,
    deletePolicies: [String], lastRun: HookRun = HookRun()
  ) {
    self.name = name
    self.kind = kind
    self.path = path
    self.manifest = manifest
    self.events = events
    self.weight = weight
    self.deletePolicies = deletePolicies
    self.lastRun = lastRun
  }

  init(_ hook: Hook) {
    self.init(
      name: hook.name, kind: hook.kind, path: hook.path, manifest: hook.manifest, events: hook.events,
      weight: hook.weight, deletePolicies: hook.deletePolicies)
  }
}

/// `release.HookExecution`.
public struct HookRun: Sendable, Equatable {
  public var startedAt: String?
  public var completedAt: String?
  /// `Unknown`, `Running`, `Succeeded`, `Failed`; empty before the hook ever ran.
  public var phase: String

  public init(startedAt: String? = nil, completedAt: String? = nil, phase: String = "") {
    self.startedAt = startedAt
    self.completedAt = completedAt
    self.phase = phase
  }
}
