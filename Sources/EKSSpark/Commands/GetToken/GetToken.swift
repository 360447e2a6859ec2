import AWS
import ArgumentParser
import FoundationEssentials

/// `eks-spark get-token`: kubectl's credential plugin for EKS, output-compatible with
/// `aws eks get-token`.
struct GetTokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get-token",
    abstract: "Print an ExecCredential with a bearer token for an EKS cluster (kubectl credential plugin).",
    discussion: """
      The token is a presigned STS GetCallerIdentity URL; making it needs no network unless \
      --role-arn asks to assume a role first. The apiVersion follows KUBERNETES_EXEC_INFO.

      Example:
        eks-spark get-token --cluster-name spark
      """)

  @Option(help: "The EKS cluster's name.")
  var clusterName: String

  @Option(help: "A role to assume before signing the token.")
  var roleArn: String?

  @OptionGroup var aws: AWSOptions

  func validate() throws {
    if clusterName.isEmpty { throw ValidationError("--cluster-name must not be empty") }
  }

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let generator = EKSTokenGenerator(configuration: aws.configuration(environment: environment))
    let token = try await generator.token(clusterName: clusterName, roleARN: roleArn)
    let apiVersion = EKSToken.apiVersion(execInfo: environment["KUBERNETES_EXEC_INFO"])
    // The AWS CLI ends its output with an empty line; print the same bytes.
    print(token.execCredentialJSON(apiVersion: apiVersion), terminator: "\n\n")
  }
}
