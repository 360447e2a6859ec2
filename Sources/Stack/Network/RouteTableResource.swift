import AWS
import Engine

/// A route table with its routes and subnet associations, managed as one resource: the
/// public table routes `0.0.0.0/0` to the internet gateway, each private table to a NAT
/// gateway. Routes and associations change in place.
public struct RouteTableResource: Resource {
  public static let type = "aws.ec2.routeTable"

  /// Where a route sends traffic.
  public enum Target: Sendable, Hashable {
    case internetGateway(Address)
    case natGateway(Address)

    var address: Address {
      switch self {
      case .internetGateway(let address), .natGateway(let address): address
      }
    }
  }

  public let address: Address
  let vpc: Address
  let defaultRoute: Target?
  let subnets: [Address]
  let tags: [String: String]
  let ownership: Ownership
  let ec2: EC2Client

  public init(
    name: String, vpc: Address, defaultRoute: Target?, subnets: [Address], ownership: Ownership,
    ec2: EC2Client
  ) {
    address = Address(Self.type, name)
    self.vpc = vpc
    self.defaultRoute = defaultRoute
    self.subnets = subnets
    self.ownership = ownership
    self.ec2 = ec2
    let readable = String(name.map { $0 == "[" ? "-" : $0 }.filter { $0 != "]" })
    tags = ownership.tags(for: address, name: "\(ownership.prefix)-\(readable)")
  }

  public var dependencies: [Address] { [vpc] + (defaultRoute.map { [$0.address] } ?? []) + subnets }
  public var immutableFields: Set<String> { ["vpcId"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    var routes: [AttributeValue] = []
    switch defaultRoute {
    case .internetGateway(let gateway)?:
      routes.append(["destination": "0.0.0.0/0", "gatewayId": inputs.value(gateway, "id")])
    case .natGateway(let gateway)?:
      routes.append(["destination": "0.0.0.0/0", "natGatewayId": inputs.value(gateway, "id")])
    case nil: break
    }
    let subnetIDs = subnets.map { inputs.value($0, "id") }
    let known = subnetIDs.allSatisfy(\.isKnown)
    return [
      "vpcId": inputs.value(vpc, "id"), "routes": .list(routes),
      "subnetIds": known
        ? .list(subnetIDs.sorted { ($0.stringValue ?? "") < ($1.stringValue ?? "") }) : .list(subnetIDs),
      "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard
      let table = try await ec2.describeRouteTables(filters: ownership.filters(for: address)).first(where: {
        ownership.owns($0.tags, address: address)
      })
    else {
      return nil
    }
    let routes: [AttributeValue] = table.routes.filter { $0.gatewayID != "local" }
      .sorted { $0.destinationCIDR < $1.destinationCIDR }
      .map { route in
        var entry: [String: AttributeValue] = ["destination": .string(route.destinationCIDR)]
        if let gateway = route.gatewayID { entry["gatewayId"] = .string(gateway) }
        if let nat = route.natGatewayID { entry["natGatewayId"] = .string(nat) }
        return .map(entry)
      }
    let associations = table.associations.filter { !$0.isMain && $0.subnetID != nil }
    var byID: [String: AttributeValue] = [:]
    for association in associations { byID[association.subnetID!] = .string(association.id) }
    return LiveState(
      attributes: [
        "vpcId": .string(table.vpcID), "routes": .list(routes),
        "subnetIds": .strings(associations.compactMap(\.subnetID).sorted()),
        "tags": Ownership.liveTags(table.tags),
      ], outputs: ["id": .string(table.id), "associations": .map(byID)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let after = change.after ?? [:]
    let id: String
    if change.action == .create {
      guard let vpcID = after["vpcId"]?.stringValue else {
        throw StackError(.unexpectedState, "\(address) has no VPC id")
      }
      id = try await AWSErrors.createOnce {
        try await ec2.describeRouteTables(filters: ownership.filters(for: address)).first {
          ownership.owns($0.tags, address: address)
        }?.id
      } create: {
        try await ec2.createRouteTable(vpcID: vpcID, tags: tags).id
      }
    } else {
      guard let live = change.liveOutputs["id"]?.stringValue else {
        throw StackError(.unexpectedState, "\(address) has no id to update")
      }
      id = live
      try await EC2Tags.sync(ec2, id: id, live: change.before?["tags"], desired: tags)
    }
    try await syncRoutes(
      id, live: change.before?["routes"]?.listValue ?? [], desired: after["routes"]?.listValue ?? [])
    let associations = try await syncAssociations(
      id, live: change.liveOutputs["associations"]?.mapValue ?? [:],
      desired: (after["subnetIds"]?.listValue ?? []).compactMap(\.stringValue))
    return ["id": .string(id), "associations": .map(associations)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let id = live.outputs["id"]?.stringValue else { return }
    for association in (live.outputs["associations"]?.mapValue ?? [:]).values.compactMap(\.stringValue)
      .sorted()
    {
      do { try await ec2.disassociateRouteTable(associationID: association) } catch
        where AWSErrors.isNotFound(error)
      {}
    }
    do { try await ec2.deleteRouteTable(id: id) } catch  where AWSErrors.isNotFound(error) {}
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice {
    AWSErrors.retryWhileInUse(error)
  }

  private func syncRoutes(_ id: String, live: [AttributeValue], desired: [AttributeValue]) async throws {
    let desiredByDestination = Dictionary(
      desired.compactMap { route in
        route.mapValue.flatMap { map in map["destination"]?.stringValue.map { ($0, map) } }
      },
      uniquingKeysWith: { first, _ in first })
    for route in live {
      guard let map = route.mapValue, let destination = map["destination"]?.stringValue else { continue }
      if let wanted = desiredByDestination[destination], AttributeValue.map(wanted).matches(route) {
        continue
      }
      var parameters = QueryParameters()
      parameters["RouteTableId"] = id
      parameters["DestinationCidrBlock"] = destination
      _ = try await ec2.client.query("DeleteRoute", parameters)
    }
    let existing = Set(live.filter { route in desired.contains { $0.matches(route) } })
    for (destination, map) in desiredByDestination.sorted(by: { $0.key < $1.key })
    where !existing.contains(.map(map)) {
      try await ec2.createRoute(
        routeTableID: id, destinationCIDR: destination, gatewayID: map["gatewayId"]?.stringValue,
        natGatewayID: map["natGatewayId"]?.stringValue)
    }
  }

  private func syncAssociations(_ id: String, live: [String: AttributeValue], desired: [String]) async throws
    -> [String: AttributeValue]
  {
    var result: [String: AttributeValue] = [:]
    for (subnet, association) in live.sorted(by: { $0.key < $1.key }) {
      if desired.contains(subnet) {
        result[subnet] = association
      } else if let associationID = association.stringValue {
        try await ec2.disassociateRouteTable(associationID: associationID)
      }
    }
    for subnet in desired where result[subnet] == nil {
      do {
        result[subnet] = .string(try await ec2.associateRouteTable(routeTableID: id, subnetID: subnet))
      } catch  where AWSErrors.code(error) == "Resource.AlreadyAssociated" {
        result[subnet] = .string(try await moveAssociation(of: subnet, to: id))
      }
    }
    return result
  }

  /// A subnet still associated with another table (one being deleted as an orphan) is
  /// moved over in one call rather than waiting for the other table to go.
  private func moveAssociation(of subnet: String, to table: String) async throws -> String {
    let current = try await ec2.describeRouteTables(filters: ["association.subnet-id": [subnet]])
      .flatMap(\.associations).first { $0.subnetID == subnet }
    guard let current else {
      return try await ec2.associateRouteTable(routeTableID: table, subnetID: subnet)
    }
    var parameters = QueryParameters()
    parameters["AssociationId"] = current.id
    parameters["RouteTableId"] = table
    let root = try await ec2.client.query("ReplaceRouteTableAssociation", parameters)
    return root.string("newAssociationId") ?? current.id
  }
}
