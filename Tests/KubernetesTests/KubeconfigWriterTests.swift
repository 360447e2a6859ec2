import Foundation
import Testing

@testable import Kubernetes

@Suite("kubeconfig writing, as aws eks update-kubeconfig")
struct KubeconfigWriterTests {
  static let entry = EKSKubeconfigEntry(
    clusterName: "spark", clusterARN: "arn:aws:eks:eu-west-1:123456789012:cluster/spark",
    server: "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com", certificateAuthorityData: "LS0tLS1CRUdJTg==",
    region: "eu-west-1")

  static let existing = """
    apiVersion: v1
    kind: Config
    preferences: {}
    current-context: kind-dev
    clusters:
    - name: kind-dev
      cluster:
        server: https://127.0.0.1:40000
        certificate-authority-data: a2luZA==
    - name: arn:aws:eks:eu-west-1:123456789012:cluster/spark
      cluster:
        server: https://old.example
        certificate-authority-data: b2xk
    contexts:
    - name: kind-dev
      context:
        cluster: kind-dev
        user: kind-dev
        namespace: work
    users:
    - name: kind-dev
      user:
        client-certificate-data: Y2VydA==
        client-key-data: a2V5
    """

  func golden(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Golden/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
  }

  @Test("a new file holds the cluster, context and exec user, named by the cluster ARN")
  func newFile() throws {
    let text = try Self.entry.merged(into: nil, file: "config")
    #expect(text == (try golden("kubeconfig-new.yaml")))
  }

  @Test("merging keeps other entries, replaces the same-named cluster in place and sets current-context")
  func mergedFile() throws {
    var entry = Self.entry
    entry.profile = "dev"
    entry.roleARN = "arn:aws:iam::123456789012:role/admin"
    let text = try entry.merged(into: Self.existing, file: "config")
    #expect(text == (try golden("kubeconfig-merged.yaml")))
  }

  @Test("an alias names the context and user; the written file reads back to a working context")
  func aliasRoundTrip() throws {
    var entry = Self.entry
    entry.alias = "spark"
    entry.userAlias = "spark-admin"
    let config = try Kubeconfig.parse(try entry.merged(into: Self.existing, file: "config"), file: "config")
    let resolved = try config.resolve()
    #expect(resolved.name == "spark")
    #expect(resolved.cluster.server == "https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com")
    #expect(resolved.user.exec?.command == "eks-spark")
    #expect(resolved.user.exec?.args == ["get-token", "--cluster-name", "spark", "--region", "eu-west-1"])
    #expect(resolved.user.exec?.apiVersion == "client.authentication.k8s.io/v1beta1")
    #expect(config.contexts["kind-dev"]?.namespace == "work")
  }

  @Test("the writer stores the file with mode 0600")
  func modeInMemory() throws {
    let (files, store) = KubeconfigFiles.memory(["/h/.kube/config": Self.existing])
    try KubeconfigWriter(files: files).write(Self.entry, to: "/h/.kube/config")
    #expect(store.mode("/h/.kube/config") == 0o600)
    #expect(
      store.text("/h/.kube/config")?.contains(
        "current-context: arn:aws:eks:eu-west-1:123456789012:cluster/spark") == true)
  }

  @Test("on disk the file is 0600 even under a permissive umask, and missing directories are created")
  func modeOnDisk() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-kube-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("nested/config").path
    try KubeconfigWriter().write(Self.entry, to: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == (try golden("kubeconfig-new.yaml")))
  }

  @Test("a kubeconfig that is not a mapping is refused, and nothing is written")
  func refusesGarbage() {
    let (files, store) = KubeconfigFiles.memory(["/k": "- just\n- a list\n"])
    let error = #expect(throws: KubernetesError.self) {
      try KubeconfigWriter(files: files).write(Self.entry, to: "/k")
    }
    #expect(error?.message == "/k:1:1: the kubeconfig is not a mapping")
    #expect(store.text("/k") == "- just\n- a list\n")
  }
}
