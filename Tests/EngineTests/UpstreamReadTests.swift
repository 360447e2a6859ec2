import Testing

@testable import Engine

/// A resource whose read needs its upstream's live outputs (a Kubernetes object needs the
/// cluster's endpoint): it finds nothing while the upstream does not exist.
struct EndpointReader: Resource {
  let address: Address
  let upstream: Address
  let world: FakeWorld
  var asks: Address?

  var dependencies: [Address] { [upstream] }

  func desired(_ inputs: Inputs) -> Attributes? { ["endpoint": inputs.value(upstream, "endpoint")] }

  func read(_ context: ReadContext) async throws -> LiveState? {
    guard let cluster = try await context.live(of: asks ?? upstream),
      let endpoint = cluster.outputs["endpoint"]
    else { return nil }
    await world.beginRead()
    try await Task.sleep(for: .milliseconds(30))
    await world.endRead()
    return LiveState(attributes: ["endpoint": endpoint])
  }

  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
  func delete(_ live: LiveState, context: ApplyContext) async throws {}
}

@Suite("reads that use upstream live state")
struct UpstreamReadTests {
  let cluster = Address("aws.eks.cluster", "main")

  @Test("a read sees its dependency's live outputs, and all such reads go out together")
  func seesUpstream() async throws {
    let world = FakeWorld(live: [
      cluster: LiveState(attributes: ["name": "demo"], outputs: ["endpoint": "https://k8s"])
    ])
    let upstream = FakeResource(cluster.type, cluster.name, world: world, attributes: ["name": "demo"])
    let readers = (0..<4).map {
      EndpointReader(address: Address("k8s.object", "o\($0)"), upstream: cluster, world: world)
    }
    let plan = try await Planner(parallelism: 10).plan(try ResourceGraph([upstream] + readers))
    #expect(plan.changes.map(\.action) == Array(repeating: .noop, count: 5))
    #expect(await world.maxReadsInFlight == 4)
  }

  @Test("without the upstream, the dependent plans as a create with known-after-apply values")
  func upstreamMissing() async throws {
    let world = FakeWorld()
    let upstream = FakeResource(cluster.type, cluster.name, world: world, attributes: ["name": "demo"])
    let reader = EndpointReader(address: Address("k8s.object", "o"), upstream: cluster, world: world)
    let plan = try await Planner().plan(try ResourceGraph([upstream, reader]))
    let change = try #require(plan.change(for: reader.address))
    #expect(change.action == .create)
    #expect(change.after?["endpoint"] == .unknown)
  }

  @Test("asking for a resource that is not a dependency fails the read, naming both")
  func undeclared() async throws {
    let world = FakeWorld()
    let other = FakeResource("t", "other", world: world, attributes: ["x": 1])
    let upstream = FakeResource(cluster.type, cluster.name, world: world, attributes: ["name": "demo"])
    var reader = EndpointReader(address: Address("k8s.object", "o"), upstream: cluster, world: world)
    reader.asks = other.address
    let error = try await #require(throws: EngineError.self) {
      try await Planner().plan(try ResourceGraph([upstream, other, reader]))
    }
    #expect(error.code == .readFailed)
    #expect(error.description.contains("k8s.object.o read t.other, which it does not depend on"))
  }

  @Test("a context built from upstream states answers from them")
  func preloaded() async throws {
    let state = LiveState(attributes: [:], outputs: ["endpoint": "https://x"])
    let context = ReadContext(upstream: [cluster: state])
    #expect(try await context.live(of: cluster) == state)
  }
}

/// Orphans found by tag: an owned object no longer in the file still reads through the
/// cluster it lives in.
private struct OrphanSource: OwnedResourceSource {
  let orphan: EndpointReader
  func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
    guard try await context.live(of: orphan.upstream) != nil else { return [] }
    return [orphan]
  }
}

@Suite("orphans that read upstream state")
struct OrphanUpstreamReadTests {
  @Test("an orphan's read sees its upstream's live state and is planned for deletion")
  func orphanReads() async throws {
    let cluster = Address("aws.eks.cluster", "main")
    let world = FakeWorld(live: [
      cluster: LiveState(attributes: ["name": "demo"], outputs: ["endpoint": "https://k8s"])
    ])
    let upstream = FakeResource(cluster.type, cluster.name, world: world, attributes: ["name": "demo"])
    let orphan = EndpointReader(address: Address("k8s.object", "gone"), upstream: cluster, world: world)
    let plan = try await Planner().plan(try ResourceGraph([upstream]), owned: [OrphanSource(orphan: orphan)])
    #expect(plan.change(for: orphan.address)?.action == .delete)
  }
}
