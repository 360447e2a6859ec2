import AWS
import Config

/// The checks made before the first write (DESIGN principle 2: fail before changing
/// anything): the credentials work, the account is the one the stack names, the region has
/// enough availability zones. Their answers (account id, zones) are what `StackGraph` needs.
public struct Preflight: Sendable {
  let sts: STSClient
  let ec2: EC2Client

  public init(sts: STSClient, ec2: EC2Client) {
    self.sts = sts
    self.ec2 = ec2
  }

  /// Runs the checks; the two calls go out together.
  /// - Throws: `StackError` `.wrongAccount` or `.notEnoughZones`; the AWS error when the
  ///   credentials do not work.
  public func run(for stack: Config.Stack) async throws -> PreflightReport {
    async let identity = sts.getCallerIdentity()
    async let zoneList = ec2.describeAvailabilityZones()
    let caller = try await identity
    if let expected = stack.metadata.accountId, expected != caller.account {
      throw StackError(
        .wrongAccount,
        "the credentials belong to account \(caller.account) (\(caller.arn)) but the stack is for account \(expected)",
        remedy:
          "use a profile for account \(expected) (--profile or AWS_PROFILE), or change metadata.accountId")
    }
    let available = try await zoneList.filter { $0.state == "available" }.map(\.name).sorted()
    let needed = stack.network.usesExistingVpc ? 0 : stack.network.availabilityZones
    guard available.count >= needed else {
      throw StackError(
        .notEnoughZones,
        "region \(stack.metadata.region) has \(available.count) available zones; network.availabilityZones is \(needed)",
        remedy: "set network.availabilityZones to \(available.count) or less")
    }
    return PreflightReport(
      account: caller.account, arn: caller.arn, zones: Array(available.prefix(max(needed, 0))))
  }

  /// Whether `address` (the caller's public IPv4 address, when it can be learned) falls in
  /// one of `cidrs`: when not, kubectl would be locked out of the public endpoint.
  public static func isAllowed(address: String, cidrs: [String]) -> Bool {
    guard let ip = CIDRBlock(address: address) else { return false }
    return cidrs.contains { CIDRBlock($0)?.contains(ip) ?? false }
  }
}
