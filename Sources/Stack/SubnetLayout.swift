/// Splits the VPC block evenly into a public and a private subnet per availability zone,
/// the way the stack file's validation assumes: public subnets take the first blocks,
/// private ones the next.
public struct SubnetLayout: Sendable, Hashable {
  public var publicCidrs: [String]
  public var privateCidrs: [String]

  /// - Throws: `.invalidNetwork` when the block does not parse or is too small.
  public init(vpcCidr: String, zones: Int) throws {
    guard let (base, prefix) = Self.parse(vpcCidr) else {
      throw StackError(.invalidNetwork, "\"\(vpcCidr)\" is not an IPv4 CIDR block")
    }
    var bits = 0
    while 1 << bits < zones * 2 { bits += 1 }
    let length = prefix + bits
    guard length <= 28 else {
      throw StackError(
        .invalidNetwork, "\(vpcCidr) is too small for \(zones * 2) subnets",
        remedy: "use a larger VPC block such as a /16")
    }
    let size = UInt32(1) << UInt32(32 - length)
    let block = { (index: Int) in Self.format(base &+ UInt32(index) &* size) + "/\(length)" }
    publicCidrs = (0..<zones).map(block)
    privateCidrs = (0..<zones).map { block(zones + $0) }
  }

  static func parse(_ text: String) -> (UInt32, Int)? {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
    let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
    guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
    let address = octets.reduce(0) { $0 << 8 | $1 }
    let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << UInt32(32 - prefix)
    return (address & mask, prefix)
  }

  static func format(_ address: UInt32) -> String {
    [24, 16, 8, 0].map { String(address >> UInt32($0) & 0xFF) }.joined(separator: ".")
  }
}
