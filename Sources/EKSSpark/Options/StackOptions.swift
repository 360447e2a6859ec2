import ArgumentParser
import FoundationEssentials
import HTTP
import Stack

/// The flags every command that works on a stack takes: the file, the output format, the
/// parallelism, and the AWS flags.
struct StackOptions: ParsableArguments {
  @OptionGroup var stackFile: StackFileOption
  @OptionGroup var outputOptions: OutputOptions

  @Option(help: "How many changes run at once (plan's reads go out four times as many at once).")
  var parallelism = 10

  @OptionGroup var aws: AWSOptions

  var output: OutputFormat { outputOptions.format() }

  func validate() throws {
    guard (1...100).contains(parallelism) else {
      throw ValidationError("--parallelism must be between 1 and 100, got \(parallelism)")
    }
  }

  /// The service for this stack file, with this process's environment.
  func service() throws -> StackService {
    let environment = ProcessInfo.processInfo.environment
    return try StackService(
      file: stackFile.displayName, loaded: try stackFile.load(), settings: aws.settings,
      environment: environment, options: StackService.Options(parallelism: parallelism),
      fetch: Self.publicAddressFetch(environment))
  }

  /// The HTTP GET of the public-address lookup (a short timeout: it only adds a note);
  /// none when AWS is a custom endpoint, where the internet may be out of reach.
  private static func publicAddressFetch(_ environment: [String: String]) -> PublicAddressProbe.Fetch? {
    if let endpoint = environment["AWS_ENDPOINT_URL"], !endpoint.isEmpty { return nil }
    var configuration = HTTPClientConfiguration.fromEnvironment(environment)
    configuration.connectTimeout = 2
    configuration.totalTimeout = 3
    let client = HTTPClient(configuration: configuration)
    return { url in
      let response = try await client.send(HTTPRequest(method: .get, url: url, timeout: 3))
      return (response.status, response.text)
    }
  }
}
