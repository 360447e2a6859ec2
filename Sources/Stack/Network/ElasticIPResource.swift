import AWS
import Engine

/// The Elastic IP address of one NAT gateway.
public struct ElasticIPResource: Resource {
  public static let type = "aws.ec2.eip"

  public let address: Address
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(name: String, index: Int, ownership: Ownership, ec2: EC2Client) {
    address = Address(Self.type, name, index: index)
    self.ownership = ownership
    self.ec2 = ec2
    tags = ownership.tags(for: address, name: "\(ownership.prefix)-\(name)-\(index)")
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    ["domain": "vpc", "tags": .stringMap(tags)]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard
      let eip = try await ec2.describeAddresses(filters: ownership.filters(for: address)).first(where: {
        ownership.owns($0.tags, address: address)
      })
    else {
      return nil
    }
    return LiveState(
      attributes: ["domain": "vpc", "tags": Ownership.liveTags(eip.tags)],
      outputs: ["allocationId": .string(eip.allocationID), "publicIp": .string(eip.publicIP)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    if change.action == .update, let id = change.liveOutputs["allocationId"]?.stringValue {
      try await EC2Tags.sync(ec2, id: id, live: change.before?["tags"], desired: tags)
      return change.liveOutputs
    }
    let eip = try await AWSErrors.createOnce {
      try await ec2.describeAddresses(filters: ownership.filters(for: address)).first {
        ownership.owns($0.tags, address: address)
      }
    } create: {
      try await ec2.allocateAddress(tags: tags)
    }
    return ["allocationId": .string(eip.allocationID), "publicIp": .string(eip.publicIP)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["allocationId"]?.stringValue else { return }
    do { try await ec2.releaseAddress(allocationID: id) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    // Released only once the NAT gateway using it is fully gone.
    AWSErrors.code(error) == "AuthFailure" || AWSErrors.code(error) == "InvalidIPAddress.InUse"
      ? .retry(after: .seconds(10)) : .fail
  }
}
