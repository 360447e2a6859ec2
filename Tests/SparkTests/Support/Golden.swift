import Foundation
import Testing

/// Compares text with a file under Tests/SparkTests/Golden; with `UPDATE_GOLDENS=1` in the
/// environment the file is written instead (then review the diff before committing).
enum Golden {
  static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Golden")
    let file = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try text.write(to: file, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(
      text == expected, "output differs from Golden/\(name); rerun with UPDATE_GOLDENS=1 to accept",
      sourceLocation: sourceLocation)
  }
}
