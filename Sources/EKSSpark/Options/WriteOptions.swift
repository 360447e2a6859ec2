import ArgumentParser

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

  /// How `--help` shows the default: written the way the flag takes it (`0`, `90s`).
  var defaultValueDescription: String {
    let seconds = duration.components.seconds
    return seconds == 0 ? "0" : "\(seconds)s"
  }
}
