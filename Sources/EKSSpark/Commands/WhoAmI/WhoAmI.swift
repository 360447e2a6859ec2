import AWS
import ArgumentParser
import FoundationEssentials

/// `eks-spark whoami`: which AWS identity the current settings resolve to.
struct WhoAmI: AsyncParsableCommand {
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

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Option(name: .shortAndLong, help: "Output format: text or json.")
  var output: Format = .text

  @OptionGroup var aws: AWSOptions

  func run() async throws {
    do {
      let configuration = aws.configuration()
      let identity = try await AWSIdentity(configuration: configuration).whoami()
      switch output {
      case .text:
        print(
          """
          Account:  \(identity.account)
          ARN:      \(identity.arn)
          UserId:   \(identity.userID)
          Source:   \(identity.credentialSource)
          """)
      case .json:
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(identity), as: UTF8.self))
      }
    } catch {
      throw AWSFailure.exit(error)
    }
  }
}
