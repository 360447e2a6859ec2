import ArgumentParser

/// `eks-spark helm`: Helm charts without a `helm` binary.
struct HelmCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "helm",
    abstract: "Work with Helm charts natively (no helm binary needed).",
    discussion: """
      Charts load from a directory, a .tgz package, or a chart repository (--repo), and \
      render exactly as `helm template` renders them.

      Examples:
        eks-spark helm template ./spark-operator-2.4.0.tgz
        eks-spark helm template spark-operator --repo https://kubeflow.github.io/spark-operator --version 2.4.0
      """,
    subcommands: [HelmTemplateCommand.self]
  )
}
