import HTTP
import Synchronization

/// An in-memory S3 for unit tests: buckets and objects by path-style URL, honouring
/// `If-None-Match: *` like S3 (412 when the key exists).
public final class MemoryS3: HTTPTransport {
  public let objects = Mutex<[String: [UInt8]]>([:])
  public let buckets = Mutex<Set<String>>([])
  /// `METHOD bucket/key?query` of every request, in order.
  public let calls = Mutex<[String]>([])

  public init() {}

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let path = request.url.split(separator: "/", maxSplits: 3).dropFirst(2).joined(separator: "/")
    let parts = path.split(separator: "?", omittingEmptySubsequences: false)[0]
      .split(separator: "/", maxSplits: 1).map(String.init)
    let bucket = parts.first ?? ""
    let key = parts.count > 1 ? parts[1] : ""
    calls.withLock { $0.append("\(request.method.rawValue) \(path)") }
    if key.isEmpty {
      if request.method == .put, !path.contains("?") { buckets.withLock { _ = $0.insert(bucket) } }
      return HTTPResponse(status: 200)
    }
    guard buckets.withLock({ $0.contains(bucket) }) else { return Self.error(404, "NoSuchBucket") }
    let full = bucket + "/" + key
    switch request.method {
    case .put:
      let created = objects.withLock { objects -> Bool in
        if request.headers["If-None-Match"] == "*", objects[full] != nil { return false }
        objects[full] = request.body
        return true
      }
      return created ? HTTPResponse(status: 200) : Self.error(412, "PreconditionFailed")
    case .delete:
      objects.withLock { _ = $0.removeValue(forKey: full) }
      return HTTPResponse(status: 204)
    case .get, .head:
      guard let body = objects.withLock({ $0[full] }) else { return Self.error(404, "NoSuchKey") }
      return HTTPResponse(status: 200, body: request.method == .head ? [] : body)
    case .post, .patch:
      return Self.error(405, "MethodNotAllowed")
    }
  }

  static func error(_ status: Int, _ code: String) -> HTTPResponse {
    HTTPResponse(status: status, body: Array("<Error><Code>\(code)</Code><Message>m</Message></Error>".utf8))
  }
}
