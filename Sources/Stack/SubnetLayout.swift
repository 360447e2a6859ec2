import Config

/// Splits the VPC block evenly into a public and a private subnet per availability zone,
/// the way the stack file's validation assumes: public subnets take the first blocks,
/// private ones the next.
public struct SubnetLayout: Sendable, Hashable {
  public var publicCidrs: [String]
  public var privateCidrs: [String]

  /// The smallest subnet the layout makes: AWS allows /16 to /28.
  static let longestPrefix = 28

  /// - Throws: `.invalidNetwork` when the block does not parse or is too small.
  public init(vpcCidr: String, zones: Int) throws {
    guard let vpc = CIDRBlock(vpcCidr) else {
      throw StackError(.invalidNetwork, "\"\(vpcCidr)\" is not an IPv4 CIDR block")
    }
    var bits = 0
    while 1 << bits < zones * 2 { bits += 1 }
    guard vpc.prefixLength + bits <= Self.longestPrefix, let blocks = vpc.split(bits: bits) else {
      throw StackError(
        .invalidNetwork, "\(vpcCidr) is too small for \(zones * 2) subnets",
        remedy: "use a larger VPC block such as a /16")
    }
    publicCidrs = blocks.prefix(zones).map(\.description)
    privateCidrs = blocks.dropFirst(zones).prefix(zones).map(\.description)
  }
}
