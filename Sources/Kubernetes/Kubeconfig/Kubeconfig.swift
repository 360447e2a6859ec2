import YAML

/// A kubeconfig as kubectl reads it: named clusters, users and contexts, and the current
/// context. `KubeconfigLoader` merges the files of a `KUBECONFIG` list into one.
public struct Kubeconfig: Sendable, Hashable {
  public var clusters: [String: KubeconfigCluster]
  public var users: [String: KubeconfigUser]
  public var contexts: [String: KubeconfigContext]
  public var currentContext: String?

  public init(
    clusters: [String: KubeconfigCluster] = [:], users: [String: KubeconfigUser] = [:],
    contexts: [String: KubeconfigContext] = [:], currentContext: String? = nil
  ) {
    self.clusters = clusters
    self.users = users
    self.contexts = contexts
    self.currentContext = currentContext
  }

  /// The context to use: the one named, else `current-context`, with its cluster and user.
  public func resolve(context name: String? = nil) throws(KubernetesError) -> (
    name: String, context: KubeconfigContext, cluster: KubeconfigCluster, user: KubeconfigUser
  ) {
    guard let contextName = name ?? currentContext, !contextName.isEmpty else {
      throw KubernetesError(
        .kubeconfig, "no context is selected and the kubeconfig has no current-context",
        remedy: "pass --context, or run `kubectl config use-context NAME`")
    }
    guard let context = contexts[contextName] else {
      throw KubernetesError(
        .kubeconfig, "context \"\(contextName)\" is not in the kubeconfig",
        remedy: "known contexts: " + (contexts.keys.sorted().joined(separator: ", ").nonEmpty ?? "none"))
    }
    guard let cluster = clusters[context.cluster] else {
      throw KubernetesError(
        .kubeconfig, "context \"\(contextName)\" names cluster \"\(context.cluster)\", which is not defined",
        remedy: "add the cluster to the kubeconfig or fix the context")
    }
    // kubectl allows a context without a user (anonymous); so do we.
    let user = context.user.isEmpty ? KubeconfigUser() : users[context.user]
    guard let user else {
      throw KubernetesError(
        .kubeconfig, "context \"\(contextName)\" names user \"\(context.user)\", which is not defined",
        remedy: "add the user to the kubeconfig or fix the context")
    }
    return (contextName, context, cluster, user)
  }
}

/// A cluster entry: where the API server is and how to trust it.
public struct KubeconfigCluster: Sendable, Hashable {
  public var server: String
  /// PEM bytes from `certificate-authority-data` (base64 decoded).
  public var certificateAuthorityData: [UInt8]?
  /// `certificate-authority`: a file path, resolved against the kubeconfig's directory.
  public var certificateAuthority: String?
  public var insecureSkipTLSVerify: Bool
  public var tlsServerName: String?
  public var proxyURL: String?

  public init(
    server: String, certificateAuthorityData: [UInt8]? = nil, certificateAuthority: String? = nil,
    insecureSkipTLSVerify: Bool = false, tlsServerName: String? = nil, proxyURL: String? = nil
  ) {
    self.server = server
    self.certificateAuthorityData = certificateAuthorityData
    self.certificateAuthority = certificateAuthority
    self.insecureSkipTLSVerify = insecureSkipTLSVerify
    self.tlsServerName = tlsServerName
    self.proxyURL = proxyURL
  }
}

/// A user entry: one way of proving who we are.
public struct KubeconfigUser: Sendable, Hashable {
  public var token: String?
  /// `tokenFile`: read at connection time.
  public var tokenFile: String?
  public var clientCertificateData: [UInt8]?
  public var clientKeyData: [UInt8]?
  public var clientCertificate: String?
  public var clientKey: String?
  public var exec: ExecPlugin?

  public init(
    token: String? = nil, tokenFile: String? = nil, clientCertificateData: [UInt8]? = nil,
    clientKeyData: [UInt8]? = nil, clientCertificate: String? = nil, clientKey: String? = nil,
    exec: ExecPlugin? = nil
  ) {
    self.token = token
    self.tokenFile = tokenFile
    self.clientCertificateData = clientCertificateData
    self.clientKeyData = clientKeyData
    self.clientCertificate = clientCertificate
    self.clientKey = clientKey
    self.exec = exec
  }
}

/// A credential plugin (`users[].user.exec`): a command that prints an ExecCredential.
public struct ExecPlugin: Sendable, Hashable {
  public var apiVersion: String
  public var command: String
  public var args: [String]
  public var env: [(name: String, value: String)]
  public var interactiveMode: String?

  public init(
    apiVersion: String = "client.authentication.k8s.io/v1beta1", command: String, args: [String] = [],
    env: [(name: String, value: String)] = [], interactiveMode: String? = nil
  ) {
    self.apiVersion = apiVersion
    self.command = command
    self.args = args
    self.env = env
    self.interactiveMode = interactiveMode
  }

  public static func == (lhs: ExecPlugin, rhs: ExecPlugin) -> Bool {
    lhs.apiVersion == rhs.apiVersion && lhs.command == rhs.command && lhs.args == rhs.args
      && lhs.env.elementsEqual(rhs.env) { $0.name == $1.name && $0.value == $1.value }
      && lhs.interactiveMode == rhs.interactiveMode
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(command)
    hasher.combine(args)
  }
}

/// A context: a cluster, a user and a default namespace.
public struct KubeconfigContext: Sendable, Hashable {
  public var cluster: String
  public var user: String
  public var namespace: String?

  public init(cluster: String, user: String, namespace: String? = nil) {
    self.cluster = cluster
    self.user = user
    self.namespace = namespace
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}
