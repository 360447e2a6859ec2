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
  /// Whether `source` may lie outside the stack file's folder (`outsideStackFolder:
  /// true`); links out of the source are never followed either way.
  public var outsideStackFolder = false
}
