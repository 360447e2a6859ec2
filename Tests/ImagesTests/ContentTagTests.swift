import Foundation
import Testing

@testable import Images

@Suite("content-addressed tags")
struct ContentTagTests {
  static let entries = [LayerEntry(path: "app/job.py", kind: .file(Array("print(1)\n".utf8)), mode: 0o644)]
  static let base = Digest.of([1])

  static func tag(
    base: Digest? = base, entries: [LayerEntry] = entries,
    overrides: ImageOverrides = ImageOverrides(env: [("A", "1")])
  ) -> Digest {
    ContentTag.native(base: base, platform: .linuxAMD64, entries: entries, overrides: overrides)
  }

  @Test("native inputs: the same inputs give the golden digest")
  func stable() throws {
    #expect(Self.tag() == Self.tag())
    let tag = ContentTag.tag(for: Self.tag()) + "\n"
    #expect(tag == (try Golden.text("native-tag.txt", actual: tag)))
  }

  @Test(
    "any input change changes the tag",
    arguments: [
      "base", "content", "mode", "path", "env", "entrypoint", "owner",
    ])
  func changes(input: String) {
    let entry = Self.entries[0]
    let changed: Digest =
      switch input {
      case "base": Self.tag(base: Digest.of([2]))
      case "content": Self.tag(entries: [LayerEntry(path: entry.path, kind: .file([0]), mode: 0o644)])
      case "mode": Self.tag(entries: [LayerEntry(path: entry.path, kind: entry.kind, mode: 0o755)])
      case "path": Self.tag(entries: [LayerEntry(path: "app/other.py", kind: entry.kind, mode: 0o644)])
      case "env": Self.tag(overrides: ImageOverrides(env: [("A", "2")]))
      case "entrypoint": Self.tag(overrides: ImageOverrides(env: [("A", "1")], entrypoint: ["x"]))
      default:
        Self.tag(entries: [
          LayerEntry(path: entry.path, kind: entry.kind, mode: 0o644, owner: FileOwner(uid: 185, gid: 185))
        ])
      }
    #expect(changed != Self.tag())
  }

  @Test("Dockerfile inputs: ignored files and arg order do not count; args and context do")
  func dockerfile() throws {
    let context = try Scratch.folder()
    try "FROM scratch\nARG V\n".write(toFile: "\(context)/Dockerfile", atomically: true, encoding: .utf8)
    try "x\n".write(toFile: "\(context)/job.py", atomically: true, encoding: .utf8)
    try "*.log\n".write(toFile: "\(context)/.dockerignore", atomically: true, encoding: .utf8)
    let build = DockerfileBuild(context: context, buildArgs: ["V": "1", "W": "2"])
    let first = try DockerfileImageBuilder.tag(build)
    try "noise\n".write(toFile: "\(context)/build.log", atomically: true, encoding: .utf8)
    #expect(try DockerfileImageBuilder.tag(build) == first)
    #expect(
      try DockerfileImageBuilder.tag(DockerfileBuild(context: context, buildArgs: ["V": "2", "W": "2"]))
        != first)
    try "y\n".write(toFile: "\(context)/job.py", atomically: true, encoding: .utf8)
    #expect(try DockerfileImageBuilder.tag(build) != first)
    #expect(first.hasPrefix("in-") && first.count == 43)
  }

  @Test("a missing Dockerfile or context is a clear error")
  func missing() throws {
    let context = try Scratch.folder()
    let error = #expect(throws: ImagesError.self) {
      try DockerfileImageBuilder.tag(DockerfileBuild(context: context))
    }
    #expect(error?.message == "the build context \(context) has no Dockerfile")
    let gone = #expect(throws: ImagesError.self) {
      try DockerfileImageBuilder.tag(DockerfileBuild(context: "/nonexistent"))
    }
    #expect(gone?.message == "the build context /nonexistent does not exist")
  }
}
