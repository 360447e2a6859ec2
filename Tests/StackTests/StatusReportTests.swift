import Engine
import Testing

@testable import Stack

/// A resource that only exists to be planned.
private struct PlannedResource: Resource {
  let address: Address
  func desired(_ inputs: Inputs) -> Attributes? { nil }
  func read(_ context: ReadContext) async throws -> LiveState? { nil }
  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs { [:] }
  func delete(_ live: LiveState, context: ApplyContext) async throws {}
}

@Suite("status report")
struct StatusReportTests {
  @Test("each action becomes a state; drift names the fields; ids come from live outputs")
  func rows() throws {
    let addresses = ["a.vpc.main", "a.role.x", "a.cluster.main", "a.subnet.one", "a.eip.old"].map {
      Address(
        String($0.split(separator: ".").dropLast().joined(separator: ".")),
        String($0.split(separator: ".").last!))
    }
    let graph = try ResourceGraph(addresses.map { PlannedResource(address: $0) })
    let changes = [
      Change(address: addresses[0], action: .noop, before: [:], after: [:], liveOutputs: ["id": "vpc-1"]),
      Change(
        address: addresses[1], action: .update, before: [:], after: [:],
        fieldChanges: [FieldChange(path: "tags", before: nil, after: nil)], liveOutputs: ["arn": "arn:x"]),
      Change(address: addresses[2], action: .replace, before: [:], after: [:], liveOutputs: ["name": "c"]),
      Change(address: addresses[3], action: .create, before: nil, after: [:]),
      Change(
        address: addresses[4], action: .delete, before: [:], after: nil, liveOutputs: ["allocationId": "e-1"]),
    ]
    let report = StatusReport(
      plan: try Plan(graph: graph, changes: changes), stack: "demo", region: "eu-west-1", account: "1")
    let byAddress = Dictionary(uniqueKeysWithValues: report.resources.map { ($0.address, $0) })
    #expect(byAddress["a.vpc.main"]?.state == .inSync)
    #expect(byAddress["a.vpc.main"]?.id == "vpc-1")
    #expect(byAddress["a.role.x"]?.state == .drifted)
    #expect(byAddress["a.role.x"]?.drift == ["tags"])
    #expect(byAddress["a.cluster.main"]?.state == .mustReplace)
    #expect(byAddress["a.subnet.one"]?.state == .missing)
    #expect(byAddress["a.subnet.one"]?.id == nil)
    #expect(byAddress["a.eip.old"]?.state == .orphan)
    #expect(byAddress["a.eip.old"]?.id == "e-1")
    #expect(!report.isInSync)
  }
}

@Suite("public address probe")
struct PublicAddressProbeTests {
  @Test("a custom AWS endpoint skips the check; no fetch skips it")
  func skipped() async {
    let answer: PublicAddressProbe.Fetch = { _ in (200, "203.0.113.7\n") }
    let custom = PublicAddressProbe(fetch: answer, environment: ["AWS_ENDPOINT_URL": "http://127.0.0.1:1"])
    #expect(await custom.lookup() == .skipped("AWS_ENDPOINT_URL is set (http://127.0.0.1:1)"))
    #expect(
      await PublicAddressProbe(fetch: nil, environment: [:]).lookup()
        == .skipped("no network access configured"))
  }

  @Test("reads the address from the answer; an odd answer or a failure is unknown, never an error")
  func answers() async {
    struct Down: Error {}
    let ok = PublicAddressProbe(fetch: { _ in (200, "203.0.113.7\n") }, environment: [:], url: "u")
    #expect(await ok.lookup() == .address("203.0.113.7"))
    let odd = PublicAddressProbe(fetch: { _ in (200, "<html>") }, environment: [:], url: "u")
    #expect(await odd.lookup() == .unknown("u answered HTTP 200"))
    let down = PublicAddressProbe(fetch: { _ in throw Down() }, environment: [:], url: "u")
    #expect(await down.lookup() == .unknown("u unreachable"))
  }
}
