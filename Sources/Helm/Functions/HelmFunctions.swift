/// Helm's own template functions (pkg/engine): include, tpl, required, fail, lookup and the
/// serialisers (`toYaml` and friends live in `HelmFunctions+Serialization.swift`).
enum HelmFunctions {
  static let core: [String: TemplateFunction] = [
    "include": TemplateFunction(arity: 2) { call in
      .string(try call.context.include(try call.string(0), data: call[1]))
    },
    "tpl": TemplateFunction(arity: 2) { call in
      let text = try call.string(0)
      guard case .map(let values) = call[1] else {
        throw ArgumentTypeError(index: 1, expected: "chartutil.Values")
      }
      return .string(try call.context.tpl(text, values: values))
    },
    "required": TemplateFunction(arity: 2) { call in
      let warning = try call.string(0)
      switch call[1] {
      case .null, .string(""):
        if call.options.lintMode { return .string("") }
        throw FunctionError(TemplateError.warnStart + warning + TemplateError.warnEnd)
      default:
        return call[1]
      }
    },
    "fail": TemplateFunction(arity: 1) { call in
      throw FunctionError(TemplateError.warnStart + (try call.string(0)) + TemplateError.warnEnd)
    },
    // Offline rendering (helm template) has no cluster: lookup finds nothing.
    "lookup": TemplateFunction(arity: 4) { call in
      for index in 0..<4 { _ = try call.string(index) }
      return .map([:])
    },
  ]
}

extension ExecutionContext {
  /// Helm's `include`: executes a named template into a string, limiting nesting of one name.
  func include(_ name: String, data: Value) throws -> String {
    if let count = includeCounts[name] {
      if count > options.includeDepthLimit {
        throw FunctionError(
          "rendering template has a nested reference name: \(name): unable to execute template")
      }
      includeCounts[name] = count + 1
    } else {
      includeCounts[name] = 1
    }
    defer { includeCounts[name, default: 1] -= 1 }
    return try executeTemplate(name: name, data: data)
  }

  /// Helm's `tpl`: parses `text` as the current template name within a copy of the chart's
  /// templates and renders it with `values` (which must carry `Template.Name`/`BasePath`).
  func tpl(_ text: String, values: [String: Value]) throws -> String {
    guard case .map(let template)? = values["Template"], case .string? = template["BasePath"] else {
      throw FunctionError(
        "cannot retrieve Template.Basepath from values inside tpl function: \(text): \"BasePath\" is not a value"
      )
    }
    guard case .string(let name)? = template["Name"] else {
      throw FunctionError(
        "cannot retrieve Template.Name from values inside tpl function: \(text): \"Name\" is not a value")
    }
    var copy = set
    do {
      try copy.parse(name: name, text: text)
      let nested = ExecutionContext(set: copy, options: options)
      let output = try nested.executeTemplate(name: name, data: .map(values))
      return output.replacingOccurrences("<no value>", with: "")
    } catch let error as TemplateError {
      throw FunctionError(
        "error during tpl function execution for \(GoQuote.quote(text)): \(error.helmMessage)")
    }
  }
}
