import Foundation
import TestSupport
import Testing

@testable import AWS

/// Which identity wins when the environment holds keys and a profile is named, checked
/// against the AWS CLI (botocore): `aws configure list --profile p1` with
/// `AWS_ACCESS_KEY_ID` set shows the profile's key, the same with `AWS_PROFILE=p1` shows the
/// environment's, and a missing named profile stops with "The config profile (nosuch)
/// could not be found" (exit 255) even when keys are in the environment.
@Suite("profile and environment precedence")
struct ProfilePrecedenceTests {
  static let environmentKeys = ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]

  func configuration(
    _ environment: [String: String], profile: String? = nil
  ) throws -> AWSConfiguration {
    let files = try TemporaryDirectory()
    let config = try files.write(
      "config", "[profile p1]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n")
    let credentials = try files.write("credentials", "")
    var env = [
      "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONFIG_FILE": config,
      "AWS_SHARED_CREDENTIALS_FILE": credentials,
    ]
    env.merge(environment) { $1 }
    return AWSConfiguration(
      settings: AWSSettings(profile: profile), environment: env, transport: ScriptedTransport(),
      clock: { Fixtures.fixedDate })
  }

  @Test("--profile wins over keys in the environment")
  func flagBeatsEnvironmentKeys() async throws {
    let configuration = try configuration(Self.environmentKeys, profile: "p1")
    let credentials = try await configuration.credentials.credentials()
    #expect(credentials.accessKeyID == "AKIDPROFILE")
    #expect(credentials.source == "shared config (profile p1)")
  }

  @Test("keys in the environment win over AWS_PROFILE")
  func environmentKeysBeatAWSProfile() async throws {
    var environment = Self.environmentKeys
    environment["AWS_PROFILE"] = "p1"
    let configuration = try configuration(environment)
    let credentials = try await configuration.credentials.credentials()
    #expect(credentials.accessKeyID == "AKIDENV")
    #expect(credentials.source == "environment")
  }

  @Test(
    "a named profile that does not exist is an error in the AWS CLI's words, whatever the environment holds",
    arguments: [(flag: "nosuch", variable: ""), (flag: nil, variable: "nosuch")] as [(String?, String)])
  func missingProfile(flag: String?, variable: String) async throws {
    var environment = Self.environmentKeys
    environment["AWS_PROFILE"] = variable
    let configuration = try configuration(environment, profile: flag)
    await #expect {
      try await configuration.credentials.credentials()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.kind == .configuration && error.code == "ProfileNotFound"
        && error.message == "the config profile (nosuch) could not be found" && error.remedy != nil
    }
  }
}

@Suite("User-Agent")
struct UserAgentTests {
  @Test("every request carries eks-spark/<version> and the SDK-style fields, unsigned")
  func userAgent() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.xml(
        200,
        """
        <GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/a</Arn>
        <UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>
        """)
    ])
    let configuration = AWSConfiguration(
      settings: AWSSettings(region: "eu-west-1", applicationVersion: "1.2.3"),
      environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s", "HOME": "/nonexistent"],
      transport: transport, clock: { Fixtures.fixedDate })
    _ = try await STSClient(configuration: configuration).getCallerIdentity()
    let request = try #require(transport.requests.first)
    let agent = try #require(request.headers["User-Agent"])
    #expect(agent.hasPrefix("eks-spark/1.2.3 ua/2.0 api/sts os/"))
    #expect(agent.contains(" lang/swift#6.") && agent.contains(" md/arch#"))
    #expect(agent.split(separator: " ").allSatisfy { $0.contains("/") })
    #expect(request.headers["Authorization"]?.contains("user-agent") == false)
  }
}

@Suite("region names")
struct RegionNameTests {
  @Test("a region that cannot be part of a host name is refused in botocore's words")
  func badRegion() {
    let configuration = AWSConfiguration(
      settings: AWSSettings(region: "bad region!"), environment: ["HOME": "/nonexistent"],
      transport: ScriptedTransport())
    #expect {
      try configuration.region()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.kind == .configuration
        && error.message == "provided region_name 'bad region!' doesn't match a supported format"
    }
  }

  @Test("region codes pass", arguments: ["eu-west-1", "us-gov-west-1", "cn-north-1", "local"])
  func goodRegion(region: String) throws {
    let configuration = AWSConfiguration(
      settings: AWSSettings(region: region), environment: ["HOME": "/nonexistent"],
      transport: ScriptedTransport())
    #expect(try configuration.region() == region)
  }
}
