import FoundationEssentials
import Kubernetes
import Testing

@testable import Helm

@Suite("release engine: failures, killed runs and hooks")
struct ReleaseResumeTests {
  let cluster = FakeCluster()
  var engine: HelmReleaseEngine { HelmReleaseEngine(cluster: cluster) }

  func statuses() async throws -> [String] {
    try await engine.history(name: "demo", namespace: "default").map {
      "\($0.version):\($0.info.status.rawValue)"
    }
  }

  /// Stores a revision as a killed run would have left it.
  func leave(_ status: ReleaseStatus, version: Int, chartVersion: String = "2.0.0") async throws {
    let killed = HelmRelease(
      name: "demo", namespace: "default", version: version, info: ReleaseInfo(status: status),
      chart: HelmRelease.chartValue(ReleaseTestCharts.chart(version: chartVersion)), config: [:],
      manifest: "",
      hooks: [])
    _ = try await cluster.createObject(ReleaseSecret.encode(killed, createdAt: 1))
  }

  @Test("a failed upgrade leaves the old revision deployed; the next run is revision 3 and supersedes it")
  func failedUpgrade() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    cluster.failApply(of: "demo-controller")
    await #expect(throws: HelmError.self) {
      try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false))
    }
    #expect(try await statuses() == ["1:deployed", "2:failed"])
    cluster.healApply()
    let release = try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false))
    #expect(release.version == 3)
    #expect(release.info.description == "Upgrade complete")
    #expect(try await statuses() == ["1:superseded", "2:failed", "3:deployed"])
    #expect(cluster.object("ConfigMap", "demo-config") == nil)
  }

  @Test(
    "a revision left pending by a killed run is finished under its own number, whatever the action",
    arguments: [ReleaseStatus.pendingUpgrade, .pendingRollback])
  func takesOverKilledRun(status: ReleaseStatus) async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    try await leave(status, version: 2)
    let release = try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0"))
    #expect(release.version == 2)
    #expect(try await statuses() == ["1:superseded", "2:deployed"])
  }

  @Test("rollback replaces a revision left pending rather than leaving it pending")
  func rollbackOverPending() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false))
    try await leave(.pendingUpgrade, version: 3, chartVersion: "3.0.0")
    let release = try await engine.rollback(name: "demo", namespace: "default", to: 1)
    #expect(release.version == 3)
    #expect(try await statuses() == ["1:superseded", "2:superseded", "3:deployed"])
  }

  @Test("an uninstall killed half-way is finished by the next one")
  func uninstallResumes() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    var latest = try #require(try await engine.latest(name: "demo", namespace: "default"))
    latest.info.status = .uninstalling
    _ = try await cluster.replaceObject(ReleaseSecret.encode(latest))
    #expect(try await engine.uninstall(name: "demo", namespace: "default")?.version == 1)
    #expect(cluster.names(of: "Secret").isEmpty)
    #expect(cluster.object("Deployment", "demo-controller") == nil)
  }

  @Test("uninstall skips objects whose kind the cluster no longer serves")
  func unservedKind() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    cluster.stopServing("ConfigMap")
    try await engine.uninstall(name: "demo", namespace: "default")
    #expect(cluster.names(of: "Secret").isEmpty)
    #expect(cluster.object("Deployment", "demo-controller") == nil)
    #expect(cluster.object("ConfigMap", "demo-config") != nil)
  }

  @Test("CRDs are applied server-side on upgrade too")
  func crdsOnUpgrade() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    cluster.clearLog()
    try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0"))
    #expect(cluster.log.contains("apply CustomResourceDefinition widgets.example.com"))
  }

  @Test("hook-succeeded deletes a hook after it ran; the record keeps its last run")
  func hookSucceeded() async throws {
    var request = ReleaseTestCharts.request()
    request.chart = ReleaseTestCharts.chart(version: "1.0.0", hookPolicy: "hook-succeeded")
    let release = try await engine.deploy(request)
    #expect(cluster.object("Job", "demo-init") == nil)
    #expect(cluster.log.contains("apply Job default/demo-init"))
    #expect(release.hooks.first?.lastRun.phase == "Succeeded")
    #expect(release.hooks.first?.lastRun.startedAt != nil)
    let stored = try #require(try await engine.latest(name: "demo", namespace: "default"))
    #expect(stored.hooks.first?.lastRun.phase == "Succeeded")
  }

  @Test("an invalid release name is refused before anything is written")
  func invalidName() async throws {
    var request = ReleaseTestCharts.request()
    request.name = "Demo_Release"
    let error = await #expect(throws: HelmError.self) { try await engine.deploy(request) }
    #expect(error?.message.contains("invalid release name") == true)
    #expect(cluster.log.isEmpty)
  }

  @Test("timestamps are Go's RFC 3339 with nanoseconds, trailing zeros dropped")
  func timestamps() {
    let engine = HelmReleaseEngine(cluster: cluster, clock: { Date(timeIntervalSince1970: 1_780_000_000.5) })
    #expect(engine.timestamp == "2026-05-28T20:26:40.5Z")
    let whole = HelmReleaseEngine(cluster: cluster, clock: { Date(timeIntervalSince1970: 1_780_000_000) })
    #expect(whole.timestamp == "2026-05-28T20:26:40Z")
  }
}
