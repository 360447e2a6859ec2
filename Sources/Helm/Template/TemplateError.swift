/// A template failed to parse or execute. `goMessage` is Go's text/template error text;
/// `description` is what Helm prints for it.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// Syntax error, unknown function, undefined variable.
    case parse = "template.parse"
    /// Error while executing: bad field access, function failure, `fail`, `required`.
    case execution = "template.execution"
    /// `execute` asked for a template name that was never parsed or defined.
    case undefinedTemplate = "template.undefined"
  }

  /// Stable error code.
  public var code: Code
  /// The error exactly as Go's text/template formats it (with Helm's warning markers).
  public var goMessage: String
  /// `name:line` (parse) or `name:line:col` (execution) of the outermost failing action.
  public var location: String?
  /// What a person can do about it.
  public var remedy: String?

  public init(code: Code, goMessage: String, location: String?, remedy: String? = nil) {
    self.code = code
    self.goMessage = goMessage
    self.location = location
    self.remedy = remedy
  }

  /// Marker pair Helm wraps around `required`/`fail` messages so they surface cleanly.
  static let warnStart = "HELM_ERR_START"
  static let warnEnd = "HELM_ERR_END"

  /// The message Helm shows: `parse error at (file:line): ...`, `execution error at
  /// (file:line:col): message` for `required`/`fail`, otherwise Go's text.
  public var helmMessage: String {
    switch code {
    case .parse:
      let tokens = goMessage.components(separatedBy: ": ")
      guard tokens.count > 1 else { return goMessage }
      return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
    case .execution:
      let tokens = goMessage.components(separatedBy: ": ", maxSplits: 2)
      guard tokens.count == 3 else { return goMessage }
      if let warning = TemplateError.warning(in: tokens[2]) {
        return "execution error at (\(tokens[1])): \(warning)"
      }
      return goMessage
    case .undefinedTemplate:
      return goMessage
    }
  }

  /// Helm's `HELM_ERR_START(.*)HELM_ERR_END` match: `.` stops at a newline, `*` is greedy.
  static func warning(in text: String) -> String? {
    guard let start = text.firstRange(of: warnStart) else { return nil }
    let rest = text[start.upperBound...]
    let line = rest.prefix { $0 != "\n" }
    var best: Substring.Index? = nil
    var search = line[...]
    while let range = search.firstRange(of: warnEnd) {
      best = range.lowerBound
      search = search[range.upperBound...]
    }
    guard let best else { return nil }
    return String(line[..<best])
  }

  public var description: String { helmMessage }
}

extension String {
  /// `strings.SplitN(s, sep, maxSplits+1)` without Foundation.
  func components(separatedBy separator: String, maxSplits: Int = Int.max) -> [String] {
    var parts: [String] = []
    var rest = self[...]
    while parts.count < maxSplits, let range = rest.firstRange(of: separator) {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}
