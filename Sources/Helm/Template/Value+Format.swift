/// Go `fmt` printing of template values (`%v` semantics), shared by actions, `print` and
/// `printf`.
extension Value {
  /// The Go type name as `%T`, `typeOf` and error messages print it.
  public var goTypeName: String {
    switch self {
    case .null: return "<nil>"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float64"
    case .string: return "string"
    case .list: return "[]interface {}"
    case .map: return "map[string]interface {}"
    case .object(let object): return object.goTypeName
    }
  }

  /// The Go `reflect.Kind` name, as Sprig's `kindOf` prints it.
  public var goKindName: String {
    switch self {
    case .null: return "invalid"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float64"
    case .string: return "string"
    case .list: return "slice"
    case .map: return "map"
    case .object(let object):
      return object.goTypeName.hasPrefix("*") ? "ptr" : "struct"
    }
  }

  /// `fmt.Sprint(v)`: nil prints `<nil>`, maps `map[a:1 b:2]` with sorted keys, lists `[a b]`.
  public var goString: String {
    var out = ""
    appendGoString(to: &out)
    return out
  }

  /// Appends `fmt.Sprint(v)` to `out` without building intermediate strings.
  public func appendGoString(to out: inout String) {
    switch self {
    case .null: out += "<nil>"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .float(let d): out += GoFloat.format(d, verb: "g", precision: nil)
    case .string(let s): out += s
    case .list(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += " " }
        item.appendGoString(to: &out)
      }
      out += "]"
    case .map(let map):
      out += "map["
      for (index, key) in map.keys.sorted().enumerated() {
        if index > 0 { out += " " }
        out += key
        out += ":"
        map[key]!.appendGoString(to: &out)
      }
      out += "]"
    case .object(let object): out += object.goDescription
    }
  }

  /// Go's truth for `if`, `with`, `and`, `or`, `not`: the zero value of its type is false.
  public var isTruthy: Bool {
    switch self {
    case .null: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    case .string(let s): return !s.isEmpty
    case .list(let l): return !l.isEmpty
    case .map(let m): return !m.isEmpty
    case .object: return true
    }
  }
}
