/// Sprig's `semver` and `semverCompare` (Masterminds semver v3, as Helm uses it).
enum SprigSemver {
  static let all: [String: TemplateFunction] = [
    "semverCompare": TemplateFunction(arity: 2) { call in
      let constraintText = try call.string(0)
      let versionText = try call.string(1)
      let constraints: VersionConstraints
      do {
        constraints = try VersionConstraints(constraintText)
      } catch {
        throw FunctionError("improper constraint: \(constraintText)")
      }
      guard let version = SemanticVersion(versionText) else {
        throw FunctionError("Invalid Semantic Version")
      }
      return .bool(constraints.allows(version))
    },
    "semver": TemplateFunction(arity: 1) { call in
      guard let version = SemanticVersion(try call.string(0)) else {
        throw FunctionError("Invalid Semantic Version")
      }
      return .object(SemverObject(version: version))
    },
  ]
}

/// `*semver.Version` in templates: fields via methods `.Major`, `.Minor`, `.Patch`,
/// `.Prerelease`, `.Metadata`, `.Original`, and `.Compare`, `.LessThan`, `.GreaterThan`,
/// `.Equal` with another version.
struct SemverObject: TemplateObject {
  let version: SemanticVersion
  var goTypeName: String { "*semver.Version" }
  var goDescription: String { version.description }
  var jsonValue: Value? { .string(version.description) }

  func member(_ name: String) -> Value? {
    switch name {
    case "Major": return .int(Int64(version.major))
    case "Minor": return .int(Int64(version.minor))
    case "Patch": return .int(Int64(version.patch))
    case "Prerelease": return .string(version.prerelease)
    case "Metadata": return .string(version.metadata)
    case "Original": return .string(version.original)
    case "String": return .string(version.description)
    default: return nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? {
    guard arguments.count == 1, case .object(let other as SemverObject) = arguments[0] else {
      if ["Compare", "LessThan", "GreaterThan", "Equal"].contains(name) {
        throw FunctionError(
          "wrong type for value; expected *semver.Version; got \(arguments.first?.goTypeName ?? "nothing")")
      }
      return nil
    }
    switch name {
    case "Compare": return .int(version < other.version ? -1 : (version == other.version ? 0 : 1))
    case "LessThan": return .bool(version < other.version)
    case "GreaterThan": return .bool(other.version < version)
    case "Equal": return .bool(version == other.version)
    default: return nil
    }
  }
}
