import FoundationEssentials
import HTTP

extension S3Client {
  /// Uploads in one request, or in parts for large bodies. Returns the ETag.
  @discardableResult
  public func putObject(bucket: String, key: String, body: [UInt8], contentType: String? = nil) async throws
    -> String?
  {
    if body.count >= Self.multipartThreshold {
      return try await multipartUpload(bucket: bucket, key: key, body: body, contentType: contentType)
    }
    var headers = HTTPHeaders()
    headers["Content-Type"] = contentType ?? "application/octet-stream"
    let response = try await client.send(
      operation("PutObject", .put, bucket: bucket, key: key, body: body, headers: headers))
    return response.headers["ETag"]
  }

  public func getObject(bucket: String, key: String) async throws -> [UInt8] {
    try await client.send(operation("GetObject", .get, bucket: bucket, key: key)).body
  }

  /// The object's size and ETag, nil when it does not exist.
  public func headObject(bucket: String, key: String) async throws -> S3ObjectHead? {
    var request = operation("HeadObject", .head, bucket: bucket, key: key)
    request.acceptedStatuses = [404]
    let response = try await client.send(request)
    guard response.status == 200 else { return nil }
    return S3ObjectHead(
      contentLength: Int(response.headers["Content-Length"] ?? "") ?? 0, eTag: response.headers["ETag"],
      contentType: response.headers["Content-Type"])
  }

  public func deleteObject(bucket: String, key: String) async throws {
    _ = try await client.send(operation("DeleteObject", .delete, bucket: bucket, key: key))
  }

  /// Every object under `prefix`, following continuation tokens.
  public func listObjectsV2(bucket: String, prefix: String? = nil) async throws -> [S3Object] {
    var objects: [S3Object] = []
    var token: String?
    repeat {
      var query: [(String, String)] = [("list-type", "2")]
      if let prefix { query.append(("prefix", prefix)) }
      if let token { query.append(("continuation-token", token)) }
      let response = try await client.send(operation("ListObjectsV2", .get, bucket: bucket, query: query))
      let root = try XMLReader.parse(response.body)
      objects += root.all("Contents").map {
        S3Object(
          key: $0.string("Key") ?? "", size: Int($0.string("Size") ?? "") ?? 0, eTag: $0.string("ETag"),
          lastModified: $0.string("LastModified").flatMap(Timestamp.parse))
      }
      token = root.string("IsTruncated") == "true" ? root.string("NextContinuationToken") : nil
    } while token != nil
    return objects
  }

  // MARK: Multipart

  /// Starts an upload and returns its id.
  public func createMultipartUpload(bucket: String, key: String, contentType: String? = nil) async throws
    -> String
  {
    var headers = HTTPHeaders()
    headers["Content-Type"] = contentType ?? "application/octet-stream"
    let response = try await client.send(
      operation(
        "CreateMultipartUpload", .post, bucket: bucket, key: key, query: [("uploads", "")], headers: headers))
    let root = try XMLReader.parse(response.body)
    return try root.require("UploadId", "s3", "CreateMultipartUpload")
  }

  /// Uploads part `number` (from 1) and returns its ETag.
  public func uploadPart(bucket: String, key: String, uploadID: String, number: Int, body: [UInt8])
    async throws
    -> String
  {
    let response = try await client.send(
      operation(
        "UploadPart", .put, bucket: bucket, key: key,
        query: [("partNumber", String(number)), ("uploadId", uploadID)],
        body: body))
    guard let eTag = response.headers["ETag"] else {
      throw AWSError.decoding("s3", "UploadPart", "the response has no ETag")
    }
    return eTag
  }

  @discardableResult
  public func completeMultipartUpload(bucket: String, key: String, uploadID: String, eTags: [String])
    async throws
    -> String?
  {
    let parts = eTags.enumerated().map {
      "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\($0.element.xmlEscaped)</ETag></Part>"
    }.joined()
    let body =
      "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\(parts)</CompleteMultipartUpload>"
    let response = try await client.send(
      operation(
        "CompleteMultipartUpload", .post, bucket: bucket, key: key, query: [("uploadId", uploadID)],
        body: Array(body.utf8)))
    // S3 can answer 200 with an error document when the completion fails late.
    let root = try XMLReader.parse(response.body)
    if root.localName == "Error" {
      throw AWSError(
        kind: .service, service: "s3", operation: "CompleteMultipartUpload",
        code: root.string("Code") ?? "InternalError",
        message: root.string("Message") ?? "", requestID: root.string("RequestId"), httpStatus: 200)
    }
    return root.string("ETag")
  }

  public func abortMultipartUpload(bucket: String, key: String, uploadID: String) async throws {
    _ = try await client.send(
      operation("AbortMultipartUpload", .delete, bucket: bucket, key: key, query: [("uploadId", uploadID)]))
  }

  /// Uploads parts four at a time; aborts the upload when a part fails.
  func multipartUpload(bucket: String, key: String, body: [UInt8], contentType: String?) async throws
    -> String?
  {
    let uploadID = try await createMultipartUpload(bucket: bucket, key: key, contentType: contentType)
    let ranges = stride(from: 0, to: body.count, by: Self.partSize).map {
      $0..<min($0 + Self.partSize, body.count)
    }
    do {
      var eTags = [String](repeating: "", count: ranges.count)
      try await withThrowingTaskGroup(of: (Int, String).self) { group in
        var next = 0
        func add() {
          let index = next
          next += 1
          let part = Array(body[ranges[index]])
          group.addTask {
            (
              index,
              try await uploadPart(
                bucket: bucket, key: key, uploadID: uploadID, number: index + 1, body: part)
            )
          }
        }
        while next < min(4, ranges.count) { add() }
        for try await (index, eTag) in group {
          eTags[index] = eTag
          if next < ranges.count { add() }
        }
      }
      return try await completeMultipartUpload(bucket: bucket, key: key, uploadID: uploadID, eTags: eTags)
    } catch {
      try? await abortMultipartUpload(bucket: bucket, key: key, uploadID: uploadID)
      throw error
    }
  }
}

extension S3Client {
  /// A URL anyone can GET the object with until it expires (S3's presigning rules: the
  /// payload is `UNSIGNED-PAYLOAD`, the key is encoded once and never normalised).
  public func presignedGetObject(bucket: String, key: String, expires: Int = 3600) async throws -> String {
    let credentials = try await client.configuration.credentials.credentials()
    let request = HTTPRequest(
      method: .get, url: client.url(for: operation("GetObject", .get, bucket: bucket, key: key)))
    return client.signer.presign(
      request, credentials: credentials, date: client.now, expires: expires,
      payloadHash: SigV4Signer.unsignedPayload
    ).request.url
  }
}
