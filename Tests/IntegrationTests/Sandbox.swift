import AWS
import Foundation
import HTTP
import Testing

/// The sandbox this run talks to, from the variables `.sandbox/env` exports.
enum Sandbox {
  static let environment = ProcessInfo.processInfo.environment

  /// True when every variable the AWS integration tests need is set.
  static let isAvailable: Bool = [
    "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SANDBOX_CONTROL_URL",
  ]
  .allSatisfy { environment[$0]?.isEmpty == false }

  static var controlURL: String { environment["SANDBOX_CONTROL_URL"] ?? "" }
  static var region: String { environment["AWS_REGION"] ?? "eu-west-1" }

  /// A configuration exactly as a user in the sandbox's shell would get it.
  static func configuration(
    _ overrides: [String: String] = [:], retry: RetryPolicy? = nil
  ) -> AWSConfiguration {
    var env = environment
    env.merge(overrides) { $1 }
    return AWSConfiguration(environment: env, retry: retry)
  }

  /// A short unique suffix so parallel tests never share names.
  static func unique(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
  }

  /// Calls the sandbox's control API (unsigned).
  @discardableResult
  static func control(_ method: HTTPMethod, _ path: String, _ json: String? = nil) async throws
    -> HTTPResponse
  {
    var request = HTTPRequest(method: method, url: controlURL + path)
    if let json {
      request.body = Array(json.utf8)
      request.headers["Content-Type"] = "application/json"
    }
    return try await HTTPClient().send(request)
  }

  static let trustPolicy = """
    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"eks.amazonaws.com"},"Action":"sts:AssumeRole"}]}
    """

  static let accountTrustPolicy = """
    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}
    """
}

extension Result where Failure == any Error {
  /// Captures an async throwing body's outcome (so clean-up can run before checks).
  init(catching body: () async throws -> Success) async {
    do { self = .success(try await body()) } catch { self = .failure(error) }
  }
}

/// `make test-integration` sets EKS_SPARK_REQUIRE_SANDBOX=1: there a missing sandbox is a
/// failure, not a skip.
@Suite("sandbox presence")
struct SandboxPresenceTests {
  @Test("the sandbox is up when the run requires it")
  func required() {
    if Sandbox.environment["EKS_SPARK_REQUIRE_SANDBOX"] == "1" {
      #expect(Sandbox.isAvailable, "source .sandbox/env: AWS_ENDPOINT_URL and SANDBOX_CONTROL_URL are needed")
    }
  }
}
