import Foundation
import HTTP
import Testing

@testable import AWS

/// One case folder of the aws-c-auth SigV4 suite under ../shared/testdata/sigv4.
struct SigV4Vector: CustomTestStringConvertible {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("shared/testdata/sigv4")

  /// Every case folder there, whatever they are called.
  static func all() -> [SigV4Vector] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.sorted().filter {
      FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/request.txt").path)
    }.map(SigV4Vector.init)
  }

  struct Context: Decodable {
    struct Credentials: Decodable {
      var access_key_id: String
      var secret_access_key: String
      var token: String?
    }
    var credentials: Credentials
    var expiration_in_seconds: Int
    var normalize: Bool
    var region: String
    var service: String
    var sign_body: Bool
    var timestamp: String
    var omit_session_token: Bool?
  }

  var name: String
  var testDescription: String { name }

  func file(_ name: String) throws -> String {
    try String(contentsOf: Self.root.appendingPathComponent("\(self.name)/\(name)"), encoding: .utf8)
  }

  func context() throws -> Context {
    try JSONDecoder().decode(Context.self, from: Data(try file("context.json").utf8))
  }

  /// request.txt, read by `SigV4RequestText`.
  func request() throws -> (request: HTTPRequest, target: String) {
    try SigV4RequestText.parse(try file("request.txt"))
  }

  static func render(_ request: HTTPRequest, target: String) -> String {
    var text = "\(request.method.rawValue) \(target) HTTP/1.1\n"
    for field in request.headers { text += "\(field.name):\(field.value)\n" }
    return text + "\n" + String(decoding: request.body, as: UTF8.self)
  }

  func signer(_ context: Context) -> SigV4Signer {
    SigV4Signer(
      service: context.service, region: context.region,
      rules: .init(
        normalizePath: context.normalize, encodePath: true, signBodyHeader: context.sign_body,
        omitSessionToken: context.omit_session_token ?? false))
  }

  func credentials(_ context: Context) -> AWSCredentials {
    AWSCredentials(
      accessKeyID: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key,
      sessionToken: context.credentials.token)
  }
}

@Suite("SigV4 test vectors")
struct SigV4VectorTests {
  @Test("the suite is there")
  func discovered() {
    #expect(SigV4Vector.all().count >= 30)
  }

  @Test("header signing matches", arguments: SigV4Vector.all())
  func header(vector: SigV4Vector) throws {
    let context = try vector.context()
    var (request, target) = try vector.request()
    let date = try #require(Timestamp.parse(context.timestamp))
    let result = vector.signer(context).sign(&request, credentials: vector.credentials(context), date: date)
    #expect(result.canonicalRequest == (try vector.file("header-canonical-request.txt")))
    #expect(result.stringToSign == (try vector.file("header-string-to-sign.txt")))
    #expect(result.signature == (try vector.file("header-signature.txt")))
    #expect(SigV4Vector.render(request, target: target) == (try vector.file("header-signed-request.txt")))
  }

  @Test("query signing matches", arguments: SigV4Vector.all())
  func query(vector: SigV4Vector) throws {
    let context = try vector.context()
    let (request, _) = try vector.request()
    let date = try #require(Timestamp.parse(context.timestamp))
    let (signed, result) = vector.signer(context).presign(
      request, credentials: vector.credentials(context), date: date, expires: context.expiration_in_seconds)
    #expect(result.canonicalRequest == (try vector.file("query-canonical-request.txt")))
    #expect(result.stringToSign == (try vector.file("query-string-to-sign.txt")))
    #expect(result.signature == (try vector.file("query-signature.txt")))
    let host = try #require(request.headers["host"])
    let target = String(signed.url.dropFirst("https://\(host)".count))
    #expect(SigV4Vector.render(signed, target: target) == (try vector.file("query-signed-request.txt")))
  }
}
