import ArgumentParser
import Stack

/// `eks-spark status`: what the stack owns, whether it is live, and its drift.
struct StatusCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the stack's resources, their live state and their drift from the stack file.",
    discussion: """
      One row per resource: its address, its live id, and its state — in-sync, drifted \
      (the attributes that differ), must-replace, missing (apply would create it) or \
      orphan (owned but no longer in the stack file). Reads only.

      Exit status: 0 whatever the state (use plan --detailed-exitcode to gate on drift).

      Examples:
        eks-spark status -f stack.yaml
        eks-spark status -f stack.yaml -o json | jq '.resources[] | select(.state != "in-sync")'
      """)

  @OptionGroup var options: StackOptions

  func run() async throws {
    let printer = DiagnosticPrinter.standardError()
    let service = try options.service()
    printer.print(service.warnings)
    let preflight = try await service.preflight()
    printer.print(preflight.notes)
    let plan = try await service.plan(try await service.graph(preflight))
    let report = StatusReport(
      plan: plan, stack: service.stack.metadata.prefix, region: service.stack.metadata.region,
      account: preflight.account)
    print(
      try DataOutput.render(report, as: options.output) {
        StatusTable(style: TerminalStyle.standardOutput).render(report)
      })
  }
}
