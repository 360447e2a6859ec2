import Testing

@testable import HTTP

@Suite("secret masking")
struct SecretMaskingTests {
  @Test("bearer tokens keep their scheme only")
  func bearer() {
    #expect(SecretMasking.header("Authorization", "Bearer k8s-aws-v1.abc") == "Bearer ****")
  }

  @Test("session tokens are hidden whole")
  func sessionToken() {
    #expect(SecretMasking.header("x-amz-security-token", "IQoJ") == "****")
    #expect(SecretMasking.header("Content-Type", "text/plain") == "text/plain")
  }

  @Test("EKS tokens in text are cut after their prefix")
  func eksToken() {
    #expect(SecretMasking.text(#"{"token":"k8s-aws-v1.aHR0cHM6"}"#) == #"{"token":"k8s-aws-v1.****"}"#)
  }

  @Test("credential bodies lose their secrets")
  func credentialBody() {
    let json = HTTPTrace.preview(
      Array(#"{"AccessKeyId":"AKID","SecretAccessKey":"s3cr3t","Token":"t0k"}"#.utf8))
    #expect(!json.contains("s3cr3t") && !json.contains("t0k") && json.contains("AKID"))
    let xml = HTTPTrace.preview(
      Array("<SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>t0k</SessionToken>".utf8))
    #expect(!xml.contains("s3cr3t") && !xml.contains("t0k"))
  }
}
