import Foundation
import HTTP
import TestSupport
import Testing

@testable import AWS

@Suite("EKS tokens")
struct EKSTokenTests {
  func configuration(_ environment: [String: String]) -> AWSConfiguration {
    AWSConfiguration(
      environment: environment, fileSystem: .memory([:]), transport: ScriptedTransport(),
      clock: { Fixtures.fixedDate })
  }

  @Test("matches botocore's presigned GetCallerIdentity URL byte for byte in signature")
  func matchesBotocore() async throws {
    let environment = [
      "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
      "AWS_SESSION_TOKEN": "session-token", "AWS_REGION": "eu-west-1",
    ]
    let token = try await EKSTokenGenerator(configuration: configuration(environment)).token(
      clusterName: "spark")
    #expect(token.token.hasPrefix("k8s-aws-v1."))
    #expect(!token.token.contains("=") && !token.token.contains("+") && !token.token.contains("/"))
    var base64 = String(token.token.dropFirst("k8s-aws-v1.".count))
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    let url = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
    #expect(
      url.hasPrefix("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&"))
    #expect(url.contains("X-Amz-Expires=60"))
    #expect(url.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"))
    #expect(url.contains("X-Amz-Security-Token=session-token"))
    // Computed by botocore's SigV4QueryAuth for the same inputs and time.
    #expect(url.hasSuffix("X-Amz-Signature=113530e57ded5c6ada65a90522be55348aa1a15a37ca4dbec2719d8348cc07e7"))
    #expect(Timestamp.iso8601(token.expiration) == "2026-11-26T12:14:00Z")
  }

  @Test("prints the ExecCredential the AWS CLI prints")
  func execCredential() {
    let token = EKSToken(token: "k8s-aws-v1.abc", expiration: Fixtures.fixedDate)
    #expect(
      token.execCredentialJSON() == """
        {
            "kind": "ExecCredential",
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "spec": {},
            "status": {
                "expirationTimestamp": "2026-11-26T12:00:00Z",
                "token": "k8s-aws-v1.abc"
            }
        }
        """)
  }

  @Test(
    "takes the apiVersion from KUBERNETES_EXEC_INFO",
    arguments: [
      (
        #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"}"#,
        "client.authentication.k8s.io/v1"
      ),
      ("", "client.authentication.k8s.io/v1beta1"), ("not json", "client.authentication.k8s.io/v1beta1"),
    ])
  func apiVersion(info: String, expected: String) {
    #expect(EKSToken.apiVersion(execInfo: info) == expected)
  }

  @Test(
    "base64url leaves no padding",
    arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("\u{fb}\u{ff}", "w7vDvw")])
  func base64URL(input: String, expected: String) {
    #expect(EKSTokenGenerator.base64URL(Array(input.utf8)) == expected)
  }
}
