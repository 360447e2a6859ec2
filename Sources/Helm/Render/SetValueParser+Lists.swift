extension SetValueParser {
  enum ListResult {
    case list([Value])
    case notList
    case end
  }

  /// `{a,b,c}` after `=`; anything else is a plain value.
  mutating func valueList() throws -> ListResult {
    guard position < runes.count else { return .end }
    guard runes[position] == "{" else { return .notList }
    position += 1
    var list: [Value] = []
    while true {
      let (text, last) = runesUntil([",", "}"])
      switch last {
      case nil: throw SetError(message: "list must terminate with '}'")
      case "}":
        if position < runes.count && runes[position] == "," { position += 1 }
        list.append(try typed(text))
        return .list(list)
      default: list.append(try typed(text))
      }
    }
  }

  /// The part after `name[i]`: a value, a nested index or a nested key. False at end of input.
  mutating func listItem(_ list: inout [Value], _ index: Int, nestedLevel: Int) throws -> Bool {
    guard index >= 0 else { throw SetError(message: "negative \(index) index not allowed") }
    let (rest, last) = runesUntil(["[", ".", "="])
    if !rest.isEmpty { throw SetError(message: "unexpected data at end of array index: \"\(rest)\"") }
    switch last {
    case nil: return false
    case "=":
      if case .json = mode {
        let (value, more) = try jsonValue()
        try setIndex(&list, index, value)
        return more
      }
      switch try valueList() {
      case .list(let items):
        try setIndex(&list, index, .list(items))
        return true
      case .end:
        try setIndex(&list, index, .string(""))
        return false
      case .notList:
        let (text, stop) = runesUntil([","])
        try setIndex(&list, index, try typed(text))
        return stop != nil
      }
    case "[":
      let next = try keyIndex()
      var inner: [Value] = []
      if index < list.count, case .list(let existing) = list[index] { inner = existing }
      let more = try listItem(&inner, next, nestedLevel: nestedLevel)
      try setIndex(&list, index, .list(inner))
      return more
    default:  // "."
      var inner: [String: Value] = [:]
      if index < list.count, case .map(let existing) = list[index] { inner = existing }
      let more = try key(&inner, nestedLevel: nestedLevel)
      try setIndex(&list, index, .map(inner))
      return more
    }
  }

  func setIndex(_ list: inout [Value], _ index: Int, _ value: Value) throws {
    guard index >= 0 else { throw SetError(message: "negative \(index) index not allowed") }
    guard index <= Self.maxIndex else {
      throw SetError(message: "index of \(index) is greater than maximum supported index of \(Self.maxIndex)")
    }
    while list.count <= index { list.append(.null) }
    list[index] = value
  }

  /// `--set-json`: one JSON value, then optional blanks and a comma. False at end of input.
  mutating func jsonValue() throws -> (Value, Bool) {
    if try emptyValue() { return (.null, position < runes.count) }
    let start = position
    position = try Self.jsonEnd(runes, from: position)
    let value: Value
    do { value = try decodeJSON(String(runes[start..<position])) } catch {
      throw SetError(message: "\(error)")
    }
    _ = try emptyValue()
    return (value, position < runes.count)
  }

  /// Skips blanks; true when the value is empty (a comma or the end comes first).
  mutating func emptyValue() throws -> Bool {
    while position < runes.count {
      let rune = runes[position]
      position += 1
      if rune == "," { return true }
      if !rune.isWhitespace {
        position -= 1
        return false
      }
    }
    return true
  }

  /// Where the JSON value starting at `start` ends, as Go's json.Decoder reads one value.
  static func jsonEnd(_ runes: [Character], from start: Int) throws -> Int {
    var index = start
    var depth = 0
    var inString = false
    while index < runes.count {
      let rune = runes[index]
      index += 1
      if inString {
        if rune == "\\" {
          index += 1
        } else if rune == "\"" {
          inString = false
          if depth == 0 { return index }
        }
        continue
      }
      switch rune {
      case "\"": inString = true
      case "{", "[": depth += 1
      case "}", "]":
        depth -= 1
        if depth == 0 { return index }
        if depth < 0 { throw SetError(message: "invalid character '\(rune)' looking for beginning of value") }
      default:
        // A bare scalar (number, true, false, null) ends at a delimiter.
        if depth == 0 {
          while index < runes.count, !",]} \t\n".contains(runes[index]) { index += 1 }
          return index
        }
      }
    }
    if inString || depth > 0 { throw SetError(message: "unexpected EOF") }
    return index
  }
}
