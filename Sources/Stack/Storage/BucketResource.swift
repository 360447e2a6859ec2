import AWS
import Engine

/// The data-lake bucket: tagged, public access blocked, encrypted by default, and a bucket
/// policy that denies any request not made over TLS.
///
/// A bucket of the expected name without this stack's tag is not ours, and nothing that is
/// not ours is changed: plan stops at it. S3 cannot tag a bucket in CreateBucket, so before
/// creating it a run records its intent in the stack's state bucket
/// (`creating/<bucket>`, removed once tagged): an untagged bucket with that record is this
/// stack's, left by a run killed between creating and tagging, and is tagged (the plan
/// shows it). `adopt` (`--adopt`) takes over an untagged one without the record, never
/// another stack's. Deleting refuses a non-empty bucket unless `deleteData` is set.
public struct BucketResource: Resource {
  public static let type = "aws.s3.bucket"

  public let address: Address
  let bucket: String
  let region: String
  let deleteData: Bool
  let adopt: Bool
  /// The stack's state bucket, where the intent to create is recorded.
  let stateBucket: String?
  let tags: [String: String]
  let ownership: Ownership
  let s3: S3Client

  public init(
    name: String = "data-lake", bucket: String, region: String, deleteData: Bool = false,
    adopt: Bool = false, stateBucket: String? = nil, ownership: Ownership, s3: S3Client
  ) {
    self.adopt = adopt
    self.stateBucket = stateBucket
    address = Address(Self.type, name)
    self.bucket = bucket
    self.region = region
    self.deleteData = deleteData
    self.ownership = ownership
    self.s3 = s3
    tags = ownership.tags(for: address)
  }

  public var immutableFields: Set<String> { ["bucket"] }

  var tlsOnlyPolicy: String {
    S3Client.tlsOnlyPolicy(bucket: bucket, partition: Partition.of(region: region).id)
  }

  public func desired(_ inputs: Inputs) -> Attributes? {
    [
      "bucket": .string(bucket), "tags": .stringMap(tags), "encryption": "AES256",
      // Only where this client itself speaks TLS: over plain HTTP it would lock us out.
      "policy": s3.usesTLS ? (try? PolicyDocument.parse(tlsOnlyPolicy)) ?? .null : .null,
      "publicAccessBlock": [
        "blockPublicAcls": true, "ignorePublicAcls": true, "blockPublicPolicy": true,
        "restrictPublicBuckets": true,
      ],
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    // The name is known: existence, tags and settings go out together (one round trip);
    // the answers about a bucket that does not exist are not looked at.
    let (s3, bucket) = (self.s3, self.bucket)
    async let exists = s3.headBucket(name: bucket)
    async let tagging = AWSErrors.settle { try await s3.getBucketTagging(name: bucket) }
    async let block = AWSErrors.settle { try await s3.getPublicAccessBlock(name: bucket) }
    async let encryption = AWSErrors.settle { try await s3.getBucketEncryption(name: bucket) }
    async let policy = AWSErrors.settle { try await s3.getBucketPolicy(name: bucket) }
    guard try await exists else {
      _ = await (tagging, block, encryption, policy)
      return nil
    }
    let liveTags = try await tagging.get()
    if !ownership.owns(liveTags, address: address) {
      let anotherStack = liveTags[Ownership.stackTag].map { " (it belongs to stack \($0))" } ?? ""
      let ours = try await createdHere(liveTags)
      guard anotherStack.isEmpty, adopt || ours else {
        throw StackError(
          .notOwned,
          "bucket \(bucket) exists but does not belong to stack \(ownership.prefix)\(anotherStack); eks-spark changes nothing it does not own",
          remedy: anotherStack.isEmpty
            ? "choose another dataLake.bucket, or pass --adopt to take this bucket over (it is tagged, hardened, and emptied by destroy --delete-data)"
            : "choose another dataLake.bucket")
      }
    }
    let access: AttributeValue =
      try await block.get().map {
        [
          "blockPublicAcls": .bool($0.blockPublicAcls), "ignorePublicAcls": .bool($0.ignorePublicAcls),
          "blockPublicPolicy": .bool($0.blockPublicPolicy),
          "restrictPublicBuckets": .bool($0.restrictPublicBuckets),
        ]
      } ?? .null
    return LiveState(
      attributes: [
        "bucket": .string(bucket), "tags": Ownership.liveTags(liveTags),
        "encryption": try await encryption.get().map { .string($0.algorithm) } ?? .null,
        "policy": s3.usesTLS ? try await policy.get().map(PolicyDocument.parse) ?? .null : .null,
        "publicAccessBlock": access,
      ],
      outputs: [
        "name": .string(bucket), "arn": .string("arn:\(Partition.of(region: region).id):s3:::\(bucket)"),
      ])
  }

  /// The key of the intent record in the state bucket.
  var intentKey: String { "creating/\(bucket)" }

  /// Whether an untagged bucket was made by this stack (its intent record is there).
  private func createdHere(_ liveTags: [String: String]) async throws -> Bool {
    guard liveTags.isEmpty, let stateBucket else { return false }
    do { return try await s3.headObject(bucket: stateBucket, key: intentKey) != nil } catch
      where AWSErrors.isNotFound(error) || AWSErrors.code(error) == "NoSuchBucket"
    {
      return false
    }
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let before = change.before ?? [:]
    let after = change.after ?? [:]
    if change.action == .create, let stateBucket {
      // The commands hold the lock, so the state bucket is there; a caller without it
      // (a library use of the graph) goes without the record.
      do { try await s3.putObject(bucket: stateBucket, key: intentKey, body: Array(bucket.utf8)) } catch
        where AWSErrors.code(error) == "NoSuchBucket"
      {}
    }
    if change.action == .create {
      do {
        try await s3.createBucket(name: bucket, region: region)
      } catch  where AWSErrors.code(error) == "BucketAlreadyOwnedByYou" {
        // Made by a run that stopped before tagging it.
      }
    }
    if !(before["tags"] ?? .null).matches(after["tags"] ?? .null) {
      try await s3.putBucketTagging(name: bucket, tags: tags)
    }
    if let stateBucket {
      // Tagged now: found by its tag from here on.
      try? await s3.deleteObject(bucket: stateBucket, key: intentKey)
    }
    if !(before["publicAccessBlock"] ?? .null).matches(after["publicAccessBlock"] ?? .null) {
      try await s3.putPublicAccessBlock(name: bucket)
    }
    if !(before["encryption"] ?? .null).matches(after["encryption"] ?? .null) {
      try await s3.putBucketEncryption(name: bucket)
    }
    if s3.usesTLS, !(before["policy"] ?? .null).matches(after["policy"] ?? .null) {
      try await s3.putBucketPolicy(name: bucket, policy: tlsOnlyPolicy)
    }
    return ["name": .string(bucket), "arn": .string("arn:\(Partition.of(region: region).id):s3:::\(bucket)")]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    let objects = try await s3.listObjectsV2(bucket: bucket)
    if !objects.isEmpty {
      guard deleteData else {
        throw StackError(
          .notOwned, "bucket \(bucket) still holds \(objects.count) object\(objects.count == 1 ? "" : "s")",
          remedy: "pass --delete-data to delete them with the bucket, or empty it first")
      }
      for object in objects { try await s3.deleteObject(bucket: bucket, key: object.key) }
    }
    do { try await s3.deleteBucket(name: bucket) } catch  where AWSErrors.isNotFound(error) {}
  }
}
