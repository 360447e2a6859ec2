/// A scalar typed by the YAML 1.2 core schema.
public enum YAMLScalarValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
}

extension YAMLNode {
  /// The scalar typed by the YAML 1.2 core schema, or nil for collections.
  ///
  /// Plain scalars resolve to null, bool, int or float when their text matches the schema
  /// and to a string otherwise; quoted and block scalars are always strings. A standard tag
  /// (`!!str`, `!!int`...) overrides the plain rules.
  public var resolvedScalar: YAMLScalarValue? {
    guard let scalar else { return nil }
    switch tag {
    case nil:
      return scalar.style == .plain ? YAMLScalarResolver.resolve(plain: scalar.text) : .string(scalar.text)
    case "tag:yaml.org,2002:str":
      return .string(scalar.text)
    case "tag:yaml.org,2002:null":
      return .null
    case "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
      return YAMLScalarResolver.resolve(plain: scalar.text)
    default:
      // "!" (the non-specific tag) and local tags leave the text a string.
      return .string(scalar.text)
    }
  }
}

/// The YAML 1.2 core schema's rules for plain scalars, for consumers that type values.
public enum YAMLScalarResolver {
  /// Types a plain scalar's text: `~`, `null`, `` → null; `true`/`False` → bool; `12`, `0x1F`,
  /// `0o17` → int; `1.5`, `.inf`, `.nan`, `1e3` → float; anything else → string.
  public static func resolve(plain text: String) -> YAMLScalarValue {
    let utf8 = text.utf8
    guard let first = utf8.first else { return .null }
    // Dispatch on the first byte: most scalars are words that can only be strings.
    switch first {
    case UInt8(ascii: "~"):
      return utf8.count == 1 ? .null : .string(text)
    case UInt8(ascii: "n"), UInt8(ascii: "N"):
      return text == "null" || text == "Null" || text == "NULL" ? .null : .string(text)
    case UInt8(ascii: "t"), UInt8(ascii: "T"):
      return text == "true" || text == "True" || text == "TRUE" ? .bool(true) : .string(text)
    case UInt8(ascii: "f"), UInt8(ascii: "F"):
      return text == "false" || text == "False" || text == "FALSE" ? .bool(false) : .string(text)
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
      break
    default:
      return .string(text)
    }
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    if let value = integer(text) { return .int(value) }
    if isFloat(utf8), let value = Double(text) { return .float(value) }
    return .string(text)
  }

  /// True when the text would not read back as the same string if written plain.
  public static func needsQuotingAsString(_ text: String) -> Bool {
    if case .string = resolve(plain: text) {
      // YAML 1.1 readers (go-yaml v2, PyYAML) also read these as booleans.
      switch text.lowercased() {
      case "y", "n", "yes", "no", "on", "off": return true
      default: return false
      }
    }
    return true
  }

  private static func integer(_ text: String) -> Int? {
    if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
    if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return Int(text.first == "+" ? String(text.dropFirst()) : text)
  }

  /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
  private static func isFloat(_ utf8: String.UTF8View) -> Bool {
    var bytes = Array(utf8)[...]
    if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
      bytes = bytes.dropFirst()
    }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    var integerDigits = 0
    while let byte = bytes.first, isDigit(byte) {
      integerDigits += 1
      bytes = bytes.dropFirst()
    }
    var fractionDigits = 0
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      while let byte = bytes.first, isDigit(byte) {
        fractionDigits += 1
        bytes = bytes.dropFirst()
      }
      if integerDigits == 0 && fractionDigits == 0 { return false }
    } else if integerDigits == 0 {
      return false
    }
    if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
        bytes = bytes.dropFirst()
      }
      guard !bytes.isEmpty else { return false }
      while let byte = bytes.first, isDigit(byte) { bytes = bytes.dropFirst() }
    }
    return bytes.isEmpty
  }
}

/// How keys compare for duplicate detection: by their core-schema value, so `1` and `01`
/// collide but `1` and `"1"` do not.
enum YAMLKeyIdentity: Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// A sequence or mapping key, by its JSON text.
  case complex(String)

  static func of(_ node: YAMLNode) -> YAMLKeyIdentity {
    switch node.content {
    case .scalar:
      switch node.resolvedScalar {
      case .null, .none: return .null
      case .bool(let value): return .bool(value)
      case .int(let value): return .int(value)
      case .float(let value): return .float(value)
      case .string(let value): return .string(value)
      }
    case .sequence, .mapping:
      return .complex(YAMLJSONWriter.string(node))
    }
  }
}
