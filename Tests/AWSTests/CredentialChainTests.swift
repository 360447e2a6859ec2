import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

@testable import AWS

@Suite("credential provider chain")
struct CredentialChainTests {
  /// A chain over real temporary files, with IMDS off unless a test turns it on.
  func chain(
    _ environment: [String: String], transport: (any HTTPTransport)? = nil, profile: String? = nil
  ) -> AWSConfiguration {
    var env = ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"]
    env.merge(environment) { $1 }
    return AWSConfiguration(
      settings: AWSSettings(profile: profile), environment: env, transport: transport ?? ScriptedTransport(),
      clock: { Fixtures.fixedDate })
  }

  @Test("environment variables come before the shared files")
  func environment() async throws {
    let files = try TemporaryDirectory()
    let credentialsFile = try files.write(
      "credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n")
    let credentials = try await chain([
      "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
      "AWS_SHARED_CREDENTIALS_FILE": credentialsFile,
    ]).credentials.credentials()
    #expect(credentials.accessKeyID == "AKIDENV")
    #expect(credentials.sessionToken == "token")
    #expect(credentials.source == "environment")
  }

  @Test("a profile's keys come from the credentials file, which wins over the config file")
  func sharedFiles() async throws {
    let files = try TemporaryDirectory()
    let config = try files.write(
      "config",
      """
      [default]
      region = eu-west-1
      [profile dev]
      aws_access_key_id = AKIDCONFIG
      aws_secret_access_key = config-secret
      region = us-west-2
      """)
    let credentialsFile = try files.write(
      "credentials", "# comment\n[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = creds-secret\n"
    )
    let configuration = chain(
      ["AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": credentialsFile, "AWS_PROFILE": "dev"])
    let credentials = try await configuration.credentials.credentials()
    #expect(credentials.accessKeyID == "AKIDCREDS")
    #expect(credentials.secretAccessKey == "creds-secret")
    #expect(credentials.source == "shared config (profile dev)")
    #expect(try configuration.region() == "us-west-2")
  }

  @Test("an explicitly named profile that does not exist is an error, not a fall-through")
  func missingProfile() async throws {
    await #expect {
      try await chain(["AWS_ACCESS_KEY_ID": ""], profile: "nope").credentials.credentials()
    } throws: { ($0 as? AWSError)?.kind == .configuration }
  }

  @Test("credential_process runs the command and reads its JSON")
  func credentialProcess() async throws {
    let files = try TemporaryDirectory()
    let config = try files.write(
      "config",
      """
      [profile tool]
      credential_process = printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'
      """)
    let credentials = try await chain(["AWS_CONFIG_FILE": config], profile: "tool").credentials.credentials()
    #expect(credentials.accessKeyID == "AKIDPROC")
    #expect(credentials.sessionToken == "proc-token")
    #expect(credentials.expiration == Timestamp.parse("2099-01-01T00:00:00Z"))
  }

  @Test("a failing credential_process names the command")
  func credentialProcessFails() async throws {
    let files = try TemporaryDirectory()
    let config = try files.write("config", "[profile tool]\ncredential_process = exit 3\n")
    await #expect {
      try await chain(["AWS_CONFIG_FILE": config], profile: "tool").credentials.credentials()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.kind == .credentials && error.message.contains("status 3")
    }
  }

  @Test("assume-role profiles call STS AssumeRole as the source profile")
  func assumeRole() async throws {
    let files = try TemporaryDirectory()
    let config = try files.write(
      "config",
      """
      [profile base]
      aws_access_key_id = AKIDBASE
      aws_secret_access_key = base-secret
      [profile admin]
      role_arn = arn:aws:iam::123456789012:role/admin
      source_profile = base
      external_id = ext-123
      role_session_name = ci
      duration_seconds = 1800
      region = eu-central-1
      """)
    let transport = ScriptedTransport([ScriptedTransport.xml(200, Fixtures.assumeRole())])
    let credentials = try await chain(["AWS_CONFIG_FILE": config], transport: transport, profile: "admin")
      .credentials.credentials()
    #expect(credentials.accessKeyID == "ASIAIOSFODNN7EXAMPLE")
    #expect(credentials.source.contains("assume-role arn:aws:iam::123456789012:role/admin"))
    let request = try #require(transport.requests.first)
    #expect(request.url == "https://sts.eu-central-1.amazonaws.com/")
    let body = String(decoding: request.body, as: UTF8.self)
    #expect(body.contains("Action=AssumeRole"))
    #expect(
      body.contains("RoleSessionName=ci") && body.contains("ExternalId=ext-123")
        && body.contains("DurationSeconds=1800"))
    #expect(request.headers["Authorization"]?.contains("Credential=AKIDBASE/") == true)
  }

  @Test("web identity from the environment calls AssumeRoleWithWebIdentity unsigned")
  func webIdentity() async throws {
    let files = try TemporaryDirectory()
    let tokenFile = try files.write("token", "eyJhbGciOiJSUzI1NiJ9.oidc.token\n")
    let response = Fixtures.assumeRole(key: "ASIAWEBIDENTITY").replacingOccurrences(
      of: "AssumeRoleResult", with: "AssumeRoleWithWebIdentityResult")
    let transport = ScriptedTransport([ScriptedTransport.xml(200, response)])
    let credentials = try await chain(
      [
        "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/ci",
        "AWS_REGION": "eu-west-1",
      ],
      transport: transport
    ).credentials.credentials()
    #expect(credentials.accessKeyID == "ASIAWEBIDENTITY")
    let request = try #require(transport.requests.first)
    #expect(request.headers["Authorization"] == nil)
    #expect(
      String(decoding: request.body, as: UTF8.self).hasSuffix(
        "WebIdentityToken=eyJhbGciOiJSUzI1NiJ9.oidc.token"))
  }

  @Test("container credentials send the authorization token")
  func container() async throws {
    let stub = MetadataStub.shared
    let credentials = try await chain(
      [
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": stub.url + "/container-creds",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "container-auth",
      ],
      transport: HTTPClient()
    ).credentials.credentials()
    #expect(credentials.accessKeyID == "ASIACONTAINEREXAMPLE")
  }

  @Test("EC2 instance metadata is read with an IMDSv2 session token")
  func instanceMetadata() async throws {
    let stub = MetadataStub.shared
    let credentials = try await chain(
      ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": stub.url],
      transport: HTTPClient()
    ).credentials.credentials()
    #expect(credentials.accessKeyID == "ASIAIMDSEXAMPLE")
    #expect(credentials.sessionToken == "imds-token")
    #expect(credentials.source.contains("eks-spark-node-role"))
  }

  @Test("with nothing configured the error lists every source tried")
  func nothingFound() async throws {
    await #expect {
      try await chain([:]).credentials.credentials()
    } throws: { error in
      guard let error = error as? AWSError, error.kind == .noCredentials else { return false }
      return [
        "environment", "profile \"default\"", "web identity", "container credentials",
        "EC2 instance metadata",
      ]
      .allSatisfy { error.message.contains($0) }
    }
  }
}

/// Counts how often the base provider is asked.
final class CountingProvider: CredentialProvider {
  let calls = Mutex(0)
  let lifetime: Double

  init(lifetime: Double) { self.lifetime = lifetime }

  func credentials() async throws -> AWSCredentials {
    let call = calls.withLock {
      $0 += 1; return $0
    }
    try await Task.sleep(for: .milliseconds(50))
    return AWSCredentials(
      accessKeyID: "AKID\(call)", secretAccessKey: "s", expiration: Fixtures.fixedDate + lifetime)
  }
}

@Suite("credential cache")
struct CredentialCacheTests {
  @Test("fifty concurrent callers share one refresh")
  func refreshOnce() async throws {
    let base = CountingProvider(lifetime: 3600)
    let cache = CachedCredentialProvider(base, clock: { Fixtures.fixedDate })
    let keys = try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<50 { group.addTask { try await cache.credentials().accessKeyID } }
      return try await group.reduce(into: Set<String>()) { $0.insert($1) }
    }
    #expect(keys == ["AKID1"])
    #expect(base.calls.withLock { $0 } == 1)
  }

  @Test("credentials expiring within five minutes are refreshed")
  func refreshBeforeExpiry() async throws {
    let base = CountingProvider(lifetime: 120)
    let cache = CachedCredentialProvider(base, clock: { Fixtures.fixedDate })
    _ = try await cache.credentials()
    let second = try await cache.credentials()
    #expect(second.accessKeyID == "AKID2")
  }
}
