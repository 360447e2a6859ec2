import HTTP
import Synchronization

/// A scripted transport: a handler answers each request, and every request is recorded.
final class FakeTransport: HTTPTransport {
  private let log = Mutex<[HTTPRequest]>([])
  let handler: @Sendable (HTTPRequest) -> HTTPResponse

  init(_ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.handler = handler }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    log.withLock { $0.append(request) }
    return handler(request)
  }

  var requests: [HTTPRequest] { log.withLock { $0 } }
}
