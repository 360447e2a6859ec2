import FoundationEssentials

/// The plan as data for `-o json`. Field names are stable (`formatVersion` changes when
/// they do not stay compatible):
///
/// ```json
/// { "formatVersion": 1,
///   "summary": { "add": 1, "change": 0, "destroy": 0 },
///   "changes": [ { "address": "aws.ec2.vpc.main", "type": "aws.ec2.vpc", "name": "main",
///                  "action": "create", "replacementStrategy": null, "reason": null,
///                  "before": null, "after": { "cidrBlock": "10.0.0.0/16" },
///                  "fieldChanges": [ { "path": "cidrBlock", "before": null,
///                                      "after": "10.0.0.0/16", "forcesReplacement": false } ] } ],
///   "unchanged": [ "aws.iam.role.cluster" ] }
/// ```
///
/// `action` is one of `create`, `update`, `replace`, `delete`; `replacementStrategy` is
/// `deleteBeforeCreate` or `createBeforeDestroy` for replacements and `null` otherwise.
/// Attribute values are plain JSON, except a value known only after apply, written
/// `{"$unknown": true}`, and a sensitive value, written `{"$sensitive": true}` (never its
/// contents). Keys are sorted; output is the same for the same plan.
public struct PlanJSONRenderer: Sendable {
  public var pretty: Bool

  public init(pretty: Bool = true) {
    self.pretty = pretty
  }

  /// The plan as a JSON document (UTF-8 text ending with a newline).
  public func render(_ plan: Plan) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    let document = PlanDocument(
      summary: plan.summary, changes: plan.actionable.map(ChangeDocument.init),
      unchanged: plan.changes.filter { $0.action == .noop && $0.before != nil }.map(\.address.description))
    let data = try encoder.encode(document)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

private struct PlanDocument: Encodable {
  let formatVersion = 1
  let summary: PlanSummary
  let changes: [ChangeDocument]
  let unchanged: [String]
}

private struct ChangeDocument: Encodable {
  let change: Change

  init(_ change: Change) {
    self.change = change
  }

  enum Keys: String, CodingKey {
    case address, type, name, action, replacementStrategy, reason, before, after, fieldChanges
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(change.address.description, forKey: .address)
    try container.encode(change.address.type, forKey: .type)
    try container.encode(change.address.name, forKey: .name)
    try container.encode(change.action.rawValue, forKey: .action)
    try container.encode(
      change.action == .replace ? change.strategy.rawValue : nil, forKey: .replacementStrategy)
    try container.encode(change.reason, forKey: .reason)
    try container.encode(change.before.map { AttributeValue.map($0) }, forKey: .before)
    try container.encode(change.after.map { AttributeValue.map($0) }, forKey: .after)
    try container.encode(change.fieldChanges.map(FieldChangeDocument.init), forKey: .fieldChanges)
  }
}

private struct FieldChangeDocument: Encodable {
  let field: FieldChange

  init(_ field: FieldChange) {
    self.field = field
  }

  enum Keys: String, CodingKey {
    case path, before, after, forcesReplacement
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(field.path, forKey: .path)
    try container.encode(field.before, forKey: .before)
    try container.encode(field.after, forKey: .after)
    try container.encode(field.forcesReplacement, forKey: .forcesReplacement)
  }
}

extension AttributeValue: Encodable {
  private struct MarkerKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Plain JSON, with `{"$unknown": true}` and `{"$sensitive": true}` markers.
  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .string(let text):
      var container = encoder.singleValueContainer()
      try container.encode(text)
    case .number(let number):
      var container = encoder.singleValueContainer()
      if number == number.rounded(), abs(number) < 1e15 {
        try container.encode(Int(number))
      } else {
        try container.encode(number)
      }
    case .bool(let flag):
      var container = encoder.singleValueContainer()
      try container.encode(flag)
    case .null:
      var container = encoder.singleValueContainer()
      try container.encodeNil()
    case .list(let items):
      var container = encoder.unkeyedContainer()
      for item in items { try container.encode(item) }
    case .map(let entries):
      var container = encoder.container(keyedBy: MarkerKey.self)
      for (key, value) in entries { try container.encode(value, forKey: MarkerKey(stringValue: key)) }
    case .unknown:
      var container = encoder.container(keyedBy: MarkerKey.self)
      try container.encode(true, forKey: MarkerKey(stringValue: "$unknown"))
    case .sensitive:
      var container = encoder.container(keyedBy: MarkerKey.self)
      try container.encode(true, forKey: MarkerKey(stringValue: "$sensitive"))
    }
  }
}

extension AttributeValue: Decodable {
  /// Reads any JSON value (policy documents, API answers) into an attribute tree; numbers
  /// become `.number`, `null` becomes `.null`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([AttributeValue].self) {
      self = .list(items)
    } else {
      self = .map(try container.decode([String: AttributeValue].self))
    }
  }

  /// The value as compact JSON with sorted keys (policy documents for AWS).
  public func jsonText() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }

  /// Parses JSON text into an attribute tree.
  public static func parseJSON(_ text: String) throws -> AttributeValue {
    try JSONDecoder().decode(AttributeValue.self, from: Data(text.utf8))
  }
}
