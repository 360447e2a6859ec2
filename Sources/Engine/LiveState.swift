/// What a resource's read found in AWS or Kubernetes.
public struct LiveState: Sendable, Hashable {
  /// The attributes in the same shape as the desired ones, for diffing.
  public var attributes: Attributes
  /// The values dependents may reference (ids, ARNs, the OIDC issuer), as they are now.
  public var outputs: Outputs

  public init(attributes: Attributes, outputs: Outputs = [:]) {
    self.attributes = attributes
    self.outputs = outputs
  }
}

/// The outputs of a resource's dependencies, as far as they are known.
///
/// During planning, an upstream resource that will be created or replaced has no known
/// outputs, so every lookup answers `.unknown` and the dependent's attribute shows as
/// `(known after apply)`; the executor builds the desired attributes again from the real
/// outputs once the upstream step has finished.
public struct Inputs: Sendable, Hashable {
  private var known: [Address: Outputs]

  public init(_ known: [Address: Outputs] = [:]) {
    self.known = known
  }

  /// The named output of `address`, or `.unknown` when it is not known yet.
  public func value(_ address: Address, _ output: String) -> AttributeValue {
    known[address]?[output] ?? .unknown
  }

  /// The named output as a string, or `nil` when not known yet (or not a string).
  public func string(_ address: Address, _ output: String) -> String? {
    value(address, output).stringValue
  }

  /// All outputs of `address`, or `nil` when they are not known yet.
  public func outputs(of address: Address) -> Outputs? {
    known[address]
  }

  /// Whether every output of every listed address is known.
  public func areKnown(_ addresses: [Address]) -> Bool {
    addresses.allSatisfy { known[$0] != nil }
  }

  /// The addresses whose outputs are known.
  public var knownAddresses: [Address] { known.keys.sorted() }

  mutating func record(_ outputs: Outputs, for address: Address) {
    known[address] = outputs
  }
}
