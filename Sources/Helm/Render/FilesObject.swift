/// `.Files`: a chart's non-template files, as Helm's `engine.files` (`map[string][]byte`).
struct FilesObject: TemplateObject {
  /// Path → bytes, paths relative to the chart root.
  let files: [String: [UInt8]]

  init(files: [String: [UInt8]]) { self.files = files }

  init(chart: Chart) {
    var map: [String: [UInt8]] = [:]
    for file in chart.files { map[file.path] = file.data }
    files = map
  }

  var goTypeName: String { "engine.files" }

  var goDescription: String {
    "map["
      + files.keys.sorted().map { "\($0):[" + files[$0]!.map(String.init).joined(separator: " ") + "]" }
      .joined(separator: " ") + "]"
  }

  func member(_ name: String) -> Value? {
    switch name {
    case "AsConfig": .string(asConfig())
    case "AsSecrets": .string(asSecrets())
    default: nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? {
    func argument() throws -> String {
      guard arguments.count == 1 else {
        throw HelmError(.render, "wrong number of args for \(name): want 1 got \(arguments.count)")
      }
      guard case .string(let text) = arguments[0] else {
        throw HelmError(
          .render, "wrong type for value; expected string; got \(SetValueParser.goType(arguments[0]))")
      }
      return text
    }
    switch name {
    case "Get", "GetBytes":
      // GetBytes is []byte in Go; templates use it as text (b64enc, toString), so it is a string here.
      return .string(files[try argument()].map { String(decoding: $0, as: UTF8.self) } ?? "")
    case "Glob":
      let pattern = try argument()
      return .object(FilesObject(files: files.filter { PathPattern.globMatch(pattern, $0.key) }))
    case "Lines":
      guard let data = files[try argument()], !data.isEmpty else { return .list([]) }
      var text = String(decoding: data, as: UTF8.self)
      if text.hasSuffix("\n") { text.removeLast() }
      return .list(text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) })
    case "AsConfig": return .string(asConfig())
    case "AsSecrets": return .string(asSecrets())
    default: return nil
    }
  }

  /// A ConfigMap `data` block: base name → text, as YAML without the final newline.
  func asConfig() -> String {
    Self.yaml(files.map { (baseName($0.key), String(decoding: $0.value, as: UTF8.self)) })
  }

  /// A Secret `data` block: base name → base64.
  func asSecrets() -> String {
    Self.yaml(files.map { (baseName($0.key), GoBase64.encode($0.value)) })
  }

  func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

  /// Helm's `toYAML` of a `map[string]string`: sorted keys, no trailing newline.
  static func yaml(_ pairs: [(String, String)]) -> String {
    var map: [String: Value] = [:]
    for (key, value) in pairs { map[key] = .string(value) }
    return Value.map(map).helmYAML
  }
}
