import HTTP

/// A manifest as fetched: its digest, media type and exact bytes.
public struct FetchedManifest: Sendable, Hashable {
  public var digest: Digest
  public var mediaType: String
  public var bytes: [UInt8]
  public var manifest: ImageManifest
}

extension RegistryClient {
  /// The image manifest `reference` names for `platform`, following an index or manifest
  /// list to the platform's entry.
  public func manifest(_ repository: String, reference: String, platform: Platform = .linuxAMD64) async throws
    -> FetchedManifest
  {
    let (digest, mediaType, bytes) = try await rawManifest(repository, reference: reference)
    if MediaType.indexes.contains(mediaType) {
      let index = try CanonicalJSON.decode(
        ImageIndex.self, bytes, what: "index of \(repository):\(reference)")
      guard let entry = index.manifest(for: platform) else {
        let offered = index.manifests.compactMap { $0.platform?.description }.joined(separator: ", ")
        throw ImagesError(
          .noMatchingPlatform,
          "\(registry)/\(repository):\(reference) has no image for \(platform) (it has \(offered))",
          remedy: "choose a base image built for \(platform)")
      }
      return try await manifest(repository, reference: entry.digest.description, platform: platform)
    }
    guard mediaType == MediaType.ociManifest || mediaType == MediaType.dockerManifest else {
      throw ImagesError(
        .unsupportedManifest,
        "\(registry)/\(repository):\(reference) is a \(mediaType), not an image manifest",
        remedy: "use an OCI or Docker v2 schema 2 image")
    }
    let manifest = try CanonicalJSON.decode(
      ImageManifest.self, bytes, what: "manifest of \(repository):\(reference)")
    return FetchedManifest(digest: digest, mediaType: mediaType, bytes: bytes, manifest: manifest)
  }

  /// The bytes of a manifest or index, checked against the digest when asked by digest.
  func rawManifest(_ repository: String, reference: String) async throws -> (Digest, String, [UInt8]) {
    var headers = HTTPHeaders()
    headers["Accept"] = MediaType.manifestAccept.joined(separator: ", ")
    let response = try await send(
      HTTPRequest(url: "\(base)/v2/\(repository)/manifests/\(reference)", headers: headers),
      pull: [repository])
    guard response.status == 200 else {
      throw RegistryErrorBody.error(response, doing: "cannot read \(registry)/\(repository):\(reference)")
    }
    let digest = Digest.of(response.body)
    if let asked = Digest(reference), asked != digest {
      throw ImagesError(
        .digestMismatch, "the manifest \(reference) from \(registry)/\(repository) has digest \(digest)",
        remedy:
          "the registry returned other content than asked for; retry, then report it to the registry's owner")
    }
    let declared = CanonicalJSON.mediaType(of: response.body)
    let header = response.headers["Content-Type"]?.split(separator: ";").first.map(String.init)
    return (digest, declared ?? header ?? MediaType.dockerManifest, response.body)
  }

  /// The digest `reference` names in `repository`, or nil when there is no such manifest.
  public func manifestDigest(_ repository: String, reference: String) async throws -> Digest? {
    var headers = HTTPHeaders()
    headers["Accept"] = MediaType.manifestAccept.joined(separator: ", ")
    let response = try await send(
      HTTPRequest(method: .head, url: "\(base)/v2/\(repository)/manifests/\(reference)", headers: headers),
      pull: [repository])
    if response.status == 404 { return nil }
    guard response.status == 200 else {
      // A HEAD answer has no body; a GET brings the registry's own words (ECR's "Your
      // authorization token has expired.").
      let words = try await send(
        HTTPRequest(url: "\(base)/v2/\(repository)/manifests/\(reference)", headers: headers),
        pull: [repository])
      if words.status == 404 { return nil }
      throw RegistryErrorBody.error(
        words.status == 200 ? response : words, doing: "cannot check \(registry)/\(repository):\(reference)")
    }
    if let digest = response.headers["Docker-Content-Digest"].flatMap(Digest.init) { return digest }
    return try await rawManifest(repository, reference: reference).0
  }

  /// Stores a manifest under `reference` (a tag, or its digest); returns its digest.
  @discardableResult
  public func putManifest(_ bytes: [UInt8], mediaType: String, repository: String, reference: String)
    async throws
    -> Digest
  {
    var headers = HTTPHeaders()
    headers["Content-Type"] = mediaType
    let response = try await send(
      HTTPRequest(
        method: .put, url: "\(base)/v2/\(repository)/manifests/\(reference)", headers: headers, body: bytes),
      push: [repository])
    guard response.status == 201 || response.status == 200 else {
      throw RegistryErrorBody.error(response, doing: "cannot store the manifest \(repository):\(reference)")
    }
    let digest = Digest.of(bytes)
    if let stored = response.headers["Docker-Content-Digest"].flatMap(Digest.init), stored != digest {
      throw ImagesError(
        .digestMismatch, "\(registry) stored the manifest as \(stored), but it is \(digest)",
        remedy: "the registry changed the manifest; check that it accepts OCI manifests")
    }
    return digest
  }
}
