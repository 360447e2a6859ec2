import Foundation
import HTTP
import Synchronization

/// A transport for this module's unit tests: a handler answers each request (whole, or as
/// a stream of chunks) and every request is recorded. Copied in shape from AWSTests'
/// ScriptedTransport, with streaming added for watches.
final class ScriptedTransport: HTTPTransport {
  enum Reply: Sendable {
    case response(HTTPResponse)
    /// A streaming body delivered chunk by chunk, then closed (or, with `keepOpen`, left
    /// open until the reader stops, as a watch the server has not timed out yet).
    case stream(status: Int, chunks: [[UInt8]], keepOpen: Bool = false)
    case failure(HTTPError)
  }

  typealias Handler = @Sendable (HTTPRequest, Int) throws -> Reply

  private let handler: Handler
  private let recorded = Mutex<[HTTPRequest]>([])

  /// `handler` gets the request and its index among all requests so far.
  init(_ handler: @escaping Handler) {
    self.handler = handler
  }

  var requests: [HTTPRequest] { recorded.withLock { $0 } }

  /// Requests whose path (without the query) is `path`.
  func requests(to path: String) -> [HTTPRequest] {
    requests.filter { HTTPURL($0.url)?.path == path }
  }

  private func reply(_ request: HTTPRequest) throws -> Reply {
    let index = recorded.withLock { list -> Int in
      list.append(request)
      return list.count - 1
    }
    return try handler(request, index)
  }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    switch try reply(request) {
    case .response(let response): return response
    case .stream(let status, let chunks, _):
      return HTTPResponse(status: status, body: chunks.flatMap { $0 })
    case .failure(let error): throw error
    }
  }

  func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
    switch try reply(request) {
    case .response(let response):
      let body = HTTPBodyStream { continuation in
        continuation.yield(response.body)
        continuation.finish()
      }
      return HTTPStreamingResponse(status: response.status, headers: response.headers, body: body)
    case .stream(let status, let chunks, let keepOpen):
      let body = HTTPBodyStream { continuation in
        for chunk in chunks { continuation.yield(chunk) }
        if !keepOpen { continuation.finish() }
      }
      return HTTPStreamingResponse(status: status, headers: [:], body: body)
    case .failure(let error): throw error
    }
  }

  static func json(_ status: Int, _ text: String) -> Reply {
    .response(
      HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8)))
  }

  /// A failure Status as the API server writes it.
  static func status(_ code: Int, reason: String, message: String, details: String = "null") -> Reply {
    json(
      code,
      #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"\#(message)","reason":"\#(reason)","details":\#(details),"code":\#(code)}"#
    )
  }
}

extension HTTPRequest {
  var path: String { HTTPURL(url)?.path ?? "" }

  /// The decoded query parameters, in order.
  var queryItems: [(String, String)] {
    guard let query = HTTPURL(url)?.query else { return [] }
    return query.split(separator: "&").map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      let decode = { (text: String) in text.removingPercentEncoding ?? text }
      return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
    }
  }

  func query(_ name: String) -> String? { queryItems.first { $0.0 == name }?.1 }

  var bodyText: String { String(decoding: body, as: UTF8.self) }
}
