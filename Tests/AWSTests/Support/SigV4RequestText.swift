import HTTP

/// The request.txt format of the SigV4 suites: a request line, header lines (`Name:value`;
/// a line starting with a space or tab continues the header above it, as HTTP/1.1 line
/// folding did; a repeated name adds a value), a blank line, the body. A file that does not
/// follow it throws, so only its own case fails.
enum SigV4RequestText {
  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  static func parse(_ text: String) throws -> (request: HTTPRequest, target: String) {
    let (head, body) =
      text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) }
      ?? (text, "")
    var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { throw Malformed(description: "no request line") }
    let requestLine = lines.removeFirst()
    let words = requestLine.split(separator: " ", omittingEmptySubsequences: false)
    guard words.count >= 3, words.last == "HTTP/1.1", let method = HTTPMethod(rawValue: String(words[0]))
    else {
      throw Malformed(description: "request line \"\(requestLine)\" is not METHOD TARGET HTTP/1.1")
    }
    // The target may itself hold spaces (the get-space vectors).
    let target = words.dropFirst().dropLast().joined(separator: " ")
    var fields: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      if line.first == " " || line.first == "\t" {
        guard let last = fields.last else {
          throw Malformed(description: "continuation line \"\(line)\" before any header")
        }
        fields.append((last.name, String(line.drop { $0 == " " || $0 == "\t" })))
        continue
      }
      guard let colon = line.firstIndex(of: ":") else {
        throw Malformed(description: "header line \"\(line)\" has no colon")
      }
      fields.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
    }
    var headers = HTTPHeaders()
    for field in fields { headers.add(field.name, field.value) }
    guard let host = headers["host"] else { throw Malformed(description: "no Host header") }
    let request = HTTPRequest(
      method: method, url: "https://\(host)\(target)", headers: headers, body: Array(body.utf8))
    return (request, target)
  }
}
