import AWS
import ArgumentParser
import FoundationEssentials

/// `eks-spark whoami`: which AWS identity the current settings resolve to.
struct WhoAmICommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "whoami",
    abstract: "Show the AWS account, ARN and user id in use, and where the credentials came from.",
    discussion: """
      Resolves credentials the way every other command does (flags, environment, profile, \
      web identity, container, instance metadata) and asks STS GetCallerIdentity who they \
      belong to. Use it to check which account an apply would touch.

      Examples:
        eks-spark whoami
        eks-spark whoami --profile prod -o json
        AWS_PROFILE=dev eks-spark whoami --region eu-west-1
      """)

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup var aws: AWSOptions

  func run() async throws {
    let identity = try await AWSIdentity(configuration: aws.configuration()).whoami()
    print(
      try DataOutput.render(identity, as: outputOptions.format()) {
        """
        Account:  \(identity.account)
        ARN:      \(identity.arn)
        UserId:   \(identity.userID)
        Source:   \(identity.credentialSource)
        """
      })
  }
}
