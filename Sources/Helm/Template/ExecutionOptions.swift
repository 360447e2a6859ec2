#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a missing map key evaluates (Go's `missingkey` option).
public enum MissingKey: Sendable {
  /// Helm's default (`missingkey=zero`): nil, printed `<no value>`, which Helm removes.
  case zero
  /// Helm's `--strict` (`missingkey=error`): `map has no entry for key "x"`.
  case error
}

/// A source of time for `now`, `date` and friends, injected so renders are reproducible.
public protocol TemplateClock: Sendable {
  /// Seconds since the Unix epoch (UTC), with fraction.
  func now() -> Double
}

/// A source of random bytes for `randAlphaNum`, `uuidv4`, `shuffle` and key generation.
public protocol TemplateRandomSource: Sendable {
  func bytes(_ count: Int) -> [UInt8]
}

/// The system clock.
public struct SystemTemplateClock: TemplateClock {
  public init() {}
  public func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}

/// A fixed instant, for tests and reproducible renders.
public struct FixedTemplateClock: TemplateClock {
  public var seconds: Double
  public init(seconds: Double) { self.seconds = seconds }
  public func now() -> Double { seconds }
}

/// The system's cryptographic random generator.
public struct SystemRandomSource: TemplateRandomSource {
  public init() {}
  public func bytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}

/// A deterministic generator (SplitMix64) for tests.
public struct SeededRandomSource: TemplateRandomSource {
  public var seed: UInt64
  public init(seed: UInt64) { self.seed = seed }
  public func bytes(_ count: Int) -> [UInt8] {
    // Each call restarts from the seed, mixed with the request size, so results do not
    // depend on call order across concurrent renders.
    var state = seed &+ UInt64(count) &* 0x9E37_79B9_7F4A_7C15
    var out: [UInt8] = []
    out.reserveCapacity(count)
    while out.count < count {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      for shift in stride(from: 0, to: 64, by: 8) where out.count < count {
        out.append(UInt8((z >> UInt64(shift)) & 0xFF))
      }
    }
    return out
  }
}

/// Options for one `execute` call.
public struct ExecutionOptions: Sendable {
  /// Missing map keys: `.zero` as Helm renders, `.error` as `helm --strict`.
  public var missingKey: MissingKey = .zero
  /// Helm's strict mode; implies `missingKey = .error`.
  public var strict: Bool = false {
    didSet { if strict { missingKey = .error } }
  }
  /// Helm's recursion limit for `include` of one name (`recursionMaxNums`).
  public var includeDepthLimit = 1000
  /// Go's limit on nested template calls (`maxExecDepth`).
  public var maxExecDepth = 100_000
  /// Remove `<no value>` from output as Helm's engine does after executing.
  public var removeNoValue = true
  /// The time `now` returns.
  public var clock: any TemplateClock = SystemTemplateClock()
  /// Random bytes for the `rand*`, `uuidv4` and key-generating functions.
  public var random: any TemplateRandomSource = SystemRandomSource()
  /// Helm's lint mode: `required` does not fail.
  public var lintMode = false

  public init() {}
}
