import Foundation
import TestSupport

/// The loopback server in Fixtures/test_server.py, started once for the whole suite, with
/// a throw-away CA, server certificate and client certificate made by the openssl CLI.
final class TestServer: @unchecked Sendable {
  static let shared: TestServer = try! TestServer()

  let httpPort: Int
  let httpsPort: Int
  let caPEM: [UInt8]
  let clientCertificatePEM: [UInt8]
  let clientKeyPEM: [UInt8]
  private let stub: LoopbackStub

  var http: String { "http://127.0.0.1:\(httpPort)" }
  var https: String { "https://localhost:\(httpsPort)" }

  private init() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("eks-spark-http-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let dir = directory.path
    let script = """
      set -e
      cd \(dir)
      openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=test-ca 2>/dev/null
      printf 'subjectAltName=DNS:localhost\\n' > san.ext
      openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
      openssl req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=test-client 2>/dev/null
      openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 2>/dev/null
      """
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/bin/sh")
    openssl.arguments = ["-c", script]
    try openssl.run()
    openssl.waitUntilExit()
    func read(_ name: String) throws -> [UInt8] {
      Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
    caPEM = try read("ca.pem")
    clientCertificatePEM = try read("client.pem")
    clientKeyPEM = try read("client.key")

    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/test_server.py")
    stub = try LoopbackStub(
      script: fixture.path, arguments: ["\(dir)/server.pem", "\(dir)/server.key", "\(dir)/ca.pem"])
    let ports = stub.ports
    httpPort = ports.first ?? 0
    httpsPort = ports.count > 1 ? ports[1] : 0
  }
}

/// The JSON the server's /echo answers with.
struct Echo: Decodable {
  var method: String
  var path: String
  var headers: [[String]]
  var body: String
  var clientPort: Int
  var clientCert: String?

  func header(_ name: String) -> String? {
    headers.first { $0[0].lowercased() == name.lowercased() }?[1]
  }
}
