import Foundation
import Testing

@testable import Config

/// What `StackLoader.read` does with things that are not a stack file.
@Suite("reading the stack file")
struct StackFileReadTests {
  func expectReadError(_ path: String, code: ConfigError.Code, message: String, hint: String?) {
    #expect {
      try StackLoader.read(path: path)
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      let text = error.problems.first?.message ?? error.message
      let errorHint = error.problems.first?.hint ?? error.hint
      return error.code == code && text == message && errorHint == hint
    }
  }

  @Test("an endless stream stops at the size cap instead of filling memory")
  func endlessStream() {
    expectReadError(
      "/dev/zero", code: .unreadableFile,
      message: "/dev/zero is larger than 4 MiB; a stack file is a few kilobytes",
      hint: "check that -f names the stack file")
  }

  @Test("a folder is a directory, not a permissions problem")
  func directory() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-dir-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    expectReadError(
      folder.path, code: .unreadableFile, message: "cannot read \(folder.path): it is a directory",
      hint: "pass the stack file itself, for example -f \(folder.path)/stack.yaml")
  }

  @Test("a binary file gets one summary error without a position")
  func binary() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-bin-\(UUID().uuidString)")
    try Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3E, 0]).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    expectReadError(
      file.path, code: .invalidStack, message: "this is a binary file, not a YAML stack file",
      hint: "check that -f names the stack file (YAML text)")
  }

  @Test("UTF-16 text is not called binary: the UTF-8 check names its first byte")
  func utf16() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-u16-\(UUID().uuidString)")
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "kind: Stack\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    expectReadError(
      file.path, code: .invalidStack, message: "invalid UTF-8 byte 0xFF", hint: "save the file as UTF-8")
  }

  @Test("one stray control byte in text is left to the parser, which locates it")
  func strayControlByte() {
    #expect(!StackLoader.isBinary(Array("metadata:\n  region: eu-west-1\n  prefix: a\u{0}b\n".utf8)))
  }
}
