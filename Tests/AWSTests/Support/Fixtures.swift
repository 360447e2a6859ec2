import Foundation
import HTTP
import TestSupport

@testable import AWS

enum Fixtures {
  static let fixedDate = Date(timeIntervalSince1970: 1_795_694_400)  // 2026-11-26T12:00:00Z

  static let credentials = AWSCredentials(
    accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

  /// A configuration with fixed credentials, clock and a scripted transport; retries never sleep.
  static func configuration(
    _ transport: ScriptedTransport, environment: [String: String] = ["AWS_REGION": "eu-west-1"],
    sleeps: SleepRecorder = SleepRecorder(), maxAttempts: Int? = nil, random: Double = 0.5
  ) -> AWSConfiguration {
    AWSConfiguration(
      environment: environment, fileSystem: .memory([:]), transport: transport,
      credentials: StaticCredentialProvider(credentials), clock: { fixedDate },
      retry: RetryPolicy(maxAttempts: maxAttempts, random: { random }, sleep: { sleeps.sleep($0) }))
  }

  static let getCallerIdentity = """
    <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <GetCallerIdentityResult>
        <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
        <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
        <Account>123456789012</Account>
      </GetCallerIdentityResult>
      <ResponseMetadata>
        <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
      </ResponseMetadata>
    </GetCallerIdentityResponse>
    """

  static func assumeRole(key: String = "ASIAIOSFODNN7EXAMPLE", expiration: String = "2026-11-26T13:00:00Z")
    -> String
  {
    """
    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
    <AssumeRoleResult>
      <AssumedRoleUser>
        <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
        <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
      </AssumedRoleUser>
      <Credentials>
        <AccessKeyId>\(key)</AccessKeyId>
        <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
        <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>
        <Expiration>\(expiration)</Expiration>
      </Credentials>
      <PackedPolicySize>8</PackedPolicySize>
    </AssumeRoleResult>
    <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
    </AssumeRoleResponse>
    """
  }

  static let signatureError = """
    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
      <Error>
        <Type>Sender</Type>
        <Code>SignatureDoesNotMatch</Code>
        <Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.</Message>
      </Error>
      <RequestId>9f2bd3a1-2d4b-4a48-9a60-000000000001</RequestId>
    </ErrorResponse>
    """

  static let throttling = """
    <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
      <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
      <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
    </ErrorResponse>
    """
}
