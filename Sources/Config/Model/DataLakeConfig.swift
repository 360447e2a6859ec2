/// `dataLake:` — the S3 bucket jobs read and write, and local folders uploaded to it.
public struct DataLakeConfig: Sendable, Equatable {
  /// The bucket name; may still contain `${aws.accountId}` until apply knows the account.
  public var bucket: String
  /// Keep the bucket (and its data) when the stack is destroyed.
  public var retainOnDestroy: Bool
  public var uploads: [DataLakeUpload]
}

/// A local folder copied to `s3://<bucket>/<prefix>`.
public struct DataLakeUpload: Sendable, Equatable {
  /// The folder, relative to the stack file.
  public var source: String
  /// The key prefix in the bucket (no leading slash).
  public var prefix: String
}

/// `images[]` — a container image built from a local folder and pushed to ECR.
public struct ImageConfig: Sendable, Equatable {
  public var name: String
  /// The build context folder, relative to the stack file.
  public var context: String
  /// The Dockerfile, relative to the context.
  public var dockerfile: String
  public var buildArgs: [KeyValue]
  /// The ECR repository name (`<prefix>/<name>` by default).
  public var repository: String
  /// A fixed tag, or nil to tag with a digest of the build context.
  public var tag: String?
}
