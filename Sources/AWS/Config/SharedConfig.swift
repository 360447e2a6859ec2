/// The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`),
/// read the way the AWS CLI reads them: `[profile name]` / `[default]` sections in config,
/// `[name]` in credentials (which wins per key), `[services name]` sections, and nested
/// keys (`s3 =` followed by indented `key = value` lines) stored as `s3.key`.
public struct SharedConfig: Sendable, Hashable {
  public var profiles: [String: [String: String]] = [:]
  public var services: [String: [String: String]] = [:]
  public var ssoSessions: [String: [String: String]] = [:]

  public init() {}

  /// Merges the two files; either may be missing.
  public init(config: String?, credentials: String?) {
    if let config {
      for (header, values) in Self.sections(config) {
        let parts = header.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
        if parts.count == 2, parts[0] == "profile" {
          profiles[parts[1], default: [:]].merge(values) { $1 }
        } else if parts.count == 2, parts[0] == "services" {
          services[parts[1], default: [:]].merge(values) { $1 }
        } else if parts.count == 2, parts[0] == "sso-session" {
          ssoSessions[parts[1], default: [:]].merge(values) { $1 }
        } else if parts.count == 1, parts[0] == "default" {
          // `[default]` and `[profile default]` are the same profile.
          profiles["default", default: [:]].merge(values) { old, _ in old }
        }
      }
    }
    if let credentials {
      for (header, values) in Self.sections(credentials) {
        profiles[header.trimmingCharacters(in: " \t"), default: [:]].merge(values) { $1 }
      }
    }
  }

  public func profile(_ name: String) -> [String: String]? { profiles[name] }

  static func sections(_ text: String) -> [(String, [String: String])] {
    var result: [(String, [String: String])] = []
    var current: (String, [String: String])?
    var parent: String?
    for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      let indented = rawLine.first == " " || rawLine.first == "\t"
      let line = rawLine.trimmingCharacters(in: " \t")
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
      if line.hasPrefix("[") {
        if let current { result.append(current) }
        let header = line.dropFirst().prefix { $0 != "]" }
        current = (String(header).trimmingCharacters(in: " \t"), [:])
        parent = nil
        continue
      }
      guard current != nil, let equals = line.firstIndex(of: "=") else { continue }
      let key = line[..<equals].trimmingCharacters(in: " \t").lowercased()
      var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
      // A value may end with an inline comment introduced by whitespace and # or ;.
      if let hash = value.firstRange(of: " #") ?? value.firstRange(of: " ;") {
        value = String(value[..<hash.lowerBound]).trimmingCharacters(in: " \t")
      }
      if indented, let parent {
        current!.1["\(parent).\(key)"] = value
      } else if value.isEmpty {
        parent = key
      } else {
        parent = nil
        current!.1[key] = value
      }
    }
    if let current { result.append(current) }
    return result
  }
}

extension StringProtocol {
  func trimmingCharacters(in set: String) -> String {
    let characters = Set(set)
    guard let start = firstIndex(where: { !characters.contains($0) }) else { return "" }
    let end = lastIndex(where: { !characters.contains($0) })!
    return String(self[start...end])
  }
}
