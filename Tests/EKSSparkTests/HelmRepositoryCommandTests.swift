import Foundation
import Testing

/// `--repo` over real HTTP (libcurl): a static file server on loopback serves the shared
/// chart repository, as a user's chart repository would.
@Suite("eks-spark helm template --repo over HTTP", .serialized)
struct HelmRepositoryCommandTests {
  static let repository = BinaryRunner.repositoryRoot.appendingPathComponent(
    "../shared/charts/spark-operator"
  )
  .standardized

  /// Starts `python3 -m http.server` on a free loopback port; the caller terminates it.
  static func startServer() throws -> (Process, Int) {
    let port = Int.random(in: 20000..<40000)
    let server = Process()
    server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    server.arguments = [
      "python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", repository.path, "\(port)",
    ]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    // Wait until it answers (at most ~5 s).
    for _ in 0..<100 {
      let probe = try BinaryRunner.run([
        "helm", "template", "spark-operator", "--repo", "http://127.0.0.1:\(port)", "--version", "0.0.1",
      ])
      if probe.stderr.contains("not found in") { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    return (server, port)
  }

  @Test("downloads over HTTP, verifies the digest and caches the archive by digest")
  func downloadsAndCaches() throws {
    let (server, port) = try Self.startServer()
    defer { server.terminate() }
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cache) }
    let result = try BinaryRunner.run(
      ["helm", "template", "spark-operator", "--repo", "http://127.0.0.1:\(port)", "--version", "~2.2"],
      environment: ["XDG_CACHE_HOME": cache.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("helm.sh/chart: spark-operator-2.2.1"))
    let cached = try FileManager.default.contentsOfDirectory(
      atPath: cache.appendingPathComponent("eks-spark/charts").path)
    #expect(cached == ["b4595b32414b461ba61743641dcd5b8e4a832f5d820b3fb6bf9c131eba49916d.tgz"])
  }
}
