import YAML

extension Kubeconfig {
  /// Reads one kubeconfig file's text. Relative file references (`certificate-authority`,
  /// `client-certificate`, `tokenFile`) resolve against `directory`, as kubectl does.
  public static func parse(_ text: String, file: String, directory: String? = nil) throws(KubernetesError)
    -> Kubeconfig
  {
    let root: YAMLNode
    do {
      guard let document = try YAMLParser.parse(text, file: file).first else { return Kubeconfig() }
      root = document
    } catch {
      throw KubernetesError(.kubeconfig, error.description, cause: error, remedy: "fix the kubeconfig's YAML")
    }
    if root.isNull { return Kubeconfig() }
    let reader = KubeconfigReader(file: file, directory: directory)
    guard root.mapping != nil else { throw reader.problem(root, "the kubeconfig is not a mapping") }
    var config = Kubeconfig()
    config.currentContext = root.text(at: ["current-context"])?.nonEmpty
    for (name, body) in try reader.namedEntries(root, "clusters", body: "cluster") {
      guard let server = body.text(at: ["server"]) else {
        throw reader.problem(body, "cluster \"\(name)\" has no server")
      }
      config.clusters[name] = KubeconfigCluster(
        server: server,
        certificateAuthorityData: try reader.base64(body, "certificate-authority-data"),
        certificateAuthority: reader.path(body.text(at: ["certificate-authority"])),
        insecureSkipTLSVerify: body.boolean(at: ["insecure-skip-tls-verify"]) ?? false,
        tlsServerName: body.text(at: ["tls-server-name"]), proxyURL: body.text(at: ["proxy-url"]))
    }
    for (name, body) in try reader.namedEntries(root, "users", body: "user") {
      config.users[name] = KubeconfigUser(
        token: body.text(at: ["token"]), tokenFile: reader.path(body.text(at: ["tokenFile"])),
        clientCertificateData: try reader.base64(body, "client-certificate-data"),
        clientKeyData: try reader.base64(body, "client-key-data"),
        clientCertificate: reader.path(body.text(at: ["client-certificate"])),
        clientKey: reader.path(body.text(at: ["client-key"])),
        exec: try body["exec"].map { node throws(KubernetesError) in try reader.exec(node, user: name) })
    }
    for (name, body) in try reader.namedEntries(root, "contexts", body: "context") {
      config.contexts[name] = KubeconfigContext(
        cluster: body.text(at: ["cluster"]) ?? "", user: body.text(at: ["user"]) ?? "",
        namespace: body.text(at: ["namespace"]))
    }
    return config
  }
}

/// The located reading of one kubeconfig file.
struct KubeconfigReader {
  let file: String
  let directory: String?

  func problem(_ node: YAMLNode, _ message: String) -> KubernetesError {
    KubernetesError(.kubeconfig, "\(file):\(node.mark): \(message)", remedy: "fix the kubeconfig")
  }

  /// `clusters: [{name, cluster: {...}}]` as (name, body) pairs; a later duplicate within
  /// one file is ignored, as kubectl does.
  func namedEntries(_ root: YAMLNode, _ key: String, body: String) throws(KubernetesError) -> [(
    String, YAMLNode
  )] {
    guard let list = root[key], !list.isNull else { return [] }
    guard let items = list.sequence else {
      throw problem(list, "\(key) is \(list.kindDescription), not a list")
    }
    var seen = Set<String>()
    var result: [(String, YAMLNode)] = []
    for item in items {
      guard let name = item.text(at: ["name"]), !name.isEmpty else {
        throw problem(item, "an entry of \(key) has no name")
      }
      guard seen.insert(name).inserted else { continue }
      result.append((name, item[body] ?? .mapping([])))
    }
    return result
  }

  func base64(_ node: YAMLNode, _ key: String) throws(KubernetesError) -> [UInt8]? {
    guard let value = node[key], let text = value.text(at: []) else { return nil }
    guard let bytes = Base64.decode(text) else { throw problem(value, "\(key) is not valid base64") }
    return bytes
  }

  func path(_ value: String?) -> String? {
    guard let value, !value.isEmpty else { return nil }
    guard !value.hasPrefix("/"), let directory, !directory.isEmpty else { return value }
    return directory + "/" + value
  }

  func exec(_ node: YAMLNode, user: String) throws(KubernetesError) -> ExecPlugin {
    guard let command = node.text(at: ["command"]), !command.isEmpty else {
      throw problem(node, "user \"\(user)\" has an exec plugin without a command")
    }
    let args = (node["args"]?.sequence ?? []).compactMap { $0.scalar?.text }
    let env = (node["env"]?.sequence ?? []).compactMap { item -> (name: String, value: String)? in
      guard let name = item.text(at: ["name"]) else { return nil }
      return (name, item.text(at: ["value"]) ?? "")
    }
    return ExecPlugin(
      apiVersion: node.text(at: ["apiVersion"]) ?? "client.authentication.k8s.io/v1beta1", command: command,
      args: args, env: env, interactiveMode: node.text(at: ["interactiveMode"]))
  }
}
