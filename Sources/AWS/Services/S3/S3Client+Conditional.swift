import HTTP

extension S3Client {
  /// Creates the object only if no object has that key (`If-None-Match: *`): the atomic
  /// primitive a lock needs. Returns false when the key exists (S3 answers 412
  /// `PreconditionFailed`, or 409 `ConditionalRequestConflict` when a write races).
  public func putObjectIfAbsent(bucket: String, key: String, body: [UInt8], contentType: String? = nil)
    async throws -> Bool
  {
    var headers = HTTPHeaders()
    headers["Content-Type"] = contentType ?? "application/octet-stream"
    headers["If-None-Match"] = "*"
    var request = operation("PutObject", .put, bucket: bucket, key: key, body: body, headers: headers)
    request.acceptedStatuses = [409, 412]
    let response = try await client.send(request)
    return response.status == 200
  }
}
