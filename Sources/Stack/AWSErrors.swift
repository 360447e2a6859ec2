import AWS
import Engine

/// Reading AWS errors the way the resources need to.
enum AWSErrors {
  /// Whether `error` says the thing does not exist (reads treat it as absent).
  static func isNotFound(_ error: any Error) -> Bool {
    (error as? AWSError)?.isNotFound ?? false
  }

  /// The service error code, if `error` is one.
  static func code(_ error: any Error) -> String? {
    guard let error = error as? AWSError, error.kind == .service else { return nil }
    return error.code
  }

  /// Retry advice for deletes that race with AWS cleaning up (network interfaces left by
  /// Fargate pods or NAT gateways keep a subnet or VPC "in use" for a while; a role stays
  /// attached to a cluster being deleted).
  static func retryWhileInUse(_ error: any Error) -> RetryAdvice {
    ["DependencyViolation", "DeleteConflict"].contains(code(error) ?? "")
      ? .retry(after: .seconds(10)) : .fail
  }

  /// Whether `error` leaves open that the call reached AWS and took effect (its answer was
  /// lost: a timeout, a broken connection).
  static func mayHaveTakenEffect(_ error: any Error) -> Bool {
    (error as? AWSError)?.mayHaveTakenEffect ?? false
  }

  /// Creates with a call that has no idempotency token, so that a lost answer never makes
  /// a twin: after an error that may have taken effect, `find` looks for the tagged
  /// resource, and only when it is not there is the create sent again (three tries).
  static func createOnce<T: Sendable>(
    find: () async throws -> T?, create: () async throws -> T
  ) async throws -> T {
    var attempt = 0
    while true {
      do {
        return try await create()
      } catch  where mayHaveTakenEffect(error) && attempt < 2 {
        attempt += 1
        if let found = try await find() { return found }
      }
    }
  }

  /// `body`'s value or error, as a value: for reads sent together whose errors matter
  /// only once another read has answered. Out of line, like `Planner`'s read outcomes
  /// (Swift 6.3.1 at -O miscompiled a do/catch returning a `Result` inside a child task).
  @inline(never)
  static func settle<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
  }

  /// A new IAM role is not assumable by another service for a few seconds (IAM is
  /// eventually consistent): an expected wait, retried after a short delay that grows
  /// (0.25 s doubling to 8 s), not a fixed ten seconds.
  static func awaitRolePropagation(attempt: Int) -> RetryAdvice {
    .await("the new IAM role to propagate", after: rolePropagation.delay(attempt: max(0, attempt - 1)))
  }

  static let rolePropagation = Backoff(initial: .milliseconds(250), multiplier: 2, maximum: .seconds(8))

  /// Waits until `status` reports the resource gone (a not-found error); until then its
  /// status (`DELETING`) shows in the progress line.
  static func waitUntilDeleted(
    _ context: ApplyContext, backoff: Backoff = .standard,
    status: @escaping @Sendable () async throws -> String?
  ) async throws {
    _ = try await context.waitUntil("be deleted", backoff: backoff) { () async throws -> WaitStatus<Bool> in
      do {
        return .pending(try await status() ?? "DELETING")
      } catch  where isNotFound(error) {
        return .done(true)
      }
    }
  }
}
