import Engine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How many times SIGINT arrived; written by the signal handler (an atomic store is
/// async-signal-safe), read by the watcher task.
private let interrupts = Atomic<Int>(0)

/// Turns Ctrl-C into a graceful stop: the first one asks the executor to start no new
/// step (in-flight calls finish), the second also cancels the waiters of those steps.
final class InterruptWatcher: Sendable {
  let signal = CancellationSignal()
  private let poller: Task<Void, Never>

  /// Installs the handler; `onSecond` cancels the running work.
  init(onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable () -> Void) {
    interrupts.store(0, ordering: .relaxed)
    Glibc.signal(SIGINT) { _ in interrupts.add(1, ordering: .relaxed) }
    let signal = self.signal
    poller = Task {
      var seen = 0
      while !Task.isCancelled {
        let count = interrupts.load(ordering: .relaxed)
        if count > seen {
          if seen == 0 {
            signal.cancel()
            onFirst()
          }
          if count >= 2 { onSecond() }
          seen = count
        }
        try? await Task.sleep(for: .milliseconds(100))
      }
    }
  }

  /// Whether Ctrl-C was pressed.
  var interrupted: Bool { interrupts.load(ordering: .relaxed) > 0 }

  /// Stops watching and gives SIGINT back its default action.
  func stop() {
    poller.cancel()
    Glibc.signal(SIGINT, SIG_DFL)
  }
}
