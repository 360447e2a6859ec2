/// The engine's view of time: a monotonic reading and a sleep, injected so that tests of
/// waiters, retries and timeouts run instantly on a virtual clock.
public protocol EngineClock: Sendable {
  /// Time since an arbitrary fixed origin; only differences mean anything.
  var now: Duration { get }
  /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
  func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock`, which keeps counting while the machine sleeps.
public struct SystemClock: EngineClock {
  private let origin: ContinuousClock.Instant

  public init() {
    origin = ContinuousClock.now
  }

  public var now: Duration { ContinuousClock.now - origin }

  public func sleep(for duration: Duration) async throws {
    try await Task.sleep(for: duration)
  }
}

/// How long to wait between polls or retries: exponential, capped, without jitter so
/// runs are reproducible.
public struct Backoff: Sendable, Hashable {
  public var initial: Duration
  public var multiplier: Double
  public var maximum: Duration

  public init(initial: Duration, multiplier: Double = 2, maximum: Duration) {
    self.initial = initial
    self.multiplier = max(1, multiplier)
    self.maximum = maximum
  }

  /// Polls of AWS "is it ACTIVE yet": 1 s growing to 15 s, so a wait overshoots the
  /// moment the resource is ready by at most a third (Describe calls are cheap).
  public static let standard = Backoff(initial: .seconds(1), multiplier: 1.5, maximum: .seconds(15))

  /// The delay before poll number `attempt` (0-based).
  public func delay(attempt: Int) -> Duration {
    var delay = initial
    for _ in 0..<max(0, attempt) {
      delay = delay * multiplier
      if delay >= maximum { return maximum }
    }
    return min(delay, maximum)
  }
}

extension Duration {
  /// Seconds as a floating-point number.
  public var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) / 1e18
  }

  /// Go-style text for time budgets and elapsed times: `850ms`, `12.3s`, `25m0s`, `1h2m3s`.
  public var elapsedText: String {
    let total = seconds
    if total < 1 { return "\(Int((total * 1000).rounded()))ms" }
    if total < 60 {
      let tenths = (total * 10).rounded() / 10
      return tenths == tenths.rounded() ? "\(Int(tenths))s" : "\(tenths)s"
    }
    let whole = Int(total.rounded())
    let (hours, minutes, secs) = (whole / 3600, whole % 3600 / 60, whole % 60)
    return hours > 0 ? "\(hours)h\(minutes)m\(secs)s" : "\(minutes)m\(secs)s"
  }
}
