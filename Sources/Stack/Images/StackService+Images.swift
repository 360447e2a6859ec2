import Config
import Engine

/// One row of `image list`: an `images[]` entry, where it goes, and whether its content
/// tag is pushed.
public struct ImageStatus: Sendable, Hashable, Encodable {
  public var name: String
  /// `<registry>/<repository>`.
  public var repository: String
  /// `build` (a Dockerfile) or `assemble` (a base and files).
  public var build: String
  /// The digest of the inputs as a tag (`in-` and 40 hex digits).
  public var tag: String
  /// The pushed manifest's digest; nil until pushed.
  public var digest: String?
  public var pushed: Bool

  enum CodingKeys: String, CodingKey { case name, repository, build, tag, digest, pushed }

  /// Every key, `digest: null` included, so scripts read the same shape for every row.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(repository, forKey: .repository)
    try container.encode(build, forKey: .build)
    try container.encode(tag, forKey: .tag)
    try container.encode(digest, forKey: .digest)
    try container.encode(pushed, forKey: .pushed)
  }
}

extension StackService {
  /// The addresses `image build` applies: the named images (all when none are named).
  /// - Throws: `StackError(.unknownImage)` for a name not in `images[]`.
  public func imageTargets(_ names: [String]) throws -> [String] {
    let known = stack.images.map(\.name)
    for name in names where !known.contains(name) {
      let list =
        known.isEmpty ? "the stack file has no images" : "images are: " + known.joined(separator: ", ")
      throw StackError(
        .unknownImage, "no image \"\(name)\" in \(file)", remedy: "name one of images[] (\(list))")
    }
    let chosen = names.isEmpty ? known : names
    guard !chosen.isEmpty else {
      throw StackError(
        .unknownImage, "\(file) has no images to build", remedy: "add an entry to images[] first")
    }
    return chosen.map { ImageResource.address($0).description }
  }

  /// Each image's content tag and whether the registry has it (reads only: hashing and one
  /// manifest HEAD per image, no build).
  public func imageStatuses(_ preflight: PreflightReport) async throws -> [ImageStatus] {
    let resources = try stackGraph(preflight).resources.compactMap { $0 as? ImageResource }
    let login = try await registry.ecrLogin()
    return try await withThrowingTaskGroup(of: (Int, ImageStatus).self) { group in
      for (index, resource) in resources.enumerated() {
        group.addTask {
          let live = try await resource.status()
          let attributes = live.attributes
          return (
            index,
            ImageStatus(
              name: resource.image.name, repository: "\(login.registry)/\(resource.image.repository)",
              build: attributes["build"]?.stringValue ?? "", tag: attributes["tag"]?.stringValue ?? "",
              digest: live.outputs["digest"]?.stringValue, pushed: attributes["pushed"]?.boolValue ?? false)
          )
        }
      }
      var rows: [(Int, ImageStatus)] = []
      for try await row in group { rows.append(row) }
      return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }
  }
}
