import HTTP

extension SigV4Signer {
  struct CanonicalHeaders {
    /// `name:value\n` lines, sorted by name.
    var text: String
    /// `name;name;…`
    var signed: String
  }

  /// Headers that proxies and libcurl may add, change or drop on the way; signing them
  /// would break the signature.
  static let unsignedHeaders: Set<String> = [
    "authorization", "user-agent", "expect", "x-amzn-trace-id", "connection", "transfer-encoding",
  ]

  func canonicalRequest(
    method: String, url: HTTPURL?, query: String, headers: CanonicalHeaders, payloadHash: String
  )
    -> String
  {
    [method, canonicalPath(url?.path ?? "/"), query, headers.text, headers.signed, payloadHash]
      .joined(separator: "\n")
  }

  func canonicalPath(_ path: String) -> String {
    var result = path
    if rules.normalizePath { result = Self.normalize(result) }
    if rules.encodePath { result = PercentEncoding.encode(result, keepSlash: true) }
    return result.isEmpty ? "/" : result
  }

  /// Removes empty, `.` and `..` segments (RFC 3986 §5.2.4, plus AWS's slash collapsing),
  /// keeping a trailing slash.
  static func normalize(_ path: String) -> String {
    var segments: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = segments.popLast()
      default: segments.append(segment)
      }
    }
    let trailing = path.hasSuffix("/") || path.hasSuffix("/.") || path.hasSuffix("/..")
    let joined = "/" + segments.joined(separator: "/")
    return trailing && !segments.isEmpty ? joined + "/" : joined
  }

  /// Sorted by encoded name then value; every name and value decoded then encoded again so
  /// that equivalent spellings sign the same.
  func canonicalQuery(_ query: String?, extra: [(String, String)]) -> String {
    var pairs: [(String, String)] = []
    for item in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = PercentEncoding.encode(PercentEncoding.decode(parts[0]))
      let value = parts.count > 1 ? PercentEncoding.encode(PercentEncoding.decode(parts[1])) : ""
      pairs.append((name, value))
    }
    for (name, value) in extra { pairs.append((PercentEncoding.encode(name), PercentEncoding.encode(value))) }
    pairs.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
  }

  func canonicalHeaders(_ headers: HTTPHeaders, url: HTTPURL?, excluding: Set<String>) -> CanonicalHeaders {
    var values: [String: [String]] = [:]
    for field in headers {
      let name = field.name.lowercased()
      if Self.unsignedHeaders.contains(name) || excluding.contains(name) { continue }
      values[name, default: []].append(Self.trimmed(field.value))
    }
    if values["host"] == nil, let url { values["host"] = [url.hostHeader] }
    let names = values.keys.sorted()
    let text = names.map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
    return CanonicalHeaders(text: text, signed: names.joined(separator: ";"))
  }

  /// Trims the value and collapses runs of spaces, as SigV4 requires.
  static func trimmed(_ value: String) -> String {
    var out = ""
    var lastWasSpace = false
    for character in value.trimmingPrefix(while: { $0 == " " || $0 == "\t" }) {
      let isSpace = character == " " || character == "\t"
      if isSpace && lastWasSpace { continue }
      out.append(isSpace ? " " : character)
      lastWasSpace = isSpace
    }
    while out.last == " " { out.removeLast() }
    return out
  }
}
