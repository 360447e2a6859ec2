import ArgumentParser

/// The root command. It only routes; every verb lives in its noun's folder.
@main
struct EKSSparkCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eks-spark",
    abstract: "Provision Apache Spark on serverless Amazon EKS (Fargate) and run Spark jobs there.",
    discussion: """
      One YAML stack file describes the VPC, the EKS Fargate cluster, the Spark Operator, \
      the data lake and the jobs. eks-spark validates it, plans the difference to what is \
      live, and applies it in dependency order.

      Examples:
        eks-spark validate -f stack.yaml
        eks-spark validate -f stack.yaml -o yaml
        eks-spark plan -f stack.yaml --detailed-exitcode
        eks-spark apply -f stack.yaml
        eks-spark status -f stack.yaml
        eks-spark destroy -f stack.yaml
      """,
    version: EKSSparkVersion.current,
    subcommands: [
      Validate.self, PlanCommand.self, ApplyCommand.self, ClusterCommand.self, StatusCommand.self,
      DestroyCommand.self, GetToken.self,
      WhoAmI.self, HelmCommand.self,
    ]
  )
}

/// The release this binary was built as.
enum EKSSparkVersion {
  static let current = "0.1.0"
}
