/// YAML output as Helm's `toYaml` produces it: `sigs.k8s.io/yaml.Marshal`, i.e. JSON first,
/// then go-yaml v2 (sorted keys in go-yaml's natural order, 2-space indent, sequences flush
/// under their key, go-yaml's quoting and literal blocks, no line wrapping).
public enum GoYAMLEmitter {
  /// The YAML text with its final newline (Helm's `toYaml` trims it).
  public static func encode(_ value: Value) -> String {
    var out = ""
    out.reserveCapacity(256)
    let normalized = normalize(value)
    switch normalized {
    case .map(let map) where !map.isEmpty:
      writeMap(map, indent: 0, continuing: false, into: &out)
    case .list(let items) where !items.isEmpty:
      writeList(items, indent: 0, continuing: false, into: &out)
    default:
      writeScalar(normalized, indent: 0, into: &out)
    }
    return out
  }

  /// The JSON round trip: integral float64s become integers, objects their JSON form.
  static func normalize(_ value: Value) -> Value {
    switch value {
    case .float(let d):
      if d.isFinite, d == d.rounded(), abs(d) < 1e21, d >= -9.223_372_036_854_775_808e18,
        d < 9.223_372_036_854_775_807e18
      {
        return .int(Int64(d))
      }
      return value
    case .list(let items): return .list(items.map(normalize))
    case .map(let map): return .map(map.mapValues(normalize))
    case .object(let object): return normalize(object.jsonValue ?? .map([:]))
    default: return value
    }
  }

  /// go-yaml v2's key order: numbers inside keys compare by value, letters before others.
  static func keyLess(_ a: String, _ b: String) -> Bool {
    let ar = Array(a.unicodeScalars)
    let br = Array(b.unicodeScalars)
    var i = 0
    while i < ar.count && i < br.count {
      if ar[i] == br[i] {
        i += 1
        continue
      }
      let al = ar[i].properties.isAlphabetic && ar[i].properties.generalCategory.isLetter
      let bl = br[i].properties.isAlphabetic && br[i].properties.generalCategory.isLetter
      if al && bl { return ar[i].value < br[i].value }
      if al || bl { return bl }
      var an: Int64 = 0
      var bn: Int64 = 0
      if ar[i] == "0" || br[i] == "0" {
        var j = i - 1
        while j >= 0 && isDigit(ar[j]) {
          if ar[j] != "0" {
            an = 1
            bn = 1
            break
          }
          j -= 1
        }
      }
      var ai = i
      while ai < ar.count && isDigit(ar[ai]) {
        an = an &* 10 &+ Int64(ar[ai].value - 48)
        ai += 1
      }
      var bi = i
      while bi < br.count && isDigit(br[bi]) {
        bn = bn &* 10 &+ Int64(br[bi].value - 48)
        bi += 1
      }
      if an != bn { return an < bn }
      if ai != bi { return ai < bi }
      return ar[i].value < br[i].value
    }
    return ar.count < br.count
  }

  private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

  private static func spaces(_ n: Int, into out: inout String) {
    for _ in 0..<n { out += " " }
  }

  static func writeMap(_ map: [String: Value], indent: Int, continuing: Bool, into out: inout String) {
    for (i, key) in map.keys.sorted(by: keyLess).enumerated() {
      if i > 0 || !continuing { spaces(indent, into: &out) }
      if key.unicodeScalars.contains(where: GoYAMLScalar.isBreak) || key.utf8.count > 128 {
        // Not a simple key: libyaml writes `? key` then `: value` on the next line.
        out += "? " + GoYAMLScalar.render(key, isKey: false, indent: indent) + "\n"
        spaces(indent, into: &out)
      } else {
        out += GoYAMLScalar.render(key, isKey: true, indent: indent)
      }
      out += ":"
      let value = map[key]!
      switch value {
      case .map(let child) where !child.isEmpty:
        out += "\n"
        writeMap(child, indent: indent + 2, continuing: false, into: &out)
      case .list(let items) where !items.isEmpty:
        out += "\n"
        writeList(items, indent: indent, continuing: false, into: &out)
      default:
        out += " "
        writeScalar(value, indent: indent, into: &out)
      }
    }
  }

  static func writeList(_ items: [Value], indent: Int, continuing: Bool, into out: inout String) {
    for (i, item) in items.enumerated() {
      if i > 0 || !continuing { spaces(indent, into: &out) }
      out += "- "
      switch item {
      case .map(let child) where !child.isEmpty:
        writeMap(child, indent: indent + 2, continuing: true, into: &out)
      case .list(let nested) where !nested.isEmpty:
        writeList(nested, indent: indent + 2, continuing: true, into: &out)
      default:
        writeScalar(item, indent: indent, into: &out)
      }
    }
  }

  /// A scalar (or empty collection) and its newline; block literals indent by 2.
  static func writeScalar(_ value: Value, indent: Int, into out: inout String) {
    switch value {
    case .null: out += "null\n"
    case .bool(let b): out += b ? "true\n" : "false\n"
    case .int(let i): out += String(i) + "\n"
    case .float(let d):
      if d.isNaN {
        out += ".nan\n"
      } else if d.isInfinite {
        out += d < 0 ? "-.inf\n" : ".inf\n"
      } else {
        out += GoFloat.format(d, verb: "g", precision: nil) + "\n"
      }
    case .string(let s):
      out += GoYAMLScalar.render(s, isKey: false, indent: indent)
      out += "\n"
    case .list: out += "[]\n"
    case .map: out += "{}\n"
    case .object: out += "{}\n"
    }
  }
}

extension Unicode.GeneralCategory {
  var isLetter: Bool {
    switch self {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
    default: return false
    }
  }
}
