import Foundation
import Kubernetes
import Testing

@testable import Helm

/// Checks against what the real Helm wrote (`tests/helm-release/make_fixture.py`).
@Suite("release records match real Helm's")
struct HelmCompatibilityTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")
  static let helmSecret = fixtures.appendingPathComponent("helm-written-secret.json")

  @Test("the stored manifest and notes are byte-identical to the release Helm builds")
  func manifestMatchesHelm() async throws {
    let expected =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: Self.fixtures.appendingPathComponent("helm-release.json"))) as? [String: Any]
    let helm = try #require(expected)
    let chart = try ChartLoader.load(path: Self.fixtures.appendingPathComponent("fixture-chart").path)
    let engine = HelmReleaseEngine(cluster: FakeCluster())
    let release = try await engine.deploy(
      ReleaseRequest(
        name: "fixture", namespace: "default", chart: chart, values: ["greeting": .string("hi there")]))
    #expect(release.manifest == helm["manifest"] as? String)
    #expect(release.info.notes == helm["notes"] as? String)
    #expect(release.chartVersion == helm["chart_version"] as? String)
    #expect(release.hooks.map(\.name) == ["fixture-hook"])
    #expect(release.hooks.first?.events == ["post-install"])
  }

  @Test("a record Secret that real Helm wrote decodes to its release")
  func decodesHelmSecret() throws {
    let secret = try KubernetesObject.parse(String(contentsOf: Self.helmSecret, encoding: .utf8))
    let release = try ReleaseSecret.decode(secret)
    #expect(release.name == "fixture")
    #expect(release.version == 1)
    #expect(release.info.status == .deployed)
    #expect(release.labels == ["team": "data"])
    #expect(release.config["greeting"].flatMap(\.stringValue) == "hi there")
    #expect(release.chartVersion == "0.3.0")
    #expect(release.hooks.first?.lastRun.phase == "Succeeded")
    // Our encoding of what Helm wrote reads back the same.
    #expect(try ReleaseSecret.decode(ReleaseSecret.encode(release)).json == release.json)
  }
}
