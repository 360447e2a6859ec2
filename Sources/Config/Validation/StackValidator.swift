import YAML

/// The semantic rules of a stack: addresses, ARNs, names and their derived forms, versions,
/// quantities, schedules and cross-references. Each problem points at the value that
/// causes it (or, for a defaulted value, at the section that implied it).
struct StackValidator {
  let stack: Stack
  let sourceMap: SourceMap
  let file: String
  let baseDirectory: String
  let pathExists: @Sendable (String) -> Bool
  private(set) var problems: [StackProblem] = []
  /// Warnings about values the user did not write (defaults); shown only for a valid stack,
  /// where they are news rather than noise.
  private(set) var defaultWarnings: [StackProblem] = []
  /// False once the prefix is reported invalid: names derived from it are not reported again.
  var prefixIsValid = true

  init(
    stack: Stack, sourceMap: SourceMap, file: String, baseDirectory: String,
    pathExists: @escaping @Sendable (String) -> Bool
  ) {
    self.stack = stack
    self.sourceMap = sourceMap
    self.file = file
    self.baseDirectory = baseDirectory
    self.pathExists = pathExists
  }

  mutating func run() {
    checkMetadata()
    checkNetwork()
    checkAccess()
    checkCluster()
    checkOperator()
    checkOperatorValues()
    checkServiceAccounts()
    checkDataLake()
    checkImages()
    checkJobs()
  }

  static let dnsHint =
    "Kubernetes names are lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters"

  static let labelKeyHint =
    "a label key is an optional DNS prefix and '/', then a name of at most 63 letters, digits, '.', '_' and '-' (app.kubernetes.io/name)"

  static let labelValueHint =
    "a label value is at most 63 letters, digits, '.', '_' and '-', starting and ending with a letter or digit; use an annotation for free text"

  mutating func error(_ code: StackProblem.Code, _ message: String, at path: String, hint: String? = nil) {
    problems.append(
      StackProblem(.error, code, message, file: file, mark: sourceMap.mark(for: path), hint: hint))
  }

  /// A warning at a position inside free-form values, which the source map does not record.
  mutating func warning(_ code: StackProblem.Code, _ message: String, mark: Mark, hint: String) {
    problems.append(StackProblem(.warning, code, message, file: file, mark: mark, hint: hint))
  }

  /// An error about a key itself (a name the user chose), pointing at the key, not its value.
  mutating func keyError(_ code: StackProblem.Code, _ message: String, at path: String, hint: String? = nil) {
    problems.append(
      StackProblem(.error, code, message, file: file, mark: sourceMap.keyMark(for: path), hint: hint))
  }

  mutating func defaultWarning(_ code: StackProblem.Code, _ message: String, at path: String, hint: String) {
    defaultWarnings.append(
      StackProblem(.warning, code, message, file: file, mark: sourceMap.mark(for: path), hint: hint))
  }

  mutating func warning(_ code: StackProblem.Code, _ message: String, at path: String, hint: String? = nil) {
    problems.append(
      StackProblem(.warning, code, message, file: file, mark: sourceMap.mark(for: path), hint: hint))
  }

  /// A warning about a key itself, pointing at the key.
  mutating func keyWarning(_ code: StackProblem.Code, _ message: String, at path: String, hint: String? = nil)
  {
    problems.append(
      StackProblem(.warning, code, message, file: file, mark: sourceMap.keyMark(for: path), hint: hint))
  }

  /// A path relative to the stack file, as the file system sees it.
  func resolvePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : "\(baseDirectory)/\(path)"
  }

  /// Names that may still hold `${aws.accountId}` are checked as they will be at apply time
  /// (an account id is always 12 digits).
  static func applyTimeForm(_ name: String) -> String {
    var result = name
    for reference in ["${aws.accountId}", "${metadata.accountId}"] {
      while let range = result.range(of: reference) { result.replaceSubrange(range, with: "123456789012") }
    }
    // The account's registry host, known from ECR at apply time.
    while let range = result.range(of: "${aws.ecrRegistry}") {
      result.replaceSubrange(range, with: "123456789012.dkr.ecr.eu-west-1.amazonaws.com")
    }
    return result
  }

  /// Reports duplicates among `names` (index order), at the later occurrence. Names are
  /// printed as given, so callers pass them quoted (`"pi" in namespace default`).
  mutating func checkUnique(_ names: [String], what: String, path: (Int) -> String) {
    var seen: [String: Int] = [:]
    for (index, name) in names.enumerated() where !name.isEmpty {
      if let first = seen[name] {
        let firstMark = sourceMap.mark(for: path(first)).map { " (first at \($0))" } ?? ""
        error(
          .duplicateName, "\(what) \(name) is defined twice\(firstMark)", at: path(index),
          hint: "give each \(what) its own name")
      } else {
        seen[name] = index
      }
    }
  }
}

extension String {
  /// `range(of:)` without Foundation, for short texts.
  func range(of target: String) -> Range<String.Index>? {
    guard !target.isEmpty, target.count <= count else { return nil }
    var start = startIndex
    while start < endIndex {
      if self[start...].hasPrefix(target) {
        return start..<index(start, offsetBy: target.count)
      }
      start = index(after: start)
    }
    return nil
  }
}
