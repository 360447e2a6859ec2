import Foundation
import Testing

@testable import Images

@Suite("reproducible layer tars")
struct TarLayerWriterTests {
  static let entries = [
    LayerEntry(path: "/opt/app/job.py", kind: .file(Array("print('pi')\n".utf8)), mode: 0o644),
    LayerEntry(
      path: "/opt/app/run.sh", kind: .file(Array("#!/bin/sh\nexec python job.py\n".utf8)), mode: 0o755),
    LayerEntry(path: "/opt/app/current", kind: .symlink("job.py"), mode: 0o777),
    LayerEntry(
      path: "/etc/app.conf", kind: .file(Array("a=1\n".utf8)), mode: 0o600,
      owner: FileOwner(uid: 185, gid: 185)),
  ]

  @Test("the same entries give the same bytes in any order")
  func byteIdentical() throws {
    let writer = TarLayerWriter()
    let first = try writer.write(Self.entries)
    let second = try writer.write(Self.entries.reversed())
    #expect(first == second)
    #expect(first.count % 512 == 0)
  }

  @Test("the layer digest and diffID are golden")
  func goldenDigest() throws {
    let layer = Layer(tar: try TarLayerWriter().write(Self.entries))
    #expect(layer.diffID == layer.descriptor.digest)
    #expect(layer.descriptor.mediaType == "application/vnd.oci.image.layer.v1.tar")
    let digest = layer.diffID.description + "\n"
    #expect(digest == (try Golden.text("layer-digest.txt", actual: digest)))
  }

  @Test("GNU tar lists parents first, sorted, numeric owners, modes kept, epoch times")
  func listing() throws {
    let tar = try TarLayerWriter().write(Self.entries)
    let listing = try Tool.run("/usr/bin/tar", ["--numeric-owner", "--utc", "-tvf", "-"], input: tar)
    #expect(listing == (try Golden.text("layer-listing.txt", actual: listing)))
  }

  @Test("paths too long for ustar go into a PAX header")
  func longPath() throws {
    let deep = (1...30).map { "folder\($0)" }.joined(separator: "/") + "/file.txt"
    let tar = try TarLayerWriter().write([LayerEntry(path: deep, kind: .file([1, 2, 3]), mode: 0o644)])
    let names = try Tool.run("/usr/bin/tar", ["-tf", "-"], input: tar).split(separator: "\n")
    #expect(names.last.map(String.init) == deep)
    #expect(names.count == 31)
  }

  @Test(
    "two files at one path, or a path leaving the root, are refused",
    arguments: [
      (
        [
          LayerEntry(path: "a", kind: .file([]), mode: 0o644),
          LayerEntry(path: "/a/", kind: .file([]), mode: 0o644),
        ],
        "two files go to the same image path /a"
      ),
      (
        [LayerEntry(path: "../etc/passwd", kind: .file([]), mode: 0o644)],
        "the image path \"/../etc/passwd\" is not a path inside the image"
      ),
      (
        [
          LayerEntry(path: "a", kind: .file([]), mode: 0o644),
          LayerEntry(path: "a/b", kind: .file([]), mode: 0o644),
        ],
        "/a is both a file and the folder of /a/b"
      ),
    ])
  func refused(entries: [LayerEntry], message: String) {
    let error = #expect(throws: ImagesError.self) { try TarLayerWriter().write(entries) }
    #expect(error?.code == .file)
    #expect(error?.message == message)
  }

  @Test("local files keep their modes; symlinks are stored, not followed")
  func localSources() throws {
    let folder = try Scratch.folder()
    try "x = 1\n".write(toFile: "\(folder)/job.py", atomically: true, encoding: .utf8)
    try "#!/bin/sh\n".write(toFile: "\(folder)/run.sh", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: "\(folder)/run.sh")
    try FileManager.default.createSymbolicLink(atPath: "\(folder)/secret", withDestinationPath: "/etc/shadow")
    let entries = try LayerSources.entries([FileMapping(source: folder, destination: "/app")])
    let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
    #expect(byPath["app/run.sh"]?.mode == 0o750)
    #expect(byPath["app/job.py"]?.kind == .file(Array("x = 1\n".utf8)))
    #expect(byPath["app/secret"]?.kind == .symlink("/etc/shadow"))
  }

  @Test("a missing source names the file")
  func missingSource() {
    let error = #expect(throws: ImagesError.self) {
      try LayerSources.entries([FileMapping(source: "/nonexistent/job.py", destination: "/app/job.py")])
    }
    #expect(error?.message == "the file /nonexistent/job.py does not exist")
  }
}
