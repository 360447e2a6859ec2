import Foundation
import HTTP
import TestSupport
import Testing

@testable import AWS

@Suite("standard retry mode and errors")
struct RetryTests {
  @Test("throttling is retried with full-jitter backoff, then succeeds")
  func throttlingRetried() async throws {
    let transport = ScriptedTransport([
      ScriptedTransport.xml(400, Fixtures.throttling), ScriptedTransport.xml(400, Fixtures.throttling),
      ScriptedTransport.xml(200, Fixtures.getCallerIdentity),
    ])
    let sleeps = SleepRecorder()
    let sts = try STSClient(configuration: Fixtures.configuration(transport, sleeps: sleeps, random: 0.5))
    let identity = try await sts.getCallerIdentity()
    #expect(identity.account == "123456789012")
    #expect(transport.requests.count == 3)
    // random 0.5 × min(2^attempt, 20): 0.5 s, then 1 s.
    #expect(sleeps.recorded == [0.5, 1.0])
  }

  @Test("backoff is capped at 20 seconds")
  func cap() {
    let policy = RetryPolicy(random: { 0.999 })
    #expect(policy.backoff(attempt: 10) < 20 && policy.backoff(attempt: 10) > 19.9)
  }

  @Test("gives up after the configured attempts with the throttling error")
  func givesUp() async throws {
    let transport = ScriptedTransport(fallback: { _ in
      HTTPResponse(status: 400, body: Array(Fixtures.throttling.utf8))
    })
    let sts = try STSClient(
      configuration: Fixtures.configuration(
        transport, environment: ["AWS_REGION": "eu-west-1", "AWS_MAX_ATTEMPTS": "4"]))
    await #expect {
      try await sts.getCallerIdentity()
    } throws: { ($0 as? AWSError)?.code == "Throttling" }
    #expect(transport.requests.count == 4)
  }

  @Test("5xx and connection failures are retried; a bad signature is not")
  func transient() async throws {
    let transport = ScriptedTransport([
      .failure(HTTPError(code: .couldNotConnect, message: "refused", url: "x")),
      .response(HTTPResponse(status: 503, body: [])),
      ScriptedTransport.xml(200, Fixtures.getCallerIdentity),
    ])
    let sts = try STSClient(configuration: Fixtures.configuration(transport))
    _ = try await sts.getCallerIdentity()
    #expect(transport.requests.count == 3)

    let failing = ScriptedTransport(fallback: { _ in
      HTTPResponse(status: 403, body: Array(Fixtures.signatureError.utf8))
    })
    let client = try STSClient(configuration: Fixtures.configuration(failing))
    await #expect {
      try await client.getCallerIdentity()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.kind == .service && error.code == "SignatureDoesNotMatch" && error.httpStatus == 403
        && error.requestID == "9f2bd3a1-2d4b-4a48-9a60-000000000001" && error.service == "sts"
        && error.operation == "GetCallerIdentity"
        && error.remedy?.contains("check the secret access key") == true
        && error.remedy?.contains("clock") == true
    }
    #expect(failing.requests.count == 1)
  }

  @Test("a skewed clock is corrected from the Date header and the request re-signed")
  func clockSkew() async throws {
    let serverDate = Fixtures.fixedDate + 3600
    let transport = ScriptedTransport([
      ScriptedTransport.xml(
        403,
        Fixtures.signatureError.replacingOccurrences(
          of: "SignatureDoesNotMatch", with: "RequestTimeTooSkewed"),
        headers: ["Date": Timestamp.httpDate(serverDate)]),
      ScriptedTransport.xml(200, Fixtures.getCallerIdentity),
    ])
    let sts = try STSClient(configuration: Fixtures.configuration(transport))
    _ = try await sts.getCallerIdentity()
    #expect(transport.requests.map { $0.headers["X-Amz-Date"] } == ["20261126T120000Z", "20261126T130000Z"])
  }

  @Test("the retry quota runs dry and refills on success")
  func quota() {
    let quota = RetryQuota()
    var taken = 0
    while quota.acquire(timeout: false) != nil { taken += 1 }
    #expect(taken == 100)
    quota.release(5)
    #expect(quota.acquire(timeout: false) == 5)
  }

  @Test("access denied names the action to grant")
  func accessDenied() async throws {
    let body = """
      <Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>abc-123</RequestID></Response>
      """
    let ec2 = try EC2Client(
      configuration: Fixtures.configuration(ScriptedTransport([ScriptedTransport.xml(403, body)])))
    await #expect {
      try await ec2.describeVPCs()
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.code == "UnauthorizedOperation" && error.requestID == "abc-123"
        && error.remedy?.contains("ec2:DescribeVpcs") == true && error.description.contains("HTTP 403")
    }
  }

  @Test(
    "JSON error shapes yield the bare code",
    arguments: [
      (
        #"{"__type":"com.amazonaws.ecr#RepositoryNotFoundException","message":"The repository with name 'x' does not exist"}"#,
        [String: String](), "RepositoryNotFoundException"
      ),
      (
        #"{"message":"No cluster found for name: spark."}"#,
        ["x-amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/"],
        "ResourceNotFoundException"
      ),
    ])
  func jsonErrors(body: String, headers: [String: String], code: String) async throws {
    let transport = ScriptedTransport([
      .response(
        HTTPResponse(
          status: 404, headers: HTTPHeaders(headers.map { ($0.key, $0.value) }), body: Array(body.utf8)))
    ])
    let ecr = try ECRClient(configuration: Fixtures.configuration(transport))
    await #expect {
      _ = try await ecr.describeRepositories(names: ["x"])
    } throws: { error in
      guard let error = error as? AWSError else { return false }
      return error.code == code && error.isNotFound && !error.message.isEmpty
    }
  }
}
