import Foundation
import Testing

@testable import Helm

/// One golden case: `../shared/testdata/helm/<chart>-<version>/<case>/`.
struct GoldenCase: CustomTestStringConvertible, Sendable {
  let chartVersion: String
  let name: String
  let directory: URL

  var testDescription: String { "\(chartVersion)/\(name)" }

  /// Every case on disk, discovered when the tests run.
  static var all: [GoldenCase] {
    let root = SharedData.root.appendingPathComponent("testdata/helm")
    let fm = FileManager.default
    var cases: [GoldenCase] = []
    for version in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
      let versionDir = root.appendingPathComponent(version)
      for name in ((try? fm.contentsOfDirectory(atPath: versionDir.path)) ?? []).sorted() {
        let dir = versionDir.appendingPathComponent(name)
        if fm.fileExists(atPath: dir.appendingPathComponent("rendered.json").path) {
          cases.append(GoldenCase(chartVersion: version, name: name, directory: dir))
        }
      }
    }
    return cases
  }
}

/// Counts byte-identical documents across all golden cases (printed once at the end).
actor GoldenTally {
  static let shared = GoldenTally()
  var identical = 0
  var total = 0
  var cases = 0

  func add(identical: Int, total: Int) -> (Int, Int, Int) {
    self.identical += identical
    self.total += total
    cases += 1
    return (self.identical, self.total, cases)
  }
}

@Suite("golden renders from real Helm")
struct GoldenRenderTests {
  @Test("renders like Helm", arguments: GoldenCase.all)
  func rendersLikeHelm(golden: GoldenCase) async throws {
    let chartPath = SharedData.charts.appendingPathComponent("\(golden.chartVersion).tgz").path
    let release =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: golden.directory.appendingPathComponent("release.json"))) as! [String: Any]
    let expected =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: golden.directory.appendingPathComponent("rendered.json"))) as! [String: Any]
    let values = try ValueOptions(valueFiles: [golden.directory.appendingPathComponent("values.yaml").path])
      .merged(read: ValueOptions.readFromDisk)
    let options = RenderOptions(
      release: ReleaseOptions(
        name: release["name"] as? String ?? "release-name",
        namespace: release["namespace"] as? String ?? "default",
        revision: release["revision"] as? Int ?? 1, isInstall: release["is_install"] as? Bool ?? true))
    let chart = try ChartLoader.load(path: chartPath)
    let outcome = Result { () throws(HelmError) -> RenderResult in
      try ChartRenderer(options: options).render(chart, values: values)
    }
    guard expected["ok"] as? Bool == true else {
      let error = try #require(expected["error"] as? String)
      switch outcome {
      case .success: Issue.record("Helm failed with \(error) but eks-spark rendered")
      case .failure(let failure): #expect(failure.message == error)
      }
      return
    }
    let result = try outcome.get()
    let manifests = try #require(expected["manifests"] as? [String: String])
    var ours = result.templates
    if let notes = result.notes { ours[chart.name + "/templates/NOTES.txt"] = notes }
    #expect(Set(ours.keys) == Set(manifests.keys))
    var identical = 0
    var total = 0
    var identicalTemplates = 0
    for (path, helmText) in manifests.sorted(by: { $0.key < $1.key }) {
      guard let ourText = ours[path] else { continue }
      if ourText == helmText { identicalTemplates += 1 }
      let helmDocs = ManifestSorting.split(helmText)
      let ourDocs = ManifestSorting.split(ourText)
      #expect(ourDocs.count == helmDocs.count, "\(path): document count")
      for (helmDoc, ourDoc) in zip(helmDocs, ourDocs) {
        total += 1
        if helmDoc == ourDoc { identical += 1 }
        let same = try YAMLEquality.equal(helmDoc, ourDoc)
        #expect(same, "\(path) differs:\n--- helm\n\(helmDoc)\n--- eks-spark\n\(ourDoc)")
      }
    }
    let (allIdentical, allTotal, cases) = await GoldenTally.shared.add(identical: identical, total: total)
    print(
      "golden \(golden.testDescription): \(identicalTemplates)/\(manifests.count) templates and "
        + "\(identical)/\(total) documents byte-identical "
        + "(running total \(allIdentical)/\(allTotal) over \(cases) rendering cases)")
  }
}

/// YAML documents compared as data (YAML → JSON-like values), as the issue's bar asks.
enum YAMLEquality {
  static func equal(_ a: String, _ b: String) throws -> Bool {
    same(try GoYAMLDecoder.decode(a), try GoYAMLDecoder.decode(b))
  }

  static func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.map(let x), .map(let y)):
      return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
    default: return false
    }
  }
}
