import Synchronization

@testable import Engine

/// The in-memory "cloud" fake resources live in: live state, a log of calls, and
/// counters of how many calls were in flight at once (overall and per constraint group).
actor FakeWorld {
  var live: [Address: LiveState] = [:]
  private(set) var log: [String] = []
  private(set) var inFlight = 0
  private(set) var maxInFlight = 0
  private(set) var readsInFlight = 0
  private(set) var maxReadsInFlight = 0
  private var groupInFlight: [String: Int] = [:]
  private(set) var maxGroupInFlight: [String: Int] = [:]
  /// Calls that fail with a retryable error before succeeding, per address.
  var transientFailures: [Address: Int] = [:]

  init(live: [Address: LiveState] = [:]) {
    self.live = live
  }

  func set(_ address: Address, _ state: LiveState?) {
    live[address] = state
  }

  func setTransientFailures(_ address: Address, _ count: Int) {
    transientFailures[address] = count
  }

  func beginRead() {
    readsInFlight += 1
    maxReadsInFlight = max(maxReadsInFlight, readsInFlight)
  }

  func endRead() {
    readsInFlight -= 1
  }

  func begin(_ entry: String, group: String?) {
    log.append("begin \(entry)")
    inFlight += 1
    maxInFlight = max(maxInFlight, inFlight)
    if let group {
      groupInFlight[group, default: 0] += 1
      maxGroupInFlight[group] = max(maxGroupInFlight[group] ?? 0, groupInFlight[group]!)
    }
  }

  func end(_ entry: String, group: String?) {
    log.append("end \(entry)")
    inFlight -= 1
    if let group { groupInFlight[group]! -= 1 }
  }

  /// Consumes one transient failure for `address`; true when the call should fail.
  func takeTransientFailure(_ address: Address) -> Bool {
    guard let remaining = transientFailures[address], remaining > 0 else { return false }
    transientFailures[address] = remaining - 1
    return true
  }
}

/// A virtual clock: sleeping advances time instantly, so waiters and timeouts are tested
/// without waiting.
final class TestClock: EngineClock {
  private let time = Mutex(Duration.zero)

  var now: Duration { time.withLock { $0 } }

  func sleep(for duration: Duration) async throws {
    try Task.checkCancellation()
    time.withLock { $0 += duration }
    await Task.yield()
  }

  func advance(by duration: Duration) {
    time.withLock { $0 += duration }
  }
}

/// An error a fake resource can call retryable, like IAM's "role could not be assumed".
struct FakeError: Error, CustomStringConvertible, Equatable {
  var message: String
  var retryable = false
  var description: String { message }
}
