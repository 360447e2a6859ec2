/// A value as Go's text/template sees it inside Helm.
///
/// Chart values arrive the way Helm decodes them (YAML through JSON), so every number in
/// `values.yaml` is a `.float` (Go float64) that still prints `2`, not `2.0`; functions such
/// as `len`, `add` or `atoi` produce `.int` (Go int/int64). `.null` is Go's nil and also
/// what a missing map key yields. Structured Go values with fields and methods (`.Release`,
/// `.Files`, `.Capabilities`, semver versions, generated certificates) are `.object`.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case float(Double)
  case string(String)
  case list([Value])
  /// Go `map[string]interface{}`; templates range over it in sorted key order.
  case map([String: Value])
  case object(any TemplateObject)
}

/// A Go struct-like value: fields and methods reachable with `.Name` in a template.
public protocol TemplateObject: Sendable {
  /// The Go type name used by `typeOf`, `kindOf` and error messages (`*chart.Metadata`).
  var goTypeName: String { get }
  /// The field or zero-argument method `name`, or nil when the type has none.
  func member(_ name: String) -> Value?
  /// A method with arguments, as in `.Files.Get "x"`; nil when the type has no such method.
  func call(_ name: String, arguments: [Value]) throws -> Value?
  /// How `fmt.Sprint` prints the value (default `{}`).
  var goDescription: String { get }
  /// What `toJson`/`toYaml` serialise (default: an empty object).
  var jsonValue: Value? { get }
}

extension TemplateObject {
  /// How `fmt.Sprint` prints the value; Go prints structs as `{field field}`.
  public var goDescription: String { "{}" }
}

extension TemplateObject {
  /// What `toJson`/`toYaml` serialise for this object (Go marshals exported fields); nil
  /// means an empty object.
  public var jsonValue: Value? { nil }
}
