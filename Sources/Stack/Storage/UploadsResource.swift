import AWS
import Engine
import FoundationEssentials

/// The stack file's `dataLake.uploads`: local files copied into the bucket, only those
/// whose checksum (S3 ETag) differs. Objects not uploaded by the stack are left alone,
/// and deleting this resource deletes nothing: the data goes with the bucket, if at all.
public struct UploadsResource: Resource {
  public static let type = "aws.s3.uploads"

  public let address: Address
  let bucketAddress: Address
  let bucket: String
  let prefixes: [String]
  let files: [UploadFiles.File]
  let s3: S3Client

  /// - Parameters:
  ///   - uploads: (local file or directory, key prefix) pairs, paths already resolved.
  /// - Throws: `StackError` when a source does not exist or cannot be read.
  public init(
    name: String = "data-lake", bucket: String, bucketAddress: Address,
    uploads: [(source: String, prefix: String, root: String)],
    s3: S3Client
  ) throws {
    address = Address(Self.type, name)
    self.bucket = bucket
    self.bucketAddress = bucketAddress
    self.s3 = s3
    prefixes = uploads.map(\.prefix)
    files = try uploads.flatMap {
      try UploadFiles.scan(
        directory: $0.source, root: $0.root, prefix: $0.prefix, partSize: S3Client.partSize,
        multipartThreshold: S3Client.multipartThreshold)
    }
  }

  public var dependencies: [Address] { [bucketAddress] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "objects": .map(
        Dictionary(files.map { ($0.key, .string($0.eTag)) }, uniquingKeysWith: { _, last in last }))
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    guard try await s3.headBucket(name: bucket) else { return nil }
    let wanted = Set(files.map(\.key))
    var objects: [String: AttributeValue] = [:]
    for prefix in Set(prefixes).sorted() {
      for object in try await s3.listObjectsV2(bucket: bucket, prefix: prefix)
      where wanted.contains(object.key) {
        objects[object.key] = .string((object.eTag ?? "").filter { $0 != "\"" })
      }
    }
    return LiveState(attributes: ["objects": .map(objects)])
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let live = change.before?["objects"]?.mapValue ?? [:]
    for file in files where live[file.key]?.stringValue != file.eTag {
      try await upload(file)
    }
    return ["count": .int(files.count)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {}

  /// Sends one file a part at a time: a small one in one PutObject, a large one as a
  /// multipart upload read part by part (the same parts its ETag was computed from).
  private func upload(_ file: UploadFiles.File) async throws {
    let reader = try FileParts(path: file.path)
    defer { reader.close() }
    guard file.size >= S3Client.multipartThreshold else {
      try await s3.putObject(bucket: bucket, key: file.key, body: try reader.next(max(file.size, 1)) ?? [])
      return
    }
    let uploadID = try await s3.createMultipartUpload(bucket: bucket, key: file.key)
    do {
      var eTags: [String] = []
      while let part = try reader.next(S3Client.partSize) {
        eTags.append(
          try await s3.uploadPart(
            bucket: bucket, key: file.key, uploadID: uploadID, number: eTags.count + 1, body: part))
      }
      _ = try await s3.completeMultipartUpload(
        bucket: bucket, key: file.key, uploadID: uploadID, eTags: eTags)
    } catch {
      try? await s3.abortMultipartUpload(bucket: bucket, key: file.key, uploadID: uploadID)
      throw error
    }
  }
}
