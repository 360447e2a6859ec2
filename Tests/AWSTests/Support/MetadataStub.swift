import Foundation

/// Fixtures/metadata_stub.py, started once: IMDSv2 and container credentials on loopback.
final class MetadataStub: @unchecked Sendable {
  static let shared = try! MetadataStub()
  let port: Int
  private let process = Process()
  private let input = Pipe()

  var url: String { "http://127.0.0.1:\(port)" }

  private init() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/metadata_stub.py")
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path]
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line = Data()
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data([10]) { break }
      line.append(byte)
    }
    port = Int(String(decoding: line, as: UTF8.self)) ?? 0
  }
}
