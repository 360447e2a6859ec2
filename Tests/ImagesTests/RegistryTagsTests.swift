import HTTP
import Testing

@testable import Images

@Suite("registry tags and HEAD failures")
struct RegistryTagsTests {
  @Test("tags are listed across Link pages; a repository without any answers none")
  func pages() async throws {
    let transport = FakeTransport { request in
      if request.url.contains("last=b") {
        return HTTPResponse(status: 200, body: Array(#"{"tags":["c"]}"#.utf8))
      }
      if request.url.contains("missing") { return HTTPResponse(status: 404) }
      var headers = HTTPHeaders()
      headers["Link"] = #"</v2/a/tags/list?n=1000&last=b>; rel="next""#
      return HTTPResponse(status: 200, headers: headers, body: Array(#"{"tags":["a","b"]}"#.utf8))
    }
    let client = RegistryClient(registry: "r.example", transport: transport)
    #expect(try await client.tags("a") == ["a", "b", "c"])
    #expect(transport.requests.last?.url == "https://r.example/v2/a/tags/list?n=1000&last=b")
    #expect(try await client.tags("missing") == [])
  }

  @Test("a refused manifest HEAD is reported in the registry's words from a GET")
  func headWords() async {
    let transport = FakeTransport { request in
      request.method == .head
        ? HTTPResponse(status: 403)
        : HTTPResponse(
          status: 403,
          body: Array(
            #"{"errors":[{"code":"DENIED","message":"Your authorization token has expired. Reauthenticate and try again."}]}"#
              .utf8))
    }
    let client = RegistryClient(registry: "r.example", transport: transport)
    let error = await #expect(throws: ImagesError.self) {
      try await client.manifestDigest("a", reference: "in-1")
    }
    #expect(error?.code == .unauthorized)
    #expect(error?.message.contains("DENIED: Your authorization token has expired.") == true)
  }

  @Test("Link headers without a next page end the listing")
  func nextPage() {
    #expect(RegistryClient.nextPage(nil) == nil)
    #expect(RegistryClient.nextPage(#"</v2/a/tags/list?last=x>; rel="next""#) == "/v2/a/tags/list?last=x")
    #expect(RegistryClient.nextPage(#"</v2/a/tags/list?last=x>; rel="prev""#) == nil)
  }
}
