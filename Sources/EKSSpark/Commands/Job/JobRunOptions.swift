import ArgumentParser

/// The run a verb works on: its name and, when it is not its job's, its namespace.
struct JobRunOptions: ParsableArguments {
  @Argument(help: "The run's name (<job>-<id>, as job submit printed it).")
  var run: String

  @Option(name: [.customShort("n"), .long], help: "The run's namespace (default: its job's, else default).")
  var namespace: String?
}
