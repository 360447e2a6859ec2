import ArgumentParser
import FoundationEssentials
import Stack

/// The flags every command that works on a stack takes: the file, the output format, the
/// parallelism, and the AWS flags.
struct StackOptions: ParsableArguments {
  enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Option(name: [.customShort("f"), .customLong("file")], help: "The stack file.")
  var file = "stack.yaml"

  @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: table or json.")
  var output: OutputFormat = .table

  @Option(help: "How many AWS calls and changes run at once.")
  var parallelism = 10

  @OptionGroup var aws: AWSOptions

  func validate() throws {
    guard (1...100).contains(parallelism) else {
      throw ValidationError("--parallelism must be between 1 and 100, got \(parallelism)")
    }
  }

  /// The service for this stack file, with this process's environment.
  func service() throws -> StackService {
    let environment = ProcessInfo.processInfo.environment
    return try StackService(
      file: file, settings: aws.settings, environment: environment,
      options: StackService.Options(parallelism: parallelism),
      probeTransport: CommandSupport.probeTransport(environment))
  }
}

/// The flags of the commands that write: approval, targets, the lock, replacements.
struct WriteOptions: ParsableArguments {
  @Flag(help: "Do not ask for confirmation (needed when standard input is not a terminal).")
  var autoApprove = false

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp("Limit the run to this address and what it needs (repeatable).", valueName: "address"))
  var targets: [String] = []

  @Option(
    help: ArgumentHelp(
      "How long to wait for another run's lock on the stack (e.g. 30s, 10m; 0 fails at once).",
      valueName: "duration"))
  var lockTimeout: LockTimeout = LockTimeout(duration: .zero)

  @Option(
    help: ArgumentHelp(
      "Remove the stack's lock with this id first (from a run that died).", valueName: "lock-id"))
  var forceUnlock: String?
}

/// A duration written as `90`, `90s`, `10m` or `1h`.
struct LockTimeout: ExpressibleByArgument {
  var duration: Duration

  init(duration: Duration) {
    self.duration = duration
  }

  init?(argument: String) {
    let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600]
    var text = Substring(argument)
    var scale: Int64 = 1
    if let last = text.last, let unit = units[last] {
      scale = unit
      text = text.dropLast()
    }
    guard let value = Int64(text), value >= 0 else { return nil }
    duration = .seconds(value * scale)
  }
}
