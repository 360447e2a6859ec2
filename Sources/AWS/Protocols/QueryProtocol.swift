import HTTP

/// Form parameters for the Query protocol, in the order they were added.
public struct QueryParameters: Sendable {
  public private(set) var pairs: [(String, String)] = []

  public init() {}

  public subscript(name: String) -> String? {
    get { pairs.first { $0.0 == name }?.1 }
    set {
      pairs.removeAll { $0.0 == name }
      if let newValue { pairs.append((name, newValue)) }
    }
  }

  /// A list as the Query protocol spells it: `Name.member.1`, … (IAM/STS) or `Name.1`
  /// (EC2, pass `member: false`).
  public mutating func list(_ name: String, _ values: [String], member: Bool = true) {
    for (index, value) in values.enumerated() {
      pairs.append((member ? "\(name).member.\(index + 1)" : "\(name).\(index + 1)", value))
    }
  }

  /// Tags as `Tags.member.N.Key/Value` (IAM) or `Tag.N.Key/Value` (EC2).
  public mutating func tags(_ name: String, _ tags: [String: String], member: Bool = true) {
    for (index, key) in tags.keys.sorted().enumerated() {
      let prefix = member ? "\(name).member.\(index + 1)" : "\(name).\(index + 1)"
      pairs.append(("\(prefix).Key", key))
      pairs.append(("\(prefix).Value", tags[key]!))
    }
  }

  /// EC2 filters: `Filter.N.Name`, `Filter.N.Value.M`.
  public mutating func filters(_ filters: [String: [String]]) {
    for (index, name) in filters.keys.sorted().enumerated() {
      pairs.append(("Filter.\(index + 1).Name", name))
      for (valueIndex, value) in filters[name]!.enumerated() {
        pairs.append(("Filter.\(index + 1).Value.\(valueIndex + 1)", value))
      }
    }
  }
}

extension AWSClient {
  /// Calls a Query-protocol action and returns the `<ActionResult>` element (IAM, STS) or
  /// the response root (EC2, which has no result wrapper). `idempotent: false` for a create
  /// without a client token (see `Operation.idempotent`).
  public func query(
    _ action: String, _ parameters: QueryParameters = QueryParameters(), signed: Bool = true,
    idempotent: Bool = true
  ) async throws -> XMLNode {
    let version: String
    switch service.wireProtocol {
    case .query(let v), .ec2Query(let v): version = v
    default: preconditionFailure("\(service.id) does not speak the Query protocol")
    }
    let body = PercentEncoding.query([("Action", action), ("Version", version)] + parameters.pairs)
    var operation = Operation(
      name: action, headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
      body: Array(body.utf8), signed: signed)
    operation.idempotent = idempotent
    let response = try await send(operation)
    let root: XMLNode
    do {
      root = try XMLReader.parse(response.body)
    } catch {
      throw AWSError.decoding(service.id, action, "the response is not XML: \(error)")
    }
    if case .ec2Query = service.wireProtocol { return root }
    return root.child("\(action)Result") ?? XMLNode(name: "\(action)Result")
  }
}

extension XMLNode {
  /// Text of a required child, or a decoding error naming it.
  func require(_ name: String, _ service: String, _ operation: String) throws -> String {
    guard let value = child(name)?.text else {
      throw AWSError.decoding(service, operation, "the response has no \(name)")
    }
    return value
  }

  /// `<tagSet><item><key/><value/></item></tagSet>` (EC2) or `<Tags><member><Key/><Value/>` (IAM).
  func tagMap(_ listName: String) -> [String: String] {
    var tags: [String: String] = [:]
    for item in items(listName) {
      if let key = item.string("Key") ?? item.string("key") {
        tags[key] = item.string("Value") ?? item.string("value") ?? ""
      }
    }
    return tags
  }
}
