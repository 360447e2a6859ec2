import FoundationEssentials
import HTTP

extension RegistryClient {
  /// The repository's tags (`GET /v2/<name>/tags/list`, following `Link` pages); empty when
  /// the repository has none or does not exist yet.
  public func tags(_ repository: String) async throws -> [String] {
    struct Page: Decodable { var tags: [String]? }
    var tags: [String] = []
    var next: String? = "\(base)/v2/\(repository)/tags/list?n=1000"
    while let url = next {
      let response = try await send(HTTPRequest(url: url), pull: [repository])
      if response.status == 404 { return tags }
      guard response.status == 200 else {
        throw RegistryErrorBody.error(response, doing: "cannot list the tags of \(registry)/\(repository)")
      }
      let page = try JSONDecoder().decode(Page.self, from: Data(response.body))
      tags += page.tags ?? []
      next = Self.nextPage(response.headers["Link"]).map { $0.hasPrefix("/") ? base + $0 : $0 }
    }
    return tags
  }

  /// The `rel="next"` target of a `Link: </v2/...>; rel="next"` header.
  nonisolated static func nextPage(_ link: String?) -> String? {
    guard let link, link.contains("rel=\"next\""), let open = link.firstIndex(of: "<"),
      let close = link.firstIndex(of: ">"), open < close
    else { return nil }
    return String(link[link.index(after: open)..<close])
  }
}
