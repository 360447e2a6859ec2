import FoundationEssentials
import HTTP

/// A request body for operations that take none.
public struct EmptyInput: Codable, Sendable {
  public init() {}
}

extension AWSClient {
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = .sortedKeys
    return encoder
  }

  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      if let seconds = try? container.decode(Double.self) { return Date(timeIntervalSince1970: seconds) }
      let text = try container.decode(String.self)
      guard let date = Timestamp.parse(text) else {
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a timestamp: \(text)")
      }
      return date
    }
    return decoder
  }

  func decode<Output: Decodable>(_ type: Output.Type, _ response: HTTPResponse, operation: String) throws
    -> Output
  {
    do {
      return try Self.decoder().decode(
        type, from: Data(response.body.isEmpty ? Array("{}".utf8) : response.body))
    } catch {
      throw AWSError.decoding(service.id, operation, "the response does not match \(Output.self): \(error)")
    }
  }

  /// Calls an awsJson1.1 operation (ECR): POST / with `X-Amz-Target`.
  public func json<Input: Encodable, Output: Decodable>(
    _ operation: String, _ input: Input, as output: Output.Type
  ) async throws -> Output {
    guard case .awsJSON(let prefix) = service.wireProtocol else {
      preconditionFailure("\(service.id) does not speak awsJson")
    }
    let body = try Self.encoder().encode(input)
    let response = try await send(
      Operation(
        name: operation,
        headers: ["Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "\(prefix).\(operation)"],
        body: Array(body)))
    return try decode(output, response, operation: operation)
  }

  /// Calls a restJson operation (EKS): the path and query carry identifiers, the body the rest.
  public func rest<Output: Decodable>(
    _ operation: String, _ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
    body: (any Encodable)? = nil, as output: Output.Type
  ) async throws -> Output {
    var request = Operation(name: operation, method: method, path: path, query: query)
    if let body {
      request.body = Array(try Self.encoder().encode(body))
      request.headers["Content-Type"] = "application/json"
    }
    let response = try await send(request)
    return try decode(output, response, operation: operation)
  }
}

extension String {
  /// One path segment, percent-encoded.
  var pathSegment: String { PercentEncoding.encode(self) }
}
