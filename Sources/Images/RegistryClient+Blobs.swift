import HTTP

extension RegistryClient {
  /// Whether `repository` has the blob.
  public func blobExists(_ repository: String, digest: Digest) async throws -> Bool {
    let response = try await send(
      HTTPRequest(method: .head, url: "\(base)/v2/\(repository)/blobs/\(digest)"), pull: [repository])
    switch response.status {
    case 200: return true
    case 404: return false
    default:
      throw RegistryErrorBody.error(response, doing: "cannot check the blob \(digest) in \(repository)")
    }
  }

  /// The blob's bytes, checked against its digest (a redirect to storage is followed
  /// without the registry's credentials).
  public func blob(_ repository: String, digest: Digest) async throws -> [UInt8] {
    var response = try await send(
      HTTPRequest(url: "\(base)/v2/\(repository)/blobs/\(digest)"), pull: [repository])
    if [301, 302, 303, 307, 308].contains(response.status), let location = response.headers["Location"] {
      response = try await exchange(HTTPRequest(url: absolute(location)))
    }
    guard response.status == 200 else {
      throw RegistryErrorBody.error(response, doing: "cannot read the blob \(digest) from \(repository)")
    }
    let actual = Digest.of(response.body)
    guard actual == digest else {
      throw ImagesError(
        .digestMismatch, "the blob \(digest) from \(registry)/\(repository) has digest \(actual)",
        remedy: "the download was corrupted or the registry is wrong; retry")
    }
    return response.body
  }

  /// Asks the registry to link a blob it already holds in `source` into `repository`.
  /// Returns false (and abandons the upload it opened instead) when it cannot.
  public func mountBlob(_ digest: Digest, from source: String, into repository: String) async throws -> Bool {
    let response = try await send(
      HTTPRequest(
        method: .post,
        url: "\(base)/v2/\(repository)/blobs/uploads/?mount=\(digest)&from=\(Self.escape(source))"),
      pull: [source], push: [repository])
    switch response.status {
    case 201: return true
    case 202:
      if let location = response.headers["Location"] {
        _ = try? await send(HTTPRequest(method: .delete, url: absolute(location)), push: [repository])
      }
      return false
    default:
      throw RegistryErrorBody.error(
        response, doing: "cannot mount \(digest) from \(source) into \(repository)")
    }
  }

  /// Uploads a blob: in one PUT, or in PATCH chunks of `chunkSize` bytes; the registry
  /// checks the digest given on the final PUT, and so does this client first.
  public func uploadBlob(_ bytes: [UInt8], digest: Digest, to repository: String, chunkSize: Int? = nil)
    async throws
  {
    let actual = Digest.of(bytes)
    guard actual == digest else {
      throw ImagesError(
        .digestMismatch, "the blob to upload has digest \(actual), not \(digest)",
        remedy: "the local copy changed or is corrupted; delete the blob cache and retry")
    }
    let opened = try await send(
      HTTPRequest(method: .post, url: "\(base)/v2/\(repository)/blobs/uploads/"), push: [repository])
    guard opened.status == 202, var location = opened.headers["Location"].map(absolute) else {
      throw RegistryErrorBody.error(opened, doing: "cannot start an upload to \(repository)")
    }
    var body = bytes
    if let chunkSize, chunkSize > 0 {
      var offset = 0
      while offset < bytes.count {
        let end = min(offset + chunkSize, bytes.count)
        var headers = HTTPHeaders()
        headers["Content-Type"] = "application/octet-stream"
        headers["Content-Range"] = "\(offset)-\(end - 1)"
        let response = try await send(
          HTTPRequest(method: .patch, url: location, headers: headers, body: Array(bytes[offset..<end])),
          push: [repository])
        guard response.status == 202, let next = response.headers["Location"] else {
          throw RegistryErrorBody.error(
            response, doing: "cannot upload bytes \(offset)-\(end - 1) of \(digest)")
        }
        location = absolute(next)
        offset = end
      }
      body = []
    }
    var headers = HTTPHeaders()
    headers["Content-Type"] = "application/octet-stream"
    let separator = location.contains("?") ? "&" : "?"
    let finished = try await send(
      HTTPRequest(method: .put, url: "\(location)\(separator)digest=\(digest)", headers: headers, body: body),
      push: [repository])
    guard finished.status == 201 else {
      throw RegistryErrorBody.error(finished, doing: "cannot finish the upload of \(digest) to \(repository)")
    }
  }
}
