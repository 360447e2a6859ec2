/// The one error type of the YAML module: a syntax error from libyaml, a duplicate key, an
/// undefined alias or a bad merge, each with the file and position it refers to.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
  /// A stable code for scripts and tests.
  public enum Code: String, Sendable, Hashable {
    /// libyaml could not scan or parse the text.
    case syntax = "yaml.syntax"
    /// A mapping has the same key twice.
    case duplicateKey = "yaml.duplicate-key"
    /// `*name` refers to an anchor that was never defined.
    case undefinedAlias = "yaml.undefined-alias"
    /// A `<<` merge key whose value is not a mapping or a sequence of mappings.
    case invalidMerge = "yaml.invalid-merge"
    /// The text is not valid UTF-8 or the nesting is too deep.
    case invalidInput = "yaml.invalid-input"
    /// Aliases stand for more nodes than any real document needs (an alias bomb).
    case excessiveAliasing = "yaml.excessive-aliasing"
  }

  public var code: Code
  /// What is wrong, lowercase, without the location.
  public var message: String
  /// The file name used in messages (as the caller passed it).
  public var file: String
  /// Where the problem is.
  public var mark: Mark
  /// A second position that matters (for a duplicate key: where the key first appeared).
  public var relatedMark: Mark?
  /// What a person can do about it.
  public var hint: String?

  public init(
    code: Code, message: String, file: String, mark: Mark, relatedMark: Mark? = nil, hint: String? = nil
  ) {
    self.code = code
    self.message = message
    self.file = file
    self.mark = mark
    self.relatedMark = relatedMark
    self.hint = hint
  }

  /// `file:line:col: message`, as compilers print it.
  public var description: String { "\(file):\(mark): \(message)" }
}
