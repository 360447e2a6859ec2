import CCurl

/// The libcurl transport: many requests in flight on one shared multi handle, HTTP/2
/// where the server offers it, keep-alive connections reused across requests.
public final class HTTPClient: HTTPTransport {
  public let configuration: HTTPClientConfiguration

  public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) {
    self.configuration = configuration
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (engine, transfer) = try makeTransfer(request)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        transfer.delivery = .whole(continuation)
        engine.submit(transfer)
      }
    } onCancel: {
      engine.cancel(transfer)
    }
  }

  public func stream(_ request: HTTPRequest) async throws -> HTTPStreamingResponse {
    let (engine, transfer) = try makeTransfer(request)
    let (stream, body) = HTTPBodyStream.makeStream()
    // A consumer that stops reading ends the transfer.
    body.onTermination = { termination in
      if case .cancelled = termination { engine.cancel(transfer) }
    }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        transfer.delivery = .streaming(head: continuation, stream: stream, body: body)
        engine.submit(transfer)
      }
    } onCancel: {
      engine.cancel(transfer)
    }
  }

  private func makeTransfer(_ request: HTTPRequest) throws -> (CurlEngine, CurlTransfer) {
    guard let engine = CurlEngine.shared else {
      throw HTTPError(
        code: .transport, message: "libcurl (libcurl.so.4) could not be loaded",
        url: SecretMasking.url(request.url))
    }
    let api = engine.api
    guard request.url.hasPrefix("https://") || request.url.hasPrefix("http://") else {
      throw HTTPError(
        code: .invalidURL, message: "only http and https URLs are supported",
        url: SecretMasking.url(request.url))
    }
    guard let easy = api.easyInit() else {
      throw HTTPError(code: .transport, message: "libcurl could not create a handle", url: request.url)
    }
    // Each request's lines carry its number, so the response of one of many concurrent
    // requests pairs with its request in the trace.
    let trace = configuration.trace.map(HTTPTrace.numbered)
    let transfer = CurlTransfer(api: api, easy: easy, url: request.url, trace: trace)
    if let trace { HTTPTrace.request(request, to: trace) }
    let context = Unmanaged.passUnretained(transfer).toOpaque()
    let config = configuration

    func set(_ option: CURLoption, _ value: Int) {
      _ = ekss_curl_setopt_long(api.easySetopt, easy, option, value)
    }
    func set(_ option: CURLoption, _ value: String) {
      // libcurl copies string options (CURLOPT_* strings are strdup'ed since 7.17).
      _ = value.withCString { ekss_curl_setopt_ptr(api.easySetopt, easy, option, $0) }
    }

    set(CURLOPT_URL, request.url)
    set(CURLOPT_NOSIGNAL, 1)
    set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
    // Waiting to multiplex on a connection being opened only pays where HTTP/2 can be
    // negotiated (TLS): over plain HTTP it held every request behind the first answer.
    set(CURLOPT_PIPEWAIT, request.url.hasPrefix("https://") ? 1 : 0)
    set(CURLOPT_CONNECTTIMEOUT_MS, Int(config.connectTimeout * 1000))
    if !request.isIdempotent {
      set(CURLOPT_FRESH_CONNECT, 1)
      set(CURLOPT_FORBID_REUSE, 1)
    }
    set(CURLOPT_TIMEOUT_MS, Int((request.timeout ?? config.totalTimeout) * 1000))
    _ = ekss_curl_setopt_ptr(api.easySetopt, easy, CURLOPT_HEADERDATA, context)
    _ = ekss_curl_setopt_ptr(api.easySetopt, easy, CURLOPT_WRITEDATA, context)
    _ = ekss_curl_setopt_callback(api.easySetopt, easy, CURLOPT_HEADERFUNCTION, CurlCallbacks.header)
    _ = ekss_curl_setopt_callback(api.easySetopt, easy, CURLOPT_WRITEFUNCTION, CurlCallbacks.write)

    // The proxy comes from the injected configuration; an empty string stops libcurl
    // from reading the process environment behind our back.
    set(CURLOPT_PROXY, config.proxy.proxy(for: request.url) ?? "")
    if let noProxy = config.proxy.noProxy { set(CURLOPT_NOPROXY, noProxy) }

    // Trust settings only matter to TLS; a plain-http request skips copying them.
    let secure = request.url.hasPrefix("https://")
    if secure, let file = config.caFile { set(CURLOPT_CAINFO, file) }
    if secure, let ca = config.caPEM {
      _ = ca.withUnsafeBytes {
        ekss_curl_setopt_blob(api.easySetopt, easy, CURLOPT_CAINFO_BLOB, $0.baseAddress, $0.count)
      }
    }
    if let certificate = config.clientCertificatePEM {
      set(CURLOPT_SSLCERTTYPE, "PEM")
      _ = certificate.withUnsafeBytes {
        ekss_curl_setopt_blob(api.easySetopt, easy, CURLOPT_SSLCERT_BLOB, $0.baseAddress, $0.count)
      }
    }
    if let key = config.clientKeyPEM {
      set(CURLOPT_SSLKEYTYPE, "PEM")
      _ = key.withUnsafeBytes {
        ekss_curl_setopt_blob(api.easySetopt, easy, CURLOPT_SSLKEY_BLOB, $0.baseAddress, $0.count)
      }
    }
    if config.insecureSkipVerify {
      set(CURLOPT_SSL_VERIFYPEER, 0)
      set(CURLOPT_SSL_VERIFYHOST, 0)
    }

    switch request.method {
    case .get: break
    case .head: set(CURLOPT_NOBODY, 1)
    case .post, .put, .patch, .delete:
      if request.method != .delete || !request.body.isEmpty {
        let storage = UnsafeMutableRawBufferPointer.allocate(
          byteCount: max(request.body.count, 1), alignment: 1)
        request.body.withUnsafeBytes { storage.copyMemory(from: $0) }
        transfer.bodyStorage = storage
        _ = ekss_curl_setopt_off(
          api.easySetopt, easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))
        _ = ekss_curl_setopt_ptr(api.easySetopt, easy, CURLOPT_POSTFIELDS, storage.baseAddress)
      }
      if request.method != .post { set(CURLOPT_CUSTOMREQUEST, request.method.rawValue) }
    }

    var list: UnsafeMutablePointer<curl_slist>?
    for field in request.headers {
      list = api.slistAppend(list, field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
    }
    // libcurl would otherwise add headers the request did not ask for: `Expect:
    // 100-continue` costs a round trip, and a form Content-Type would mislabel JSON.
    list = api.slistAppend(list, "Expect:")
    if !request.headers.contains("Content-Type") { list = api.slistAppend(list, "Content-Type:") }
    transfer.headerList = list
    _ = ekss_curl_setopt_ptr(api.easySetopt, easy, CURLOPT_HTTPHEADER, list)
    return (engine, transfer)
  }
}
