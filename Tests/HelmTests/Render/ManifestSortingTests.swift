import Testing

@testable import Helm

@Suite("manifest splitting and install order")
struct ManifestSortingTests {
  @Test("splits documents on --- lines and drops empty ones")
  func splits() {
    let text = "\n\n---\n# only a comment\n---\na: 1\n---   \nb: 2\n  ---\n---\n"
    #expect(ManifestSorting.split(text) == ["# only a comment", "a: 1", "b: 2\n  ---"])
  }

  @Test("sorts by Helm's InstallOrder, unknown kinds last, hooks apart")
  func sorts() throws {
    let templates = [
      "c/templates/a.yaml": "kind: Deployment\nmetadata: {name: d}\n---\nkind: Zebra\nmetadata: {name: z}\n",
      "c/templates/b.yaml":
        "kind: ServiceAccount\nmetadata: {name: sa}\n---\nkind: Apple\nmetadata: {name: ap}\n",
      "c/templates/c.yaml": "kind: Namespace\nmetadata: {name: ns}\n",
      "c/templates/h.yaml":
        "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install,post-upgrade\n    helm.sh/hook-weight: \"-5\"\n",
    ]
    let (manifests, hooks) = try ManifestSorting.sort(templates)
    #expect(manifests.map(\.name) == ["ns", "sa", "d", "ap", "z"])
    #expect(hooks.map(\.name) == ["j"])
    #expect(hooks.first?.events == ["pre-install", "post-upgrade"])
    #expect(hooks.first?.weight == -5)
  }
}
