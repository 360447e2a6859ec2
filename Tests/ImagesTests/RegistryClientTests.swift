import Foundation
import HTTP
import Testing

@testable import Images

@Suite("registry client against a scripted registry")
struct RegistryClientTests {
  static let blob = Array("layer bytes".utf8)

  @Test("an anonymous bearer token is fetched from the challenge's realm with its scope")
  func bearerFlow() async throws {
    let transport = FakeTransport { request in
      if request.url.hasPrefix("https://auth.example/token") {
        return HTTPResponse(status: 200, body: Array(#"{"token":"abc"}"#.utf8))
      }
      guard request.headers["Authorization"] == "Bearer abc" else {
        return HTTPResponse(
          status: 401,
          headers: [
            "WWW-Authenticate":
              #"Bearer realm="https://auth.example/token",service="registry.example",scope="repository:lib/py:pull""#
          ])
      }
      return HTTPResponse(status: 200, body: Self.blob)
    }
    let client = RegistryClient(registry: "registry.example", transport: transport)
    let bytes = try await client.blob("lib/py", digest: Digest.of(Self.blob))
    #expect(bytes == Self.blob)
    let urls = transport.requests.map(\.url)
    #expect(
      urls[1] == "https://auth.example/token?service=registry.example&scope=repository%3Alib%2Fpy%3Apull")
    #expect(transport.requests[1].headers["Authorization"] == nil)
    // The token is reused: one more blob costs one request.
    _ = try await client.blob("lib/py", digest: Digest.of(Self.blob))
    #expect(transport.requests.count == 4)
  }

  @Test("Basic challenges get the credentials (ECR's AWS:<token>)")
  func basicFlow() async throws {
    let token = Data("AWS:secret".utf8).base64EncodedString()
    let credentials = try RegistryCredentials.ecr(authorizationToken: token)
    let transport = FakeTransport { request in
      guard request.headers["Authorization"] == "Basic \(token)" else {
        return HTTPResponse(status: 401, headers: ["WWW-Authenticate": #"Basic realm="ecr""#])
      }
      return HTTPResponse(status: 200, headers: ["Docker-Content-Digest": Digest.of([1]).description])
    }
    let client = RegistryClient(
      registry: "123.dkr.ecr.eu-west-1.amazonaws.com", transport: transport, credentials: credentials)
    #expect(try await client.manifestDigest("spark/pi", reference: "v1") == Digest.of([1]))
    #expect(try await client.manifestDigest("spark/pi", reference: "v2") == Digest.of([1]))
    #expect(transport.requests.count == 3)
  }

  @Test("errors come in the registry's own words")
  func registryWords() async {
    let transport = FakeTransport { _ in
      HTTPResponse(
        status: 404,
        body: Array(
          #"{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":"x"}]}"#.utf8))
    }
    let client = RegistryClient(registry: "r.example", transport: transport)
    let error = await #expect(throws: ImagesError.self) { try await client.manifest("a/b", reference: "v1") }
    #expect(error?.code == .notFound)
    #expect(error?.message == "cannot read r.example/a/b:v1: MANIFEST_UNKNOWN: manifest unknown (HTTP 404)")
    #expect(error?.registryCodes == ["MANIFEST_UNKNOWN"])
  }

  @Test("rejected credentials are an unauthorized error naming the registry")
  func rejected() async {
    let transport = FakeTransport { _ in
      HTTPResponse(
        status: 401, headers: ["WWW-Authenticate": #"Basic realm="x""#],
        body: Array(#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#.utf8))
    }
    let client = RegistryClient(
      registry: "r.example", transport: transport, credentials: .basic(username: "AWS", password: "old"))
    let error = await #expect(throws: ImagesError.self) {
      try await client.blobExists("a", digest: Digest.of([1]))
    }
    #expect(error?.code == .unauthorized)
    #expect(
      error?.message == "r.example rejected the credentials: UNAUTHORIZED: authentication required (HTTP 401)"
    )
  }

  @Test("a blob whose bytes do not match its digest is refused")
  func digestMismatch() async {
    let transport = FakeTransport { _ in HTTPResponse(status: 200, body: [1, 2, 3]) }
    let client = RegistryClient(registry: "r.example", transport: transport)
    let error = await #expect(throws: ImagesError.self) { try await client.blob("a", digest: Digest.of([9])) }
    #expect(error?.code == .digestMismatch)
  }

  @Test("an index without the platform lists what it has")
  func noPlatform() async {
    let index =
      #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\#(String(repeating: "a", count: 64))","size":1,"platform":{"os":"linux","architecture":"arm64"}}]}"#
    let transport = FakeTransport { _ in HTTPResponse(status: 200, body: Array(index.utf8)) }
    let client = RegistryClient(registry: "r.example", transport: transport)
    let error = await #expect(throws: ImagesError.self) { try await client.manifest("a", reference: "1") }
    #expect(error?.message == "r.example/a:1 has no image for linux/amd64 (it has linux/arm64)")
  }

  @Test("a chunked upload PATCHes ranges and finishes with the digest")
  func chunked() async throws {
    let transport = FakeTransport { request in
      switch request.method {
      case .post: return HTTPResponse(status: 202, headers: ["Location": "/v2/a/blobs/uploads/u1?_state=s0"])
      case .patch: return HTTPResponse(status: 202, headers: ["Location": "/v2/a/blobs/uploads/u1?_state=s1"])
      default: return HTTPResponse(status: 201)
      }
    }
    let client = RegistryClient(registry: "r.example", transport: transport)
    let bytes = [UInt8](repeating: 7, count: 10)
    try await client.uploadBlob(bytes, digest: Digest.of(bytes), to: "a", chunkSize: 4)
    let requests = transport.requests
    #expect(requests.map(\.method) == [.post, .patch, .patch, .patch, .put])
    #expect(requests.compactMap { $0.headers["Content-Range"] } == ["0-3", "4-7", "8-9"])
    #expect(
      requests.last?.url == "https://r.example/v2/a/blobs/uploads/u1?_state=s1&digest=\(Digest.of(bytes))")
  }

  @Test("challenges parse with commas inside quoted values")
  func challenge() throws {
    let parsed = try #require(
      AuthChallenge(
        #"Bearer realm="https://a/token",service="s",scope="repository:x:pull,push",error="insufficient_scope""#
      ))
    #expect(parsed.scheme == "bearer")
    #expect(parsed.parameters["scope"] == "repository:x:pull,push")
    #expect(parsed.parameters["error"] == "insufficient_scope")
  }
}
