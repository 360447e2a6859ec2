/// What a plan does to one resource, with the symbol Terraform users know.
public enum ChangeAction: String, Sendable, Hashable, Codable, CaseIterable {
  case create
  case update
  case replace
  case delete
  case noop

  public var symbol: String {
    switch self {
    case .create: "+"
    case .update: "~"
    case .replace: "-/+"
    case .delete: "-"
    case .noop: " "
    }
  }
}
