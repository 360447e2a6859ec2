import Foundation
import Testing

/// DESIGN principle 4: an apply killed with SIGKILL at any moment is finished by running
/// apply again, with no twins. The points are counted in mutating requests of the run
/// (from the sandbox's request log), so they land between "created" and "recorded".
///
/// An extension of `StackCommandTests` so it runs in that serialized suite: a test of the
/// other suite injecting faults at the same time would change what is measured here.
extension StackCommandTests {
  @Test("apply killed at 12 different points converges to one set of resources")
  func killedAndResumed() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let stack = try StackFixture("kill")
    var kills: [Int] = []
    // Each run is killed after its n-th write to a resource (the lock's own writes are not
    // counted); together the runs walk most of the apply, so every kind of step is cut.
    var points: [Int] = []
    // A run that finishes before its n-th write is followed by a destroy, so the next runs
    // cut a fresh apply again.
    let cuts = [1, 3, 2, 4, 1, 2, 5, 3, 1, 2]
    var round = 0
    while kills.count < 12, round < 30 {
      let n = cuts[round % cuts.count]
      round += 1
      let start = try await RequestLog.last()
      let (process, out, err) = try stack.start(["apply", "--auto-approve"])
      var writes = 0
      while process.isRunning {
        writes = try await RequestLog.entries(since: start).filter(\.isResourceWrite).count
        if writes >= n {
          kill(process.processIdentifier, SIGKILL)
          break
        }
        try await Task.sleep(for: .milliseconds(5))
      }
      let outcome = await stack.finish(process, out, err)
      if outcome.killed {
        kills.append(start)
        points.append(try await RequestLog.entries(since: 0).filter(\.isResourceWrite).count)
      } else {
        #expect(outcome.status == 0, "round \(round): \(outcome.stderr)\n\(outcome.stdout.suffix(2500))")
        let destroyed = try await stack.run(["destroy", "--auto-approve", "--delete-data"])
        #expect(destroyed.status == 0, "\(destroyed.stderr)")
      }
      let inventory = try await stack.inventory()
      // Never a twin, whatever the moment of the kill.
      for (kind, count) in inventory {
        #expect(count <= StackFixture.applied[kind] ?? 0, "round \(round): \(count) \(kind)")
      }
    }
    #expect(kills.count >= 10)
    // Different points: the total of resource writes so far grew between kills.
    #expect(Set(points).count >= 10, "kill points \(points)")
    try await stack.apply()
    #expect(try await stack.plan().status == 0)
    let inventory = try await stack.inventory()
    #expect(inventory == StackFixture.applied, "\(inventory)")
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }

  @Test(
    "SIGINT and SIGTERM stop an apply gracefully: in-flight steps finish, the report prints, exit 130 and 143"
  )
  func interruptedBySignal() async throws {
    try await Sandbox.control(.put, "/latency", #"{"profile": "fast"}"#)
    try await Sandbox.control(.delete, "/faults")
    let stack = try StackFixture("signal")
    for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
      let start = try await RequestLog.last()
      let (process, out, err) = try stack.start(["apply", "--auto-approve"])
      var sent = false
      while process.isRunning, !sent {
        if try await RequestLog.entries(since: start).contains(where: \.isResourceWrite) {
          kill(process.processIdentifier, signal)
          sent = true
        }
        try await Task.sleep(for: .milliseconds(5))
      }
      let outcome = await stack.finish(process, out, err)
      guard sent else {
        Issue.record("the apply finished before its first resource write was seen")
        continue
      }
      #expect(!outcome.killed)
      #expect(outcome.status == status, "\(outcome.stderr)")
      #expect(outcome.stderr.contains("Interrupt received"))
      #expect(outcome.stdout.contains("Resources: "), "the report prints before the exit")
    }
    // The lock was released: the next apply takes it and finishes the job.
    try await stack.apply()
    #expect(try await stack.plan().status == 0)
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }
}
