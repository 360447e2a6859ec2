import AWS
import Foundation
import HTTP
import Testing

@testable import Kubernetes

@Suite("connections from EKS and kubeconfig")
struct ConnectionTests {
  func cluster(_ json: String) throws -> EKSCluster {
    try JSONDecoder().decode(EKSCluster.self, from: Data(json.utf8))
  }

  func aws() -> AWSConfiguration {
    AWSConfiguration(
      settings: AWSSettings(region: "eu-west-1"), environment: [:], fileSystem: .memory([:]),
      transport: ScriptedTransport { _, _ in ScriptedTransport.json(500, "{}") },
      credentials: StaticCredentialProvider(
        AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test")),
      clock: { Date(timeIntervalSince1970: 1_800_000_000) })
  }

  @Test("DescribeCluster's endpoint and base64 CA make the connection")
  func fromDescribeCluster() throws {
    let described = try cluster(
      #"{"name":"spark","endpoint":"https://ABC.eks.amazonaws.com/","status":"ACTIVE","certificateAuthority":{"data":"LS0tLS1CRUdJTg=="}}"#
    )
    let connection = try EKSConnectionResolver.connection(
      for: described, credentials: StaticTokenProvider("t"))
    #expect(connection.server == "https://ABC.eks.amazonaws.com")
    #expect(connection.caPEM == Array("-----BEGIN".utf8))
    #expect(connection.label == "cluster spark")
  }

  @Test("a cluster still being created has no endpoint: the error says so")
  func creating() throws {
    let described = try cluster(#"{"name":"spark","status":"CREATING"}"#)
    let error = #expect(throws: KubernetesError.self) {
      try EKSConnectionResolver.connection(for: described, credentials: StaticTokenProvider("t"))
    }
    #expect(error?.message == "EKS cluster spark has no endpoint yet (status CREATING)")
  }

  @Test("a server override takes the server and CA file from the environment; tokens are still EKS tokens")
  func override() async throws {
    let (files, _) = KubeconfigFiles.memory(["/tmp/ca.crt": "PEM"])
    let override = try #require(
      try KubernetesServerOverride.fromEnvironment([
        "EKS_SPARK_KUBE_SERVER": "https://127.0.0.1:7443", "EKS_SPARK_KUBE_CA_FILE": "/tmp/ca.crt",
      ]))
    let connection = try await EKSConnectionResolver(aws: aws(), files: files).connection(
      clusterName: "spark", override: override)
    #expect(connection.server == "https://127.0.0.1:7443")
    #expect(connection.caPEM == Array("PEM".utf8))
    let token = try await #require(connection.credentials).token()
    #expect(token.hasPrefix("k8s-aws-v1."))
    #expect(try KubernetesServerOverride.fromEnvironment([:]) == nil)
  }

  @Test("EKS tokens are signed once and reused until a minute before they expire")
  func tokenCache() async throws {
    let provider = EKSTokenProvider(clusterName: "spark", configuration: aws())
    let first = try await provider.token()
    #expect(try await provider.token() == first)
  }

  @Test("a kubeconfig user running eks-spark get-token or aws eks get-token is signed in-process")
  func nativeEKSPlugins() throws {
    let resolver = KubeconfigConnectionResolver(environment: [:], aws: aws())
    for plugin in [
      ExecPlugin(
        command: "/usr/local/bin/eks-spark",
        args: ["get-token", "--cluster-name", "spark", "--region", "eu-west-1"]),
      ExecPlugin(
        command: "aws", args: ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "spark"]),
    ] {
      let provider = try #require(resolver.credentials(for: plugin) as? EKSTokenProvider)
      #expect(provider.clusterName == "spark")
    }
    #expect(
      resolver.credentials(for: ExecPlugin(command: "gke-gcloud-auth-plugin")) is ExecPluginTokenProvider)
  }

  @Test("other exec plugins are run and their ExecCredential's token used until it expires")
  func execPlugin() async throws {
    let runs = RunCounter()
    let runner = ExecPluginRunner { plugin in
      await runs.increment()
      #expect(plugin.args == ["token"])
      return Array(
        #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"abc","expirationTimestamp":"2099-01-01T00:00:00Z"}}"#
          .utf8)
    }
    let config = try Kubeconfig.parse(
      """
      current-context: c
      clusters: [{name: k, cluster: {server: "https://k", insecure-skip-tls-verify: true}}]
      users: [{name: u, user: {exec: {command: my-plugin, args: [token]}}}]
      contexts: [{name: c, context: {cluster: k, user: u, namespace: jobs}}]
      """, file: "config")
    let connection = try KubeconfigConnectionResolver(environment: [:], runner: runner).connection(config)
    #expect(connection.insecureSkipTLSVerify && connection.defaultNamespace == "jobs")
    let credentials = try #require(connection.credentials)
    #expect(try await credentials.token() == "abc")
    #expect(try await credentials.token() == "abc")
    #expect(await runs.count == 1)
  }

  @Test("a plugin that prints no token is an error naming the plugin")
  func execPluginWithoutToken() async throws {
    let provider = ExecPluginTokenProvider(
      plugin: ExecPlugin(command: "broken"), runner: ExecPluginRunner { _ in Array(#"{"status":{}}"#.utf8) })
    let error = await #expect(throws: KubernetesError.self) { try await provider.token() }
    #expect(error?.message == "the credential plugin broken printed no status.token")
  }

  @Test("the local runner runs a real process with the plugin's environment")
  func localRunner() async throws {
    let plugin = ExecPlugin(
      command: "/bin/sh", args: ["-c", #"printf '{"status":{"token":"%s"}}' "$TOKEN_FROM_ENV""#],
      env: [(name: "TOKEN_FROM_ENV", value: "from-env")])
    let provider = ExecPluginTokenProvider(
      plugin: plugin, runner: .local(environment: ["PATH": "/usr/bin:/bin"]))
    #expect(try await provider.token() == "from-env")
  }

  @Test("a token file and client certificate files are read relative to the kubeconfig")
  func filesRelative() throws {
    let (files, _) = KubeconfigFiles.memory([
      "/k/token": "file-token\n", "/k/ca.pem": "CA", "/k/client.crt": "CRT", "/k/client.key": "KEY",
    ])
    let config = try Kubeconfig.parse(
      """
      current-context: c
      clusters: [{name: k, cluster: {server: "https://k", certificate-authority: ca.pem}}]
      users: [{name: u, user: {tokenFile: token, client-certificate: client.crt, client-key: client.key}}]
      contexts: [{name: c, context: {cluster: k, user: u}}]
      """, file: "/k/config", directory: "/k")
    let connection = try KubeconfigConnectionResolver(environment: [:], files: files).connection(config)
    #expect(connection.caPEM == Array("CA".utf8))
    #expect(
      connection.clientCertificatePEM == Array("CRT".utf8) && connection.clientKeyPEM == Array("KEY".utf8))
    #expect(connection.credentials is StaticTokenProvider)
    #expect((connection.credentials as? StaticTokenProvider)?.value == "file-token")
  }
}

actor RunCounter {
  var count = 0
  func increment() { count += 1 }
}
