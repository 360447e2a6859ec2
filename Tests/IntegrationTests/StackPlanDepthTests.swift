import Foundation
import Testing

/// Plan's round-trip depth: with every AWS call answered late, plan of an applied stack
/// costs about three delays (identity and zones; everything found by tag or name; the few
/// details that need an id), not one per read in a chain or per wave of reads.
///
/// An extension of `StackCommandTests` so it runs in that serialized suite: the delay
/// injected here would reach the other suites' requests.
extension StackCommandTests {
  @Test("with every AWS call delayed 300 ms, plan of an applied stack takes at most 3.5 delays more")
  func planRoundTripDepth() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let stack = try StackFixture("depth")
    try await stack.apply()
    func planSeconds() async throws -> Double {
      var best = Double.infinity
      for _ in 0..<3 {
        let started = Date()
        let outcome = try await stack.run(["plan", "--detailed-exitcode"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        best = min(best, Date().timeIntervalSince(started))
      }
      return best
    }
    let undelayed = try await planSeconds()
    try await Sandbox.control(.put, "/faults", #"{"rules": [{"kind": "delay", "seconds": 0.3}]}"#)
    let delayed = try await planSeconds()
    try await Sandbox.control(.delete, "/faults")
    let depth = (delayed - undelayed) / 0.3
    #expect(depth <= 3.5, "plan took \(delayed) s delayed, \(undelayed) s not: \(depth) round trips")
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }
}
