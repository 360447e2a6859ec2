import Foundation
import Testing

/// DESIGN principle 4: an apply killed with SIGKILL at any moment is finished by running
/// apply again, with no twins. The points are counted in mutating requests of the run
/// (from the sandbox's request log), so they land between "created" and "recorded".
@Suite("stack apply killed and re-run", .serialized, .enabled(if: Sandbox.isAvailable))
struct StackKillTests {
  @Test("apply killed at 12 points converges to one set of resources")
  func killedAndResumed() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let stack = try StackFixture("kill")
    var kills: [Int] = []
    // Each run is killed after its n-th write; together the runs walk the whole apply.
    for (round, n) in [1, 2, 1, 3, 2, 1, 2, 3, 1, 2, 1, 2].enumerated() {
      let start = try await RequestLog.last()
      let (process, out, err) = try stack.start(["apply", "--auto-approve"])
      var writes = 0
      while process.isRunning {
        writes = try await RequestLog.entries(since: start).filter { RequestLog.isMutating($0.operation) }.count
        if writes >= n {
          kill(process.processIdentifier, SIGKILL)
          break
        }
        try await Task.sleep(for: .milliseconds(5))
      }
      let outcome = await stack.finish(process, out, err)
      if outcome.killed { kills.append(start) }
      let inventory = try await stack.inventory()
      // Never a twin, whatever the moment of the kill.
      for (kind, count) in inventory {
        #expect(count <= StackFixture.applied[kind] ?? 0, "round \(round): \(count) \(kind)")
      }
    }
    #expect(kills.count >= 10)
    try await stack.apply()
    #expect(try await stack.plan().status == 0)
    #expect(try await stack.inventory() == StackFixture.applied)
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }
}
