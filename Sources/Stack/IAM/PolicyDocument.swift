import Engine

/// IAM policy documents as attribute trees, in one canonical shape so that what AWS hands
/// back compares equal to what was sent: `Statement` always a list, one-element lists of
/// strings (`Action`, `Resource`, principals) written as the single string.
public enum PolicyDocument {
  /// `{"Version": "2012-10-17", "Statement": [...]}` in canonical shape.
  public static func make(_ statements: [AttributeValue]) -> AttributeValue {
    canonical(["Version": "2012-10-17", "Statement": .list(statements)])
  }

  /// Parses a document AWS returned (URL-decoded JSON) into canonical shape.
  public static func parse(_ text: String) throws -> AttributeValue {
    canonical(try AttributeValue.parseJSON(text))
  }

  /// The canonical shape of any document.
  public static func canonical(_ value: AttributeValue) -> AttributeValue {
    switch value {
    case .map(let entries):
      var out: [String: AttributeValue] = [:]
      for (key, item) in entries {
        if key == "Statement" {
          let statements = item.listValue ?? [item]
          out[key] = .list(statements.map(canonical))
        } else {
          out[key] = canonical(item)
        }
      }
      return .map(out)
    case .list(let items) where items.count == 1 && items[0].stringValue != nil:
      return items[0]
    case .list(let items):
      return .list(items.map(canonical))
    default:
      return value
    }
  }

  /// A statement letting `service` assume the role.
  public static func serviceTrust(_ service: String, conditions: AttributeValue? = nil) -> AttributeValue {
    var statement: [String: AttributeValue] = [
      "Effect": "Allow", "Principal": ["Service": .string(service)], "Action": "sts:AssumeRole",
    ]
    if let conditions { statement["Condition"] = conditions }
    return .map(statement)
  }
}
