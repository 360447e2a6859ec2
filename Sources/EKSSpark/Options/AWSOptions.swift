import AWS
import ArgumentParser
import FoundationEssentials

/// The AWS flags every command that talks to AWS takes (`--profile`, `--region`,
/// `--debug`); the standard AWS environment variables fill in what they leave out.
struct AWSOptions: ParsableArguments {
  @Option(help: "The AWS profile from the shared config files (default: AWS_PROFILE, else \"default\").")
  var profile: String?

  @Option(help: "The AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, else the profile's region).")
  var region: String?

  @Flag(help: "Trace AWS requests and responses to stderr, with secrets masked.")
  var debug = false

  /// The settings as the AWS module takes them.
  var settings: AWSSettings {
    AWSSettings(profile: profile, region: region, debug: debug, applicationVersion: EKSSparkVersion.current)
  }

  /// A configuration for this process: its environment, the machine's files, libcurl.
  func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) -> AWSConfiguration
  {
    AWSConfiguration(settings: settings, environment: environment)
  }
}
