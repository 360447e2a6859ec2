import FoundationEssentials

/// The user's values as `helm template` takes them, merged in Helm's order: `-f` files
/// (later wins, maps merge), then `--set-json`, `--set`, `--set-string`, `--set-file`.
public struct ValueOptions: Sendable, Equatable {
  public var valueFiles: [String]
  public var jsonValues: [String]
  public var values: [String]
  public var stringValues: [String]
  public var fileValues: [String]

  public init(
    valueFiles: [String] = [], jsonValues: [String] = [], values: [String] = [], stringValues: [String] = [],
    fileValues: [String] = []
  ) {
    self.valueFiles = valueFiles
    self.jsonValues = jsonValues
    self.values = values
    self.stringValues = stringValues
    self.fileValues = fileValues
  }

  /// The merged user values; `read` returns a file's bytes (injected for tests).
  public func merged(read: @escaping @Sendable (String) throws -> [UInt8]) throws(HelmError) -> [String:
    Value]
  {
    var base: [String: Value] = [:]
    for path in valueFiles {
      let bytes: [UInt8]
      do { bytes = try read(path) } catch {
        throw HelmError(
          .io, "open \(path): no such file or directory", remedy: "check the -f path", cause: "\(error)")
      }
      let value: Value
      do {
        value = try HelmYAML.decode(String(decoding: bytes, as: UTF8.self), file: path, emptyAsMap: true)
      } catch {
        throw HelmError(
          .invalidValues, "failed to parse \(path): \(error.message)", remedy: "fix the YAML in \(path)")
      }
      guard case .map(let map) = value else {
        throw HelmError(
          .invalidValues, "failed to parse \(path): error unmarshaling JSON: cannot unmarshal into a map",
          remedy: "a values file must be a YAML map at the top level")
      }
      base = ValueCoalescing.mergeMaps(base, map)
    }
    let decodeJSON: (String) throws -> Value = { text in try HelmYAML.decode(text, file: "--set-json") }
    for text in jsonValues { try SetValueParser.apply(text, to: &base, mode: .json, decodeJSON: decodeJSON) }
    for text in values { try SetValueParser.apply(text, to: &base, mode: .typed) }
    for text in stringValues { try SetValueParser.apply(text, to: &base, mode: .string) }
    for text in fileValues {
      try SetValueParser.apply(
        text, to: &base,
        mode: .file({ path in String(decoding: try read(path), as: UTF8.self) }))
    }
    return base
  }

  /// Reads a file from disk.
  public static let readFromDisk: @Sendable (String) throws -> [UInt8] = { path in
    guard let data = FileManager.default.contents(atPath: path) else {
      throw HelmError(.io, "open \(path): no such file or directory", remedy: "check the path")
    }
    return [UInt8](data)
  }
}
