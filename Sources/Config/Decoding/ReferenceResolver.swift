import YAML

/// Resolves `${...}` references in strings (`${metadata.prefix}`, `${aws.accountId}`...).
///
/// A reference whose value is known only at apply time (`${aws.accountId}` without
/// `metadata.accountId`) stays in the text as written; `$${` writes a literal `${`.
struct ReferenceResolver {
  /// Every name a stack may reference.
  static let names = [
    "metadata.prefix", "metadata.region", "metadata.accountId", "aws.region", "aws.accountId", "cluster.name",
    "dataLake.bucket", "operator.namespace", "spark.version",
  ]

  /// Values known so far; a name in `names` but not here is unresolved until apply.
  var values: [String: String] = [:]

  struct Problem {
    /// Offset of `${` in the text, in characters.
    var offset: Int
    var message: String
    var hint: String
  }

  /// The text with references replaced, and what could not be resolved. `allowed` limits
  /// which names may appear (values resolved early cannot depend on later ones).
  func resolve(_ text: String, allowed: Set<String>? = nil) -> (text: String, problems: [Problem]) {
    guard text.contains("$") else { return (text, []) }
    var output = ""
    var problems: [Problem] = []
    let characters = Array(text)
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "$", index + 2 < characters.count, characters[index + 1] == "$",
        characters[index + 2] == "{"
      {
        output += "${"
        index += 3
        continue
      }
      guard character == "$", index + 1 < characters.count, characters[index + 1] == "{" else {
        output.append(character)
        index += 1
        continue
      }
      guard let close = characters[(index + 2)...].firstIndex(of: "}") else {
        problems.append(
          Problem(
            offset: index, message: "unterminated reference \"\(String(characters[index...]))\"",
            hint: "close it with }, or write $${ for a literal ${"))
        output += String(characters[index...])
        break
      }
      let name = String(characters[(index + 2)..<close]).trimmingSpaces()
      let written = String(characters[index...close])
      if let allowed, !allowed.contains(name), Self.names.contains(name) {
        let hint =
          allowed.isEmpty
          ? "write the value itself: metadata.prefix, region and accountId are what references resolve to"
          : "this value is resolved before \(name); use one of: "
            + allowed.sorted().map { "${\($0)}" }.joined(separator: ", ")
        problems.append(Problem(offset: index, message: "\(written) cannot be used here", hint: hint))
        output += written
      } else if let value = values[name] {
        output += value
      } else if Self.names.contains(name) {
        output += written
      } else {
        var hint = "references are: " + Self.names.map { "${\($0)}" }.joined(separator: ", ")
        if let suggestion = EditDistance.suggestion(for: name, among: Self.names) {
          hint = "did you mean ${\(suggestion)}?"
        }
        problems.append(Problem(offset: index, message: "unknown reference \(written)", hint: hint))
        output += written
      }
      index = close + 1
    }
    return (output, problems)
  }
}

extension String {
  func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while scalars.first == " " { scalars = scalars.dropFirst() }
    while scalars.last == " " { scalars = scalars.dropLast() }
    return String(scalars)
  }
}
