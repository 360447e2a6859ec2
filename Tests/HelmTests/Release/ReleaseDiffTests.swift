import FoundationEssentials
import Testing

@testable import Helm

@Suite("release diff for plans")
struct ReleaseDiffTests {
  func render(_ request: ReleaseRequest, revision: Int = 2) throws -> RenderResult {
    try HelmReleaseEngine(cluster: FakeCluster()).render(request, revision: revision, isUpgrade: true)
  }

  @Test("an unchanged deployed release has an empty diff")
  func unchanged() async throws {
    let engine = HelmReleaseEngine(cluster: FakeCluster())
    let live = try await engine.deploy(ReleaseTestCharts.request(values: ["replicas": .float(1)]))
    let desired = try render(ReleaseTestCharts.request(values: ["replicas": .float(1)]), revision: 1)
    let diff = try ReleaseDiff(
      live: live, chartVersion: "1.0.0", values: ["replicas": .float(1)], manifests: desired.manifests,
      namespace: "default")
    #expect(diff.isEmpty)
    #expect(diff.liveVersion == 1)
  }

  @Test("chart version, values and objects: created, updated with changed lines, deleted")
  func changes() async throws {
    let engine = HelmReleaseEngine(cluster: FakeCluster())
    let live = try await engine.deploy(
      ReleaseTestCharts.request(values: ["replicas": .float(1), "old": .map(["a": .bool(true)])]))
    let values: [String: Value] = [
      "replicas": .float(3), "spark": .map(["jobNamespaces": .list([.string("default")])]),
    ]
    let desired = try render(
      ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false, values: values))
    let diff = try ReleaseDiff(
      live: live, chartVersion: "2.0.0", values: values, manifests: desired.manifests, namespace: "default")
    #expect(!diff.isEmpty)
    #expect(diff.chartVersion?.from == "1.0.0")
    #expect(diff.chartVersion?.to == "2.0.0")
    #expect(
      diff.values == [
        .init(path: "old", old: "{\"a\":true}", new: nil), .init(path: "replicas", old: "1", new: "3"),
        .init(path: "spark", old: nil, new: "{\"jobNamespaces\":[\"default\"]}"),
      ])
    #expect(
      diff.objects.map { "\($0.action.rawValue) \($0.key)" } == [
        "update Deployment default/demo-controller", "delete ConfigMap default/demo-config",
      ])
    let update = try #require(diff.objects.first)
    #expect(
      update.lines.filter { if case .same = $0 { false } else { true } } == [
        .removed("  replicas: 1"), .added("  replicas: 3"),
      ])
    #expect(update.source == "demo/templates/deployment.yaml")
  }

  @Test("with no live release every object is a create and every value an addition")
  func fromNothing() throws {
    let desired = try render(ReleaseTestCharts.request(values: ["replicas": .float(2)]), revision: 1)
    let diff = try ReleaseDiff(
      live: nil, chartVersion: "1.0.0", values: ["replicas": .float(2)], manifests: desired.manifests,
      namespace: "default")
    #expect(diff.liveVersion == nil)
    #expect(diff.chartVersion?.from == nil)
    #expect(diff.values == [.init(path: "replicas", old: nil, new: "2")])
    #expect(diff.objects.map(\.action) == [.create, .create, .create])
  }

  @Test("a failed live release is not up to date even when nothing else changed")
  func failedIsNotEmpty() async throws {
    let cluster = FakeCluster()
    cluster.failApply(of: "demo-controller")
    let engine = HelmReleaseEngine(cluster: cluster)
    _ = try? await engine.deploy(ReleaseTestCharts.request())
    let live = try #require(try await engine.latest(name: "demo", namespace: "default"))
    let desired = try render(ReleaseTestCharts.request(), revision: 1)
    let diff = try ReleaseDiff(
      live: live, chartVersion: "1.0.0", values: [:], manifests: desired.manifests, namespace: "default")
    #expect(diff.liveStatus == .failed)
    #expect(diff.objects.isEmpty)
    #expect(!diff.isEmpty)
  }

  @Test(
    "line diff keeps common lines and marks the rest",
    arguments: [
      ("a\nb\nc", "a\nx\nc", ["  a", "- b", "+ x", "  c"]),
      ("", "a", ["+ a"]),
      ("a\nb", "", ["- a", "- b"]),
    ])
  func lineDiff(old: String, new: String, expected: [String]) {
    #expect(DiffLine.diff(old: old, new: new).map(\.description) == expected)
  }
}
