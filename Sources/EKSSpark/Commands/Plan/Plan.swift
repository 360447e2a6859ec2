import ArgumentParser
import Engine
import Stack

/// `eks-spark plan`: what apply would change, read from live state; changes nothing.
struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show what apply would change, without changing anything.",
    discussion: """
      Checks the credentials and the account, reads every resource the stack owns (found \
      by its eks-spark.io/stack tag) and diffs it against the stack file. Symbols: + create, \
      ~ update in place, - destroy, -/+ replace. Values known only after apply show as \
      (known after apply).

      Exit status: 0 success; with --detailed-exitcode 0 no changes, 1 error, 2 changes \
      (docs/exit-codes.md).

      Examples:
        eks-spark plan -f stack.yaml
        eks-spark plan -f stack.yaml --detailed-exitcode     # in CI
        eks-spark plan -f stack.yaml -o json | jq '.summary'
        eks-spark plan --target aws.eks.cluster.main
        eks-spark plan --adopt     # an untagged bucket of the stack's name
      """)

  @OptionGroup var options: StackOptions

  @Flag(help: "Exit 0 when there is nothing to change, 2 when there are changes, 1 on error.")
  var detailedExitcode = false

  @Option(
    name: .customLong("target"),
    help: ArgumentHelp("Plan only this address and what it needs (repeatable).", valueName: "address"))
  var targets: [String] = []

  @Flag(
    help: "Take over an untagged data-lake bucket of the stack's name (never another stack's).")
  var adopt = false

  func run() async throws {
    let printer = DiagnosticPrinter.standardError()
    let service = try options.service()
    printer.print(service.warnings)
    let preflight = try await service.preflight()
    printer.print(preflight.notes)
    let plan = try await service.plan(
      try await service.graph(preflight, targets: targets, adopt: adopt), targeted: !targets.isEmpty)
    print(try PlanOutput.render(plan, as: options.output, style: TerminalStyle.standardOutput))
    if detailedExitcode, plan.hasChanges { throw ExitStatus.planHasChanges }
  }
}
