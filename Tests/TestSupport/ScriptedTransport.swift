import Foundation
import HTTP
import Synchronization

/// A transport for unit tests of one module: answers from a script and records requests.
public final class ScriptedTransport: HTTPTransport {
  public enum Answer: Sendable {
    case response(HTTPResponse)
    case failure(HTTPError)
  }

  private let state: Mutex<(answers: [Answer], requests: [HTTPRequest])>
  private let fallback: (@Sendable (HTTPRequest) -> HTTPResponse)?

  public init(_ answers: [Answer] = [], fallback: (@Sendable (HTTPRequest) -> HTTPResponse)? = nil) {
    state = Mutex((answers, []))
    self.fallback = fallback
  }

  public var requests: [HTTPRequest] { state.withLock { $0.requests } }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let answer = state.withLock { state -> Answer? in
      state.requests.append(request)
      return state.answers.isEmpty ? nil : state.answers.removeFirst()
    }
    switch answer {
    case .response(let response): return response
    case .failure(let error): throw error
    case nil:
      // A test that sends more than it scripted fails on its own, without stopping the run.
      guard let fallback else {
        throw HTTPError(code: .transport, message: "no scripted answer left", url: request.url)
      }
      return fallback(request)
    }
  }

  public static func xml(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> Answer {
    .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
  }

  public static func json(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> Answer {
    .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
  }
}

/// Records retry sleeps instead of sleeping.
public final class SleepRecorder: Sendable {
  private let sleeps = Mutex<[Double]>([])
  public init() {}
  public var recorded: [Double] { sleeps.withLock { $0 } }
  public func sleep(_ seconds: Double) { sleeps.withLock { $0.append(seconds) } }
}

/// A directory of throw-away files (shared config, token files).
public struct TemporaryDirectory {
  public let url: URL

  /// An existing (or to be made) directory at `url`; files written there are not removed.
  public init(url: URL) {
    self.url = url
  }

  public init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("eks-spark-aws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  @discardableResult
  public func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  /// Writes each file (path relative to this directory, folders made as needed).
  public func write(files: [String: String]) throws {
    for (name, text) in files { try write(name, text) }
  }

  /// Deletes the directory and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }

  public var path: String { url.path }
}
