import Foundation
import TestSupport
import Testing

/// `--profile` against keys in the environment, through the binary: the AWS CLI uses the
/// profile's keys, and refuses a profile it cannot find.
@Suite("eks-spark --profile")
struct ProfileOptionTests {
  /// Environment keys plus a config file whose profile `p1` holds other keys.
  static func environment(config: String) -> [String: String] {
    var environment = GetTokenCommandTests.environment
    environment["AWS_CONFIG_FILE"] = config
    environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent"
    return environment
  }

  static func writeConfig() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "eks-spark-profile-\(UUID().uuidString)"
    )
    .path
    try "[profile p1]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test("get-token signs with the --profile keys, not the environment's")
  func profileWins() throws {
    let config = try Self.writeConfig()
    defer { try? FileManager.default.removeItem(atPath: config) }
    let result = try BinaryRunner.run(
      ["get-token", "--cluster-name", "spark", "--profile", "p1"],
      environment: Self.environment(config: config))
    #expect(result.status == 0, "\(result.stderr)")
    let url = try GetTokenCommandTests().decodeToken(result.stdout)
    #expect(url.contains("X-Amz-Credential=AKIDPROFILE%2F"))
  }

  @Test("--profile nosuch fails with the AWS CLI's words and a non-zero exit")
  func missingProfile() throws {
    let config = try Self.writeConfig()
    defer { try? FileManager.default.removeItem(atPath: config) }
    for command in [["get-token", "--cluster-name", "spark"], ["whoami"]] {
      let result = try BinaryRunner.run(
        command + ["--profile", "nosuch"], environment: Self.environment(config: config))
      #expect(result.status != 0)
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("the config profile (nosuch) could not be found"), "\(result.stderr)")
    }
  }

  @Test("a malformed --region fails in botocore's words before any request")
  func malformedRegion() throws {
    let result = try BinaryRunner.run(
      ["whoami", "--region", "bad region!"], environment: GetTokenCommandTests.environment)
    #expect(result.status != 0)
    #expect(
      result.stderr.contains("provided region_name 'bad region!' doesn't match a supported format"),
      "\(result.stderr)")
  }
}
