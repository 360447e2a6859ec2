import FoundationEssentials
import YAML

/// Prints a command's data as `-o` asks: the command's table text, or the same value as
/// JSON (keys sorted, pretty) or YAML (the JSON read back as a YAML tree, so both forms
/// hold the same fields).
enum DataOutput {
  /// The text for `format`; `table` is only computed when asked for.
  static func render<Value: Encodable>(
    _ value: Value, as format: OutputFormat, table: () throws -> String
  ) throws -> String {
    switch format {
    case .table: return try table()
    case .json: return try json(value)
    case .yaml: return try yaml(fromJSON: try json(value))
    }
  }

  static func json<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// JSON is YAML 1.2: parse it as YAML and emit the block form.
  static func yaml(fromJSON text: String) throws -> String {
    let documents = try YAMLParser.parse(text, file: "<output>")
    guard let document = documents.first else { return "" }
    return YAMLEmitter.emit(document).trimmingSuffix("\n")
  }
}

extension String {
  /// Without the trailing `suffix` (`print` adds its own newline).
  fileprivate func trimmingSuffix(_ suffix: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
  }
}
