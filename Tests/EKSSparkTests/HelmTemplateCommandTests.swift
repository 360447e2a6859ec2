import Foundation
import TestSupport
import Testing

@Suite("eks-spark helm template")
struct HelmTemplateCommandTests {
  /// A small chart on disk: a hook, two kinds out of install order, a subchart, a CRD, notes.
  static func makeChart() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "helm-cmd-\(UUID().uuidString)/demo")
    let files = [
      "Chart.yaml": "apiVersion: v2\nname: demo\nversion: 0.2.0\nappVersion: \"1.0\"\n",
      "values.yaml": "replicas: 1\nname: web\nglobal:\n  team: data\n",
      "templates/deploy.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-{{ .Values.name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  replicas: {{ .Values.replicas }}\n",
      "templates/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Values.name }}\n",
      "templates/hook.yaml":
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    \"helm.sh/hook\": pre-install\n",
      "templates/NOTES.txt": "installed {{ .Release.Name }}\n",
      "templates/_helpers.tpl": "{{ define \"demo.x\" }}x{{ end }}\n",
      "crds/thing.yaml":
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.demo.io\n",
      "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
      "charts/sub/templates/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub-{{ .Values.global.team }}\n",
    ]
    try TemporaryDirectory(url: root).write(files: files)
    return root
  }

  @Test("--help shows examples")
  func help() throws {
    let result = try BinaryRunner.run(["helm", "template", "--help"])
    #expect(result.status == 0)
    #expect(result.stdout.contains("Examples:"))
    #expect(result.stdout.contains("--set-json"))
  }

  @Test("prints documents in install order with Source headers, hooks last, CRDs on request")
  func rendersDirectory() throws {
    let chart = try Self.makeChart()
    defer { try? FileManager.default.removeItem(at: chart.deletingLastPathComponent()) }
    let result = try BinaryRunner.run([
      "helm", "template", chart.path, "--name", "web1", "-n", "apps", "--set", "replicas=3", "--include-crds",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let expected = """
      ---
      # Source: demo/crds/thing.yaml
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata:
        name: things.demo.io

      ---
      # Source: demo/templates/sa.yaml
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: web
      ---
      # Source: demo/charts/sub/templates/cm.yaml
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: sub-data
      ---
      # Source: demo/templates/deploy.yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web1-web
        namespace: apps
      spec:
        replicas: 3
      ---
      # Source: demo/templates/hook.yaml
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
        annotations:
          "helm.sh/hook": pre-install

      """
    #expect(result.stdout == expected)
  }

  @Test("fails like Helm with a hint for a bad --set")
  func badSet() throws {
    let chart = try Self.makeChart()
    defer { try? FileManager.default.removeItem(at: chart.deletingLastPathComponent()) }
    let result = try BinaryRunner.run(["helm", "template", chart.path, "--set", "replicas"])
    #expect(result.status == 1)
    #expect(
      result.stderr.hasPrefix("error: failed parsing --set data: key \"replicas\" has no value\n  hint: "))
  }

  @Test("picks a version from a repository and reports unknown ones with the nearest")
  func repository() throws {
    let repo =
      "file://"
      + BinaryRunner.repositoryRoot.appendingPathComponent("../shared/charts/spark-operator").standardized
      .path
    let missing = try BinaryRunner.run([
      "helm", "template", "spark-operator", "--repo", repo, "--version", "3.0.0",
    ])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("version \"3.0.0\" not found"))
    #expect(missing.stderr.contains("nearest versions: 2.4.0"))
  }
}

@Suite("eks-spark helm template kubeVersion")
struct HelmTemplateKubeVersionTests {
  @Test("refuses a chart whose kubeVersion excludes --kube-version")
  func kubeVersion() throws {
    let chart = try HelmTemplateCommandTests.makeChart()
    defer { try? FileManager.default.removeItem(at: chart.deletingLastPathComponent()) }
    let chartYAML = chart.appendingPathComponent("Chart.yaml")
    try "apiVersion: v2\nname: demo\nversion: 0.2.0\nkubeVersion: \">=1.30.0-0\"\n".write(
      to: chartYAML, atomically: true, encoding: .utf8)
    let old = try BinaryRunner.run(["helm", "template", chart.path, "--kube-version", "1.29"])
    #expect(old.status == 1)
    #expect(
      old.stderr.hasPrefix(
        "error: chart requires kubeVersion: >=1.30.0-0 which is incompatible with Kubernetes v1.29.0"))
    let current = try BinaryRunner.run(["helm", "template", chart.path])
    #expect(current.status == 0)
  }

  @Test(
    "when several templates fail, the one Helm executes first is reported (deepest path, then reverse name order)"
  )
  func firstFailureInHelmOrder() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(files: [
      "q/Chart.yaml": "apiVersion: v2\nname: q\nversion: 0.1.0\n",
      "q/templates/a.yaml": "{{ fail \"from a\" }}\n", "q/templates/b.yaml": "{{ fail \"from b\" }}\n",
      "q/templates/sub/c.yaml": "{{ fail \"from c\" }}\n",
    ])
    let root = directory.url.appendingPathComponent("q")
    let nested = try BinaryRunner.run(["helm", "template", root.path])
    #expect(nested.status == 1)
    #expect(nested.stderr.hasPrefix("error: execution error at (q/templates/sub/c.yaml:1:3): from c"))
    try FileManager.default.removeItem(at: root.appendingPathComponent("templates/sub"))
    let flat = try BinaryRunner.run(["helm", "template", root.path])
    #expect(flat.stderr.hasPrefix("error: execution error at (q/templates/b.yaml:1:3): from b"))
  }
}
