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
  /// A share of the time already waited that a delay is at least: a wait whose length is
  /// not known ahead polls at an interval proportional to how long it has taken so far,
  /// so it overshoots the moment the resource is ready by about that share (0: off).
  public var proportion: Double

  public init(initial: Duration, multiplier: Double = 2, maximum: Duration, proportion: Double = 0) {
    self.initial = initial
    self.multiplier = max(1, multiplier)
    self.maximum = maximum
    self.proportion = max(0, proportion)
  }

  /// Polls of a long create (an EKS cluster, a Fargate profile): never more often than
  /// `floor` (the AWS waiter's own cadence on AWS, a setting), else a tenth of the time
  /// waited so far, at most `maximum`.
  public static func proportional(floor: Duration, maximum: Duration = .seconds(60)) -> Backoff {
    Backoff(initial: floor, multiplier: 1, maximum: Swift.max(floor, maximum), proportion: 0.1)
  }

  /// The delay before poll number `attempt` (0-based) after `elapsed` of waiting.
  public func delay(attempt: Int, elapsed: Duration) -> Duration {
    let grown = delay(attempt: attempt)
    guard proportion > 0 else { return grown }
    return Swift.min(maximum, Swift.max(grown, elapsed * proportion))
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
