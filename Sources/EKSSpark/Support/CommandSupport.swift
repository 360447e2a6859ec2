import Engine
import FoundationEssentials
import HTTP
import Stack

#if canImport(Glibc)
import Glibc
#endif

/// What the stack commands share about this process: terminals, the lock holder, prompts.
enum CommandSupport {
  /// Colour on standard output only on a terminal and without `NO_COLOR`.
  static var stdoutStyle: TextStyle {
    TextStyle(color: isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil)
  }

  static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

  /// The transport for the public-address lookup; none when AWS is a custom endpoint.
  static func probeTransport(_ environment: [String: String]) -> (any HTTPTransport)? {
    if let endpoint = environment["AWS_ENDPOINT_URL"], !endpoint.isEmpty { return nil }
    var configuration = HTTPClientConfiguration.fromEnvironment(environment)
    configuration.connectTimeout = 2
    configuration.totalTimeout = 3
    return HTTPClient(configuration: configuration)
  }

  /// This process as a lock holder.
  static func holder(arn: String) -> LockHolder {
    LockHolder(arn: arn, host: hostName, pid: getpid())
  }

  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// A lock whose holder ran on this host under a pid that no longer exists was left by a
  /// run that died (killed, crashed): nobody will release it.
  @Sendable static func isHolderGone(_ record: LockRecord) -> Bool {
    guard record.host == hostName, record.pid > 0, record.pid != getpid() else { return false }
    return kill(record.pid, 0) != 0 && errno == ESRCH
  }

  /// Asks on the terminal; true only for the answer `yes`.
  static func confirm(_ question: String, detail: String) -> Bool {
    print("\n\(question)\n  \(detail)\n  Only 'yes' will be accepted to approve.\n")
    print("  Enter a value: ", terminator: "")
    return readLine()?.trimmedSpaces == "yes"
  }

  /// Writes a line to standard error.
  static func note(_ text: String) {
    DiagnosticPrinter.writeStandardError(text + "\n")
  }
}

extension String {
  var trimmedSpaces: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
