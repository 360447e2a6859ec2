import AWS
import Config

/// The checks made before the first write (DESIGN principle 2), as the commands run
/// them: `Preflight` (credentials, the account the stack names, enough zones) and, at the
/// same time, the caller's own address against the allowed CIDRs. None of them writes.
public struct StackPreflight: Sendable {
  let checks: Preflight
  let publicAddress: PublicAddressProbe

  public init(sts: STSClient, ec2: EC2Client, publicAddress: PublicAddressProbe) {
    self.checks = Preflight(sts: sts, ec2: ec2)
    self.publicAddress = publicAddress
  }

  /// Runs every check on `stack`.
  /// - Throws: `StackError` (`.credentials`, `.wrongAccount`, `.notEnoughZones`).
  public func run(_ stack: Config.Stack) async throws -> PreflightReport {
    async let address = checkedAddress(stack)
    var report: PreflightReport
    do {
      report = try await checks.run(for: stack)
    } catch let error as AWSError {
      _ = await address
      throw StackError(
        .credentials, "the AWS credentials do not work (\(error.operation ?? "a read") failed)", cause: error,
        remedy: error.remedy
          ?? "check AWS_PROFILE / --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; `eks-spark whoami` shows what is used"
      )
    }
    report.notes = await address
    return report
  }

  /// The public-address check: a warning when the caller would be locked out of the API.
  private func checkedAddress(_ stack: Config.Stack) async -> [PreflightNote] {
    let cidrs = stack.access.allowedCidrs
    guard stack.cluster.endpoint.isPublic, !cidrs.contains("0.0.0.0/0") else { return [] }
    switch await publicAddress.lookup() {
    case .skipped(let why):
      return [PreflightNote(.note, "public address check skipped: \(why)")]
    case .unknown(let why):
      return [
        PreflightNote(
          .note, "could not learn this machine's public address (\(why)); access.allowedCidrs not checked")
      ]
    case .address(let ip):
      guard !Preflight.isAllowed(address: ip, cidrs: cidrs) else { return [] }
      return [
        PreflightNote(
          .warning,
          "this machine's public address \(ip) is outside access.allowedCidrs (\(cidrs.joined(separator: ", "))): kubectl and eks-spark job commands will not reach the cluster API from here",
          remedy: "add \(ip)/32 to access.allowedCidrs, or work from inside the allowed networks")
      ]
    }
  }
}

/// What preflight learnt: the identity, the zones to use, and warnings or notes to show.
public struct PreflightReport: Sendable {
  /// The account the credentials belong to.
  public var account: String
  /// The caller's ARN (the lock names it).
  public var arn: String
  /// Available zones of the region, sorted.
  public var zones: [String]
  public var notes: [PreflightNote]

  public init(account: String, arn: String, zones: [String], notes: [PreflightNote] = []) {
    self.account = account
    self.arn = arn
    self.zones = zones
    self.notes = notes
  }
}

/// A warning or a note from preflight; it does not stop the command.
public struct PreflightNote: Sendable, Hashable {
  public enum Severity: String, Sendable, Hashable {
    case warning, note
  }

  public var severity: Severity
  public var message: String
  public var remedy: String?

  public init(_ severity: Severity, _ message: String, remedy: String? = nil) {
    self.severity = severity
    self.message = message
    self.remedy = remedy
  }
}
