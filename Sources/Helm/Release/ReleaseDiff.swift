/// What applying a chart would change in a live release, for a plan to show: the chart
/// version, the user's values (path by path) and each object's manifest against the
/// release's stored manifest.
public struct ReleaseDiff: Sendable, Equatable {
  public enum Action: String, Sendable, Equatable {
    case create, update, delete
  }

  public struct ValueChange: Sendable, Equatable {
    /// Dotted path into the values (`spark.jobNamespaces`). A subtree added or removed
    /// whole is one change at its top; lists compare whole.
    public var path: String
    /// The old and new value as JSON; nil where there is none.
    public var old: String?
    public var new: String?

    public init(path: String, old: String?, new: String?) {
      self.path = path
      self.old = old
      self.new = new
    }
  }

  public struct ObjectChange: Sendable, Equatable {
    public var key: ReleaseObjectKey
    public var action: Action
    /// The template the desired document comes from (or the stored one's, on delete).
    public var source: String
    public var lines: [DiffLine]

    public init(key: ReleaseObjectKey, action: Action, source: String, lines: [DiffLine]) {
      self.key = key
      self.action = action
      self.source = source
      self.lines = lines
    }
  }

  /// The live release (nil: not installed), its chart version, and its status (a failed
  /// or pending release is redeployed even with no other change).
  public var liveVersion: Int?
  public var liveStatus: ReleaseStatus?
  public var chartVersion: (from: String?, to: String)?
  public var values: [ValueChange]
  public var objects: [ObjectChange]

  public var isEmpty: Bool {
    liveStatus == .deployed && chartVersion == nil && values.isEmpty && objects.isEmpty
  }

  public static func == (a: ReleaseDiff, b: ReleaseDiff) -> Bool {
    a.liveVersion == b.liveVersion && a.liveStatus == b.liveStatus
      && a.chartVersion?.from == b.chartVersion?.from
      && a.chartVersion?.to == b.chartVersion?.to && a.values == b.values && a.objects == b.objects
  }

  /// Compares the desired release with the live one.
  /// - Parameters:
  ///   - manifests: the desired render's non-hook documents (`RenderResult.manifests`).
  public init(
    live: HelmRelease?, chartVersion: String, values: [String: Value], manifests: [Manifest],
    namespace: String
  ) throws(HelmError) {
    liveVersion = live?.version
    liveStatus = live?.info.status
    self.chartVersion = live?.chartVersion == chartVersion ? nil : (live?.chartVersion, chartVersion)
    var changes: [ValueChange] = []
    Self.compare(.map(live?.config ?? [:]), .map(values), path: "", into: &changes)
    self.values = changes
    let desired = try Self.index(
      manifests.map { ReleaseDocument(source: $0.path, content: $0.content) }, namespace)
    let stored = try Self.index(live?.manifestDocuments ?? [], namespace)
    var objects: [ObjectChange] = []
    for (key, document) in desired.order.map({ ($0, desired.documents[$0]!) }) {
      if let old = stored.documents[key] {
        guard old.content != document.content else { continue }
        objects.append(
          ObjectChange(
            key: key, action: .update, source: document.source,
            lines: DiffLine.diff(old: old.content, new: document.content)))
      } else {
        objects.append(
          ObjectChange(
            key: key, action: .create, source: document.source,
            lines: DiffLine.diff(old: "", new: document.content)))
      }
    }
    for key in stored.order where desired.documents[key] == nil {
      let old = stored.documents[key]!
      objects.append(
        ObjectChange(
          key: key, action: .delete, source: old.source, lines: DiffLine.diff(old: old.content, new: "")))
    }
    self.objects = objects
  }

  /// Each document's object key (documents without an object skipped; the last of two
  /// with the same key wins), in first-seen order: how a plan lines up desired and stored
  /// manifests.
  public static func index(_ documents: [ReleaseDocument], _ namespace: String) throws(HelmError) -> (
    order: [ReleaseObjectKey], documents: [ReleaseObjectKey: ReleaseDocument]
  ) {
    var order: [ReleaseObjectKey] = []
    var byKey: [ReleaseObjectKey: ReleaseDocument] = [:]
    for document in documents {
      guard let object = try HelmReleaseEngine.object(document.content, source: document.source) else {
        continue
      }
      let key = HelmReleaseEngine.key(object, namespace: namespace)
      if byKey[key] == nil { order.append(key) }
      byKey[key] = document
    }
    return (order, byKey)
  }

  static func compare(_ old: Value?, _ new: Value?, path: String, into changes: inout [ValueChange]) {
    switch (old, new) {
    case (.map(let a)?, .map(let b)?):
      for key in Set(a.keys).union(b.keys).sorted() {
        compare(a[key], b[key], path: path.isEmpty ? key : "\(path).\(key)", into: &changes)
      }
    case (nil, nil): return
    default:
      let before = old.map(JSONCodec.encode)
      let after = new.map(JSONCodec.encode)
      if before != after {
        changes.append(ValueChange(path: path, old: before, new: after))
      }
    }
  }
}

/// One line of a line diff: kept, removed or added.
public enum DiffLine: Sendable, Equatable, CustomStringConvertible {
  case same(String)
  case removed(String)
  case added(String)

  public var description: String {
    switch self {
    case .same(let text): "  \(text)"
    case .removed(let text): "- \(text)"
    case .added(let text): "+ \(text)"
    }
  }

  /// A longest-common-subsequence line diff (manifests are a few hundred lines at most).
  public static func diff(old: String, new: String) -> [DiffLine] {
    let a = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [DiffLine] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        out.append(.same(a[i]))
        i += 1
        j += 1
      } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
        // Removals first, as unified diffs print them.
        out.append(.removed(a[i]))
        i += 1
      } else {
        out.append(.added(b[j]))
        j += 1
      }
    }
    return out
  }
}
