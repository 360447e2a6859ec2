import AWS
import Foundation
import HTTP
import TestSupport
import Testing

// Serialized: the burst test injects faults for all of STS while it runs.
@Suite("STS and get-token against the sandbox", .enabled(if: Sandbox.isAvailable), .serialized)
struct STSIntegrationTests {
  @Test("GetCallerIdentity returns the sandbox admin")
  func callerIdentity() async throws {
    let identity = try await STSClient(configuration: Sandbox.configuration()).getCallerIdentity()
    #expect(identity.account == "123456789012")
    #expect(identity.arn.hasSuffix(":user/sandbox-admin"))
  }

  @Test("eks-spark whoami prints the identity as JSON (-o json) and YAML (-o yaml)")
  func whoamiOutput() throws {
    let json = try BinaryRunner.run(["whoami", "-o", "json"], environment: Sandbox.environment)
    #expect(json.status == 0, "\(json.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["account"] as? String == "123456789012")
    let yaml = try BinaryRunner.run(["whoami", "-o", "yaml"], environment: Sandbox.environment)
    #expect(yaml.status == 0, "\(yaml.stderr)")
    #expect(yaml.stdout.contains("account:"))
  }

  @Test("a wrong secret gives the friendly signature error")
  func wrongSecret() async throws {
    let sts = try STSClient(
      configuration: Sandbox.configuration(["AWS_SECRET_ACCESS_KEY": "definitely-wrong"]))
    await #expect {
      try await sts.getCallerIdentity()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.code == "SignatureDoesNotMatch" && error.httpStatus == 403
        && error.remedy?.contains("check the secret access key") == true
        && error.remedy?.contains("clock") == true
    }
  }

  @Test("AssumeRole returns session credentials that then sign requests")
  func assumeRole() async throws {
    let configuration = Sandbox.configuration()
    let iam = try IAMClient(configuration: configuration)
    let role = try await iam.createRole(
      name: Sandbox.unique("assume"), assumeRolePolicyDocument: Sandbox.accountTrustPolicy)
    defer { Task { try? await iam.deleteRole(name: role.name) } }
    let assumed = try await STSClient(configuration: configuration).assumeRole(
      roleARN: role.arn, sessionName: "it")
    #expect(assumed.credentials.sessionToken != nil)
    let asRole = Sandbox.configuration().with(credentials: StaticCredentialProvider(assumed.credentials))
    let identity = try await STSClient(configuration: asRole).getCallerIdentity()
    #expect(identity.arn.contains(":assumed-role/\(role.name)/it"))
  }

  @Test("AssumeRoleWithWebIdentity works unsigned")
  func webIdentity() async throws {
    let configuration = Sandbox.configuration()
    let iam = try IAMClient(configuration: configuration)
    let role = try await iam.createRole(
      name: Sandbox.unique("web"), assumeRolePolicyDocument: Sandbox.accountTrustPolicy)
    defer { Task { try? await iam.deleteRole(name: role.name) } }
    // AWS takes this call without a signature: the OIDC token is the proof.
    let assumed = try await STSClient(configuration: configuration).assumeRoleWithWebIdentity(
      roleARN: role.arn, sessionName: "ci", webIdentityToken: "eyJhbGciOiJSUzI1NiJ9.e30.sig")
    #expect(assumed.credentials.accessKeyID.hasPrefix("ASIA"))
  }

  @Test("a get-token URL is accepted by STS: the presigned GetCallerIdentity verifies")
  func tokenVerifies() async throws {
    let configuration = Sandbox.configuration()
    let token = try await EKSTokenGenerator(configuration: configuration).token(
      clusterName: "spark-eks-cluster")
    var base64 = String(token.token.dropFirst("k8s-aws-v1.".count))
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    let url = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
    let response = try await HTTPClient().send(
      HTTPRequest(url: url, headers: ["x-k8s-aws-id": "spark-eks-cluster"]))
    #expect(response.status == 200)
    #expect(response.text.contains("sandbox-admin"))
    // The same URL for another cluster must not verify: the cluster name is signed.
    let other = try await HTTPClient().send(HTTPRequest(url: url, headers: ["x-k8s-aws-id": "other"]))
    #expect(other.status == 403)
  }

  @Test("50 calls with 30% throttling injected all succeed through retries")
  func throttledBurst() async throws {
    try await Sandbox.control(
      .put, "/faults", #"{"rules":[{"kind":"throttle","probability":0.3,"service":"sts"}],"seed":7}"#)
    // Eight attempts: at 30% a call fails all of them with p = 0.3^8 ≈ 7e-5. Short jitter
    // keeps the test quick; the backoff shape is covered by the unit tests.
    let configuration = Sandbox.configuration(
      retry: RetryPolicy(maxAttempts: 8, random: { Double.random(in: 0..<0.05) }))
    let sts = try STSClient(configuration: configuration)
    let outcome = await Result(catching: {
      try await withThrowingTaskGroup(of: String.self) { group in
        for _ in 0..<50 { group.addTask { try await sts.getCallerIdentity().account } }
        return try await group.reduce(into: [String]()) { $0.append($1) }
      }
    })
    try await Sandbox.control(.delete, "/faults")
    let accounts = try outcome.get()
    #expect(accounts.count == 50 && Set(accounts) == ["123456789012"])
    let log = try await Sandbox.control(.get, "/requests")
    #expect(log.text.contains(#""fault": "throttle""#))
  }
}
