/// The exit statuses of every command, documented in `docs/exit-codes.md`. Scripts branch
/// on these numbers, so a value never changes meaning once released; new outcomes take a
/// new number.
///
/// A command that ends with one of these without an error throws it (`throw
/// ExitStatus.planHasChanges`); errors map to theirs through `UserFacingError.exitStatus`.
enum ExitStatus: Int32, Error, CaseIterable, Sendable {
  /// Done; or nothing to do.
  case success = 0
  /// Any error: bad input, an AWS or Kubernetes failure, a refused or cancelled change.
  case failure = 1
  /// `plan --detailed-exitcode`: the plan has changes.
  case planHasChanges = 2
  /// Another run holds the stack's lock (and `--lock-timeout` passed without it freeing).
  case lockHeld = 3
  /// `job submit --wait` and `job wait`: the Spark application ended in a failed state.
  case jobFailed = 4
  /// `job submit --wait` and `job wait`: the wait's timeout passed before the job ended.
  case jobTimedOut = 5
  /// A command line the parser rejects (unknown flag, missing argument): `EX_USAGE`, as
  /// swift-argument-parser reports it.
  case usage = 64
  /// Stopped by Ctrl-C (SIGINT, 128+2) after finishing what was in flight.
  case interrupted = 130
  /// Stopped by SIGTERM (128+15), on the same graceful path as Ctrl-C.
  case terminated = 143
}
