import Foundation

/// A Python stub server for tests (loopback only), started once per suite: it prints its
/// ports on the first line of standard output and stops when its standard input closes,
/// that is when the test process ends.
public final class LoopbackStub: @unchecked Sendable {
  /// The first line the stub printed (its port, or ports separated by spaces).
  public let announcement: String
  // Kept so the pipe stays open for the life of the test process.
  private let process: Process
  private let input: Pipe

  /// Starts `python3 script arguments...` and waits for its first line.
  public init(script: String, arguments: [String] = []) throws {
    process = Process()
    input = Pipe()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script] + arguments
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    var line = Data()
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data([10]) { break }
      line.append(byte)
    }
    announcement = String(decoding: line, as: UTF8.self)
  }

  /// The announced ports, in order.
  public var ports: [Int] { announcement.split(separator: " ").compactMap { Int($0) } }
}
