import Engine
import Synchronization

/// The running apply's task, so the second Ctrl-C can cancel it (and its waiters).
final class ExecutionHandle: Sendable {
  private let task = Mutex<Task<ApplyReport, Never>?>(nil)
  private let cancelled = Mutex(false)

  func set(_ running: Task<ApplyReport, Never>) {
    task.withLock { $0 = running }
    if cancelled.withLock({ $0 }) { running.cancel() }
  }

  func cancel() {
    cancelled.withLock { $0 = true }
    task.withLock { $0?.cancel() }
  }
}
