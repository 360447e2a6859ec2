/// An IPv4 CIDR block (`10.36.0.0/16`): parsed once here for the stack file's checks and
/// for the Stack module's subnet split and address checks.
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
  public var address: UInt32
  public var prefixLength: Int

  public init(address: UInt32, prefixLength: Int) {
    self.address = address
    self.prefixLength = prefixLength
  }

  /// Why a text is not a CIDR block, in words for a message.
  public enum ParseError: Error, Equatable {
    case shape
    case octet(String)
    case prefix(String)
  }

  public static func parse(_ text: String) -> Result<CIDRBlock, ParseError> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return .failure(.shape) }
    let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return .failure(.shape) }
    var address: UInt32 = 0
    for octet in octets {
      guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy({ $0.isASCII && $0.isNumber }),
        let value = Int(octet),
        value <= 255
      else { return .failure(.octet(String(octet))) }
      address = address << 8 | UInt32(value)
    }
    guard let length = Int(parts[1]), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
      (0...32).contains(length)
    else { return .failure(.prefix(String(parts[1]))) }
    return .success(CIDRBlock(address: address, prefixLength: length))
  }

  /// The block `text` names, nil when it is not one.
  public init?(_ text: String) {
    guard case .success(let block) = Self.parse(text) else { return nil }
    self = block
  }

  /// A single IPv4 address as a /32 block, nil when `text` is not one.
  public init?(address text: String) {
    self.init(text + "/32")
  }

  public var mask: UInt32 { prefixLength == 0 ? 0 : UInt32.max << (32 - prefixLength) }
  public var hasHostBits: Bool { address & ~mask != 0 }
  /// The block with host bits cleared: what the user most likely meant.
  public var network: CIDRBlock { CIDRBlock(address: address & mask, prefixLength: prefixLength) }

  /// Whether `other` lies wholly inside this block.
  public func contains(_ other: CIDRBlock) -> Bool {
    other.prefixLength >= prefixLength && other.address & mask == address & mask
  }

  /// The block split into `2^bits` equal blocks, in address order; nil when they would be
  /// longer than /32.
  public func split(bits: Int) -> [CIDRBlock]? {
    let length = prefixLength + bits
    guard bits >= 0, length <= 32 else { return nil }
    let size = length == 32 ? UInt32(1) : UInt32(1) << UInt32(32 - length)
    return (0..<(1 << bits)).map {
      CIDRBlock(address: network.address &+ UInt32($0) &* size, prefixLength: length)
    }
  }

  public var description: String {
    let octets = [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }
    return octets.joined(separator: ".") + "/\(prefixLength)"
  }
}

extension StackValidator {
  /// Checks a CIDR's shape and host bits; returns it when usable.
  mutating func checkCIDR(_ text: String, at path: String, what: String) -> CIDRBlock? {
    switch CIDRBlock.parse(text) {
    case .failure(let reason):
      let detail: String
      switch reason {
      case .shape: detail = "it must look like 10.0.0.0/16"
      case .octet(let octet): detail = "\"\(octet)\" is not a number from 0 to 255"
      case .prefix(let prefix): detail = "the prefix length \"\(prefix)\" must be 0 to 32"
      }
      error(
        .invalidCidr, "\(what) \"\(text)\" is not an IPv4 CIDR block: \(detail)", at: path,
        hint: "write an address and a prefix length, for example 10.36.0.0/16")
      return nil
    case .success(let block):
      if block.hasHostBits {
        error(
          .invalidCidr, "\(what) \"\(text)\" has host bits set", at: path,
          hint: "use the network address \(block.network.description)")
        return nil
      }
      return block
    }
  }

  mutating func checkNetwork() {
    let network = stack.network
    if let vpcId = network.vpcId {
      if !Self.isResourceId(vpcId, prefix: "vpc-") {
        error(
          .invalidValue, "vpcId \"\(vpcId)\" is not a VPC id", at: "network.vpcId",
          hint: "VPC ids look like vpc-0a1b2c3d4e5f67890")
      }
      for (index, subnet) in network.subnetIds.enumerated()
      where !Self.isResourceId(subnet, prefix: "subnet-") {
        error(
          .invalidValue, "\"\(subnet)\" is not a subnet id", at: "network.subnetIds[\(index)]",
          hint: "subnet ids look like subnet-0a1b2c3d4e5f67890")
      }
      return
    }
    if let block = checkCIDR(network.cidr, at: "network.cidr", what: "network.cidr") {
      if !(16...28).contains(block.prefixLength) {
        error(
          .invalidCidr,
          "network.cidr \"\(network.cidr)\" is /\(block.prefixLength); a VPC block must be /16 to /28",
          at: "network.cidr", hint: "use a /16 such as 10.36.0.0/16")
      } else {
        // Each AZ gets a public and a private subnet, split evenly from the VPC block.
        var bits = 0
        while 1 << bits < network.availabilityZones * 2 { bits += 1 }
        if block.prefixLength + bits > 28 {
          error(
            .invalidCidr,
            "network.cidr \"\(network.cidr)\" is too small for \(network.availabilityZones * 2) subnets (2 per availability zone)",
            at: "network.cidr",
            hint: "use a larger block (a smaller prefix length), such as /\(28 - bits - 2)")
        }
      }
    }
    if network.natGateways > network.availabilityZones {
      error(
        .invalidValue,
        "network.natGateways is \(network.natGateways) but the VPC spans \(network.availabilityZones) availability zones",
        at: "network.natGateways", hint: "use at most one NAT gateway per availability zone")
    }
    if network.natGateways == 0 {
      warning(
        .invalidValue,
        "network.natGateways is 0: Fargate pods in private subnets cannot pull images or reach S3",
        at: "network.natGateways",
        hint: "use natGateways: 1, or add VPC endpoints for ECR, S3 and STS yourself")
    }
  }

  /// `vpc-` / `subnet-` followed by 8 or 17 hex digits.
  static func isResourceId(_ text: String, prefix: String) -> Bool {
    guard text.hasPrefix(prefix) else { return false }
    let rest = text.dropFirst(prefix.count)
    return (rest.count == 8 || rest.count == 17) && rest.allSatisfy { $0.isHexDigit && !$0.isUppercase }
  }
}
