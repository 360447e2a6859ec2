import Testing

@testable import Engine

@Suite("planner")
struct PlannerTests {
  @Test("reads independent resources concurrently, bounded by parallelism")
  func concurrentReads() async throws {
    let world = FakeWorld()
    let resources = (0..<12).map { index in
      var resource = FakeResource("t", "r\(index)", world: world, attributes: ["n": .int(index)])
      resource.delay = .milliseconds(30)
      return resource
    }
    _ = try await Planner(parallelism: 4).plan(try ResourceGraph(resources))
    let peak = await world.maxReadsInFlight
    #expect(peak > 1)
    #expect(peak <= 4)
  }

  @Test("plans the same order every time")
  func deterministic() async throws {
    let world = FakeWorld()
    let graph = try ResourceGraph(
      ["zeta", "alpha", "mid", "beta"].map { FakeResource("t", $0, world: world, attributes: ["x": 1]) }
        + [
          FakeResource("t", "child", world: world, dependencies: [Address("t", "zeta")], attributes: ["x": 1])
        ])
    let first = try await Planner().plan(graph).changes.map(\.address.name)
    for _ in 0..<5 {
      #expect(try await Planner().plan(graph).changes.map(\.address.name) == first)
    }
    #expect(first == ["alpha", "beta", "mid", "zeta", "child"])
  }

  @Test("a dependent of a new resource shows its output as known after apply")
  func knownAfterApply() async throws {
    let world = FakeWorld()
    let cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["name": "demo"])
    let provider = FakeResource("aws.iam.oidcProvider", "main", world: world, dependencies: [cluster.address])
    { inputs in
      ["url": inputs.value(Address("aws.eks.cluster", "main"), "id")]
    }
    let plan = try await Planner().plan(try ResourceGraph([provider, cluster]))
    #expect(plan.changes.map(\.action) == [.create, .create])
    #expect(plan.change(for: provider.address)?.after?["url"] == .unknown)
  }

  @Test("a dependent of an unchanged resource sees its live outputs")
  func liveOutputs() async throws {
    let world = FakeWorld(live: [Address("t", "up"): LiveState(attributes: ["x": 1], outputs: ["id": "up-1"])]
    )
    let up = FakeResource("t", "up", world: world, attributes: ["x": 1])
    let down = FakeResource("t", "down", world: world, dependencies: [up.address]) { inputs in
      ["ref": inputs.value(Address("t", "up"), "id")]
    }
    let plan = try await Planner().plan(try ResourceGraph([up, down]))
    #expect(plan.change(for: down.address)?.after?["ref"] == "up-1")
  }

  @Test("owned resources missing from the stack file are planned for deletion")
  func orphans() async throws {
    let world = FakeWorld(live: [
      Address("t", "kept"): LiveState(attributes: ["x": 1]),
      Address("t", "old"): LiveState(attributes: ["x": 2]),
    ])
    struct Source: OwnedResourceSource {
      let world: FakeWorld
      func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
        [
          FakeResource("t", "kept", world: world, attributes: ["x": 1]),
          FakeResource("t", "old", world: world, attributes: ["x": 2]),
        ]
      }
    }
    let graph = try ResourceGraph([FakeResource("t", "kept", world: world, attributes: ["x": 1])])
    let plan = try await Planner().plan(graph, owned: [Source(world: world)])
    #expect(plan.actionable.map(\.address.name) == ["old"])
    #expect(plan.actionable.first?.action == .delete)
    #expect(plan.actionable.first?.reason == "it is not in the stack file")
  }

  @Test("destroy plans deletes, dependents first")
  func destroy() async throws {
    let world = FakeWorld(live: [
      Address("t", "vpc"): LiveState(attributes: ["x": 1]),
      Address("t", "subnet"): LiveState(attributes: ["x": 1]),
    ])
    let graph = try ResourceGraph([
      FakeResource("t", "vpc", world: world, attributes: ["x": 1]),
      FakeResource("t", "subnet", world: world, dependencies: [Address("t", "vpc")], attributes: ["x": 1]),
      FakeResource("t", "never", world: world, attributes: ["x": 1]),
    ])
    let plan = try await Planner().plan(graph, mode: .destroy)
    #expect(plan.actionable.map(\.address.name) == ["subnet", "vpc"])
    #expect(plan.summary == PlanSummary(add: 0, change: 0, destroy: 2))
  }

  @Test("collects every failed read into one error")
  func readFailures() async throws {
    struct Broken: Resource {
      let address: Address
      func desired(_ inputs: Inputs) -> Attributes? { [:] }
      func read(_ context: ReadContext) async throws -> LiveState? {
        throw FakeError(message: "access denied")
      }
      func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
      func delete(_ live: LiveState, context: ApplyContext) async throws {}
    }
    let graph = try ResourceGraph([Broken(address: Address("t", "b")), Broken(address: Address("t", "a"))])
    let error = try await #require(throws: EngineError.self) { try await Planner().plan(graph) }
    #expect(error.code == .readFailed)
    #expect(error.message == "could not read 2 resources: t.a: access denied; t.b: access denied")
  }

  @Test("keeps every read's result when reads suspend and some fail, run after run")
  func manyMixedReads() async throws {
    // Guards the Swift 6.3.1 -O miscompile described in Sources/Engine/README.md: with the
    // do/catch inside the task group's child closure, this crashed the test process in
    // `swift test -c release`.
    struct Flaky: Resource {
      let address: Address
      let fails: Bool
      func desired(_ inputs: Inputs) -> Attributes? { ["n": 1] }
      func read(_ context: ReadContext) async throws -> LiveState? {
        await Task.yield()
        if fails { throw FakeError(message: "throttled") }
        return LiveState(attributes: ["n": 1])
      }
      func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
      func delete(_ live: LiveState, context: ApplyContext) async throws {}
    }
    let graph = try ResourceGraph(
      (0..<40).map { Flaky(address: Address("t", "r\($0)"), fails: $0 % 7 == 3) })
    for _ in 0..<200 {
      let error = try await #require(throws: EngineError.self) {
        try await Planner(parallelism: 10).plan(graph)
      }
      #expect(error.message.hasPrefix("could not read 6 resources: t.r10: throttled; "))
    }
  }

  @Test("summary counts a replacement as one add and one destroy")
  func summary() async throws {
    let world = FakeWorld(live: [
      Address("t", "a"): LiveState(attributes: ["name": "old"]),
      Address("t", "b"): LiveState(attributes: ["size": 1]),
    ])
    var a = FakeResource("t", "a", world: world, attributes: ["name": "new"])
    a.immutableFields = ["name"]
    let b = FakeResource("t", "b", world: world, attributes: ["size": 2])
    let c = FakeResource("t", "c", world: world, attributes: ["size": 2])
    let plan = try await Planner().plan(try ResourceGraph([a, b, c]))
    #expect(plan.summary == PlanSummary(add: 2, change: 1, destroy: 1))
    #expect(plan.replacements.map(\.address.name) == ["a"])
    #expect(plan.hasChanges)
  }
}
