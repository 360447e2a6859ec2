import Foundation
import HTTP
import Synchronization
import Testing

// Serialized so that the connection-reuse test sees only its own connections.
@Suite("HTTPClient on libcurl", .serialized)
struct HTTPClientTests {
  let server = TestServer.shared

  func echo(_ response: HTTPResponse) throws -> Echo {
    try JSONDecoder().decode(Echo.self, from: Data(response.body))
  }

  @Test("sends a GET and reads status, headers and body")
  func get() async throws {
    let response = try await HTTPClient().send(HTTPRequest(url: server.http + "/echo?a=1"))
    #expect(response.status == 200)
    #expect(response.headers["x-request-id"] == "req-1")
    let echo = try echo(response)
    #expect(echo.method == "GET")
    #expect(echo.path == "/echo?a=1")
  }

  @Test(
    "sends every method with its body and headers",
    arguments: [HTTPMethod.post, .put, .patch, .delete])
  func methods(method: HTTPMethod) async throws {
    let request = HTTPRequest(
      method: method, url: server.http + "/echo",
      headers: ["Content-Type": "application/json", "X-Test": "1"],
      body: Array(#"{"k":"v"}"#.utf8))
    let echo = try echo(try await HTTPClient().send(request))
    #expect(echo.method == method.rawValue)
    #expect(echo.body == #"{"k":"v"}"#)
    #expect(echo.header("x-test") == "1")
    #expect(echo.header("content-type") == "application/json")
    #expect(echo.header("expect") == nil)
  }

  @Test("an empty PUT sends Content-Length 0 and no invented Content-Type")
  func emptyPut() async throws {
    let echo = try echo(try await HTTPClient().send(HTTPRequest(method: .put, url: server.http + "/echo")))
    #expect(echo.method == "PUT")
    #expect(echo.header("content-length") == "0")
    #expect(echo.header("content-type") == nil)
  }

  @Test("HEAD returns headers without a body")
  func head() async throws {
    let response = try await HTTPClient().send(HTTPRequest(method: .head, url: server.http + "/echo"))
    #expect(response.status == 200)
    #expect(response.body.isEmpty)
  }

  @Test("error statuses are responses, not thrown errors")
  func errorStatus() async throws {
    let response = try await HTTPClient().send(HTTPRequest(url: server.http + "/status/503"))
    #expect(response.status == 503)
  }

  @Test("sequential requests reuse one keep-alive connection")
  func connectionReuse() async throws {
    let client = HTTPClient()
    var ports: Set<Int> = []
    for _ in 0..<5 {
      ports.insert(try echo(try await client.send(HTTPRequest(url: server.http + "/echo"))).clientPort)
    }
    #expect(ports.count == 1)
  }

  @Test("runs many requests at once")
  func concurrent() async throws {
    let client = HTTPClient()
    let start = ContinuousClock.now
    try await withThrowingTaskGroup(of: Int.self) { group in
      for _ in 0..<20 {
        group.addTask { try await client.send(HTTPRequest(url: self.server.http + "/slow/300")).status }
      }
      for try await status in group { #expect(status == 200) }
    }
    // Twenty 300 ms requests one after another would take 6 s.
    #expect(ContinuousClock.now - start < .seconds(3))
  }

  @Test("streams a chunked body as it arrives")
  func streaming() async throws {
    let response = try await HTTPClient().stream(HTTPRequest(url: server.http + "/stream/5"))
    #expect(response.status == 200)
    var chunks = 0
    var text = ""
    for try await chunk in response.body {
      chunks += 1
      text += String(decoding: chunk, as: UTF8.self)
    }
    #expect(text == (0..<5).map { "line \($0)\n" }.joined())
    #expect(chunks >= 2)
  }

  @Test("a total timeout ends a slow request with a timed-out error")
  func timeout() async throws {
    var configuration = HTTPClientConfiguration()
    configuration.totalTimeout = 0.2
    await #expect {
      try await HTTPClient(configuration: configuration).send(HTTPRequest(url: server.http + "/slow/2000"))
    } throws: { ($0 as? HTTPError)?.code == .timedOut }
  }

  @Test("a refused connection is a transient could-not-connect error")
  func refused() async throws {
    await #expect {
      try await HTTPClient().send(HTTPRequest(url: "http://127.0.0.1:1/"))
    } throws: { error in
      guard let error = error as? HTTPError else { return false }
      return error.code == .couldNotConnect && error.isTransient
    }
  }

  @Test("cancelling the task cancels the request")
  func cancellation() async throws {
    let client = HTTPClient()
    let task = Task { try await client.send(HTTPRequest(url: server.http + "/slow/3000")) }
    try await Task.sleep(for: .milliseconds(100))
    let start = ContinuousClock.now
    task.cancel()
    let result = await task.result
    #expect(ContinuousClock.now - start < .seconds(1))
    #expect(throws: HTTPError.self) { try result.get() }
  }

  @Test("verifies TLS against an in-memory CA and presents a client certificate")
  func tls() async throws {
    var configuration = HTTPClientConfiguration()
    configuration.caPEM = server.caPEM
    configuration.clientCertificatePEM = server.clientCertificatePEM
    configuration.clientKeyPEM = server.clientKeyPEM
    let response = try await HTTPClient(configuration: configuration).send(
      HTTPRequest(url: server.https + "/echo"))
    #expect(try echo(response).clientCert == "test-client")
  }

  @Test("rejects a server the configured CA did not sign")
  func tlsUntrusted() async throws {
    await #expect {
      try await HTTPClient().send(HTTPRequest(url: server.https + "/echo"))
    } throws: { ($0 as? HTTPError)?.code == .tls }
  }

  @Test("sends through the proxy from HTTP_PROXY and bypasses it for NO_PROXY hosts")
  func proxy() async throws {
    let configuration = HTTPClientConfiguration.fromEnvironment([
      "HTTP_PROXY": server.http, "NO_PROXY": "localhost",
    ])
    let client = HTTPClient(configuration: configuration)
    let proxied = try echo(try await client.send(HTTPRequest(url: "http://eks-spark.invalid/echo")))
    #expect(proxied.path == "http://eks-spark.invalid/echo")
    let direct = try echo(try await client.send(HTTPRequest(url: "http://localhost:\(server.httpPort)/echo")))
    #expect(direct.path == "/echo")
  }

  @Test("the trace masks credentials in headers and URLs")
  func trace() async throws {
    let lines = Mutex<[String]>([])
    var configuration = HTTPClientConfiguration()
    configuration.trace = { line in lines.withLock { $0.append(line) } }
    let request = HTTPRequest(
      url: server.http + "/echo?X-Amz-Signature=abcdef&X-Amz-Security-Token=tok&Action=x",
      headers: [
        "Authorization":
          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=deadbeef",
        "X-Amz-Security-Token": "secret-session-token",
      ])
    _ = try await HTTPClient(configuration: configuration).send(request)
    let text = lines.withLock { $0.filter { !$0.contains(" < (") }.joined(separator: "\n") }
    #expect(!text.contains("deadbeef"))
    #expect(!text.contains("secret-session-token"))
    #expect(!text.contains("abcdef"))
    #expect(text.contains("Action=x"))
    #expect(text.contains("AKIDEXAMPLE"))
    #expect(text.contains("< 200"))
  }

  @Test("the trace numbers each request's lines, so concurrent responses pair with their requests")
  func traceNumbered() async throws {
    let lines = Mutex<[String]>([])
    var configuration = HTTPClientConfiguration()
    configuration.trace = { line in lines.withLock { $0.append(line) } }
    let client = HTTPClient(configuration: configuration)
    async let first = client.send(HTTPRequest(url: server.http + "/echo?first"))
    async let second = client.send(HTTPRequest(url: server.http + "/echo?second"))
    _ = try await (first, second)
    let traced = lines.withLock { $0 }
    var byNumber: [String: [String]] = [:]
    for line in traced {
      let parts = line.split(separator: " ", maxSplits: 1)
      try #require(parts.count == 2 && parts[0].hasPrefix("#"), "unnumbered line: \(line)")
      byNumber[String(parts[0]), default: []].append(String(parts[1]))
    }
    #expect(byNumber.count == 2)
    for (_, group) in byNumber {
      let query = group.first { $0.hasPrefix("> GET") }.map { $0.contains("?first") ? "?first" : "?second" }
      let request = try #require(query)
      #expect(group.contains { $0.hasPrefix("< 200") && $0.contains(request) })
    }
  }
}
