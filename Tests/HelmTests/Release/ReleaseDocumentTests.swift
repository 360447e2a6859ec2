import Kubernetes
import Testing

@testable import Helm

@Suite("release documents")
struct ReleaseDocumentTests {
  @Test(
    "a template whose condition is off renders no object, as Helm skips it",
    arguments: [
      "", "\n\n", "  \n\t\n", "# Source: chart/templates/deployment.yaml\n\n", "\n# only a comment\n  \n",
    ])
  func blankDocuments(text: String) throws {
    #expect(try HelmReleaseEngine.object(text, source: "chart/templates/deployment.yaml") == nil)
  }

  @Test("a document with an object still parses")
  func objectDocument() throws {
    let text =
      "# Source: chart/templates/sa.yaml\napiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: op\n"
    let object = try #require(try HelmReleaseEngine.object(text, source: "chart/templates/sa.yaml"))
    #expect(object.kind == "ServiceAccount")
    #expect(object.name == "op")
  }
}
