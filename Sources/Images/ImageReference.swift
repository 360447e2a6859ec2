/// `[registry/]repository[:tag][@digest]`, with Docker Hub's defaults.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
  /// `host[:port]` (`registry-1.docker.io` for Docker Hub).
  public var registry: String
  public var repository: String
  public var tag: String?
  public var digest: Digest?

  public init(registry: String, repository: String, tag: String? = nil, digest: Digest? = nil) {
    self.registry = registry
    self.repository = repository
    self.tag = tag
    self.digest = digest
  }

  public init(parsing text: String) throws {
    func invalid(_ why: String) -> ImagesError {
      ImagesError(
        .invalidReference, "the image reference \"\(text)\" is invalid: \(why)",
        remedy: "write registry/repository:tag, such as public.ecr.aws/docker/library/python:3.12-slim")
    }
    var rest = Substring(text)
    if let at = rest.firstIndex(of: "@") {
      guard let digest = Digest(String(rest[rest.index(after: at)...])) else { throw invalid("bad digest") }
      self.digest = digest
      rest = rest[..<at]
    }
    if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
      let tag = String(rest[rest.index(after: colon)...])
      guard !tag.isEmpty, tag.count <= 128,
        tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
      else { throw invalid("bad tag") }
      self.tag = tag
      rest = rest[..<colon]
    }
    var parts = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { throw invalid("empty path component") }
    let first = parts[0]
    if parts.count > 1, first.contains(".") || first.contains(":") || first == "localhost" {
      registry = first == "docker.io" || first == "index.docker.io" ? "registry-1.docker.io" : first
      parts.removeFirst()
    } else {
      registry = "registry-1.docker.io"
    }
    if registry == "registry-1.docker.io", parts.count == 1 { parts.insert("library", at: 0) }
    repository = parts.joined(separator: "/")
    guard repository.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-/".contains($0)) })
    else {
      throw invalid("repository names are lowercase letters, digits, '.', '_', '-' and '/'")
    }
    if tag == nil && digest == nil { tag = "latest" }
  }

  /// The tag or digest a manifest request names (the digest wins).
  public var reference: String { digest?.description ?? tag ?? "latest" }

  public var description: String {
    "\(registry)/\(repository)" + (tag.map { ":\($0)" } ?? "") + (digest.map { "@\($0)" } ?? "")
  }
}
