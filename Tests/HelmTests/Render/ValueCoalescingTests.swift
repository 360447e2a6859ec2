import Testing

@testable import Helm

@Suite("value coalescing as Helm's chartutil")
struct ValueCoalescingTests {
  func chart(_ name: String, _ values: String, dependencies: [Chart] = []) throws -> Chart {
    guard case .map(let map) = try HelmYAML.decode(values, file: "values.yaml", emptyAsMap: true) else {
      throw HelmError(.invalidValues, "not a map")
    }
    return Chart(
      metadata: ChartMetadata(apiVersion: "v2", name: name, version: "1.0.0"), values: map,
      dependencies: dependencies)
  }

  func values(_ text: String) throws -> [String: Value] {
    guard case .map(let map) = try HelmYAML.decode(text, file: "user", emptyAsMap: true) else { return [:] }
    return map
  }

  @Test("user values win, maps merge, null deletes a default")
  func coalesces() throws {
    let parent = try chart("p", "a: 1\nb: {c: 2, d: 3}\ne: x\nlist: [1, 2]\n")
    let merged = try ValueCoalescing.coalesce(parent, values("b: {c: 9, d: null}\ne: null\nlist: [3]\n"))
    #expect(JSONCodec.encode(.map(merged)) == #"{"a":1,"b":{"c":9},"list":[3]}"#)
  }

  @Test("subcharts get their section and the parent's globals")
  func subchartScope() throws {
    let child = try chart("child", "port: 80\nglobal: {region: child}\n")
    let parent = try chart(
      "p", "global: {region: eu, tier: gold}\nchild: {port: 81}\n", dependencies: [child])
    let merged = try ValueCoalescing.coalesce(parent, values("global: {tier: silver}\n"))
    #expect(
      JSONCodec.encode(merged["child"] ?? .null) == #"{"global":{"region":"eu","tier":"silver"},"port":81}"#)
  }

  @Test("-f files merge deeply, later files win")
  func mergesFiles() throws {
    let merged = ValueCoalescing.mergeMaps(
      try values("a: {b: 1, c: 2}\nd: [1]\n"), try values("a: {c: 3}\nd: [2]\n"))
    #expect(JSONCodec.encode(.map(merged)) == #"{"a":{"b":1,"c":3},"d":[2]}"#)
  }

  @Test("conditions and tags disable subcharts; aliases rename them")
  func dependencies() throws {
    let child = try chart("child", "enabled: true\n")
    let other = try chart("other", "")
    var parent = try chart(
      "p", "child: {enabled: false}\ntags: {extras: false}\n", dependencies: [child, other])
    var childDependency = ChartDependency(name: "child")
    childDependency.condition = "child.enabled"
    var otherDependency = ChartDependency(name: "other")
    otherDependency.tags = ["extras"]
    var aliased = ChartDependency(name: "other")
    aliased.alias = "second"
    parent.metadata.dependencies = [childDependency, otherDependency, aliased]
    let processed = try DependencyProcessing.process(parent, values: [:])
    #expect(processed.dependencies.map(\.name) == ["second"])
    let enabled = try DependencyProcessing.process(parent, values: values("child: {enabled: true}\n"))
    #expect(enabled.dependencies.map(\.name) == ["child", "second"])
  }
}

@Suite("value coalescing edge cases checked against Helm")
struct ValueCoalescingEdgeTests {
  @Test("nulls under an empty default table are kept, under a filled one deleted")
  func emptyDefaultTable() throws {
    guard case .map(let defaults) = try HelmYAML.decode("z: {q: 1, r: {}, t: 2}\ne: {}\n", file: "v") else {
      return
    }
    let chart = Chart(
      metadata: ChartMetadata(apiVersion: "v2", name: "p", version: "1.0.0"), values: defaults)
    guard case .map(let user) = try HelmYAML.decode("z: {q: null, r: {s: null}}\ne: {x: null}\n", file: "u")
    else {
      return
    }
    let merged = try ValueCoalescing.coalesce(chart, user)
    #expect(JSONCodec.encode(.map(merged)) == #"{"e":{"x":null},"z":{"r":{"s":null},"t":2}}"#)
  }
}
