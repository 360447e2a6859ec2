import Testing

@testable import Engine

@Suite("resource graph")
struct GraphTests {
  let world = FakeWorld()

  func node(_ name: String, _ deps: String...) -> FakeResource {
    FakeResource("t", name, world: world, dependencies: deps.map { Address("t", $0) }, attributes: [:])
  }

  @Test("orders dependencies first, ties by address")
  func topologicalOrder() throws {
    let graph = try ResourceGraph([node("d", "b", "c"), node("c", "a"), node("b", "a"), node("a")])
    #expect(graph.order.map(\.name) == ["a", "b", "c", "d"])
    #expect(graph.reverseOrder.map(\.name) == ["d", "c", "b", "a"])
  }

  @Test("orders indexed names numerically")
  func indexedNames() throws {
    let graph = try ResourceGraph(
      [2, 10, 1].map { FakeResource("aws.ec2.subnet", "private[\($0)]", world: world, attributes: [:]) })
    #expect(
      graph.order.map(\.description) == [
        "aws.ec2.subnet.private[1]", "aws.ec2.subnet.private[2]", "aws.ec2.subnet.private[10]",
      ])
  }

  @Test("names the cycle in the error")
  func cycle() throws {
    let error = try #require(throws: EngineError.self) {
      try ResourceGraph([node("a", "b"), node("b", "c"), node("c", "a"), node("x", "a")])
    }
    #expect(error.code == .dependencyCycle)
    #expect(error.message == "dependency cycle: t.a -> t.b -> t.c -> t.a")
  }

  @Test("a resource depending on itself is a cycle")
  func selfCycle() throws {
    let error = try #require(throws: EngineError.self) { try ResourceGraph([node("a", "a")]) }
    #expect(error.message == "dependency cycle: t.a -> t.a")
  }

  @Test("names a missing dependency")
  func missingDependency() throws {
    let error = try #require(throws: EngineError.self) { try ResourceGraph([node("a", "ghost")]) }
    #expect(error.code == .missingDependency)
    #expect(error.message == "t.a depends on t.ghost, which is not in the graph")
  }

  @Test("rejects duplicate addresses")
  func duplicates() throws {
    let error = try #require(throws: EngineError.self) { try ResourceGraph([node("a"), node("a")]) }
    #expect(error.code == .duplicateAddress)
  }

  @Test("target subgraph keeps the target and everything it depends on")
  func targetSubgraph() throws {
    let graph = try ResourceGraph([
      node("vpc"), node("subnet", "vpc"), node("cluster", "subnet", "role"), node("role"),
      node("profile", "cluster"), node("bucket"),
    ])
    let sub = try graph.subgraph(targets: ["t.cluster"])
    #expect(sub.order.map(\.name) == ["role", "vpc", "subnet", "cluster"])
    #expect(
      graph.descendants(of: Address("t", "subnet")) == [Address("t", "cluster"), Address("t", "profile")])
  }

  @Test("an unknown target suggests the nearest address")
  func unknownTarget() throws {
    let graph = try ResourceGraph([node("cluster"), node("bucket")])
    let error = try #require(throws: EngineError.self) { try graph.subgraph(targets: ["t.clustr"]) }
    #expect(error.code == .unknownTarget)
    #expect(error.remedy == "did you mean \"t.cluster\"?")
  }
}
