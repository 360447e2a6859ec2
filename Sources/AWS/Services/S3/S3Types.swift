import FoundationEssentials

/// One object in a ListObjectsV2 page.
public struct S3Object: Sendable, Hashable {
  public var key: String
  public var size: Int
  public var eTag: String?
  public var lastModified: Date?
}

/// What HeadObject reports.
public struct S3ObjectHead: Sendable, Hashable {
  public var contentLength: Int
  public var eTag: String?
  public var contentType: String?
}

/// S3 Block Public Access for a bucket.
public struct S3PublicAccessBlock: Sendable, Hashable {
  public var blockPublicAcls = true
  public var ignorePublicAcls = true
  public var blockPublicPolicy = true
  public var restrictPublicBuckets = true

  public init(
    blockPublicAcls: Bool = true, ignorePublicAcls: Bool = true, blockPublicPolicy: Bool = true,
    restrictPublicBuckets: Bool = true
  ) {
    self.blockPublicAcls = blockPublicAcls
    self.ignorePublicAcls = ignorePublicAcls
    self.blockPublicPolicy = blockPublicPolicy
    self.restrictPublicBuckets = restrictPublicBuckets
  }

  var xml: String {
    "<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
      + "<BlockPublicAcls>\(blockPublicAcls)</BlockPublicAcls><IgnorePublicAcls>\(ignorePublicAcls)</IgnorePublicAcls>"
      + "<BlockPublicPolicy>\(blockPublicPolicy)</BlockPublicPolicy>"
      + "<RestrictPublicBuckets>\(restrictPublicBuckets)</RestrictPublicBuckets></PublicAccessBlockConfiguration>"
  }
}

/// Default encryption: `AES256` (S3-managed keys) or `aws:kms` with an optional key.
public struct S3Encryption: Sendable, Hashable {
  public var algorithm: String
  public var kmsKeyID: String?

  public init(algorithm: String = "AES256", kmsKeyID: String? = nil) {
    self.algorithm = algorithm
    self.kmsKeyID = kmsKeyID
  }
}
