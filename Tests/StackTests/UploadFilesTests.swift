import AWS
import Foundation
import Testing

@testable import Stack

@Suite("upload sources: confined, links not followed out, read a part at a time")
struct UploadFilesTests {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("stack/data/sub"), withIntermediateDirectories: true)
    try Data("a,b\n".utf8).write(to: root.appendingPathComponent("stack/data/one.csv"))
    try Data("c\n".utf8).write(to: root.appendingPathComponent("stack/data/sub/two.csv"))
    try Data("secret\n".utf8).write(to: root.appendingPathComponent("outside.txt"))
  }

  var stack: String { root.appendingPathComponent("stack").path }

  func scan(_ directory: String, root confinement: String? = nil) throws -> [UploadFiles.File] {
    try UploadFiles.scan(
      directory: directory, root: confinement ?? stack, prefix: "raw/", partSize: 5, multipartThreshold: 8)
  }

  @Test("files under the source are keyed by their relative path")
  func inside() throws {
    let files = try scan(stack + "/data")
    #expect(files.map(\.key) == ["raw/one.csv", "raw/sub/two.csv"])
  }

  @Test("a source that resolves outside the stack's folder is refused unless it is its own root")
  func outside() throws {
    #expect(throws: StackError.self) { try scan(stack + "/../outside.txt") }
    let allowed = try scan(stack + "/../outside.txt", root: stack + "/../outside.txt")
    #expect(allowed.map(\.key) == ["raw/outside.txt"])
  }

  @Test("a link inside the source that leads out of the stack's folder is refused, naming it")
  func linkOut() throws {
    try FileManager.default.createSymbolicLink(
      atPath: stack + "/data/shadow", withDestinationPath: root.appendingPathComponent("outside.txt").path)
    do {
      _ = try scan(stack + "/data")
      Issue.record("a link out of the folder was followed")
    } catch let error as StackError {
      #expect(error.code == .invalidUploads)
      #expect(error.message.contains("data/shadow"))
    }
  }

  @Test("a link that stays inside is uploaded as the file it points to")
  func linkInside() throws {
    try FileManager.default.createSymbolicLink(
      atPath: stack + "/data/alias.csv", withDestinationPath: "one.csv")
    let files = try scan(stack + "/data")
    #expect(files.map(\.key) == ["raw/alias.csv", "raw/one.csv", "raw/sub/two.csv"])
    #expect(files[0].eTag == files[1].eTag)
  }

  @Test(
    "the streamed ETag equals the one of the whole body, single part and multipart",
    arguments: [0, 3, 7, 8, 12, 23])
  func eTag(size: Int) throws {
    let bytes = (0..<size).map { UInt8($0 % 251) }
    let path = stack + "/data/sized.bin"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let file = try #require(try scan(path).first)
    #expect(file.eTag == S3ETag.of(bytes, partSize: 5, multipartThreshold: 8))
    #expect(file.size == size)
  }
}
