import ArgumentParser

/// `eks-spark operator`: the Spark Operator Helm release alone.
struct OperatorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "operator",
    abstract: "Install or uninstall the Spark Operator release.",
    discussion: """
      The stack's operator: section as a Helm release, installed natively with Helm's own \
      release records (helm list sees it). install is a targeted apply of the release and \
      what it needs (the cluster and its Fargate profiles); uninstall removes the release \
      alone.

      Examples:
        eks-spark operator install -f stack.yaml
        eks-spark operator uninstall -f stack.yaml --auto-approve
      """,
    subcommands: [OperatorInstallCommand.self, OperatorUninstallCommand.self])
}
