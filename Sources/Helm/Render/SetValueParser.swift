/// Helm's `--set` syntax (package strvals): `a.b[0].c=x,d={1,2},e\,f=g`.
///
/// Keys split on `.` and `[i]`; `,` separates assignments; `{a,b}` is a list; `\` escapes
/// the next character. `--set` types its values (`true`, `false`, `null`, integers as
/// int64); `--set-string` keeps strings; `--set-json` reads one JSON value per key;
/// `--set-file` reads the named file as a string.
public struct SetValueParser {
  public enum Mode: Sendable {
    case typed, string, json
    /// The value names a file whose text becomes the value.
    case file(@Sendable (String) throws -> String)
  }

  static let maxIndex = 65536
  static let maxNestedNameLevel = 30

  var runes: [Character]
  var position = 0
  let mode: Mode
  let decodeJSON: (String) throws -> Value

  /// Applies one `--set`-style argument to `values`.
  public static func apply(
    _ text: String, to values: inout [String: Value], mode: Mode,
    decodeJSON: @escaping (String) throws -> Value = { _ in .null }
  ) throws(HelmError) {
    var parser = SetValueParser(runes: Array(text), mode: mode, decodeJSON: decodeJSON)
    do {
      while true {
        let more = try parser.key(&values, nestedLevel: 0)
        if !more { return }
      }
    } catch let error as SetError {
      let flag: String
      switch mode {
      case .typed: flag = "--set"
      case .string: flag = "--set-string"
      case .json: flag = "--set-json"
      case .file: flag = "--set-file"
      }
      throw HelmError(
        .invalidValues, "failed parsing \(flag) data: \(error.message)",
        remedy: "write \(flag) as key.path=value; escape literal commas and dots as \\, and \\.")
    } catch {
      throw HelmError(
        .invalidValues, "failed parsing --set-json data: \(error)", remedy: "the value after = must be JSON")
    }
  }

  struct SetError: Error { var message: String }

  // MARK: reading runes

  mutating func runesUntil(_ stop: Set<Character>) -> (String, Character?) {
    var out = ""
    while position < runes.count {
      let rune = runes[position]
      position += 1
      if stop.contains(rune) { return (out, rune) }
      if rune == "\\" {
        if position < runes.count {
          out.append(runes[position])
          position += 1
        }
        continue
      }
      out.append(rune)
    }
    return (out, nil)
  }

  mutating func typed(_ text: String) throws -> Value {
    switch mode {
    case .string: return .string(text)
    case .file(let read):
      do { return .string(try read(text)) } catch { throw SetError(message: "\(error)") }
    case .json, .typed:
      let lower = text.lowercased()
      if lower == "true" { return .bool(true) }
      if lower == "false" { return .bool(false) }
      if lower == "null" { return .null }
      if text == "0" { return .int(0) }
      if let first = text.first, first != "0", let number = Int64(text) { return .int(number) }
      return .string(text)
    }
  }

  // MARK: grammar

  /// Reads one assignment into `data`; false at the end of input.
  mutating func key(_ data: inout [String: Value], nestedLevel: Int) throws -> Bool {
    let (name, last) = runesUntil(["=", "[", ",", "."])
    switch last {
    case nil:
      if name.isEmpty { return false }
      throw SetError(message: "key \"\(name)\" has no value")
    case "[":
      let index = try keyIndex()
      var list: [Value] = []
      if let existing = data[name] {
        guard case .list(let items) = existing else {
          throw SetError(
            message:
              "unable to parse key: interface conversion: interface {} is \(Self.goType(existing)), not []interface {}"
          )
        }
        list = items
      }
      let more = try listItem(&list, index, nestedLevel: nestedLevel)
      set(&data, name, .list(list))
      return more
    case "=":
      if case .json = mode {
        let (value, more) = try jsonValue()
        set(&data, name, value)
        return more
      }
      switch try valueList() {
      case .list(let items):
        set(&data, name, .list(items))
        return true
      case .end:
        set(&data, name, .string(""))
        return false
      case .notList:
        // Go's parser reports success after a plain value even at the end of input; the
        // next key then finds nothing and ends the parse.
        let (text, _) = runesUntil([","])
        set(&data, name, try typed(text))
        return true
      }
    case ",":
      set(&data, name, .string(""))
      throw SetError(message: "key \"\(name)\" has no value (cannot end with ,)")
    default:  // "."
      guard nestedLevel + 1 <= Self.maxNestedNameLevel else {
        throw SetError(
          message:
            "value name nested level is greater than maximum supported nested level of \(Self.maxNestedNameLevel)"
        )
      }
      var inner: [String: Value] = [:]
      if let existing = data[name] {
        guard case .map(let map) = existing else {
          throw SetError(
            message:
              "unable to parse key: interface conversion: interface {} is \(Self.goType(existing)), not map[string]interface {}"
          )
        }
        inner = map
      }
      let more = try key(&inner, nestedLevel: nestedLevel + 1)
      if more && inner.isEmpty { throw SetError(message: "key map \"\(name)\" has no value") }
      if !inner.isEmpty { set(&data, name, .map(inner)) }
      return more
    }
  }

  func set(_ data: inout [String: Value], _ key: String, _ value: Value) {
    if !key.isEmpty { data[key] = value }
  }

  static func goType(_ value: Value) -> String {
    switch value {
    case .null: "nil"
    case .bool: "bool"
    case .int: "int64"
    case .float: "float64"
    case .string: "string"
    case .list: "[]interface {}"
    case .map: "map[string]interface {}"
    case .object(let object): object.goTypeName
    }
  }

  mutating func keyIndex() throws -> Int {
    let (text, last) = runesUntil(["]"])
    guard last != nil else { throw SetError(message: "error parsing index: EOF") }
    guard let index = Int(text) else {
      throw SetError(message: "error parsing index: strconv.Atoi: parsing \"\(text)\": invalid syntax")
    }
    return index
  }
}
