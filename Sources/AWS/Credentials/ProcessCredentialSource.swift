/// A profile's `credential_process`: a command that prints a JSON credentials document
/// (`{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …, "Expiration": …}`).
struct ProcessCredentialSource {
  let command: String
  let environment: [String: String]

  func run() throws -> AWSCredentials {
    let result = try Subprocess.run(command, environment: environment)
    guard result.status == 0 else {
      throw AWSError.credentials(
        "credential_process `\(command)` exited with status \(result.status)",
        remedy: "run the command yourself to see its error")
    }
    return try CredentialDocument.decode(result.output, source: "credential_process")
  }
}
