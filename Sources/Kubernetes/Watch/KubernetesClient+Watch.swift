import HTTP
import YAML

/// A watch's events as they come; iterate with `for try await`. Stopping the iteration
/// (or cancelling the task) closes the connection.
public typealias WatchStream = AsyncThrowingStream<WatchEvent, any Error>

extension KubernetesClient {
  /// Watches a kind (in one namespace, or all when nil). The stream lasts until the
  /// consumer stops: when the server ends a watch request it reconnects from the last
  /// resourceVersion seen, and when that version has expired (410 Gone, as an HTTP status
  /// or an ERROR event) it lists again, yields `.relisted` and watches on from the list.
  public func watch(
    _ kind: GroupVersionKind, namespace: String? = nil, options: WatchOptions = WatchOptions()
  )
    -> WatchStream
  {
    let (stream, continuation) = WatchStream.makeStream()
    let task = Task {
      do {
        try await runWatch(kind, namespace: namespace, options: options, into: continuation)
        continuation.finish()
      } catch {
        continuation.finish(throwing: error)
      }
    }
    continuation.onTermination = { _ in task.cancel() }
    return stream
  }

  private func runWatch(
    _ kind: GroupVersionKind, namespace: String?, options: WatchOptions,
    into continuation: WatchStream.Continuation
  ) async throws {
    let resource = try await resource(for: kind)
    let path = path(resource, namespace: namespace, allNamespaces: namespace == nil)
    var version = options.resourceVersion
    while !Task.isCancelled {
      do {
        let response = try await openStream(path, query: options.query(resourceVersion: version))
        var lines = WatchLineSplitter()
        var seen = 0
        for try await chunk in response.body {
          for line in lines.feed(chunk) {
            let event = try decodeEvent(line, kind: kind)
            if let next = event.resourceVersion, !next.isEmpty { version = next }
            seen += 1
            continuation.yield(event)
          }
        }
        // The server closed the request (timeoutSeconds): go on from where we are, after a
        // pause when it closed without a word, so a server that hangs up at once is not hammered.
        if seen == 0 { try await sleep(.milliseconds(200)) } else { await Task.yield() }
      } catch let error as KubernetesError where error.isGone {
        let list = try await listAll(
          kind, namespace: namespace,
          options: ListOptions(labelSelector: options.labelSelector, fieldSelector: options.fieldSelector))
        version = list.resourceVersion
        continuation.yield(.relisted(list.items, resourceVersion: list.resourceVersion))
      } catch let error as KubernetesError where error.code == .transport && !Task.isCancelled {
        // A dropped connection is resumed after a short pause; anything else ends the watch.
        guard let http = error.cause as? HTTPError, http.isTransient else { throw error }
        try await sleep(.milliseconds(500))
      } catch let error as HTTPError where error.isTransient && !Task.isCancelled {
        try await sleep(.milliseconds(500))
      }
    }
  }

  /// One line of the watch stream: `{"type": "ADDED", "object": {...}}`.
  func decodeEvent(_ line: [UInt8], kind: GroupVersionKind) throws -> WatchEvent {
    let tree = try KubernetesJSON.decode(line, what: "watch event")
    let objectTree = tree["object"] ?? .mapping([])
    let object = KubernetesObject(objectTree)
    switch tree.text(at: ["type"]) {
    case "ADDED": return .added(object)
    case "MODIFIED": return .modified(object)
    case "DELETED": return .deleted(object)
    case "BOOKMARK": return .bookmark(resourceVersion: object.metadata.resourceVersion ?? "")
    case "ERROR": throw APIStatus.error(fromStatus: objectTree)
    case let other:
      throw KubernetesError(
        .decoding, "the watch of \(kind.kind) sent an event of unknown type \(other ?? "(none)")")
    }
  }
}

/// Splits a chunked byte stream into lines (events may be split across chunks or share one).
struct WatchLineSplitter {
  private var pending: [UInt8] = []

  mutating func feed(_ chunk: [UInt8]) -> [[UInt8]] {
    pending += chunk
    var lines: [[UInt8]] = []
    var start = 0
    for index in pending.indices where pending[index] == UInt8(ascii: "\n") {
      let line = pending[start..<index]
      if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) {
        lines.append(Array(line))
      }
      start = index + 1
    }
    pending.removeFirst(start)
    return lines
  }
}
