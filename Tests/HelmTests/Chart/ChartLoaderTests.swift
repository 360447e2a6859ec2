import Foundation
import TestSupport
import Testing

@testable import Helm

@Suite("chart loading")
struct ChartLoaderTests {
  @Test("loads every shared chart package", arguments: SharedData.chartVersions)
  func loadsPackages(file: String) throws {
    let chart = try ChartLoader.load(path: SharedData.charts.appendingPathComponent(file).path)
    #expect(chart.name == "spark-operator")
    #expect(file == "spark-operator-\(chart.metadata.version).tgz")
    #expect(chart.templates.contains { $0.path == "templates/_helpers.tpl" })
    #expect(!chart.crdFiles().isEmpty)
    #expect(chart.files.allSatisfy { !$0.path.hasPrefix("templates/") })
    guard case .map(let image)? = chart.values["image"] else {
      Issue.record("values.yaml has no image map")
      return
    }
    #expect(image["pullPolicy"] != nil)
  }

  @Test("loads a directory with .helmignore and a subchart directory")
  func loadsDirectory() throws {
    let root = try TemporaryDirectory()
    defer { root.remove() }
    let files = [
      "Chart.yaml":
        "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: child\n  version: 1.0.0\n  condition: child.enabled\n",
      "values.yaml": "replicas: 2\n",
      ".helmignore": "*.bak\nsecret/\n",
      "templates/a.yaml": "a: {{ .Values.replicas }}\n",
      "templates/.hidden.yaml": "hidden\n",
      "notes.bak": "ignored",
      "secret/key": "ignored",
      "config/app.conf": "x=1\n",
      "charts/child/Chart.yaml": "apiVersion: v2\nname: child\nversion: 1.0.0\n",
      "charts/child/templates/b.yaml": "b: 1\n",
    ]
    try root.write(files: files)
    let chart = try ChartLoader.load(path: root.path)
    #expect(chart.templates.map(\.path) == ["templates/a.yaml"])
    #expect(Set(chart.files.map(\.path)) == [".helmignore", "config/app.conf"])
    #expect(chart.dependencies.map(\.name) == ["child"])
    #expect(chart.metadata.dependencies.first?.condition == "child.enabled")
  }

  @Test("rejects a Chart.yaml without a version")
  func missingVersion() {
    let files = [ChartFile(path: "Chart.yaml", data: Array("apiVersion: v2\nname: x\n".utf8))]
    #expect(throws: HelmError.self) { try ChartLoader.loadFiles(files) }
  }

  @Test(
    "helmignore follows filepath.Match rules",
    arguments: [
      ("*.txt", "a/b/c.txt", false, true), ("/a/*.txt", "a/c.txt", false, true),
      ("/a/*.txt", "b/a/c.txt", false, false),
      ("docs/", "docs", true, true), ("docs/", "docs", false, false), ("[a-c]?.md", "b1.md", false, true),
    ])
  func helmignore(rule: String, path: String, isDirectory: Bool, ignored: Bool) throws {
    let ignore = try HelmIgnore(parsing: rule)
    #expect(ignore.ignores(path, isDirectory: isDirectory) == ignored)
  }
}
