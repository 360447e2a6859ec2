import YAML

/// Resolves `${...}` references in strings (`${metadata.prefix}`, `${aws.accountId}`...).
///
/// A reference whose value is known only at apply time (`${aws.accountId}` without
/// `metadata.accountId`) stays in the text as written; `$${` writes a literal `${`.
struct ReferenceResolver {
  /// Every name a stack may reference.
  static let names = [
    "metadata.prefix", "metadata.region", "metadata.accountId", "aws.region", "aws.accountId", "cluster.name",
    "dataLake.bucket", "operator.namespace", "spark.version", "aws.ecrRegistry",
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
    guard text.utf8.contains(UInt8(ascii: "$")) else { return (text, []) }
    // Unicode scalars, not Characters: cheaper, and libyaml's columns count scalars too.
    let scalars = Array(text.unicodeScalars)
    var output = String.UnicodeScalarView()
    var problems: [Problem] = []
    var index = 0
    func slice(_ range: Range<Int>) -> String {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      return String(view)
    }
    while index < scalars.count {
      let scalar = scalars[index]
      let opens = scalar == "$" && index + 1 < scalars.count && scalars[index + 1] == "{"
      if scalar == "$", index + 2 < scalars.count, scalars[index + 1] == "$", scalars[index + 2] == "{" {
        output.append(contentsOf: "${".unicodeScalars)
        index += 3
        continue
      }
      guard opens else {
        output.append(scalar)
        index += 1
        continue
      }
      guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
        let rest = slice(index..<scalars.count)
        problems.append(
          Problem(
            offset: index, message: "unterminated reference \"\(rest)\"",
            hint: "close it with }, or write $${ for a literal ${"))
        output.append(contentsOf: rest.unicodeScalars)
        break
      }
      let name = slice((index + 2)..<close).trimmingSpaces()
      let written = slice(index..<(close + 1))
      if let allowed, !allowed.contains(name), Self.names.contains(name) {
        let hint =
          allowed.isEmpty
          ? "write the value itself: metadata.prefix, region and accountId are what references resolve to"
          : "this value is resolved before \(name); use one of: "
            + allowed.sorted().map { "${\($0)}" }.joined(separator: ", ")
        problems.append(Problem(offset: index, message: "\(written) cannot be used here", hint: hint))
        output.append(contentsOf: written.unicodeScalars)
      } else if let value = values[name] {
        output.append(contentsOf: value.unicodeScalars)
      } else if Self.names.contains(name) {
        output.append(contentsOf: written.unicodeScalars)
      } else {
        var hint = "references are: " + Self.names.map { "${\($0)}" }.joined(separator: ", ")
        if let suggestion = EditDistance.suggestion(for: name, among: Self.names) {
          hint = "did you mean ${\(suggestion)}?"
        }
        problems.append(Problem(offset: index, message: "unknown reference \(written)", hint: hint))
        output.append(contentsOf: written.unicodeScalars)
      }
      index = close + 1
    }
    return (String(output), problems)
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
