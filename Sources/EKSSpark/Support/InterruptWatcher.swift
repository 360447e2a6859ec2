import Engine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How many times SIGINT or SIGTERM arrived, and the last of them; written by the signal
/// handler (atomic stores are async-signal-safe), read by the watcher task.
private let interrupts = Atomic<Int>(0)
private let lastSignal = Atomic<Int32>(0)

/// Turns Ctrl-C (and SIGTERM, which service managers and CI runners send) into a graceful
/// stop: the first one asks the executor to start no new step (in-flight calls finish),
/// the second also cancels the waiters of those steps.
final class InterruptWatcher: Sendable {
  let signal = CancellationSignal()
  private let poller: Task<Void, Never>
  private static let handled = [SIGINT, SIGTERM]

  /// Installs the handlers; `onSecond` cancels the running work.
  init(onFirst: @escaping @Sendable () -> Void, onSecond: @escaping @Sendable () -> Void) {
    interrupts.store(0, ordering: .relaxed)
    lastSignal.store(0, ordering: .relaxed)
    for number in Self.handled {
      Glibc.signal(number) { received in
        lastSignal.store(received, ordering: .relaxed)
        interrupts.add(1, ordering: .relaxed)
      }
    }
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

  /// The status the signal that stopped the run stands for, nil when none came.
  var stoppedBy: ExitStatus? {
    guard interrupts.load(ordering: .relaxed) > 0 else { return nil }
    return lastSignal.load(ordering: .relaxed) == SIGTERM ? .terminated : .interrupted
  }

  /// Stops watching and gives the signals back their default action.
  func stop() {
    poller.cancel()
    for number in Self.handled { Glibc.signal(number, SIG_DFL) }
  }
}
