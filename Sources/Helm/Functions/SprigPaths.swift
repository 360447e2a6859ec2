/// Sprig's path (`path` package, forward slashes; `os*` variants are the same on Linux) and
/// URL functions, plus `hello` and `buildCustomCert`.
enum SprigPaths {
  /// Go's `path.Clean`.
  static func clean(_ p: String) -> String {
    if p.isEmpty { return "." }
    let rooted = p.hasPrefix("/")
    var parts: [Substring] = []
    for part in p.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." {
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !rooted {
          parts.append(part)
        }
        continue
      }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    if rooted { return "/" + joined }
    return joined.isEmpty ? "." : joined
  }

  static func base(_ p: String) -> String {
    if p.isEmpty { return "." }
    var s = Substring(p)
    while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
    if s == "/" { return "/" }
    if let slash = s.lastIndex(of: "/") { s = s[s.index(after: slash)...] }
    return s.isEmpty ? "/" : String(s)
  }

  static func dir(_ p: String) -> String {
    guard let slash = p.lastIndex(of: "/") else { return "." }
    return clean(String(p[...slash]))
  }

  static func ext(_ p: String) -> String {
    var i = p.endIndex
    while i > p.startIndex {
      let previous = p.index(before: i)
      if p[previous] == "/" { break }
      if p[previous] == "." { return String(p[previous...]) }
      i = previous
    }
    return ""
  }

  static let all: [String: TemplateFunction] = {
    var table: [String: TemplateFunction] = [
      "hello": TemplateFunction(arity: 0) { _ in .string("Hello!") },
      "urlParse": TemplateFunction(arity: 1) { call in .map(parseURL(try call.string(0))) },
      "urlJoin": TemplateFunction(arity: 1) { call in .string(joinURL(try call.map(0))) },
      "buildCustomCert": TemplateFunction(arity: 2) { call in
        guard let cert = GoBase64.decode(try call.string(0)), let key = GoBase64.decode(try call.string(1))
        else {
          throw FunctionError("unable to decode base64 certificate or key")
        }
        return .object(
          CertificateObject(
            cert: String(decoding: cert, as: UTF8.self), key: String(decoding: key, as: UTF8.self)))
      },
    ]
    for prefix in ["", "os"] {
      func name(_ base: String) -> String {
        prefix.isEmpty ? base : prefix + base.prefix(1).uppercased() + base.dropFirst()
      }
      table[name("base")] = TemplateFunction(arity: 1) { .string(base(try $0.string(0))) }
      table[name("dir")] = TemplateFunction(arity: 1) { .string(dir(try $0.string(0))) }
      table[name("clean")] = TemplateFunction(arity: 1) { .string(clean(try $0.string(0))) }
      table[name("ext")] = TemplateFunction(arity: 1) { .string(ext(try $0.string(0))) }
      table[name("isAbs")] = TemplateFunction(arity: 1) { .bool(try $0.string(0).hasPrefix("/")) }
    }
    return table
  }()

  /// Sprig's `urlParse`: scheme, host, hostname, path, query, opaque, fragment, userinfo.
  static func parseURL(_ text: String) -> [String: Value] {
    var rest = Substring(text)
    var fragment = ""
    if let hash = rest.firstIndex(of: "#") {
      fragment = String(rest[rest.index(after: hash)...])
      rest = rest[..<hash]
    }
    var query = ""
    if let q = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: q)...])
      rest = rest[..<q]
    }
    var scheme = ""
    if let colon = rest.firstIndex(of: ":"),
      rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
      rest.first?.isLetter == true
    {
      scheme = String(rest[..<colon]).lowercased()
      rest = rest[rest.index(after: colon)...]
    }
    var host = ""
    var userinfo = ""
    var opaque = ""
    if rest.hasPrefix("//") {
      rest = rest.dropFirst(2)
      let end = rest.firstIndex(of: "/") ?? rest.endIndex
      var authority = rest[..<end]
      rest = rest[end...]
      if let at = authority.lastIndex(of: "@") {
        userinfo = String(authority[..<at])
        authority = authority[authority.index(after: at)...]
      }
      host = String(authority)
    } else if !scheme.isEmpty && !rest.hasPrefix("/") {
      opaque = String(rest)
      rest = ""
    }
    var hostname = host
    if hostname.hasPrefix("["), let close = hostname.firstIndex(of: "]") {
      hostname = String(hostname[hostname.index(after: hostname.startIndex)..<close])
    } else if let colon = hostname.lastIndex(of: ":") {
      hostname = String(hostname[..<colon])
    }
    return [
      "scheme": .string(scheme), "host": .string(host), "hostname": .string(hostname),
      "path": .string(String(rest)),
      "query": .string(query), "opaque": .string(opaque), "fragment": .string(fragment),
      "userinfo": .string(userinfo),
    ]
  }

  static func joinURL(_ parts: [String: Value]) -> String {
    func part(_ key: String) -> String { Sprig.string(parts[key] ?? .string("")) }
    var out = ""
    if !part("scheme").isEmpty { out += part("scheme") + ":" }
    if !part("opaque").isEmpty {
      out += part("opaque")
    } else {
      if !part("host").isEmpty || !part("userinfo").isEmpty {
        out += "//"
        if !part("userinfo").isEmpty { out += part("userinfo") + "@" }
        out += part("host")
      }
      out += part("path")
    }
    if !part("query").isEmpty { out += "?" + part("query") }
    if !part("fragment").isEmpty { out += "#" + part("fragment") }
    return out
  }
}
