import FoundationEssentials
import HTTP

/// Amazon S3: buckets (create, head, tagging, public access block, default encryption,
/// delete) and objects (put, get, head, delete, list, multipart upload). Buckets are
/// addressed virtual-host style, or path style when the endpoint is configured (local
/// S3-compatible servers) or the name has dots.
public struct S3Client: Sendable {
  public let client: AWSClient
  /// Objects at least this large go up in parts.
  public static let multipartThreshold = 16 * 1024 * 1024
  public static let partSize = 8 * 1024 * 1024

  public init(configuration: AWSConfiguration) throws {
    client = try AWSClient(service: .s3, configuration: configuration)
  }

  func operation(
    _ name: String, _ method: HTTPMethod, bucket: String, key: String? = nil, query: [(String, String)] = [],
    body: [UInt8] = [], headers: HTTPHeaders = [:]
  ) -> AWSClient.Operation {
    let encodedKey = key.map { "/" + PercentEncoding.encode($0, keepSlash: true) } ?? ""
    let pathStyle = client.endpoint.isCustom || bucket.contains(".")
    var operation = AWSClient.Operation(
      name: name, method: method,
      path: pathStyle ? "/\(PercentEncoding.encode(bucket))\(encodedKey)" : encodedKey,
      query: query, headers: headers, body: body)
    if operation.path.isEmpty { operation.path = "/" }
    if !pathStyle { operation.hostLabel = bucket }
    operation.payloadHash = Crypto.hex(Crypto.sha256(body))
    return operation
  }

  /// Adds Content-MD5, which S3 requires on tagging and access-block writes.
  func withMD5(_ operation: AWSClient.Operation) -> AWSClient.Operation {
    var operation = operation
    operation.headers["Content-MD5"] = Data(Crypto.md5(operation.body)).base64EncodedString()
    operation.headers["Content-Type"] = "application/xml"
    return operation
  }

  // MARK: Buckets

  /// Creates the bucket in `region` (a LocationConstraint everywhere but us-east-1).
  public func createBucket(name: String, region: String) async throws {
    var body: [UInt8] = []
    if region != "us-east-1" {
      body = Array(
        ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
          + "<LocationConstraint>\(region.xmlEscaped)</LocationConstraint></CreateBucketConfiguration>").utf8)
    }
    _ = try await client.send(operation("CreateBucket", .put, bucket: name, body: body))
  }

  /// True when the bucket exists and is reachable with these credentials; false when it
  /// does not exist. A bucket owned by someone else throws (403).
  public func headBucket(name: String) async throws -> Bool {
    var request = operation("HeadBucket", .head, bucket: name)
    request.acceptedStatuses = [404]
    return try await client.send(request).status == 200
  }

  public func deleteBucket(name: String) async throws {
    _ = try await client.send(operation("DeleteBucket", .delete, bucket: name))
  }

  public func putBucketTagging(name: String, tags: [String: String]) async throws {
    let tagXML = tags.keys.sorted().map {
      "<Tag><Key>\($0.xmlEscaped)</Key><Value>\(tags[$0]!.xmlEscaped)</Value></Tag>"
    }.joined()
    let body =
      "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>\(tagXML)</TagSet></Tagging>"
    _ = try await client.send(
      withMD5(
        operation("PutBucketTagging", .put, bucket: name, query: [("tagging", "")], body: Array(body.utf8))))
  }

  /// The bucket's tags; empty when it has none.
  public func getBucketTagging(name: String) async throws -> [String: String] {
    do {
      let response = try await client.send(
        operation("GetBucketTagging", .get, bucket: name, query: [("tagging", "")]))
      let root = try XMLReader.parse(response.body)
      return root.tagMap("TagSet")
    } catch let error as AWSError where error.code == "NoSuchTagSet" {
      return [:]
    }
  }

  public func putPublicAccessBlock(name: String, configuration: S3PublicAccessBlock = S3PublicAccessBlock())
    async throws
  {
    _ = try await client.send(
      withMD5(
        operation(
          "PutPublicAccessBlock", .put, bucket: name, query: [("publicAccessBlock", "")],
          body: Array(configuration.xml.utf8))))
  }

  /// The bucket's block, nil when none is set.
  public func getPublicAccessBlock(name: String) async throws -> S3PublicAccessBlock? {
    do {
      let response = try await client.send(
        operation("GetPublicAccessBlock", .get, bucket: name, query: [("publicAccessBlock", "")]))
      let root = try XMLReader.parse(response.body)
      return S3PublicAccessBlock(
        blockPublicAcls: root.string("BlockPublicAcls") == "true",
        ignorePublicAcls: root.string("IgnorePublicAcls") == "true",
        blockPublicPolicy: root.string("BlockPublicPolicy") == "true",
        restrictPublicBuckets: root.string("RestrictPublicBuckets") == "true")
    } catch let error as AWSError where error.code == "NoSuchPublicAccessBlockConfiguration" {
      return nil
    }
  }

  public func putBucketEncryption(name: String, encryption: S3Encryption = S3Encryption()) async throws {
    let key = encryption.kmsKeyID.map { "<KMSMasterKeyID>\($0.xmlEscaped)</KMSMasterKeyID>" } ?? ""
    let body =
      "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule>"
      + "<ApplyServerSideEncryptionByDefault><SSEAlgorithm>\(encryption.algorithm.xmlEscaped)</SSEAlgorithm>\(key)"
      + "</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"
    _ = try await client.send(
      withMD5(
        operation(
          "PutBucketEncryption", .put, bucket: name, query: [("encryption", "")], body: Array(body.utf8))))
  }

  /// The default encryption, nil when none is configured.
  public func getBucketEncryption(name: String) async throws -> S3Encryption? {
    do {
      let response = try await client.send(
        operation("GetBucketEncryption", .get, bucket: name, query: [("encryption", "")]))
      let root = try XMLReader.parse(response.body)
      guard let rule = root.find("ApplyServerSideEncryptionByDefault") else { return nil }
      return S3Encryption(
        algorithm: rule.string("SSEAlgorithm") ?? "AES256", kmsKeyID: rule.string("KMSMasterKeyID"))
    } catch let error as AWSError where error.code == "ServerSideEncryptionConfigurationNotFoundError" {
      return nil
    }
  }
}
