/// `toToml`: the BurntSushi/toml encoder's layout (plain keys first, then `[tables]` with
/// two-space indentation per level, `[[arrays of tables]]`).
enum TOMLEncoder {
  static func encode(_ value: Value) -> String {
    guard case .map(let map) = value else { return "toml: top-level values must be Go maps or structs" }
    var out = ""
    writeTable(map, path: [], into: &out)
    return out
  }

  private static func isTable(_ v: Value) -> Bool {
    if case .map = v { return true }
    return false
  }

  private static func isTableArray(_ v: Value) -> Bool {
    if case .list(let items) = v, !items.isEmpty, items.allSatisfy(isTable) { return true }
    return false
  }

  private static func writeTable(_ map: [String: Value], path: [String], into out: inout String) {
    let indent = String(repeating: "  ", count: path.count)
    let keys = map.keys.sorted()
    for key in keys {
      let value = map[key]!
      if case .null = value { continue }
      if isTable(value) || isTableArray(value) { continue }
      out += indent + quoteKey(key) + " = " + scalar(value) + "\n"
    }
    for key in keys {
      let value = map[key]!
      let childPath = path + [key]
      let header = childPath.map(quoteKey).joined(separator: ".")
      let childIndent = String(repeating: "  ", count: path.count)
      if case .map(let child) = value {
        if !out.isEmpty { out += "\n" }
        out += childIndent + "[" + header + "]\n"
        writeTable(child, path: childPath, into: &out)
      } else if isTableArray(value), case .list(let items) = value {
        for item in items {
          guard case .map(let child) = item else { continue }
          if !out.isEmpty { out += "\n" }
          out += childIndent + "[[" + header + "]]\n"
          writeTable(child, path: childPath, into: &out)
        }
      }
    }
  }

  private static func quoteKey(_ key: String) -> String {
    let bare =
      !key.isEmpty
      && key.unicodeScalars.allSatisfy { c in
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
      }
    return bare ? key : quote(key)
  }

  private static func quote(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          out += "\\u" + GoQuote.hex(c.value, width: 4).uppercased()
        } else {
          out.unicodeScalars.append(c)
        }
      }
    }
    return out + "\""
  }

  private static func scalar(_ v: Value) -> String {
    switch v {
    case .string(let s): return quote(s)
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d):
      if d.isNaN { return "nan" }
      if d.isInfinite { return d < 0 ? "-inf" : "inf" }
      let text = GoFloat.format(d, verb: "f", precision: nil)
      return text.contains(".") ? text : text + ".0"
    case .list(let items):
      return "["
        + items.filter { if case .null = $0 { return false } else { return true } }.map(scalar).joined(
          separator: ", ") + "]"
    case .map: return "{}"
    case .null: return "\"\""
    case .object(let object): return quote(object.goDescription)
    }
  }
}
