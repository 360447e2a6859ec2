import YAML

/// Shared state of one decode: the problems found, the source map, the reference values.
final class DecodeContext {
  let file: String
  var problems: [StackProblem] = []
  var sourceMap = SourceMap()
  var references = ReferenceResolver()
  /// While set, only these references may be used (see `ReferenceResolver.resolve`).
  var allowedReferences: Set<String>?

  init(file: String) {
    self.file = file
  }

  func error(_ code: StackProblem.Code, _ message: String, at mark: Mark?, hint: String? = nil) {
    problems.append(StackProblem(.error, code, message, file: file, mark: mark, hint: hint))
  }

  func warning(_ code: StackProblem.Code, _ message: String, at mark: Mark?, hint: String? = nil) {
    problems.append(StackProblem(.warning, code, message, file: file, mark: mark, hint: hint))
  }

  /// A scalar's text with references resolved; problems point at the `${` when the scalar
  /// sits on one line (so the column is exact), at the scalar otherwise.
  func resolvedText(_ node: YAMLNode) -> String {
    guard let scalar = node.scalar else { return "" }
    let (text, problems) = references.resolve(scalar.text, allowed: allowedReferences)
    for problem in problems {
      var mark = node.mark
      switch scalar.style {
      case .plain: mark.column += problem.offset
      case .singleQuoted, .doubleQuoted: mark.column += problem.offset + 1
      case .literal, .folded: break
      }
      if scalar.text.contains("\n") { mark = node.mark }
      error(.unresolvedReference, problem.message, at: mark, hint: problem.hint)
    }
    return text
  }
}
