import Foundation
import TestSupport
import Testing

@Suite("eks-spark get-token and whoami")
struct GetTokenCommandTests {
  /// Fake credentials, no files, no instance metadata: nothing may touch the network.
  static let environment = [
    "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "AWS_REGION": "eu-west-1", "HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PROFILE": "", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_STS": "", "KUBERNETES_EXEC_INFO": "",
    "AWS_SESSION_TOKEN": "",
  ]

  /// The output with the two values that change on every run replaced.
  static func shape(_ output: String) -> String {
    output.replacingOccurrences(
      of: #""expirationTimestamp": "[^"]*""#, with: #""expirationTimestamp": "T""#,
      options: .regularExpression
    ).replacingOccurrences(of: #""token": "[^"]*""#, with: #""token": "K""#, options: .regularExpression)
  }

  func decodeToken(_ output: String) throws -> String {
    struct Credential: Decodable {
      struct Status: Decodable {
        var token: String
        var expirationTimestamp: String
      }
      var status: Status
    }
    let credential = try JSONDecoder().decode(Credential.self, from: Data(output.utf8))
    #expect(credential.status.token.hasPrefix("k8s-aws-v1."))
    var base64 = String(credential.status.token.dropFirst("k8s-aws-v1.".count))
    #expect(!base64.contains("="))
    base64 = base64.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
  }

  @Test("prints the ExecCredential with the AWS CLI's fields, order and layout")
  func sameShapeAsAWSCLI() throws {
    let ours = try BinaryRunner.run(["get-token", "--cluster-name", "spark"], environment: Self.environment)
    #expect(ours.status == 0, "\(ours.stderr)")
    #expect(
      Self.shape(ours.stdout) == """
        {
            "kind": "ExecCredential",
            "apiVersion": "client.authentication.k8s.io/v1beta1",
            "spec": {},
            "status": {
                "expirationTimestamp": "T",
                "token": "K"
            }
        }


        """)
    let url = try decodeToken(ours.stdout)
    #expect(
      url.hasPrefix("https://sts.eu-west-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&"))
    #expect(url.contains("X-Amz-Expires=60&") || url.contains("X-Amz-Expires=60"))
    #expect(url.contains("X-Amz-SignedHeaders=host%3Bx-k8s-aws-id"))
    #expect(!url.contains("spark"))
  }

  /// The AWS CLI on PATH, when installed.
  static let awsCLI: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .map { "\($0)/aws" }.first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(
    "matches `aws eks get-token` when the AWS CLI is installed",
    .enabled(if: awsCLI != nil, "the AWS CLI (aws) is not on PATH"))
  func againstAWSCLI() throws {
    let aws = try #require(Self.awsCLI)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: aws)
    process.arguments = ["eks", "get-token", "--cluster-name", "spark"]
    var env = ProcessInfo.processInfo.environment
    env.merge(Self.environment) { $1 }
    // pyenv shims need the real HOME; the AWS files are pointed away instead.
    env["HOME"] = ProcessInfo.processInfo.environment["HOME"]
    env["AWS_CONFIG_FILE"] = "/nonexistent"
    env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
    // The AWS CLI treats an empty AWS_PROFILE as a profile named "": unset empties instead.
    for (key, value) in Self.environment where value.isEmpty { env[key] = nil }
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let theirs = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let ours = try BinaryRunner.run(["get-token", "--cluster-name", "spark"], environment: Self.environment)
    #expect(Self.shape(ours.stdout) == Self.shape(theirs))
  }

  @Test("expires 14 minutes from now, in Kubernetes' time format")
  func expiration() throws {
    let before = Date()
    let result = try BinaryRunner.run(
      ["get-token", "--cluster-name", "spark"], environment: Self.environment)
    let match = try #require(
      result.stdout.firstMatch(of: /"expirationTimestamp": "(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"/))
    let formatter = ISO8601DateFormatter()
    let expiration = try #require(formatter.date(from: String(match.1)))
    #expect(abs(expiration.timeIntervalSince(before) - 14 * 60) < 5)
  }

  @Test("follows the apiVersion kubectl passes in KUBERNETES_EXEC_INFO")
  func execInfo() throws {
    var environment = Self.environment
    environment["KUBERNETES_EXEC_INFO"] =
      #"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}"#
    let result = try BinaryRunner.run(["get-token", "--cluster-name", "spark"], environment: environment)
    #expect(result.stdout.contains(#""apiVersion": "client.authentication.k8s.io/v1","#))
  }

  @Test("signs the session token into the URL and honours --region and AWS_ENDPOINT_URL_STS")
  func sessionTokenAndEndpoint() throws {
    var environment = Self.environment
    environment["AWS_SESSION_TOKEN"] = "session/token+1"
    environment["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:4566"
    let result = try BinaryRunner.run(
      ["get-token", "--cluster-name", "spark", "--region", "eu-central-1"], environment: environment)
    let url = try decodeToken(result.stdout)
    #expect(url.hasPrefix("http://127.0.0.1:4566/?Action=GetCallerIdentity"))
    #expect(url.contains("X-Amz-Security-Token=session%2Ftoken%2B1"))
    #expect(url.contains("%2Feu-central-1%2Fsts%2Faws4_request"))
  }

  @Test("without credentials it fails and lists what it tried")
  func noCredentials() throws {
    var environment = Self.environment
    environment["AWS_ACCESS_KEY_ID"] = ""
    environment["AWS_SECRET_ACCESS_KEY"] = ""
    for command in [["get-token", "--cluster-name", "spark"], ["whoami"]] {
      let result = try BinaryRunner.run(command, environment: environment)
      #expect(result.status == 1)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("aws.no-credentials"))
      #expect(result.stderr.contains("EC2 instance metadata: disabled by AWS_EC2_METADATA_DISABLED"))
    }
  }

  @Test("--cluster-name is required")
  func clusterNameRequired() throws {
    let result = try BinaryRunner.run(["get-token"], environment: Self.environment)
    #expect(result.status != 0)
    #expect(result.stderr.contains("--cluster-name"))
  }

  @Test("refuses without a region, as aws eks get-token does, instead of signing for us-east-1")
  func refusesWithoutRegion() throws {
    var environment = Self.environment
    environment["AWS_REGION"] = ""
    environment["AWS_DEFAULT_REGION"] = ""
    let result = try BinaryRunner.run(["get-token", "--cluster-name", "spark"], environment: environment)
    #expect(result.status == 1, "\(result.stdout)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("no AWS region is set"), "\(result.stderr)")
  }
}
