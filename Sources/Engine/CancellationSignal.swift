import Synchronization

/// A graceful stop request (the CLI's first Ctrl-C): the executor starts no new step but
/// lets the steps in flight finish, waiters included. Cancelling the task itself (a second
/// Ctrl-C) also interrupts the waiters of the steps in flight.
public final class CancellationSignal: Sendable {
  private let state = Mutex(false)

  public init() {}

  /// Asks the executor to stop starting work.
  public func cancel() {
    state.withLock { $0 = true }
  }

  /// Whether `cancel` was called.
  public var isCancelled: Bool {
    state.withLock { $0 }
  }
}
