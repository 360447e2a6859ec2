import ArgumentParser

/// `eks-spark serviceaccount`: the stack's Kubernetes service accounts.
struct ServiceAccountCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serviceaccount",
    abstract: "Work on the stack's service accounts.",
    discussion: """
      Targeted applies of the service accounts of serviceAccounts[] and everything they \
      need: the IRSA role and its policy, the namespace, the Role and RoleBinding.

      Examples:
        eks-spark serviceaccount bind -f stack.yaml
        eks-spark serviceaccount bind -f stack.yaml spark --auto-approve
      """,
    subcommands: [ServiceAccountBindCommand.self])
}
