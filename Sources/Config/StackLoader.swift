import YAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point of the Config module: reads a stack file, decodes it with defaults and
/// references, and validates it, collecting every problem.
///
/// ```swift
/// let loaded = try StackLoader().load(path: "stack.yaml")   // throws ConfigError with all problems
/// loaded.stack.cluster.name      // "spark-eks-cluster"
/// loaded.warnings                // problems of severity .warning
/// ```
public struct StackLoader: Sendable {
  /// Answers whether a path exists (upload folders, build contexts); injected for tests.
  public var pathExists: @Sendable (String) -> Bool

  public init(pathExists: @escaping @Sendable (String) -> Bool = StackLoader.fileSystemPathExists) {
    self.pathExists = pathExists
  }

  /// Reads, decodes and validates the file at `path`. Throws `ConfigError` (code
  /// `invalidStack`) carrying every problem when there is at least one error.
  public func load(path: String) throws(ConfigError) -> LoadedStack {
    try load(text: try Self.read(path: path), file: path, baseDirectory: Self.directory(of: path))
  }

  /// Decodes and validates stack text read elsewhere (standard input); `file` names it.
  public func load(text: String, file: String, baseDirectory: String = ".") throws(ConfigError) -> LoadedStack
  {
    let validation = validate(text: text, file: file, baseDirectory: baseDirectory)
    guard let stack = validation.stack, validation.errors.isEmpty else {
      let count = validation.errors.count
      throw ConfigError(
        code: .invalidStack, message: "\(file) has \(count) error\(count == 1 ? "" : "s")",
        problems: validation.problems)
    }
    return LoadedStack(stack: stack, sourceMap: validation.sourceMap, warnings: validation.warnings)
  }

  /// Decodes and validates stack text. `file` names it in messages; relative paths in the
  /// stack (uploads, image contexts) are checked under `baseDirectory`.
  public func validate(text: String, file: String, baseDirectory: String = ".") -> StackValidation {
    let parsed = YAMLParser.parseCollectingErrors(text, file: file)
    let context = DecodeContext(file: file)
    for error in parsed.errors {
      let code: StackProblem.Code = error.code == .duplicateKey ? .duplicateKey : .yamlSyntax
      context.error(code, error.message, at: error.mark, hint: error.hint)
    }
    // A syntax error leaves a partial tree; decoding it would report noise.
    if parsed.errors.contains(where: { $0.code != .duplicateKey }) {
      return StackValidation(stack: nil, sourceMap: context.sourceMap, problems: context.problems)
    }
    if parsed.documents.count > 1 {
      context.error(
        .invalidValue, "the stack file holds \(parsed.documents.count) documents; eks-spark reads one",
        at: parsed.documents[1].mark, hint: "keep one stack per file, or remove the --- separator")
    }
    for document in parsed.documents { TagCheck.check(document, context: context) }
    let stack = StackDecoder(context: context).decode(parsed.documents.first ?? .null)
    var validator = StackValidator(
      stack: stack, sourceMap: context.sourceMap, file: file, baseDirectory: baseDirectory,
      pathExists: pathExists)
    validator.run()
    var problems = context.problems + validator.problems
    // Warnings about defaults only distract from errors the user must fix first.
    if !problems.contains(where: { $0.severity == .error }) { problems += validator.defaultWarnings }
    problems.sort(by: Self.fileOrder)
    return StackValidation(stack: stack, sourceMap: context.sourceMap, problems: problems)
  }

  /// Problems with a position first in file order; whole-file problems last. The sort is
  /// stable for equal positions so messages keep their discovery order.
  private static func fileOrder(_ a: StackProblem, _ b: StackProblem) -> Bool {
    switch (a.mark, b.mark) {
    case (let x?, let y?): return x < y
    case (.some, nil): return true
    default: return false
    }
  }

  /// The folder of a file path, for resolving paths relative to a stack file.
  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The largest stack file read. Stack files are a few kilobytes; the cap keeps
  /// `-f /dev/zero` or a wrong multi-gigabyte file from being read into memory.
  public static let maximumFileSize = 4 * 1024 * 1024

  /// The text of a file, or `ConfigError.unreadableFile` (also for a folder or a file
  /// over `maximumFileSize`), or `ConfigError.invalidStack` for binary or non-UTF-8 content.
  public static func read(path: String) throws(ConfigError) -> String {
    guard let handle = fopen(path, "rb") else {
      let reason = String(cString: strerror(errno))
      throw ConfigError(
        code: .unreadableFile, message: "cannot read \(path): \(reason.lowercased())",
        hint: "check the path (-f names the stack file; without it, stack.yaml in this folder)", cause: reason
      )
    }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while bytes.count <= maximumFileSize {
      let count = fread(&buffer, 1, buffer.count, handle)
      if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
      if count < buffer.count { break }
    }
    if ferror(handle) != 0 {
      let code = errno
      if code == EISDIR {
        throw ConfigError(
          code: .unreadableFile, message: "cannot read \(path): it is a directory",
          hint: "pass the stack file itself, for example -f \(path == "/" ? "" : path + "/")stack.yaml",
          cause: String(cString: strerror(code)))
      }
      let reason = String(cString: strerror(code))
      throw ConfigError(
        code: .unreadableFile, message: "cannot read \(path): \(reason.lowercased())",
        hint: "check the file's permissions", cause: reason)
    }
    if bytes.count > maximumFileSize {
      throw ConfigError(
        code: .unreadableFile,
        message:
          "\(path) is larger than \(maximumFileSize / 1024 / 1024) MiB; a stack file is a few kilobytes",
        hint: "check that -f names the stack file")
    }
    if isBinary(bytes) {
      let problem = StackProblem(
        .error, .binaryFile, "this is a binary file, not a YAML stack file", file: path, mark: nil,
        hint: "check that -f names the stack file (YAML text)")
      throw ConfigError(code: .invalidStack, message: "\(path) is a binary file", problems: [problem])
    }
    if let problem = Self.firstInvalidUTF8(bytes, file: path) {
      throw ConfigError(code: .invalidStack, message: "\(path) is not UTF-8 text", problems: [problem])
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Whether the start of a file looks like data rather than text: more than one byte in
  /// ten a NUL or another control character that text does not hold. A stray control byte
  /// in a text file is left to the parser, which reports where it is.
  static func isBinary(_ bytes: [UInt8]) -> Bool {
    let sample = bytes.prefix(8192)
    guard !sample.isEmpty else { return false }
    // UTF-16 text is half NUL bytes; its byte-order mark lets the UTF-8 check say what it is.
    if sample.starts(with: [0xFF, 0xFE]) || sample.starts(with: [0xFE, 0xFF]) { return false }
    let control = sample.count { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    return control * 10 > sample.count
  }

  /// The position of the first byte that is not UTF-8, so a stray Latin-1 byte is reported
  /// where it is instead of turning silently into U+FFFD.
  static func firstInvalidUTF8(_ bytes: [UInt8], file: String) -> StackProblem? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var line = 1
    var column = 1
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
        if scalar == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      case .emptyInput:
        return nil
      case .error:
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        return StackProblem(
          .error, .yamlSyntax, "invalid UTF-8 byte 0x\(hex.count < 2 ? "0" : "")\(hex)", file: file,
          mark: Mark(line: line, column: column), hint: "save the file as UTF-8")
      }
    }
  }

  /// The real file system's answer.
  public static let fileSystemPathExists: @Sendable (String) -> Bool = { path in
    access(path, F_OK) == 0
  }
}

/// A valid stack, with where its values came from and the warnings it has.
public struct LoadedStack: Sendable {
  public var stack: Stack
  public var sourceMap: SourceMap
  public var warnings: [StackProblem]
}

/// The outcome of validating stack text: every problem, and the stack when the text could
/// be decoded at all (it may still have errors).
public struct StackValidation: Sendable {
  public var stack: Stack?
  public var sourceMap: SourceMap
  /// Errors and warnings in file order.
  public var problems: [StackProblem]

  public var errors: [StackProblem] { problems.filter { $0.severity == .error } }
  public var warnings: [StackProblem] { problems.filter { $0.severity == .warning } }
  public var isValid: Bool { stack != nil && errors.isEmpty }
}
