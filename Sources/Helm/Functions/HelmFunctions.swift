/// Helm's own template functions (pkg/engine): include, tpl, required, fail, lookup and the
/// serialisers (`toYaml` and friends live in `HelmFunctions+Serialization.swift`).
enum HelmFunctions {
  static let core: [String: TemplateFunction] = [
    "include": TemplateFunction(arity: 2) { call in
      .string(try call.context.include(try call.string(0), data: call[1]))
    },
    "tpl": TemplateFunction(arity: 2) { call in
      .string(try call.context.tpl(try call.string(0), values: call[1]))
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

  /// Helm's `tpl` (3.13+ and v4): parses `text` as the template "gotpl" in a copy of the
  /// render's templates and executes it with `values` as dot; include counts are shared.
  func tpl(_ text: String, values: Value) throws -> String {
    var copy = set
    do {
      try copy.parse(name: "gotpl", text: text)
    } catch {
      throw FunctionError("cannot parse template \(GoQuote.quote(text)): \(error.goMessage)")
    }
    let nested = ExecutionContext(set: copy, options: options)
    nested.includeCounts = includeCounts
    defer { includeCounts = nested.includeCounts }
    do {
      let output = try nested.executeTemplate(name: "gotpl", data: values)
      return output.replacingOccurrences("<no value>", with: "")
    } catch {
      throw FunctionError(
        "error during tpl function execution for \(GoQuote.quote(text)): \(error.goMessage)")
    }
  }
}
