import AWS
import Engine

/// Finds the stack's network resources (by the `eks-spark.io/stack` tag) so the planner
/// can delete those the stack file no longer describes (a smaller `availabilityZones`, a
/// NAT gateway fewer). Dependencies are declared broadly: whatever might use a resource
/// is deleted before it.
public struct NetworkOrphans: OwnedResourceSource {
  let ownership: Ownership
  let ec2: EC2Client

  public init(ownership: Ownership, ec2: EC2Client) {
    self.ownership = ownership
    self.ec2 = ec2
  }

  public func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
    let filters = ownership.stackFilters
    async let vpcs = ec2.describeVPCs(filters: filters)
    async let gateways = ec2.describeInternetGateways(filters: filters)
    async let subnets = ec2.describeSubnets(filters: filters)
    async let addresses = ec2.describeAddresses(filters: filters)
    async let nats = ec2.describeNATGateways(filters: filters)
    async let tables = ec2.describeRouteTables(filters: filters)
    let ec2 = self.ec2
    var found: [any Resource] = []
    let vpcAddresses = try await vpcs.compactMap { address(of: $0.tags) }
    let subnetAddresses = try await subnets.compactMap { address(of: $0.tags) }
    let eipAddresses = try await addresses.compactMap { address(of: $0.tags) }
    let natList = try await nats.filter { !["deleted", "deleting", "failed"].contains($0.state) }
    let natAddresses = natList.compactMap { address(of: $0.tags) }
    for vpc in try await vpcs {
      guard let address = address(of: vpc.tags) else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(vpc.id, vpc.tags)) { live, _ in
          try await ignoringNotFound { try await ec2.deleteVPC(id: live.outputs["id"]?.stringValue ?? "") }
        })
    }
    for gateway in try await gateways {
      guard let address = address(of: gateway.tags) else { continue }
      var live = state(gateway.id, gateway.tags)
      live.attributes["vpcIds"] = .strings(gateway.vpcIDs)
      found.append(
        DiscoveredResource(address: address, live: live, dependencies: vpcAddresses) { live, _ in
          let id = live.outputs["id"]?.stringValue ?? ""
          for vpc in (live.attributes["vpcIds"]?.listValue ?? []).compactMap(\.stringValue) {
            try await ignoringNotFound { try await ec2.detachInternetGateway(id: id, vpcID: vpc) }
          }
          try await ignoringNotFound { try await ec2.deleteInternetGateway(id: id) }
        })
    }
    for subnet in try await subnets {
      guard let address = address(of: subnet.tags) else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(subnet.id, subnet.tags), dependencies: vpcAddresses)
        {
          live, _ in
          try await ignoringNotFound { try await ec2.deleteSubnet(id: live.outputs["id"]?.stringValue ?? "") }
        })
    }
    for eip in try await addresses {
      guard let address = address(of: eip.tags) else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(eip.allocationID, eip.tags)) { live, _ in
          try await ignoringNotFound {
            try await ec2.releaseAddress(allocationID: live.outputs["id"]?.stringValue ?? "")
          }
        })
    }
    for nat in natList {
      guard let address = address(of: nat.tags) else { continue }
      found.append(
        DiscoveredResource(
          address: address, live: state(nat.id, nat.tags),
          dependencies: vpcAddresses + subnetAddresses + eipAddresses
        ) { live, context in
          let id = live.outputs["id"]?.stringValue ?? ""
          try await ignoringNotFound { try await ec2.deleteNATGateway(id: id) }
          _ = try await context.waitUntil("be deleted") {
            let state = try await ec2.describeNATGateways(ids: [id]).first?.state ?? "deleted"
            return state == "deleted" ? .done(true) : .pending(state)
          }
        })
    }
    for table in try await tables {
      guard let address = address(of: table.tags) else { continue }
      var live = state(table.id, table.tags)
      live.attributes["associations"] = .strings(table.associations.filter { !$0.isMain }.map(\.id))
      found.append(
        DiscoveredResource(
          address: address, live: live, dependencies: vpcAddresses + subnetAddresses + natAddresses
        ) { live, _ in
          for association in (live.attributes["associations"]?.listValue ?? []).compactMap(\.stringValue) {
            try await ignoringNotFound { try await ec2.disassociateRouteTable(associationID: association) }
          }
          try await ignoringNotFound {
            try await ec2.deleteRouteTable(id: live.outputs["id"]?.stringValue ?? "")
          }
        })
    }
    return found
  }

  private func address(of tags: [String: String]) -> Address? {
    ownership.address(in: tags)
  }

  private func state(_ id: String, _ tags: [String: String]) -> LiveState {
    LiveState(
      attributes: ["id": .string(id), "tags": Ownership.liveTags(tags)], outputs: ["id": .string(id)])
  }
}

/// Runs a delete, treating "already gone" as done (a rerun, or AWS cleaning up first).
func ignoringNotFound(_ body: () async throws -> Void) async throws {
  do { try await body() } catch  where AWSErrors.isNotFound(error) {}
}
