import AWS
import Engine

/// Finds the stack's network resources (by the `eks-spark.io/stack` tag) so the planner
/// can delete those the stack file no longer describes (a smaller `availabilityZones`, a
/// NAT gateway fewer). Dependencies are declared broadly: whatever might use a resource
/// is deleted before it.
///
/// A twin — a second live resource tagged with the same address, left by a create whose
/// answer was lost — is an orphan too: the first one AWS lists is the one the stack
/// manages (its `read` takes the same), every other one is found here under the address
/// `<address>#<id>` (`aws.ec2.vpc.main#vpc-0abc`) and deleted.
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
    let vpcNames = try await names(vpcs.map { ($0.id, $0.tags) })
    let gatewayNames = try await names(gateways.map { ($0.id, $0.tags) })
    let subnetNames = try await names(subnets.map { ($0.id, $0.tags) })
    let eipNames = try await names(addresses.map { ($0.allocationID, $0.tags) })
    let natList = try await nats.filter { !["deleted", "deleting", "failed"].contains($0.state) }
    let natNames = names(natList.map { ($0.id, $0.tags) })
    let tableNames = try await names(tables.map { ($0.id, $0.tags) })
    let vpcAddresses = Array(vpcNames.values)
    let subnetAddresses = Array(subnetNames.values)
    let eipAddresses = Array(eipNames.values)
    let natAddresses = Array(natNames.values)
    for vpc in try await vpcs {
      guard let address = vpcNames[vpc.id] else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(vpc.id, vpc.tags)) { live, _ in
          try await ignoringNotFound { try await ec2.deleteVPC(id: live.outputs["id"]?.stringValue ?? "") }
        })
    }
    for gateway in try await gateways {
      guard let address = gatewayNames[gateway.id] else { continue }
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
      guard let address = subnetNames[subnet.id] else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(subnet.id, subnet.tags), dependencies: vpcAddresses)
        {
          live, _ in
          try await ignoringNotFound { try await ec2.deleteSubnet(id: live.outputs["id"]?.stringValue ?? "") }
        })
    }
    for eip in try await addresses {
      guard let address = eipNames[eip.allocationID] else { continue }
      found.append(
        DiscoveredResource(address: address, live: state(eip.allocationID, eip.tags)) { live, _ in
          try await ignoringNotFound {
            try await ec2.releaseAddress(allocationID: live.outputs["id"]?.stringValue ?? "")
          }
        })
    }
    for nat in natList {
      guard let address = natNames[nat.id] else { continue }
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
      guard let address = tableNames[table.id] else { continue }
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

  /// The address of each owned resource by id, in the order AWS lists them: the first
  /// with an address tag gets the address, any later one its twin's `<address>#<id>`.
  private func names(_ resources: [(id: String, tags: [String: String])]) -> [String: Address] {
    var claimed: Set<Address> = []
    var names: [String: Address] = [:]
    for resource in resources {
      guard let address = ownership.address(in: resource.tags) else { continue }
      names[resource.id] =
        claimed.insert(address).inserted ? address : Address(address.type, "\(address.name)#\(resource.id)")
    }
    return names
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
