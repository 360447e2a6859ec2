import AWS
import Config

/// The checks made before the first write (DESIGN principle 2): the credentials work, the
/// account is the one the stack names, the region has the zones the network asks for, and
/// the caller's own address can reach the cluster endpoint it is about to restrict.
///
/// The three reads go out together; none of them changes anything.
public struct Preflight: Sendable {
  let sts: STSClient
  let ec2: EC2Client
  /// The caller's public IPv4 address, nil when it cannot be learned.
  let publicAddress: PublicAddressProbe

  public init(sts: STSClient, ec2: EC2Client, publicAddress: PublicAddressProbe) {
    self.sts = sts
    self.ec2 = ec2
    self.publicAddress = publicAddress
  }

  /// Runs every check on `stack`.
  /// - Throws: `StackError` (`.credentials`, `.accountMismatch`, `.notEnoughZones`).
  public func run(_ stack: Config.Stack) async throws -> PreflightReport {
    async let identityResult = capture { try await sts.getCallerIdentity() }
    async let zonesResult = capture { try await ec2.describeAvailabilityZones() }
    async let address = checkedAddress(stack)
    let identity: CallerIdentity
    switch await identityResult {
    case .success(let value): identity = value
    case .failure(let error):
      _ = await zonesResult
      _ = await address
      throw StackError(
        .credentials, "the AWS credentials do not work (STS GetCallerIdentity failed)", cause: error,
        remedy: "check AWS_PROFILE / --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; `eks-spark whoami` shows what is used")
    }
    if let expected = stack.metadata.accountId, expected != identity.account {
      throw StackError(
        .accountMismatch,
        "the credentials belong to account \(identity.account) but metadata.accountId is \(expected)",
        remedy: "switch to a profile of account \(expected), or correct metadata.accountId")
    }
    let zones = try await zonesResult.get().filter { $0.state.isEmpty || $0.state == "available" }.map(\.name)
      .sorted()
    if !stack.network.usesExistingVpc, zones.count < stack.network.availabilityZones {
      throw StackError(
        .notEnoughZones,
        "network.availabilityZones is \(stack.network.availabilityZones) but \(stack.metadata.region) has \(zones.count) available",
        remedy: "lower network.availabilityZones to \(zones.count) or choose another region")
    }
    return PreflightReport(identity: identity, zones: zones, notes: await address)
  }

  /// The public-address check: a warning when the caller would be locked out of the API.
  private func checkedAddress(_ stack: Config.Stack) async -> [PreflightNote] {
    let cidrs = stack.access.allowedCidrs
    guard stack.cluster.endpoint.isPublic, !cidrs.contains("0.0.0.0/0") else { return [] }
    switch await publicAddress.lookup() {
    case .skipped(let why):
      return [PreflightNote(.note, "public address check skipped: \(why)")]
    case .unknown(let why):
      return [PreflightNote(.note, "could not learn this machine's public address (\(why)); access.allowedCidrs not checked")]
    case .address(let ip):
      guard !cidrs.contains(where: { IPv4Range($0)?.contains(ip) ?? false }) else { return [] }
      return [
        PreflightNote(
          .warning,
          "this machine's public address \(ip) is outside access.allowedCidrs (\(cidrs.joined(separator: ", "))): kubectl and eks-spark job commands will not reach the cluster API from here",
          hint: "add \(ip)/32 to access.allowedCidrs, or work from inside the allowed networks")
      ]
    }
  }

  private func capture<T: Sendable>(_ body: @Sendable () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
  }
}

/// What preflight learnt: the identity, the zones to use, and warnings or notes to show.
public struct PreflightReport: Sendable {
  public var identity: CallerIdentity
  /// Available zones of the region, sorted.
  public var zones: [String]
  public var notes: [PreflightNote]

  public init(identity: CallerIdentity, zones: [String], notes: [PreflightNote] = []) {
    self.identity = identity
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
  public var hint: String?

  public init(_ severity: Severity, _ message: String, hint: String? = nil) {
    self.severity = severity
    self.message = message
    self.hint = hint
  }
}

/// An IPv4 CIDR block, just enough to ask whether an address is inside it.
struct IPv4Range: Sendable, Hashable {
  let base: UInt32
  let mask: UInt32

  init?(_ cidr: String) {
    let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
    guard let address = Self.parse(String(parts[0])) else { return nil }
    let bits = parts.count == 2 ? Int(parts[1]) : 32
    guard let bits, (0...32).contains(bits), parts.count <= 2 else { return nil }
    mask = bits == 0 ? 0 : UInt32.max << UInt32(32 - bits)
    base = address & mask
  }

  func contains(_ address: String) -> Bool {
    guard let value = Self.parse(address) else { return false }
    return value & mask == base
  }

  static func parse(_ text: String) -> UInt32? {
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var value: UInt32 = 0
    for octet in octets {
      guard let byte = UInt8(octet) else { return nil }
      value = value << 8 | UInt32(byte)
    }
    return value
  }
}
