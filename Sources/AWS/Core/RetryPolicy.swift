import Synchronization

/// The standard retry mode's knobs, with randomness and sleeping injected so tests run
/// instantly and deterministically.
public struct RetryPolicy: Sendable {
  /// nil: `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, else `defaultMaxAttempts`.
  public var maxAttempts: Int?
  /// The count when neither the environment nor the profile sets one: the standard mode's
  /// 3, or more for a caller that makes hundreds of calls in one run.
  public var defaultMaxAttempts: Int
  /// The cap of one backoff, seconds.
  public var maxBackoff: Double = 20
  /// A number in [0, 1) for full jitter.
  public var random: @Sendable () -> Double
  public var sleep: @Sendable (Double) async throws -> Void

  public init(
    maxAttempts: Int? = nil, defaultMaxAttempts: Int = 3,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
      try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }
  ) {
    self.maxAttempts = maxAttempts
    self.defaultMaxAttempts = max(1, defaultMaxAttempts)
    self.random = random
    self.sleep = sleep
  }

  /// Full jitter: a random share of min(2^attempt, cap) seconds (attempt counts from 0).
  func backoff(attempt: Int) -> Double {
    random() * min(Double(1 << min(attempt, 20)), maxBackoff)
  }

  static let throttlingCodes: Set<String> = [
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException",
  ]
  static let transientCodes: Set<String> = [
    "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    "InternalServerError", "InternalServerException", "ServerException", "ServiceException",
    "IDPCommunicationError",
  ]
  static let transientStatuses: Set<Int> = [500, 502, 503, 504]
  static let clockSkewCodes: Set<String> = [
    "RequestTimeTooSkewed", "RequestExpired", "InvalidSignatureException", "SignatureDoesNotMatch",
    "AuthFailure", "RequestInTheFuture",
  ]
}

/// The retry token bucket shared by one client's requests: retries spend tokens and
/// successes refund them, so a failing service is not hammered.
final class RetryQuota: Sendable {
  static let initial = 500
  static let retryCost = 5
  static let timeoutCost = 10
  private let tokens = Mutex(RetryQuota.initial)

  /// Takes the cost of a retry, or returns nil when the bucket is empty.
  func acquire(timeout: Bool) -> Int? {
    let cost = timeout ? Self.timeoutCost : Self.retryCost
    return tokens.withLock { available in
      guard available >= cost else { return nil }
      available -= cost
      return cost
    }
  }

  func release(_ amount: Int) {
    tokens.withLock { $0 = min(Self.initial, $0 + amount) }
  }

  var available: Int { tokens.withLock { $0 } }
}
