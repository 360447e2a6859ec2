import FoundationEssentials
import Kubernetes
import Testing

@testable import Helm

@Suite("release engine: install, upgrade, rollback, uninstall")
struct ReleaseEngineTests {
  let cluster = FakeCluster()
  var engine: HelmReleaseEngine {
    HelmReleaseEngine(cluster: cluster, clock: { Date(timeIntervalSince1970: 1_780_000_000.25) })
  }

  func statuses() async throws -> [String] {
    try await engine.history(name: "demo", namespace: "default").map {
      "\($0.version):\($0.info.status.rawValue)"
    }
  }

  @Test("install applies CRDs, then hooks by weight, then objects in install order, and records revision 1")
  func install() async throws {
    let release = try await engine.deploy(ReleaseTestCharts.request())
    #expect(release.version == 1)
    #expect(release.info.status == .deployed)
    #expect(release.info.description == "Install complete")
    #expect(release.info.notes == "Installed demo.")
    #expect(release.info.firstDeployed == "2026-05-28T20:26:40.25Z")
    let writes = cluster.log.filter { $0.hasPrefix("apply") || $0.hasPrefix("delete") }
    #expect(
      writes == [
        "apply CustomResourceDefinition widgets.example.com", "apply Job default/demo-init",
        "apply ConfigMap default/demo-config", "apply ClusterRole demo-role",
        "apply Deployment default/demo-controller",
      ])
    #expect(cluster.log.first == "create Secret sh.helm.release.v1.demo.v1")
    #expect(try await statuses() == ["1:deployed"])
    let hook = try #require(release.hooks.first)
    #expect(hook.lastRun.phase == "Succeeded")
    #expect(
      release.manifest.hasPrefix(
        "---\n# Source: demo/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap"))
  }

  @Test("upgrade is revision 2, supersedes 1, reruns the hook and deletes what the chart dropped")
  func upgrade() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    cluster.clearLog()
    let release = try await engine.deploy(
      ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false, values: ["replicas": .float(2)]))
    #expect(release.version == 2)
    #expect(release.info.description == "Upgrade complete")
    #expect(try await statuses() == ["1:superseded", "2:deployed"])
    #expect(cluster.log.contains("delete Job default/demo-init"))  // before-hook-creation
    #expect(cluster.log.contains("delete ConfigMap default/demo-config"))
    #expect(cluster.object("ConfigMap", "demo-config") == nil)
    #expect(cluster.object("Deployment", "demo-controller")?.tree.integer(at: ["spec", "replicas"]) == 2)
    #expect(release.chartVersion == "2.0.0")
  }

  @Test("a failed install is recorded failed; running again resumes as a new revision")
  func failedThenResumed() async throws {
    cluster.failApply(of: "demo-controller")
    await #expect(throws: HelmError.self) { try await engine.deploy(ReleaseTestCharts.request()) }
    let failed = try #require(try await engine.latest(name: "demo", namespace: "default"))
    #expect(failed.info.status == .failed)
    #expect(failed.info.description.contains("Release \"demo\" failed: applying Deployment demo-controller"))
    cluster.healApply()
    let release = try await engine.deploy(ReleaseTestCharts.request())
    #expect(release.version == 2)
    #expect(try await statuses() == ["1:failed", "2:deployed"])
    #expect(cluster.object("Deployment", "demo-controller") != nil)
  }

  @Test("a pending-install record left by a killed run is taken over, not refused")
  func takesOverPending() async throws {
    let chart = ReleaseTestCharts.chart(version: "1.0.0")
    let killed = HelmRelease(
      name: "demo", namespace: "default", version: 1,
      info: ReleaseInfo(description: "Initial install underway", status: .pendingInstall),
      chart: HelmRelease.chartValue(chart), config: [:], manifest: "", hooks: [])
    _ = try await cluster.createObject(ReleaseSecret.encode(killed, createdAt: 1))
    let release = try await engine.deploy(ReleaseTestCharts.request())
    #expect(release.version == 1)
    #expect(try await statuses() == ["1:deployed"])
  }

  @Test("a failing hook Job fails the release and its hook-failed policy deletes it")
  func failingHook() async throws {
    cluster.failJob("demo-init")
    var request = ReleaseTestCharts.request()
    request.chart = ReleaseTestCharts.chart(version: "1.0.0", hookPolicy: "hook-failed")
    let error = await #expect(throws: HelmError.self) { try await engine.deploy(request) }
    #expect(error?.message.contains("pre-install hook demo/templates/hook.yaml failed") == true)
    #expect(cluster.object("Job", "demo-init") == nil)
    #expect(cluster.object("Deployment", "demo-controller") == nil)
    #expect(try await statuses() == ["1:failed"])
  }

  @Test("history keeps 10 revisions: the oldest superseded ones are deleted, the deployed one kept")
  func historyMax() async throws {
    for replicas in 1...12 {
      try await engine.deploy(ReleaseTestCharts.request(values: ["replicas": .float(Double(replicas))]))
    }
    let history = try await engine.history(name: "demo", namespace: "default")
    #expect(history.map(\.version) == Array(3...12))
    #expect(history.filter { $0.info.status == .deployed }.map(\.version) == [12])
    #expect(cluster.names(of: "Secret").count == 10)
  }

  @Test("rollback makes a new revision from an old one and restores what it had")
  func rollback() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    try await engine.deploy(ReleaseTestCharts.request(version: "2.0.0", withConfigMap: false))
    let release = try await engine.rollback(name: "demo", namespace: "default")
    #expect(release.version == 3)
    #expect(release.info.description == "Rollback to 1")
    #expect(release.chartVersion == "1.0.0")
    #expect(try await statuses() == ["1:superseded", "2:superseded", "3:deployed"])
    #expect(cluster.object("ConfigMap", "demo-config") != nil)
    await #expect(throws: HelmError.self) {
      try await engine.rollback(name: "demo", namespace: "default", to: 9)
    }
  }

  @Test("uninstall deletes in reverse install order, removes the records and keeps the CRDs")
  func uninstall() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    cluster.clearLog()
    let removed = try await engine.uninstall(name: "demo", namespace: "default")
    #expect(removed?.version == 1)
    #expect(
      cluster.log.filter { $0.hasPrefix("delete") && !$0.contains("Secret") } == [
        "delete Deployment default/demo-controller", "delete ClusterRole demo-role",
        "delete ConfigMap default/demo-config",
      ])
    #expect(cluster.names(of: "Secret").isEmpty)
    #expect(cluster.object("CustomResourceDefinition", "widgets.example.com", namespace: nil) != nil)
    #expect(try await engine.uninstall(name: "demo", namespace: "default") == nil)
  }

  @Test("uninstall with keep-history marks the release uninstalled; deleteCRDs removes the CRDs")
  func uninstallKeepingHistory() async throws {
    try await engine.deploy(ReleaseTestCharts.request())
    try await engine.uninstall(
      name: "demo", namespace: "default", options: UninstallOptions(keepHistory: true, deleteCRDs: true))
    let release = try #require(try await engine.latest(name: "demo", namespace: "default"))
    #expect(release.info.status == .uninstalled)
    #expect(release.info.deleted == "2026-05-28T20:26:40.25Z")
    #expect(cluster.object("CustomResourceDefinition", "widgets.example.com", namespace: nil) == nil)
    let again = try await engine.deploy(ReleaseTestCharts.request())
    #expect(again.version == 2)
    #expect(again.info.description == "Install complete")
  }
}
