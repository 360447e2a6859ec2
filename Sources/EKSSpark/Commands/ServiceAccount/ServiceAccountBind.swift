import ArgumentParser
import Stack

/// `eks-spark serviceaccount bind`: apply targeted at service accounts and what they need.
struct ServiceAccountBindCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bind",
    abstract: "Create (or update) a service account bound to its IAM role, with its Role and RoleBinding.",
    discussion: """
      An apply limited to the named service account (every one in the stack file when no \
      name is given): the Kubernetes service account annotated with its IAM role's ARN \
      (IRSA), the role and its data-lake policy, the Role and RoleBinding of the Spark \
      driver, and what they depend on (the namespace, the OIDC provider, the cluster). \
      Confirmation, locking and Ctrl-C behave as in apply.

      Examples:
        eks-spark serviceaccount bind -f stack.yaml
        eks-spark serviceaccount bind -f stack.yaml spark --auto-approve
        eks-spark serviceaccount bind -f stack.yaml default/spark
      """)

  @OptionGroup var options: StackOptions
  @OptionGroup var write: WriteOptions

  @Argument(help: "The service account: NAME or NAMESPACE/NAME (all of them when omitted).")
  var name: String?

  func run() async throws {
    let service = try options.service()
    let flow = WriteFlow(
      service: service, mode: .apply, write: write, output: options.output,
      targets: try service.serviceAccountTargets(name: name))
    try await flow.run()
  }
}
