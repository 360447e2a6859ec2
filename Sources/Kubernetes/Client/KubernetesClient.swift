import HTTP
import YAML

/// A client for one API server: typed calls (get, list, watch, create, apply, patch,
/// delete, subresources, waits) over the HTTP module's transport, with kinds mapped to
/// resources through discovery. One client per run: its discovery cache and token cache
/// live as long as it does.
public final class KubernetesClient: Sendable {
  public let connection: KubernetesConnection
  public let discovery: ResourceDiscovery
  /// The field manager server-side apply records (`eks-spark`).
  public let fieldManager: String
  let requester: APIRequester
  let sleep: @Sendable (Duration) async throws -> Void

  /// - Parameters:
  ///   - transport: nil builds the libcurl client with the connection's TLS settings and
  ///     the environment's proxy.
  ///   - sleep: how waits pause (injected so tests do not wait).
  public init(
    connection: KubernetesConnection, transport: (any HTTPTransport)? = nil,
    environment: [String: String] = [:],
    trace: HTTPTraceSink? = nil, fieldManager: String = "eks-spark",
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
  ) {
    self.connection = connection
    self.fieldManager = fieldManager
    self.sleep = sleep
    let carrier = transport ?? Self.makeTransport(connection, environment: environment, trace: trace)
    requester = APIRequester(connection: connection, transport: carrier)
    discovery = ResourceDiscovery(requester: requester)
  }

  static func makeTransport(
    _ connection: KubernetesConnection, environment: [String: String], trace: HTTPTraceSink?
  ) -> HTTPClient {
    var configuration = HTTPClientConfiguration.fromEnvironment(environment)
    configuration.caPEM = connection.caPEM
    configuration.clientCertificatePEM = connection.clientCertificatePEM
    configuration.clientKeyPEM = connection.clientKeyPEM
    configuration.insecureSkipVerify = connection.insecureSkipTLSVerify
    if let proxy = connection.proxyURL {
      configuration.proxy = ProxySettings(httpsProxy: proxy, httpProxy: proxy)
    }
    configuration.trace = trace
    return HTTPClient(configuration: configuration)
  }

  // MARK: Requests

  func send(
    _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: [UInt8] = [],
    contentType: String? = nil, accept: String = "application/json"
  ) async throws -> HTTPResponse {
    try await requester.send(method, path, query: query, body: body, contentType: contentType, accept: accept)
  }

  func openStream(_ path: String, query: [(String, String)]) async throws -> HTTPStreamingResponse {
    try await requester.openStream(path, query: query)
  }

  func decodeObject(_ response: HTTPResponse, what: String) throws -> KubernetesObject {
    KubernetesObject(try KubernetesJSON.decode(response.body, what: what))
  }

  // MARK: Paths

  /// The resource behind a kind, from discovery.
  public func resource(for kind: GroupVersionKind) async throws -> APIResource {
    try await discovery.resource(for: kind)
  }

  /// The URL path of a collection or an object (and subresource) of a resource.
  func path(
    _ resource: APIResource, namespace: String?, name: String? = nil, subresource: String? = nil,
    allNamespaces: Bool = false
  ) -> String {
    var path = resource.groupVersionPath
    if resource.namespaced && !(allNamespaces && name == nil) {
      path += "/namespaces/" + QueryEncoding.encode(namespace ?? connection.defaultNamespace)
    }
    path += "/" + resource.name
    if let name { path += "/" + QueryEncoding.encode(name) }
    if let subresource { path += "/" + subresource }
    return path
  }

  /// The resource and namespace an object is written to.
  func target(of object: KubernetesObject) async throws -> (APIResource, String?) {
    guard !object.kind.isEmpty, !object.apiVersion.isEmpty else {
      throw KubernetesError(
        .invalidObject, "an object without apiVersion and kind cannot be sent",
        remedy: "set apiVersion and kind in the manifest")
    }
    let resource = try await resource(for: object.groupVersionKind)
    return (resource, resource.namespaced ? (object.namespace ?? connection.defaultNamespace) : nil)
  }

  func requireName(_ object: KubernetesObject) throws -> String {
    guard let name = object.metadata.name, !name.isEmpty else {
      throw KubernetesError(
        .invalidObject, "the \(object.kind) has no metadata.name", remedy: "name the object in the manifest")
    }
    return name
  }
}

/// Percent-encoding for path segments and query values (RFC 3986 unreserved kept).
enum QueryEncoding {
  static func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        out += "%"
        out.unicodeScalars.append(hex[Int(byte >> 4)])
        out.unicodeScalars.append(hex[Int(byte & 15)])
      }
    }
    return out
  }
}
