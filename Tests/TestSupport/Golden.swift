import Foundation
import Testing

/// Compares text with a file in a folder of golden files; with `UPDATE_GOLDENS=1` in the
/// environment the file is written instead (then review the diff before committing).
public struct Golden: Sendable {
  public let directory: URL

  /// The golden folder `Golden/` beside the test target of `filePath` (pass `#filePath`).
  public init(besideTarget filePath: String = #filePath, folder: String = "Golden") {
    var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    // Up to the target's own folder: the one directly under Tests/.
    while url.deletingLastPathComponent().lastPathComponent != "Tests", url.path != "/" {
      url.deleteLastPathComponent()
    }
    directory = url.appendingPathComponent(folder)
  }

  public init(directory: URL) {
    self.directory = directory
  }

  /// Expects `text` to equal the golden file `name`.
  public func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  {
    let file = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(
      text == expected,
      "output differs from \(directory.lastPathComponent)/\(name); rerun with UPDATE_GOLDENS=1 to accept",
      sourceLocation: sourceLocation)
  }
}
