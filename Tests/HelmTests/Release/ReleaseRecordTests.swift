import Foundation
import Kubernetes
import Testing

@testable import Helm

@Suite("release records as Helm stores them")
struct ReleaseRecordTests {
  static let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".venv/bin/python3").path
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")

  static let inputs: [[UInt8]] = [
    [], Array("a".utf8), Array("abcabcabcabc".utf8),
    Array(String(repeating: "spark-operator ", count: 5000).utf8),
    (0..<70000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) },
  ]

  @Test("gzip output inflates back to its input", arguments: inputs)
  func gzipRoundTrip(input: [UInt8]) throws {
    let packed = Deflate.gzip(input)
    #expect(try Inflate.gunzip(packed) == input)
    #expect(Array(packed.prefix(3)) == [0x1f, 0x8b, 0x08])
  }

  @Test("gzip compresses repetitive text well")
  func gzipShrinks() {
    let text = Array(String(repeating: "kind: Deployment\nmetadata:\n  name: x\n", count: 200).utf8)
    #expect(Deflate.gzip(text).count < text.count / 20)
  }

  @Test(
    "Python's gzip module reads our gzip, CRC included",
    .enabled(if: FileManager.default.isExecutableFile(atPath: python), "the shared .venv is missing"))
  func pythonReadsGzip() throws {
    let input = Array(String(repeating: "release-json-\u{00e9}-", count: 3000).utf8) + [0, 255, 7]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [
      "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))",
    ]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(Deflate.gzip(input)))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect([UInt8](output) == input)
  }

  func sample() -> HelmRelease {
    HelmRelease(
      name: "spark-operator", namespace: "spark-operator", version: 3,
      info: ReleaseInfo(
        firstDeployed: "2026-05-28T20:26:40.25Z", lastDeployed: "2026-05-28T20:30:00Z",
        description: "Upgrade complete", status: .deployed, notes: "hello"),
      chart: HelmRelease.chartValue(ReleaseTestCharts.chart(version: "2.4.0")),
      config: ["webhook": .map(["enable": .bool(false)])],
      manifest: "---\n# Source: demo/templates/a.yaml\nkind: ConfigMap\n",
      hooks: [
        ReleaseHook(
          name: "init", kind: "Job", path: "demo/templates/hook.yaml", manifest: "kind: Job",
          events: ["pre-install"],
          weight: -5, deletePolicies: ["hook-succeeded"])
      ], labels: ["team": "data"])
  }

  @Test("the Secret is named, typed and labelled as Helm's driver writes it")
  func secretShape() throws {
    let secret = ReleaseSecret.encode(sample(), createdAt: 1_780_000_000)
    #expect(secret.name == "sh.helm.release.v1.spark-operator.v3")
    #expect(secret.namespace == "spark-operator")
    #expect(secret.tree.text(at: ["type"]) == "helm.sh/release.v1")
    #expect(
      secret.metadata.labels == [
        "name": "spark-operator", "owner": "helm", "status": "deployed", "version": "3",
        "createdAt": "1780000000",
        "team": "data",
      ])
    // Secret data is base64 in the API, of Helm's base64(gzip(json)).
    let field = try #require(secret.tree.text(at: ["data", "release"]))
    let record = try #require(Data(base64Encoded: field))
    let gz = try #require(Data(base64Encoded: record))
    let json = try JSONSerialization.jsonObject(with: Data(try Inflate.gunzip([UInt8](gz)))) as? [String: Any]
    let root = try #require(json)
    #expect(
      Set(root.keys) == [
        "name", "info", "chart", "config", "manifest", "hooks", "version", "namespace", "apply_method",
      ])
    #expect(root["apply_method"] as? String == "ssa")
    let info = try #require(root["info"] as? [String: Any])
    #expect(Set(info.keys) == ["first_deployed", "last_deployed", "description", "status", "notes"])
    let chart = try #require(root["chart"] as? [String: Any])
    #expect(
      Set(chart.keys) == ["metadata", "lock", "templates", "values", "schema", "schemamodtime", "files"])
    let hook = try #require((root["hooks"] as? [[String: Any]])?.first)
    #expect(
      Set(hook.keys) == [
        "name", "kind", "path", "manifest", "events", "last_run", "weight", "delete_policies",
      ])
    #expect(hook["last_run"] as? [String: String] == ["phase": ""])
    let files = try #require(chart["files"] as? [[String: String]])
    #expect(files.first?["name"] == "crds/widgets.yaml")
    #expect(
      Data(base64Encoded: files.first?["data"] ?? "").map { String(decoding: $0, as: UTF8.self) }
        == ReleaseTestCharts.crd)
  }

  @Test("a record decodes back to the same release")
  func roundTrip() throws {
    let original = sample()
    let decoded = try ReleaseSecret.decode(ReleaseSecret.encode(original, modifiedAt: 5))
    #expect(decoded.json == original.json)
    #expect(decoded.labels == ["team": "data"])
    #expect(decoded.hooks == original.hooks)
    #expect(decoded.info == original.info)
    #expect(decoded.chartVersion == "2.4.0")
  }

  @Test("a record that is not Helm's is refused with a reason")
  func refusesForeignSecret() throws {
    var secret = ReleaseSecret.encode(sample())
    secret.tree.set(.string("Opaque"), at: ["type"])
    #expect(throws: HelmError.self) { try ReleaseSecret.decode(secret) }
    secret = ReleaseSecret.encode(sample())
    secret.tree.set(.string("bm90IGpzb24="), at: ["data", "release"])
    let error = #expect(throws: HelmError.self) { try ReleaseSecret.decode(secret) }
    #expect(error?.code == .release)
  }
}
