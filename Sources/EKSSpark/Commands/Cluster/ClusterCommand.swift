import ArgumentParser

/// `eks-spark cluster`: targeted applies of the cluster.
struct ClusterCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cluster",
    abstract: "Work on the EKS cluster alone.",
    subcommands: [ClusterCreate.self])
}
