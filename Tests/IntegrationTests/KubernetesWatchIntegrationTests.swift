import Foundation
import HTTP
import Kubernetes
import Testing
import YAML

@Suite(
  "Kubernetes watch and waits against the sandbox's API emulator",
  .enabled(
    if: KubernetesSandbox.isAvailable,
    "needs the sandbox with its Kubernetes emulator: make sandbox-up && source .sandbox/env")
)
struct KubernetesWatchIntegrationTests {
  @Test("a watch from a list's version sees ADDED, MODIFIED and DELETED in order")
  func watchEvents() async throws {
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    let start = try await client.list(.configMap, namespace: namespace)
    let stream = client.watch(
      .configMap, namespace: namespace, options: WatchOptions(resourceVersion: start.resourceVersion))
    let writer = Task {
      _ = try await client.create(
        KubernetesSandbox.configMap("watched", namespace: namespace, data: [("v", "1")]))
      _ = try await client.patch(
        .configMap, name: "watched", namespace: namespace,
        .merge(.mapping([("data", .mapping([("v", .string("2"))]))])))
      try await client.delete(.configMap, name: "watched", namespace: namespace)
    }
    let seen = try await KubernetesSandbox.within(.seconds(30)) {
      var seen: [String] = []
      for try await event in stream {
        switch event {
        case .added(let object) where object.name == "watched": seen.append("ADDED")
        case .modified(let object) where object.name == "watched":
          seen.append("MODIFIED \(object.tree.text(at: ["data", "v"]) ?? "")")
        case .deleted(let object) where object.name == "watched": seen.append("DELETED")
        default: continue
        }
        if seen.count == 3 { break }
      }
      return seen
    }
    try await writer.value
    #expect(seen == ["ADDED", "MODIFIED 2", "DELETED"])
  }

  @Test(
    "a watch from an expired version (410 Gone) re-lists and watches on",
    .enabled(
      if: PrivateEmulator.canStart, "needs the sandbox's Python in .venv to start an emulator of its own"))
  func forcedGone() async throws {
    let emulator = try PrivateEmulator.start()
    defer { emulator.stop() }
    let client = emulator.client()
    let first = try await client.create(KubernetesSandbox.configMap("before", namespace: "default", data: []))
    let old = try #require(first.metadata.resourceVersion)
    _ = try await client.create(KubernetesSandbox.configMap("marker", namespace: "default", data: []))
    // A reset drops the event log: every version before the last one has expired.
    try await emulator.reset()
    _ = try await client.create(KubernetesSandbox.configMap("after", namespace: "default", data: []))
    let stream = client.watch(.configMap, namespace: "default", options: WatchOptions(resourceVersion: old))
    let (relisted, laterAdded) = try await KubernetesSandbox.within(.seconds(30)) {
      var relisted: [String]?
      for try await event in stream {
        switch event {
        case .relisted(let objects, let version):
          relisted = objects.map(\.name)
          #expect(Int(version) ?? 0 > Int(old) ?? 0)
          _ = try await client.create(KubernetesSandbox.configMap("later", namespace: "default", data: []))
        case .added(let object) where object.name == "later":
          return (relisted, true)
        default:
          break
        }
      }
      return (relisted, false)
    }
    #expect(relisted?.contains("after") == true && relisted?.contains("before") == false)
    #expect(laterAdded)
  }

  @Test("waiting for a Deployment to become available follows the emulator's controllers")
  func deploymentAvailable() async throws {
    try await ClusterSetup.shared.ensureFargateProfile()
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    _ = try await client.apply(
      KubernetesClientIntegrationTests.deployment("web", namespace: namespace, replicas: 2), force: false)
    let available = try #require(
      try await client.wait(
        for: .deploymentAvailable, .deployment, name: "web", namespace: namespace, timeout: .seconds(60)))
    #expect(available.tree.integer(at: ["status", "availableReplicas"]) == 2)
    #expect(available.condition("Available")?.isTrue == true)
    let pods = try await client.list(
      .pod, namespace: namespace, options: ListOptions(labelSelector: "app=web"))
    #expect(pods.items.count == 2)
    for pod in pods.items {
      try await client.wait(
        for: .podPhase(["Running"]), .pod, name: pod.name, namespace: namespace, timeout: .seconds(30))
    }
  }

  @Test("a wait that times out names what it awaited and the last state seen")
  func waitTimeout() async throws {
    let client = try await KubernetesSandbox.client()
    // No Fargate profile selects this namespace: its pods stay Pending, as on EKS.
    let namespace = Sandbox.unique("nofargate")
    _ = try await client.create(KubernetesObject(.namespace, name: namespace))
    defer { Task { await KubernetesSandbox.cleanUp(client, namespace: namespace) } }
    _ = try await client.apply(
      KubernetesClientIntegrationTests.deployment("stuck", namespace: namespace, replicas: 1), force: false)
    let error = await #expect(throws: KubernetesError.self) {
      try await client.wait(
        for: .deploymentAvailable, .deployment, name: "stuck", namespace: namespace, timeout: .seconds(10))
    }
    #expect(error?.code == .wait)
    #expect(
      error?.message.hasPrefix(
        "timed out after 10s waiting for Deployment \(namespace)/stuck to be available; last seen: ") == true)
    // What was last seen: the replicas, or (when the shared emulator's controllers are
    // behind) that the Deployment's generation was not observed yet.
    let lastSeen = error?.message ?? ""
    #expect(
      lastSeen.contains("0 of 1 replicas available") || lastSeen.contains("has not seen generation 1 yet"),
      "\(lastSeen)")
  }
}

/// A Kubernetes emulator of this test's own (the sandbox's Python, a temporary state
/// directory), for what would disturb the shared one: resetting its event log.
final class PrivateEmulator: @unchecked Sendable {
  let process: Process
  let directory: URL
  let server: String
  let token: String
  let ca: [UInt8]

  private init(process: Process, directory: URL, server: String, token: String, ca: [UInt8]) {
    self.process = process
    self.directory = directory
    self.server = server
    self.token = token
    self.ca = ca
  }

  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static var python: URL { root.appendingPathComponent(".venv/bin/python") }
  static var canStart: Bool { FileManager.default.isExecutableFile(atPath: python.path) }

  static func start() throws -> PrivateEmulator {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-k8s-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = python
    process.arguments = [
      "-m", "sandbox.k8s", "--port", "0", "--state-dir", directory.path, "--cluster-name", "private",
    ]
    process.currentDirectoryURL = root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let portFile = directory.appendingPathComponent("port")
    for _ in 0..<200 {
      if let text = try? String(contentsOf: portFile, encoding: .utf8),
        let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        let token = try String(contentsOf: directory.appendingPathComponent("admin-token"), encoding: .utf8)
          .trimmingCharacters(in: .whitespacesAndNewlines)
        let ca = Array(try Data(contentsOf: directory.appendingPathComponent("ca.crt")))
        return PrivateEmulator(
          process: process, directory: directory, server: "https://127.0.0.1:\(port)", token: token, ca: ca)
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    process.terminate()
    throw KubernetesError(.connection, "the private emulator did not start")
  }

  func client() -> KubernetesClient {
    KubernetesClient(
      connection: KubernetesConnection(server: server, caPEM: ca, credentials: StaticTokenProvider(token)))
  }

  func reset() async throws {
    var configuration = HTTPClientConfiguration()
    configuration.caPEM = ca
    let response = try await HTTPClient(configuration: configuration).send(
      HTTPRequest(
        method: .post, url: server + "/_sandbox/reset", headers: ["Authorization": "Bearer \(token)"]))
    #expect(response.status == 200)
  }

  func stop() {
    // SIGKILL: the emulator's graceful shutdown waits for open watches to end.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: directory)
  }
}
