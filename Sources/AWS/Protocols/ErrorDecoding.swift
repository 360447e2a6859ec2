import FoundationEssentials
import HTTP

extension AWSClient {
  /// Reads the error shape of the service's protocol.
  func decodeError(_ response: HTTPResponse, operation: String) -> AWSError {
    var code = ""
    var message = ""
    var requestID =
      response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
      ?? response.headers["x-amzn-requestid"]
    switch service.wireProtocol {
    case .restJSON, .awsJSON:
      struct Shape: Decodable {
        var __type: String?
        var code: String?
        var message: String?
        var Message: String?
      }
      let shape = try? JSONDecoder().decode(Shape.self, from: Data(response.body))
      code = response.headers["x-amzn-ErrorType"] ?? shape?.__type ?? shape?.code ?? ""
      message = shape?.message ?? shape?.Message ?? ""
    case .query, .ec2Query, .restXML:
      if let root = try? XMLReader.parse(response.body) {
        // IAM/STS: ErrorResponse/Error; EC2: Response/Errors/Error; S3: Error.
        let error = root.localName == "Error" ? root : root.find("Error")
        code = error?.string("Code") ?? ""
        message = error?.string("Message") ?? ""
        requestID =
          requestID ?? root.string("RequestId") ?? root.string("RequestID") ?? error?.string("RequestId")
      }
    }
    // `x-amzn-ErrorType: Code:http://…` and `__type: prefix#Code` both wrap the code.
    if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
    if let hash = code.lastIndex(of: "#") { code = String(code[code.index(after: hash)...]) }
    if code.isEmpty { code = Self.codeForStatus(response.status) }
    if message.isEmpty { message = "HTTP \(response.status) with no error message" }
    return AWSError(
      kind: .service, service: service.id, operation: operation, code: code, message: message,
      requestID: requestID, httpStatus: response.status,
      remedy: AWSError.remedy(code: code, service: service.signingName, operation: operation))
  }

  /// Body-less answers (S3 HEAD) carry only a status.
  static func codeForStatus(_ status: Int) -> String {
    switch status {
    case 301: "PermanentRedirect"
    case 304: "NotModified"
    case 400: "BadRequest"
    case 403: "Forbidden"
    case 404: "NotFound"
    case 409: "Conflict"
    case 429: "TooManyRequestsException"
    case 500: "InternalError"
    case 503: "ServiceUnavailable"
    default: "HTTP\(status)"
    }
  }
}
