import ArgumentParser
import FoundationEssentials
import Kubernetes
import Stack

/// `eks-spark kubeconfig`: what `aws eks update-kubeconfig` does, for the stack's cluster.
struct KubeconfigCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kubeconfig",
    abstract: "Write (or merge) a kubeconfig context for the stack's cluster.",
    discussion: """
      Writes the cluster, a context and a user named by the cluster's ARN (or --alias) \
      into the kubeconfig file, as aws eks update-kubeconfig does: entries of the same \
      name are replaced, all others kept, the context becomes current, and the file is \
      written with mode 0600. The user runs `eks-spark get-token` for its tokens, as the \
      same AWS identity (--profile is passed on as AWS_PROFILE).

      Examples:
        eks-spark kubeconfig -f stack.yaml
        eks-spark kubeconfig -f stack.yaml --kubeconfig ./kubeconfig --alias spark
      """)

  @OptionGroup var options: StackOptions

  @Option(help: "The file to write (default: the first file of KUBECONFIG, else ~/.kube/config).")
  var kubeconfig: String?

  @Option(help: "The context's name (default: the cluster's ARN).")
  var alias: String?

  func run() async throws {
    let service = try options.service()
    let environment = ProcessInfo.processInfo.environment
    let entry = try await service.kubeconfigEntry(alias: alias, command: Self.pluginCommand())
    let path = KubeconfigLoader(environment: environment).writePath(explicit: kubeconfig)
    try KubeconfigWriter().write(entry, to: path)
    Notes.write("Updated context \(entry.contextName) in \(path)")
  }

  /// This binary as kubectl should run it: its absolute path when it was started by path
  /// (a build or an install outside PATH), else `eks-spark` found on PATH.
  static func pluginCommand() -> String {
    guard let first = CommandLine.arguments.first, first.contains("/") else { return "eks-spark" }
    if first.hasPrefix("/") { return first }
    return FileManager.default.currentDirectoryPath + "/" + first
  }
}
