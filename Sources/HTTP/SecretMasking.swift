import Synchronization

/// Hides credentials in what `--debug` prints: authorization headers, session tokens,
/// bearer tokens and presigned-URL signatures.
public enum SecretMasking {
  static let mask = "****"

  /// Header names whose whole value is secret.
  static let secretHeaders: Set<String> = [
    "authorization", "proxy-authorization", "x-amz-security-token", "cookie", "set-cookie",
    "x-aws-ec2-metadata-token",
  ]

  /// Query parameters whose value is secret.
  static let secretQueryKeys: Set<String> = [
    "x-amz-signature", "x-amz-security-token", "x-amz-credential",
  ]

  /// The header value as it may be printed.
  public static func header(_ name: String, _ value: String) -> String {
    let key = name.lowercased()
    guard secretHeaders.contains(key) else { return value }
    // Keep the scheme and the access key id: they help debugging and are not secret.
    if key == "authorization" {
      if value.hasPrefix("AWS4-HMAC-SHA256") {
        let credential = value.split(separator: " ").first { $0.hasPrefix("Credential=") }
        let keyID = credential.map { $0.dropFirst("Credential=".count).prefix { $0 != "/" } }
        return "AWS4-HMAC-SHA256 Credential=\(keyID ?? "")/… Signature=\(mask)"
      }
      if let space = value.firstIndex(of: " ") { return "\(value[..<space]) \(mask)" }
    }
    return mask
  }

  /// The URL with secret query values replaced.
  public static func url(_ url: String) -> String {
    guard let question = url.firstIndex(of: "?") else { return url }
    let query = url[url.index(after: question)...]
    let parts = query.split(separator: "&", omittingEmptySubsequences: false).map {
      pair -> String in
      guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
      let key = pair[..<equals].lowercased()
      return secretQueryKeys.contains(key) ? "\(pair[..<equals])=\(mask)" : String(pair)
    }
    return url[...question] + parts.joined(separator: "&")
  }

  /// Text that may hold bearer tokens (`k8s-aws-v1.…`, `Bearer …`).
  public static func text(_ text: String) -> String {
    var result = ""
    var rest = Substring(text)
    while let range = rest.firstRange(of: "k8s-aws-v1.") {
      result += rest[..<range.upperBound] + mask
      rest = rest[range.upperBound...].drop { !$0.isWhitespace && $0 != "\"" }
    }
    return result + rest
  }
}

/// Receives one line per traced event (`> GET url`, `> header: value`, `< 200`), already
/// masked; `--debug` prints them to stderr.
public typealias HTTPTraceSink = @Sendable (String) -> Void

enum HTTPTrace {
  /// The number of the next traced request, process-wide.
  private static let counter = Atomic<Int>(0)

  /// `sink` with every line prefixed by the next request number (`#12 > GET ...`).
  static func numbered(_ sink: @escaping HTTPTraceSink) -> HTTPTraceSink {
    let number = counter.add(1, ordering: .relaxed).newValue
    return { line in sink("#\(number) \(line)") }
  }

  static func request(_ request: HTTPRequest, to sink: HTTPTraceSink) {
    sink("> \(request.method.rawValue) \(SecretMasking.url(request.url))")
    for field in request.headers {
      sink("> \(field.name): \(SecretMasking.header(field.name, field.value))")
    }
    if !request.body.isEmpty {
      sink("> (\(request.body.count) bytes) \(SecretMasking.text(preview(request.body)))")
    }
  }

  static func response(
    status: Int, headers: HTTPHeaders, body: [UInt8]?, url: String, to sink: HTTPTraceSink
  ) {
    sink("< \(status) \(SecretMasking.url(url))")
    for field in headers {
      sink("< \(field.name): \(SecretMasking.header(field.name, field.value))")
    }
    if let body, !body.isEmpty {
      sink("< (\(body.count) bytes) \(SecretMasking.text(preview(body)))")
    }
  }

  /// The first 2 KiB of a body; secrets in JSON credential bodies are masked by key.
  static func preview(_ body: [UInt8]) -> String {
    var text = String(decoding: body.prefix(2048), as: UTF8.self)
    for key in ["SecretAccessKey", "SessionToken", "Token", "secretAccessKey", "sessionToken"] {
      text = maskJSONValue(text, key: key)
      text = maskXMLValue(text, key: key)
    }
    return text
  }

  static func maskJSONValue(_ text: String, key: String) -> String {
    var out = ""
    var rest = Substring(text)
    let needle = "\"\(key)\""
    while let range = rest.firstRange(of: needle) {
      out += rest[..<range.upperBound]
      rest = rest[range.upperBound...]
      guard let open = rest.firstIndex(of: "\"") else { break }
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: "\"") else { break }
      out += rest[...open] + SecretMasking.mask + "\""
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }

  static func maskXMLValue(_ text: String, key: String) -> String {
    var out = ""
    var rest = Substring(text)
    let open = "<\(key)>"
    let close = "</\(key)>"
    while let start = rest.firstRange(of: open), let end = rest[start.upperBound...].firstRange(of: close) {
      out += rest[..<start.upperBound] + SecretMasking.mask + close
      rest = rest[end.upperBound...]
    }
    return out + rest
  }
}
