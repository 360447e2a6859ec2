import ArgumentParser

/// How a command prints its data: the person's form (`table`), or data for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, yaml, json
}

/// `-o table|yaml|json`, the one output flag of every command that prints data. Each
/// command picks its default (`table` for most; `helm template` prints YAML, as Helm does).
struct OutputOptions: ParsableArguments {
  @Option(
    name: [.customShort("o"), .customLong("output")],
    help: "Output format: table, yaml or json (default: table; helm template: yaml).")
  var output: OutputFormat?

  func format(default fallback: OutputFormat = .table) -> OutputFormat { output ?? fallback }
}
