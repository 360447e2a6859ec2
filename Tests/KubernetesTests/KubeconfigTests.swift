import Foundation
import Testing

@testable import Kubernetes

@Suite("kubeconfig reading")
struct KubeconfigTests {
  static let sample = """
    apiVersion: v1
    kind: Config
    current-context: eks
    clusters:
    - name: eks-cluster
      cluster:
        server: https://ABC.gr7.eu-west-1.eks.amazonaws.com
        certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    - name: local
      cluster:
        server: https://127.0.0.1:6443
        insecure-skip-tls-verify: true
        certificate-authority: certs/ca.crt
    users:
    - name: eks-user
      user:
        exec:
          apiVersion: client.authentication.k8s.io/v1beta1
          command: aws
          args: [--region, eu-west-1, eks, get-token, --cluster-name, spark]
          env:
          - name: AWS_PROFILE
            value: dev
    - name: token-user
      user:
        token: abc123
    - name: cert-user
      user:
        client-certificate-data: Y2VydA==
        client-key-data: a2V5
    contexts:
    - name: eks
      context: {cluster: eks-cluster, user: eks-user}
    - name: local
      context: {cluster: local, user: token-user, namespace: spark}
    """

  @Test("reads clusters, users with token, client certificate and exec plugin, and contexts")
  func parsesEverything() throws {
    let config = try Kubeconfig.parse(Self.sample, file: "/home/me/.kube/config", directory: "/home/me/.kube")
    #expect(config.currentContext == "eks")
    let eks = try #require(config.clusters["eks-cluster"])
    #expect(eks.server == "https://ABC.gr7.eu-west-1.eks.amazonaws.com")
    #expect(
      String(decoding: try #require(eks.certificateAuthorityData), as: UTF8.self)
        == "-----BEGIN CERTIFICATE-----\n")
    let local = try #require(config.clusters["local"])
    #expect(local.insecureSkipTLSVerify)
    #expect(local.certificateAuthority == "/home/me/.kube/certs/ca.crt")
    let exec = try #require(config.users["eks-user"]?.exec)
    #expect(exec.command == "aws")
    #expect(exec.args == ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "spark"])
    #expect(exec.env.map(\.name) == ["AWS_PROFILE"] && exec.env.map(\.value) == ["dev"])
    #expect(config.users["token-user"]?.token == "abc123")
    #expect(config.users["cert-user"]?.clientCertificateData == Array("cert".utf8))
    #expect(config.users["cert-user"]?.clientKeyData == Array("key".utf8))
    #expect(
      config.contexts["local"] == KubeconfigContext(cluster: "local", user: "token-user", namespace: "spark"))
  }

  @Test("resolves the current context, or the one named")
  func resolvesContexts() throws {
    let config = try Kubeconfig.parse(Self.sample, file: "config")
    #expect(try config.resolve().cluster.server == "https://ABC.gr7.eu-west-1.eks.amazonaws.com")
    let local = try config.resolve(context: "local")
    #expect(local.user.token == "abc123" && local.context.namespace == "spark")
  }

  @Test(
    "names what is missing when a context cannot be resolved",
    arguments: [
      ("nope", "context \"nope\" is not in the kubeconfig"),
      ("broken-cluster", "context \"broken-cluster\" names cluster \"gone\", which is not defined"),
      ("broken-user", "context \"broken-user\" names user \"gone\", which is not defined"),
    ])
  func unresolvable(context: String, message: String) throws {
    var config = try Kubeconfig.parse(Self.sample, file: "config")
    config.contexts["broken-cluster"] = KubeconfigContext(cluster: "gone", user: "token-user")
    config.contexts["broken-user"] = KubeconfigContext(cluster: "local", user: "gone")
    let error = #expect(throws: KubernetesError.self) { try config.resolve(context: context) }
    #expect(error?.code == .kubeconfig)
    #expect(error?.message == message)
  }

  @Test("a kubeconfig without current-context asks for --context")
  func noCurrentContext() {
    let error = #expect(throws: KubernetesError.self) { try Kubeconfig().resolve() }
    #expect(error?.message == "no context is selected and the kubeconfig has no current-context")
    #expect(error?.remedy?.contains("--context") == true)
  }

  @Test(
    "bad input is reported with file:line:col",
    arguments: [
      (
        "clusters:\n- name: a\n  cluster:\n    server: https://x\n    certificate-authority-data: '%%%'\n",
        "config:5:33: certificate-authority-data is not valid base64"
      ),
      ("clusters:\n- cluster:\n    server: https://x\n", "config:2:3: an entry of clusters has no name"),
      ("clusters:\n- name: a\n  cluster: {}\n", "config:3:12: cluster \"a\" has no server"),
      ("users: 3\n", "config:1:8: users is an integer, not a list"),
      (
        "users:\n- name: u\n  user:\n    exec: {args: [x]}\n",
        "config:4:11: user \"u\" has an exec plugin without a command"
      ),
    ])
  func badInput(text: String, message: String) {
    let error = #expect(throws: KubernetesError.self) { try Kubeconfig.parse(text, file: "config") }
    #expect(error?.code == .kubeconfig)
    #expect(error?.message == message)
  }

  @Test("KUBECONFIG lists merge: the first file to define a name wins, and the first current-context")
  func mergesList() throws {
    let first = """
      current-context: a
      clusters: [{name: shared, cluster: {server: https://first}}]
      contexts: [{name: a, context: {cluster: shared, user: u}}]
      users: [{name: u, user: {token: one}}]
      """
    let second = """
      current-context: b
      clusters: [{name: shared, cluster: {server: https://second}}, {name: other, cluster: {server: https://other}}]
      contexts: [{name: b, context: {cluster: other, user: u}}]
      users: [{name: u, user: {token: two}}]
      """
    let (files, _) = KubeconfigFiles.memory(["/k/one": first, "/k/two": second])
    let loader = KubeconfigLoader(
      environment: ["KUBECONFIG": "/k/one:/k/missing:/k/two", "HOME": "/h"], files: files)
    #expect(loader.paths() == ["/k/one", "/k/missing", "/k/two"])
    let config = try loader.load()
    #expect(config.currentContext == "a")
    #expect(config.clusters["shared"]?.server == "https://first")
    #expect(config.clusters["other"]?.server == "https://other")
    #expect(config.users["u"]?.token == "one")
    #expect(Set(config.contexts.keys) == ["a", "b"])
    #expect(loader.writePath() == "/k/one")
  }

  @Test("without KUBECONFIG the loader reads ~/.kube/config; an explicit file that is missing is an error")
  func defaultAndExplicit() throws {
    let (files, _) = KubeconfigFiles.memory(["/h/.kube/config": "current-context: x\n"])
    let loader = KubeconfigLoader(environment: ["HOME": "/h"], files: files)
    #expect(loader.paths() == ["/h/.kube/config"])
    #expect(try loader.load().currentContext == "x")
    #expect(loader.paths(explicit: "~/other") == ["/h/other"])
    let error = #expect(throws: KubernetesError.self) { try loader.load(explicit: "/nowhere") }
    #expect(error?.message == "the kubeconfig /nowhere does not exist")
  }
}
