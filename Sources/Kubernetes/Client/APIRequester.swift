import HTTP

/// Sends API calls for one connection: the bearer token on every request, one retry with
/// a fresh token after a 401, and failure answers turned into `KubernetesError`s.
struct APIRequester: Sendable {
  let connection: KubernetesConnection
  let transport: any HTTPTransport

  /// One API call: authorised, retried once with a fresh token after a 401, and a failure
  /// answer turned into a `KubernetesError` in the API server's words.
  func send(
    _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8] = [],
    contentType: String? = nil, accept: String = "application/json"
  ) async throws -> HTTPResponse {
    var request = try await makeRequest(
      method, path, query: query, body: body, contentType: contentType, accept: accept)
    var response = try await exchange(request)
    if response.status == 401, let credentials = connection.credentials {
      await credentials.invalidate()
      request = try await makeRequest(
        method, path, query: query, body: body, contentType: contentType, accept: accept)
      response = try await exchange(request)
    }
    guard (200..<300).contains(response.status) else {
      throw APIStatus.error(
        status: response.status, body: response.body, request: "\(method.rawValue) \(path)")
    }
    return response
  }

  /// Opens a streaming call (watch, followed logs); a failure status is read whole and thrown.
  func openStream(_ path: String, query: [(String, String)]) async throws -> HTTPStreamingResponse {
    var request = try await makeRequest(
      .get, path, query: query, body: [], contentType: nil, accept: "application/json")
    // A watch lasts as long as the server keeps it (timeoutSeconds), not the client's limit.
    request.timeout = 0
    let response: HTTPStreamingResponse
    do {
      response = try await transport.stream(request)
    } catch let error as HTTPError {
      throw transportError(error)
    }
    guard (200..<300).contains(response.status) else {
      let whole = try await response.collect()
      if whole.status == 401, let credentials = connection.credentials { await credentials.invalidate() }
      throw APIStatus.error(status: whole.status, body: whole.body, request: "GET \(path)")
    }
    return response
  }

  func makeRequest(
    _ method: HTTPMethod, _ path: String, query: [(String, String)], body: [UInt8], contentType: String?,
    accept: String
  ) async throws -> HTTPRequest {
    var url = connection.server + path
    if !query.isEmpty {
      url +=
        "?"
        + query.map { "\(QueryEncoding.encode($0.0))=\(QueryEncoding.encode($0.1))" }.joined(separator: "&")
    }
    var request = HTTPRequest(method: method, url: url, body: body)
    request.headers["Accept"] = accept
    request.headers["User-Agent"] = "eks-spark"
    if let contentType { request.headers["Content-Type"] = contentType }
    if let credentials = connection.credentials {
      request.headers["Authorization"] = "Bearer \(try await credentials.token())"
    }
    return request
  }

  func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
    do {
      return try await transport.send(request)
    } catch let error as HTTPError {
      throw transportError(error)
    }
  }

  func transportError(_ error: HTTPError) -> KubernetesError {
    KubernetesError(
      .transport, "cannot reach the API server of \(connection.label)", cause: error, remedy: error.remedy)
  }

}
