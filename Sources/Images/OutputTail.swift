import Synchronization

/// The last lines of a builder's output, kept for the failure message.
final class OutputTail: Sendable {
  private let storage: Mutex<[String]>
  let limit: Int

  init(limit: Int) {
    self.limit = limit
    storage = Mutex([])
  }

  func append(_ line: String) {
    storage.withLock {
      $0.append(line)
      if $0.count > limit { $0.removeFirst($0.count - limit) }
    }
  }

  var lines: [String] { storage.withLock { $0 } }
}
