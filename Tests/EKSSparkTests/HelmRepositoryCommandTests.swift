import Foundation
import TestSupport
import Testing

/// `--repo` over real HTTP (libcurl): a static file server on loopback serves the shared
/// chart repository, as a user's chart repository would.
@Suite("eks-spark helm template --repo over HTTP", .serialized)
struct HelmRepositoryCommandTests {
  static let repository = BinaryRunner.repositoryRoot.appendingPathComponent(
    "../shared/charts/spark-operator"
  )
  .standardized

  /// A static file server on a random loopback port, and the pid of the Python process
  /// serving: a launcher such as pyenv may sit in between, so the server writes its own pid,
  /// and it is stopped with SIGKILL because a child of Foundation's Process may have
  /// SIGTERM blocked.
  static func startServer() throws -> (pid: Int32, port: Int) {
    let port = Int.random(in: 20000..<40000)
    let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(
      "http-\(UUID().uuidString).pid")
    let script = """
      import functools, http.server, os, sys
      open(sys.argv[1], "w").write(str(os.getpid()))
      handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[2])
      http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
      http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[3])), handler).serve_forever()
      """
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = ["python3", "-c", script, pidFile.path, repository.path, "\(port)"]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    var pid = server.processIdentifier
    for _ in 0..<200 {
      if let text = try? String(contentsOf: pidFile, encoding: .utf8), let value = Int32(text) {
        pid = value
        break
      }
      Thread.sleep(forTimeInterval: 0.025)
    }
    try? FileManager.default.removeItem(at: pidFile)
    return (pid, port)
  }

  @Test("downloads over HTTP, verifies the digest and caches the archive by digest")
  func downloadsAndCaches() throws {
    let (pid, port) = try Self.startServer()
    defer { kill(pid, SIGKILL) }
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    var result = try BinaryRunner.run([
      "helm", "template", "spark-operator", "--repo", "http://127.0.0.1:\(port)",
    ])
    for _ in 0..<40 where result.stderr.contains("cannot be reached") {
      Thread.sleep(forTimeInterval: 0.05)
      result = try BinaryRunner.run([
        "helm", "template", "spark-operator", "--repo", "http://127.0.0.1:\(port)",
      ])
    }
    result = try BinaryRunner.run(
      ["helm", "template", "spark-operator", "--repo", "http://127.0.0.1:\(port)", "--version", "~2.2"],
      environment: ["XDG_CACHE_HOME": cache.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("helm.sh/chart: spark-operator-2.2.1"))
    let cached = try FileManager.default.contentsOfDirectory(
      atPath: cache.appendingPathComponent("eks-spark/charts").path)
    #expect(cached == ["b4595b32414b461ba61743641dcd5b8e4a832f5d820b3fb6bf9c131eba49916d.tgz"])
  }
}
