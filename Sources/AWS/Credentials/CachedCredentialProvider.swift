import FoundationEssentials

/// Keeps credentials until shortly before they expire; concurrent callers during a
/// refresh wait for the one refresh in flight instead of starting their own.
public actor CachedCredentialProvider: CredentialProvider {
  /// Refresh this long before expiry, so a request signed now does not arrive expired.
  public static let refreshMargin: Double = 5 * 60
  let base: any CredentialProvider
  let clock: @Sendable () -> Date
  var cached: AWSCredentials?
  var refreshing: Task<AWSCredentials, any Error>?

  public init(_ base: any CredentialProvider, clock: @escaping @Sendable () -> Date = { Date() }) {
    self.base = base
    self.clock = clock
  }

  public func credentials() async throws -> AWSCredentials {
    if let cached, !expiresSoon(cached) { return cached }
    if let refreshing { return try await refreshing.value }
    let base = self.base
    let task = Task { try await base.credentials() }
    refreshing = task
    do {
      let value = try await task.value
      cached = value
      refreshing = nil
      return value
    } catch {
      refreshing = nil
      throw error
    }
  }

  func expiresSoon(_ credentials: AWSCredentials) -> Bool {
    guard let expiration = credentials.expiration else { return false }
    return expiration.timeIntervalSince(clock()) < Self.refreshMargin
  }
}
