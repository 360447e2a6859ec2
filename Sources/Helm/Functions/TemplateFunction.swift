/// A function callable from templates (`{{ upper .x }}`), with Go's arity rules.
public struct TemplateFunction: Sendable {
  /// Functions the executor evaluates itself because their arguments are lazy.
  enum Special: Sendable { case none, and, or }

  /// Fewest arguments accepted.
  public var minArguments: Int
  /// Most arguments accepted; nil for variadic functions.
  public var maxArguments: Int?
  var special: Special = .none
  /// Go mutates the map passed first (`set`, `unset`, `merge`); here the function returns
  /// the new map and the executor stores it back into the variable that was passed.
  public var updatesFirstArgument = false
  /// The implementation. It receives evaluated arguments and the execution context.
  public var body: @Sendable (FunctionCall) throws -> Value

  /// A function taking exactly `arity` arguments.
  public init(
    arity: Int, updatesFirstArgument: Bool = false, _ body: @escaping @Sendable (FunctionCall) throws -> Value
  ) {
    minArguments = arity
    maxArguments = arity
    self.updatesFirstArgument = updatesFirstArgument
    self.body = body
  }

  /// A variadic function taking at least `minimum` arguments.
  public init(
    variadic minimum: Int, updatesFirstArgument: Bool = false,
    _ body: @escaping @Sendable (FunctionCall) throws -> Value
  ) {
    minArguments = minimum
    maxArguments = nil
    self.updatesFirstArgument = updatesFirstArgument
    self.body = body
  }

  init(special: Special) {
    minArguments = 1
    maxArguments = nil
    self.special = special
    body = { _ in .null }
  }
}

/// The functions a `TemplateSet` knows, by name. Parsing fails on any other name.
public struct FunctionTable: Sendable {
  public var functions: [String: TemplateFunction]

  public init(_ functions: [String: TemplateFunction] = [:]) { self.functions = functions }

  public subscript(name: String) -> TemplateFunction? {
    get { functions[name] }
    set { functions[name] = newValue }
  }

  /// Go's text/template builtins only.
  public static let goBuiltins = FunctionTable(GoBuiltins.all)

  /// What Helm gives templates: Go builtins, Sprig (without `env`/`expandenv`) and Helm's own.
  public static let helm: FunctionTable = {
    var table = GoBuiltins.all
    for group in HelmFunctionGroups.all {
      table.merge(group) { _, new in new }
    }
    return FunctionTable(table)
  }()
}

/// A function received an argument of the wrong Go type.
public struct ArgumentTypeError: Error, Sendable {
  /// Index of the offending argument.
  public var index: Int
  /// The Go type the parameter has (`string`, `int`, `[]interface {}`).
  public var expected: String
}

/// A function failed; the executor reports `error calling NAME: message`.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// One invocation of a template function.
public struct FunctionCall {
  public let name: String
  public let arguments: [Value]
  let context: ExecutionContext

  public var count: Int { arguments.count }
  public subscript(index: Int) -> Value { arguments[index] }

  /// The options the template is executing with (clock, random source, limits).
  public var options: ExecutionOptions { context.options }

  /// Argument `index` as a Go `string` parameter.
  public func string(_ index: Int) throws -> String {
    if case .string(let s) = arguments[index] { return s }
    throw ArgumentTypeError(index: index, expected: "string")
  }

  /// Argument `index` as a Go `int` parameter (template int literals and int results).
  public func int(_ index: Int) throws -> Int {
    if case .int(let i) = arguments[index] { return Int(i) }
    throw ArgumentTypeError(index: index, expected: "int")
  }

  /// Argument `index` as a Go `bool` parameter.
  public func bool(_ index: Int) throws -> Bool {
    if case .bool(let b) = arguments[index] { return b }
    throw ArgumentTypeError(index: index, expected: "bool")
  }

  /// Argument `index` as `map[string]interface {}`; nil is accepted as an empty map (Go nil map).
  public func map(_ index: Int) throws -> [String: Value] {
    switch arguments[index] {
    case .map(let m): return m
    case .null: return [:]
    default: throw ArgumentTypeError(index: index, expected: "map[string]interface {}")
    }
  }

  /// The arguments from `index` on, as Go `...string`.
  public func strings(from index: Int) throws -> [String] {
    try (index..<arguments.count).map { try string($0) }
  }
}
