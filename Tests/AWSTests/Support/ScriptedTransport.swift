import Foundation
import HTTP
import Synchronization

/// A transport for unit tests of one module: answers from a script and records requests.
final class ScriptedTransport: HTTPTransport {
  enum Answer {
    case response(HTTPResponse)
    case failure(HTTPError)
  }

  private let state: Mutex<(answers: [Answer], requests: [HTTPRequest])>
  private let fallback: (@Sendable (HTTPRequest) -> HTTPResponse)?

  init(_ answers: [Answer] = [], fallback: (@Sendable (HTTPRequest) -> HTTPResponse)? = nil) {
    state = Mutex((answers, []))
    self.fallback = fallback
  }

  var requests: [HTTPRequest] { state.withLock { $0.requests } }

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let answer = state.withLock { state -> Answer? in
      state.requests.append(request)
      return state.answers.isEmpty ? nil : state.answers.removeFirst()
    }
    switch answer {
    case .response(let response): return response
    case .failure(let error): throw error
    case nil:
      guard let fallback else { fatalError("no scripted answer for \(request.url)") }
      return fallback(request)
    }
  }

  static func xml(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> Answer {
    .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
  }

  static func json(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> Answer {
    .response(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
  }
}

/// Records retry sleeps instead of sleeping.
final class SleepRecorder: Sendable {
  private let sleeps = Mutex<[Double]>([])
  var recorded: [Double] { sleeps.withLock { $0 } }
  func sleep(_ seconds: Double) { sleeps.withLock { $0.append(seconds) } }
}

/// A directory of throw-away files (shared config, token files).
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("eks-spark-aws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let file = url.appendingPathComponent(name)
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  var path: String { url.path }
}
