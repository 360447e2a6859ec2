import YAML

/// The context `aws eks update-kubeconfig` writes for an EKS cluster, with eks-spark as the
/// credential plugin: cluster, context and user named by the cluster ARN (or aliases), the
/// user an exec plugin running `eks-spark get-token --cluster-name NAME --region REGION`.
public struct EKSKubeconfigEntry: Sendable, Hashable {
  public var clusterName: String
  public var clusterARN: String
  /// The API server URL (DescribeCluster `endpoint`, or a server override).
  public var server: String
  /// The CA as EKS hands it: base64 of PEM (DescribeCluster `certificateAuthority.data`).
  public var certificateAuthorityData: String
  public var region: String
  /// Written as the plugin's `AWS_PROFILE` so kubectl signs as the same identity.
  public var profile: String?
  public var roleARN: String?
  /// The context's name; the cluster ARN when nil.
  public var alias: String?
  /// The user's name; the cluster ARN when nil.
  public var userAlias: String?
  /// The plugin command (`eks-spark`, or an absolute path to this binary).
  public var command: String

  public init(
    clusterName: String, clusterARN: String, server: String, certificateAuthorityData: String, region: String,
    profile: String? = nil, roleARN: String? = nil, alias: String? = nil, userAlias: String? = nil,
    command: String = "eks-spark"
  ) {
    self.clusterName = clusterName
    self.clusterARN = clusterARN
    self.server = server
    self.certificateAuthorityData = certificateAuthorityData
    self.region = region
    self.profile = profile
    self.roleARN = roleARN
    self.alias = alias
    self.userAlias = userAlias
    self.command = command
  }

  public var contextName: String { alias ?? clusterARN }
  public var userName: String { userAlias ?? clusterARN }

  /// The exec plugin kubectl runs for this user.
  public var execPlugin: ExecPlugin {
    var args = ["get-token", "--cluster-name", clusterName, "--region", region]
    if let roleARN { args += ["--role-arn", roleARN] }
    return ExecPlugin(
      command: command, args: args, env: profile.map { [(name: "AWS_PROFILE", value: $0)] } ?? [])
  }

  var clusterNode: YAMLNode {
    .mapping([
      (
        "cluster",
        .mapping([
          ("certificate-authority-data", .string(certificateAuthorityData)), ("server", .string(server)),
        ])
      ),
      ("name", .string(clusterARN)),
    ])
  }

  var contextNode: YAMLNode {
    .mapping([
      ("context", .mapping([("cluster", .string(clusterARN)), ("user", .string(userName))])),
      ("name", .string(contextName)),
    ])
  }

  var userNode: YAMLNode {
    let plugin = execPlugin
    var exec: [(String, YAMLNode)] = [
      ("apiVersion", .string(plugin.apiVersion)), ("args", .sequence(plugin.args.map(YAMLNode.string))),
      ("command", .string(plugin.command)),
    ]
    if !plugin.env.isEmpty {
      exec.append(
        (
          "env",
          .sequence(plugin.env.map { .mapping([("name", .string($0.name)), ("value", .string($0.value))]) })
        ))
    }
    return .mapping([("name", .string(userName)), ("user", .mapping([("exec", .mapping(exec))]))])
  }

  /// The kubeconfig text with this entry merged into `existing` (nil or empty: a new file).
  /// Entries of the same name are replaced in place, others kept as they were, and
  /// `current-context` points at this context.
  public func merged(into existing: String?, file: String) throws(KubernetesError) -> String {
    var root: YAMLNode = .mapping([])
    if let existing, !existing.allSatisfy(\.isWhitespace) {
      do {
        root = try YAMLParser.parse(existing, file: file).first ?? .mapping([])
      } catch {
        throw KubernetesError(
          .kubeconfig, error.description, cause: error, remedy: "fix or move the kubeconfig, then run again")
      }
      if root.isNull { root = .mapping([]) }
      guard root.mapping != nil else {
        throw KubernetesError(
          .kubeconfig, "\(file):\(root.mark): the kubeconfig is not a mapping",
          remedy: "fix or move the kubeconfig, then run again")
      }
    }
    if root.mapping?.isEmpty == true {
      root = .mapping([
        ("apiVersion", .string("v1")), ("clusters", .sequence([])), ("contexts", .sequence([])),
        ("current-context", .string("")), ("kind", .string("Config")), ("preferences", .mapping([])),
        ("users", .sequence([])),
      ])
    }
    try upsert(clusterNode, named: clusterARN, in: "clusters", of: &root, file: file)
    try upsert(contextNode, named: contextName, in: "contexts", of: &root, file: file)
    try upsert(userNode, named: userName, in: "users", of: &root, file: file)
    root.set(.string(contextName), at: ["current-context"])
    return YAMLEmitter.emit(root)
  }

  private func upsert(
    _ entry: YAMLNode, named name: String, in key: String, of root: inout YAMLNode, file: String
  ) throws(KubernetesError) {
    var items: [YAMLNode] = []
    if let list = root[key], !list.isNull {
      guard let sequence = list.sequence else {
        throw KubernetesError(
          .kubeconfig, "\(file):\(list.mark): \(key) is \(list.kindDescription), not a list",
          remedy: "fix the kubeconfig, then run again")
      }
      items = sequence
    }
    if let index = items.firstIndex(where: { $0.text(at: ["name"]) == name }) {
      items[index] = entry
    } else {
      items.append(entry)
    }
    root.set(.sequence(items), at: [key])
  }
}

/// Writes EKS contexts into kubeconfig files.
public struct KubeconfigWriter: Sendable {
  public var files: KubeconfigFiles

  public init(files: KubeconfigFiles = .local) {
    self.files = files
  }

  /// Merges the entry into the file at `path` and writes it back with mode 0600.
  public func write(_ entry: EKSKubeconfigEntry, to path: String) throws(KubernetesError) {
    let existing = files.read(path).map { String(decoding: $0, as: UTF8.self) }
    let text = try entry.merged(into: existing, file: path)
    try files.write(path, Array(text.utf8), 0o600)
  }
}
