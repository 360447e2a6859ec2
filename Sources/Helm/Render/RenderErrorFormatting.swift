/// Helm's `reformatExecErrorMsg`: template execution errors as `helm template` prints them.
///
/// `fail` and `required` messages (wrapped in Helm's warning markers by those functions) become
/// `execution error at (file:line:col): message`; other execution errors become Helm v4's
/// trace (`file:line:col` / `executing "name" at <node>:` / message, one block per
/// `include` level); an error from inside a function other than `include`/`tpl` is kept as
/// Go printed it, as Helm does when the wrapped cause is not a template error.
enum RenderErrorFormatting {
  static func executionError(_ name: String, _ error: any Error) -> HelmError {
    guard let error = error as? TemplateError else {
      return HelmError(.render, "execution error in (\(name)): \(error)")
    }
    let text = error.goMessage
    let message = error.code == .parse ? error.helmMessage : format(name, text)
    return HelmError(.render, message, remedy: error.remedy ?? hint(for: text), cause: text)
  }

  static func format(_ name: String, _ text: String) -> String {
    let tokens = text.split(separator: ": ", maxSplits: 2, omittingEmptySubsequences: false)
    guard tokens.count == 3 else { return "execution error in (\(name)): \(text)" }
    if let warning = TemplateError.warning(in: String(tokens[2])) {
      return "execution error at (\(tokens[1])): \(warning)"
    }
    return trace(text) ?? text
  }

  /// The blocks of a `template: loc: executing "name" at <node>: message` chain, or nil
  /// when a link is not a template error (Helm then returns the error unchanged).
  static func trace(_ text: String) -> String? {
    if text.hasPrefix("template: no template ") { return text }
    guard text.hasPrefix("template: ") else { return nil }
    let rest = text.dropFirst("template: ".count)
    guard let locationEnd = rest.firstRange(of: ": executing ") else { return nil }
    let location = rest[..<locationEnd.lowerBound]
    let afterExecuting = rest[locationEnd.upperBound...]
    guard let atRange = afterExecuting.firstRange(of: " at <") else { return nil }
    let function = afterExecuting[..<atRange.lowerBound]
    let afterAt = afterExecuting[atRange.upperBound...]
    guard let nodeEnd = afterAt.firstRange(of: ">: ") else { return nil }
    let node = afterAt[..<nodeEnd.lowerBound]
    var message = String(afterAt[nodeEnd.upperBound...])
    var nested: String?
    if let inner = message.firstRange(of: " template: ") {
      nested = String(message[message.index(after: inner.lowerBound)...])
      message = String(message[..<inner.lowerBound])
    } else if message.hasPrefix("error calling ") {
      return nil  // the cause is a plain error from inside a function
    }
    var block = "\(location)\n  executing \(function) at <\(node)>:\n    \(message)"
    if let nested {
      guard let innerTrace = trace(nested) else { return nil }
      block += "\n" + innerTrace
    }
    return block
  }

  static func hint(for text: String) -> String? {
    if text.contains("nil pointer evaluating") {
      return "a parent key of this value is missing; set it in your values or guard it with `if`/`with`"
    }
    if text.contains(TemplateError.warnStart) {
      return "the chart rejected these values; change the values named in the message"
    }
    return nil
  }
}
