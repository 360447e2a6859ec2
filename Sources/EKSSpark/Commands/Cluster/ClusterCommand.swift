import ArgumentParser

/// `eks-spark cluster`: targeted applies of the cluster.
struct ClusterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Work on the EKS cluster alone.",
    discussion: """
      Targeted applies of the cluster and everything it needs (network, IAM \
      roles, Fargate profiles), without the data lake, images or service-account \
      roles.

      Examples:
        eks-spark cluster create -f stack.yaml
        eks-spark cluster create -f stack.yaml --auto-approve
      """,
    subcommands: [ClusterCreateCommand.self])
}
