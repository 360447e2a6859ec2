/// A set of named templates that can call each other: Go's `*template.Template` with its
/// associated templates, as Helm builds one per render from every file of a chart.
public struct TemplateSet: Sendable {
  var trees: [String: Tree] = [:]
  /// The functions templates may call; parsing rejects any other name.
  public let functions: FunctionTable

  public init(functions: FunctionTable = .helm) {
    self.functions = functions
  }

  /// Parses `text` as the template `name` (a file) and adds it with its `{{define}}`s and
  /// `{{block}}`s. A later definition replaces an earlier one of the same name, except that
  /// an empty definition does not replace a non-empty one (Go's rule).
  public mutating func parse(name: String, text: String) throws(TemplateError) {
    let parsed = try Parser.parse(name: name, text: text, functions: functions)
    for tree in parsed {
      if let existing = trees[tree.name], tree.isEmpty, !existing.isEmpty, tree.name != name { continue }
      trees[tree.name] = tree
    }
  }

  /// Runs the template `name` with `data` as dot and `$`, returning its output with Helm's
  /// `<no value>` removal applied (unless `options.removeNoValue` is false).
  public func execute(name: String, data: Value, options: ExecutionOptions = .init()) throws(TemplateError)
    -> String
  {
    let context = ExecutionContext(set: self, options: options)
    var output = try context.executeTemplate(name: name, data: data)
    if options.removeNoValue { output = output.replacingOccurrences("<no value>", with: "") }
    return output
  }

  /// The names of all templates (files and definitions), sorted.
  public var names: [String] { trees.keys.sorted() }

  /// Whether a template of this name exists.
  public func contains(_ name: String) -> Bool { trees[name] != nil }
}

/// State shared by one top-level execution and everything it includes.
final class ExecutionContext {
  var set: TemplateSet
  let options: ExecutionOptions
  /// Helm's per-render count of active `include`s by template name.
  var includeCounts: [String: Int] = [:]
  /// Where recursion must stop to leave the thread's stack some room.
  let stackLimit = StackGuard.limit()

  init(set: TemplateSet, options: ExecutionOptions) {
    self.set = set
    self.options = options
  }

  /// Go's `ExecuteTemplate`: a fresh state whose `$` is `data`.
  func executeTemplate(name: String, data: Value) throws(TemplateError) -> String {
    guard let tree = set.trees[name] else {
      throw TemplateError(
        code: .undefinedTemplate,
        goMessage: "template: no template \(GoQuote.quote(name)) associated with template \"gotpl\"",
        location: nil, remedy: "define the template or check the name passed to include")
    }
    var output = ""
    output.reserveCapacity(256)
    let executor = Executor(context: self, tree: tree, dot: data)
    try executor.run(tree: tree, dot: data, into: &output)
    return output
  }
}
