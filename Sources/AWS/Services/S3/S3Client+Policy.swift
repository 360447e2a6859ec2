extension S3Client {
  /// Sets the bucket policy (a JSON document).
  public func putBucketPolicy(name: String, policy: String) async throws {
    _ = try await client.send(
      withMD5(
        operation("PutBucketPolicy", .put, bucket: name, query: [("policy", "")], body: Array(policy.utf8))))
  }

  /// The bucket policy's JSON text, nil when the bucket has none.
  public func getBucketPolicy(name: String) async throws -> String? {
    do {
      let response = try await client.send(
        operation("GetBucketPolicy", .get, bucket: name, query: [("policy", "")]))
      return String(decoding: response.body, as: UTF8.self)
    } catch let error as AWSError where error.code == "NoSuchBucketPolicy" {
      return nil
    }
  }

  /// Whether requests go over TLS: a bucket policy that denies plain-HTTP requests would
  /// lock this client out of an endpoint reached over `http://` (a local stand-in).
  public var usesTLS: Bool { client.endpoint.url.scheme == "https" }

  /// A policy that denies every request to `bucket` not made over TLS (what AWS Config's
  /// s3-bucket-ssl-requests-only rule asks for).
  public static func tlsOnlyPolicy(bucket: String, partition: String) -> String {
    let arn = "arn:\(partition):s3:::\(bucket)"
    return """
      {"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*",\
      "Action":"s3:*","Resource":["\(arn)","\(arn)/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}
      """
  }
}
