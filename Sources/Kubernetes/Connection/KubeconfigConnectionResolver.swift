import AWS

/// Turns a kubeconfig context into a connection. Users whose exec plugin is
/// `eks-spark get-token` or `aws eks get-token` get tokens signed in-process (no child
/// process, same identity); other plugins are run.
public struct KubeconfigConnectionResolver: Sendable {
  public let files: KubeconfigFiles
  public let environment: [String: String]
  /// The AWS configuration in-process EKS tokens start from (its profile and region are
  /// replaced by the plugin's own flags and `AWS_PROFILE`).
  public let aws: AWSConfiguration?
  public let runner: ExecPluginRunner

  public init(
    environment: [String: String], files: KubeconfigFiles = .local, aws: AWSConfiguration? = nil,
    runner: ExecPluginRunner? = nil
  ) {
    self.environment = environment
    self.files = files
    self.aws = aws
    self.runner = runner ?? .local(environment: environment)
  }

  public func connection(_ config: Kubeconfig, context: String? = nil) throws(KubernetesError)
    -> KubernetesConnection
  {
    let resolved = try config.resolve(context: context)
    let cluster = resolved.cluster
    let user = resolved.user
    var connection = KubernetesConnection(
      server: cluster.server, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
      proxyURL: cluster.proxyURL,
      defaultNamespace: resolved.context.namespace ?? "default", label: "context \(resolved.name)")
    connection.caPEM = try inline(
      cluster.certificateAuthorityData, orFile: cluster.certificateAuthority, "certificate-authority")
    connection.clientCertificatePEM = try inline(
      user.clientCertificateData, orFile: user.clientCertificate, "client-certificate")
    connection.clientKeyPEM = try inline(user.clientKeyData, orFile: user.clientKey, "client-key")
    if let token = user.token {
      connection.credentials = StaticTokenProvider(token)
    } else if let tokenFile = user.tokenFile, let bytes = try read(tokenFile, "tokenFile") {
      connection.credentials = StaticTokenProvider(
        String(
          String(decoding: bytes, as: UTF8.self).drop(while: \.isWhitespace).reversed().drop(
            while: \.isWhitespace
          )
          .reversed()))
    } else if let exec = user.exec {
      connection.credentials = credentials(for: exec)
    }
    return connection
  }

  func credentials(for plugin: ExecPlugin) -> any BearerTokenProvider {
    guard let aws, let request = EKSGetTokenArguments(plugin) else {
      return ExecPluginTokenProvider(plugin: plugin, runner: runner)
    }
    let profile = plugin.env.last { $0.name == "AWS_PROFILE" }?.value ?? aws.settings.profile
    var settings = aws.settings
    settings.profile = profile
    settings.region = request.region ?? aws.settings.region
    let configuration = AWSConfiguration(
      settings: settings, environment: aws.environment, fileSystem: aws.fileSystem, transport: aws.transport,
      clock: aws.clock, retry: aws.retry)
    return EKSTokenProvider(
      clusterName: request.clusterName, roleARN: request.roleARN, configuration: configuration)
  }

  func inline(_ data: [UInt8]?, orFile path: String?, _ field: String) throws(KubernetesError) -> [UInt8]? {
    if let data { return data }
    return try read(path, field)
  }

  func read(_ path: String?, _ field: String) throws(KubernetesError) -> [UInt8]? {
    guard let path else { return nil }
    guard let bytes = files.read(path) else {
      throw KubernetesError(
        .kubeconfig, "the kubeconfig's \(field) \(path) cannot be read",
        remedy: "check the path in the kubeconfig")
    }
    return bytes
  }
}

/// The arguments of `eks-spark get-token ...` or `aws [--region R] eks get-token ...`.
struct EKSGetTokenArguments {
  var clusterName: String
  var region: String?
  var roleARN: String?

  init?(_ plugin: ExecPlugin) {
    let name = plugin.command.split(separator: "/").last.map(String.init) ?? plugin.command
    let args = plugin.args
    switch name {
    case "eks-spark":
      guard args.first == "get-token" else { return nil }
    case "aws":
      guard let eks = args.firstIndex(of: "eks"), args.dropFirst(eks + 1).first == "get-token" else {
        return nil
      }
    default:
      return nil
    }
    func value(_ flag: String) -> String? {
      for (index, arg) in args.enumerated() {
        if arg == flag, index + 1 < args.count { return args[index + 1] }
        if arg.hasPrefix(flag + "=") { return String(arg.dropFirst(flag.count + 1)) }
      }
      return nil
    }
    guard let cluster = value("--cluster-name") else { return nil }
    clusterName = cluster
    region = value("--region")
    roleARN = value("--role-arn")
  }
}
