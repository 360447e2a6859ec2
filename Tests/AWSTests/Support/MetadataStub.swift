import Foundation
import TestSupport

/// Fixtures/metadata_stub.py, started once: IMDSv2 and container credentials on loopback.
final class MetadataStub: @unchecked Sendable {
  static let shared = try! MetadataStub()
  let port: Int
  private let stub: LoopbackStub

  var url: String { "http://127.0.0.1:\(port)" }

  private init() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/metadata_stub.py")
    stub = try LoopbackStub(script: script.path)
    port = stub.ports.first ?? 0
  }
}
