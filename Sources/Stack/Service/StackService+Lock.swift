import Engine

/// What happens to the stack's lock while a write waits for it, for the command to tell
/// the person watching.
public enum LockEvent: Sendable {
  /// `--force-unlock` removed this lock first.
  case forceUnlocked(LockRecord)
  /// Another run holds the lock; waiting for it (once per acquire).
  case waiting(LockRecord)
  /// The holder is gone (stale, or its process died on this host): taking the lock over.
  case tookOver(LockRecord)
}

/// How a write wants the lock taken.
public struct LockRequest: Sendable {
  public var holder: LockHolder
  /// `apply` or `destroy`, recorded in the lock for whoever finds it held.
  public var mode: Planner.Mode
  /// How long to wait for another run (zero: fail at once with `.lockHeld`).
  public var timeout: Duration
  /// A lock id to remove before taking it (from a run that died).
  public var forceUnlockID: String?
  /// Whether a holder's process is known to be gone (a dead pid on this host).
  public var isHolderGone: @Sendable (LockRecord) -> Bool
  /// Whether a holder's process is known to be running (a live pid on this host): its
  /// lock is never force-unlocked.
  public var isHolderAlive: @Sendable (LockRecord) -> Bool
  /// Asked before a force-unlock removes the lock (a question on a terminal); throws to
  /// keep it.
  public var approveForceUnlock: @Sendable (LockRecord) throws -> Void

  public init(
    holder: LockHolder, mode: Planner.Mode, timeout: Duration = .zero, forceUnlockID: String? = nil,
    isHolderGone: @escaping @Sendable (LockRecord) -> Bool = { _ in false },
    isHolderAlive: @escaping @Sendable (LockRecord) -> Bool = { _ in false },
    approveForceUnlock: @escaping @Sendable (LockRecord) throws -> Void = { _ in }
  ) {
    self.holder = holder
    self.mode = mode
    self.timeout = timeout
    self.forceUnlockID = forceUnlockID
    self.isHolderGone = isHolderGone
    self.isHolderAlive = isHolderAlive
    self.approveForceUnlock = approveForceUnlock
  }
}

extension Planner.Mode {
  /// The verb a person reads: `apply`, `destroy`.
  public var verb: String {
    switch self {
    case .apply: "apply"
    case .destroy: "destroy"
    }
  }
}

extension StackService {
  /// Runs `body` holding the stack's lock, and releases it however `body` ends. After a
  /// whole-stack destroy that succeeded, the state bucket goes too when nothing else is
  /// in it (a stack that is gone leaves nothing behind).
  /// - Throws: `StackError(.lockHeld)` when another run keeps the lock past the timeout,
  ///   `.lockNotFound` for a `forceUnlockID` that is not the current lock; `body`'s errors.
  public func withLock<Result: Sendable>(
    _ preflight: PreflightReport, _ request: LockRequest, wholeStack: Bool,
    onEvent: @escaping @Sendable (LockEvent) -> Void = { _ in },
    _ body: () async throws -> (result: Result, succeeded: Bool)
  ) async throws -> Result {
    let lock = lock(preflight, isHolderGone: request.isHolderGone)
    if let id = request.forceUnlockID {
      onEvent(
        .forceUnlocked(
          try await lock.forceUnlock(
            id: id, isHolderAlive: request.isHolderAlive, approve: request.approveForceUnlock)))
    }
    let record = try await lock.acquire(
      holder: request.holder, operation: request.mode.verb, timeout: request.timeout,
      onWait: { onEvent(.waiting($0)) }, onTakeOver: { onEvent(.tookOver($0)) })
    let outcome: (result: Result, succeeded: Bool)
    do {
      try await lock.converge()
      outcome = try await body()
    } catch {
      try? await lock.release(record)
      throw error
    }
    try await lock.release(record)
    if request.mode == .destroy, wholeStack, outcome.succeeded {
      // Best effort: a bucket that still holds another stack's lock or objects stays.
      try? await lock.removeBucketIfEmpty()
    }
    return outcome.result
  }
}
