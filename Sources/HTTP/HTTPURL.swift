/// The parts of an absolute http(s) URL that signing and routing need, split without
/// decoding (the path and query stay exactly as they go on the wire).
public struct HTTPURL: Sendable, Hashable {
  public var scheme: String
  /// The host, without brackets for IPv6 literals and without the port.
  public var host: String
  public var port: Int?
  /// The path as written, `/` when empty.
  public var path: String
  /// The query without its `?`, or nil when the URL has none.
  public var query: String?

  public init(scheme: String, host: String, port: Int? = nil, path: String = "/", query: String? = nil) {
    self.scheme = scheme
    self.host = host
    self.port = port
    self.path = path
    self.query = query
  }

  /// Parses `scheme://host[:port][/path][?query]`; a fragment is dropped.
  public init?(_ string: String) {
    guard let schemeEnd = string.firstRange(of: "://") else { return nil }
    scheme = string[..<schemeEnd.lowerBound].lowercased()
    var rest = string[schemeEnd.upperBound...]
    if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
    let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
    var authority = rest[..<authorityEnd]
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
      host = String(authority[authority.index(after: authority.startIndex)..<close])
      let after = authority[authority.index(after: close)...]
      port = after.hasPrefix(":") ? Int(after.dropFirst()) : nil
    } else if let colon = authority.lastIndex(of: ":") {
      host = String(authority[..<colon])
      guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
      port = number
    } else {
      host = String(authority)
      port = nil
    }
    guard !host.isEmpty else { return nil }
    let pathAndQuery = rest[authorityEnd...]
    if let question = pathAndQuery.firstIndex(of: "?") {
      path = String(pathAndQuery[..<question])
      query = String(pathAndQuery[pathAndQuery.index(after: question)...])
    } else {
      path = String(pathAndQuery)
      query = nil
    }
    if path.isEmpty { path = "/" }
  }

  /// `host` or `host:port` when the port is not the scheme's default, as in a Host header.
  public var hostHeader: String {
    let name = host.contains(":") ? "[\(host)]" : host
    guard let port, !(scheme == "https" && port == 443), !(scheme == "http" && port == 80) else {
      return name
    }
    return "\(name):\(port)"
  }

  /// The URL written back out.
  public var string: String {
    "\(scheme)://\(hostHeader)\(path)" + (query.map { "?\($0)" } ?? "")
  }
}
