import Foundation
import Testing

@testable import Helm

@Test("docs/helm.md lists every function the engine provides")
func docsListEveryFunction() throws {
  let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/helm.md")
  let text = try String(contentsOf: docs, encoding: .utf8)
  let missing = FunctionTable.helm.functions.keys.sorted().filter { !text.contains("`\($0)`") }
  #expect(missing == [])
}

@Test("the functions the spark-operator charts use are all defined")
func chartFunctionsDefined() {
  let used = [
    "include", "nindent", "toYaml", "default", "not", "quote", "trunc", "trimSuffix", "has", "printf", "or",
    "fail",
    "int", "ne", "dict", "trim", "and", "le", "required", "set", "list", "join", "mergeOverwrite", "gt",
    "fromYaml",
    "replace", "contains", "toJson", "toString", "len", "index", "semverCompare", "kindIs", "indent", "eq",
  ]
  #expect(used.filter { FunctionTable.helm[$0] == nil } == [])
}
