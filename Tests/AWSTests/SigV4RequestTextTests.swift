import HTTP
import Testing

@testable import AWS

@Suite("SigV4 request.txt reader")
struct SigV4RequestTextTests {
  @Test("a header folded over several lines becomes one value per line, signed comma-joined")
  func foldedHeader() throws {
    let text = """
      GET / HTTP/1.1
      Host:example.amazonaws.com
      My-Header1:value1
        value2
           value3
      X-Amz-Date:20150830T123600Z

      """
    var (request, target) = try SigV4RequestText.parse(text)
    #expect(target == "/")
    #expect(request.headers.values("my-header1") == ["value1", "value2", "value3"])
    let signer = SigV4Signer(service: "service", region: "us-east-1")
    let credentials = AWSCredentials(
      accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    let date = try #require(Timestamp.parse("2015-08-30T12:36:00Z"))
    let result = signer.sign(&request, credentials: credentials, date: date)
    #expect(result.canonicalRequest.contains("\nmy-header1:value1,value2,value3\n"))
  }

  @Test(
    "a file it cannot read fails its own case with a reason, never a crash",
    arguments: [
      "", "GET /\nHost:x\n", "GET / HTTP/1.1\n  folded-first\nHost:x\n", "GET / HTTP/1.1\nNoColon\n",
      "GET / HTTP/1.1\nX-A:1\n",
    ])
  func malformed(_ text: String) {
    #expect(throws: SigV4RequestText.Malformed.self) { try SigV4RequestText.parse(text) }
  }
}
