import Foundation

/// Runs the built `eks-spark` binary the way a user would, capturing its output.
public struct BinaryRunner {
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  /// The binary SwiftPM built next to the test bundle (`.build/<triple>/debug/eks-spark`),
  /// or `EKS_SPARK_BIN` when set (for testing a release or installed binary).
  public static var binaryURL: URL {
    if let path = ProcessInfo.processInfo.environment["EKS_SPARK_BIN"] {
      return URL(fileURLWithPath: path)
    }
    let testBinary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
    return testBinary.deletingLastPathComponent().appendingPathComponent("eks-spark")
  }

  /// The repository root, for reading `examples/` and `../shared`.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  public static func run(
    _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = binaryURL
    process.arguments = arguments
    process.currentDirectoryURL = repositoryRoot
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Drain both pipes at the same time before waiting: reading one to its end first
    // blocks for ever when the child fills the other's pipe buffer.
    let errorDrain = PipeDrain(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = errorDrain.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Reads a pipe to its end on a thread of its own.
public final class PipeDrain: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  public init(_ handle: FileHandle) {
    // `data` is written only by the thread, and read only after `done` is signalled.
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()
      done.signal()
    }
  }

  public func wait() -> Data {
    done.wait()
    return data
  }
}
