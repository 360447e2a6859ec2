import Testing

@testable import Helm

@Suite("objects behind .Files and .Capabilities")
struct TemplateObjectsTests {
  let files = FilesObject(files: [
    "config/a.conf": Array("x=1\ny=2\n".utf8), "config/b.conf": Array("b".utf8), "README.md": Array("r".utf8),
  ])

  @Test("Get, Lines and Glob read files as Helm's engine.files does")
  func readsFiles() throws {
    #expect(
      try JSONCodec.encode(files.call("Get", arguments: [.string("config/b.conf")]) ?? .null) == #""b""#)
    #expect(try JSONCodec.encode(files.call("Get", arguments: [.string("nope")]) ?? .null) == #""""#)
    #expect(
      try JSONCodec.encode(files.call("Lines", arguments: [.string("config/a.conf")]) ?? .null)
        == #"["x=1","y=2"]"#)
    guard case .object(let glob)? = try files.call("Glob", arguments: [.string("config/*.conf")]),
      let globbed = glob as? FilesObject
    else {
      Issue.record("Glob did not return files")
      return
    }
    #expect(globbed.files.keys.sorted() == ["config/a.conf", "config/b.conf"])
    #expect(globbed.asSecrets() == "a.conf: eD0xCnk9Mgo=\nb.conf: Yg==")
  }

  @Test(
    "glob patterns follow gobwas/glob with / as separator",
    arguments: [
      ("*.conf", "a.conf", true), ("*.conf", "config/a.conf", false), ("**.conf", "config/a.conf", true),
      ("config/{a,b}.conf", "config/b.conf", true), ("config/[!a].conf", "config/a.conf", false),
    ])
  func glob(pattern: String, path: String, matches: Bool) {
    #expect(PathPattern.globMatch(pattern, path) == matches)
  }

  @Test("Capabilities answer Has and print the Kubernetes version")
  func capabilities() throws {
    let capabilities = Capabilities()
    guard case .object(let object) = capabilities.templateValue,
      case .object(let apiVersions)? = object.member("APIVersions"),
      case .object(let kube)? = object.member("KubeVersion")
    else {
      Issue.record("capabilities are not objects")
      return
    }
    #expect(try JSONCodec.encode(apiVersions.call("Has", arguments: [.string("apps/v1")]) ?? .null) == "true")
    #expect(
      try JSONCodec.encode(apiVersions.call("Has", arguments: [.string("monitoring.coreos.com/v1")]) ?? .null)
        == "false")
    #expect(kube.goDescription == "v1.36.0")
    #expect(try KubeVersion(parsing: "1.30").version == "v1.30.0")
  }
}
