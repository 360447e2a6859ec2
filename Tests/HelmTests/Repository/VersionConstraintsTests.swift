import Testing

@testable import Helm

@Suite("version constraints as Helm reads them")
struct VersionConstraintsTests {
  static let cases: [(String, String, Bool)] = [
    ("2.4.0", "2.4.0", true), ("2.4.0", "2.4.1", false),
    ("~2.4", "2.4.9", true), ("~2.4", "2.5.0", false), ("~2.4.1", "2.4.0", false),
    ("^1.1", "1.9.0", true), ("^1.1", "2.0.0", false), ("^1.1", "1.0.9", false),
    ("^0.2.3", "0.2.9", true), ("^0.2.3", "0.3.0", false),
    (">=1.1 <2", "1.4.6", true), (">=1.1 <2", "2.0.2", false), (">=1.1, <2", "1.1.6", true),
    ("1.x", "1.4.6", true), ("1.x", "2.0.0", false), ("2.2.x", "2.2.1", true), ("*", "9.9.9", true),
    ("<1 || >=2.2", "2.4.0", true), ("<1 || >=2.2", "1.4.6", false),
    ("1.1 - 1.4", "1.4.6", true), ("1.1 - 1.4", "1.5.0", false),
    (">2", "2.9.0", false), (">2.1", "2.1.5", false), (">2.1", "2.2.0", true),
    ("<=2.2", "2.2.9", true), ("!=2.2.1", "2.2.1", false),
    ("*", "2.5.0-rc.1", false), (">=2.5.0-0", "2.5.0-rc.1", true),
  ]

  @Test("checks versions against constraints", arguments: cases)
  func checks(constraint: String, version: String, expected: Bool) throws {
    let constraints = try VersionConstraints(constraint)
    let parsed = try #require(SemanticVersion(version))
    #expect(constraints.allows(parsed) == expected)
  }

  @Test("includes pre-releases only when asked")
  func prerelease() throws {
    let rc = try #require(SemanticVersion("3.0.0-rc.1"))
    #expect(!(try VersionConstraints("")).allows(rc))
    #expect(try VersionConstraints("", includePrerelease: true).allows(rc))
  }

  @Test("orders versions by semver precedence")
  func ordering() {
    let sorted = [
      "1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "0.9.9", "1.0.0-beta.11", "1.0.0-beta.2",
    ]
    .compactMap(SemanticVersion.init).sorted().map(\.original)
    #expect(
      sorted == [
        "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
      ])
  }

  @Test("rejects improper constraints", arguments: [">>1", "abc", "1.2.3.4"])
  func rejects(text: String) {
    #expect(throws: HelmError.self) { try VersionConstraints(text) }
  }
}
