import AWS
import Engine
import FoundationEssentials

/// One writer at a time per stack: an S3 object created only if absent (`If-None-Match:
/// *`), in a small state bucket of the stack's own, `<prefix>-eks-spark-state-<account>`
/// (docs/decisions/0005-stack-lock.md says why not the data-lake bucket or DynamoDB).
///
/// The object names its holder and start time; a lock older than `staleAfter` is taken
/// over, and so is one whose holder is known to be gone (`isHolderGone`: the CLI checks a
/// holder on the same host by its pid), since its holder died without releasing it;
/// `forceUnlock(id:)` removes a lock by id.
public struct StateBucketLock: Sendable {
  /// Long enough for a whole apply from nothing (a cluster takes ~10 minutes, its upper
  /// bound 25) with room to spare.
  public static let defaultStaleAfter: Duration = .seconds(2 * 60 * 60)

  public let bucket: String
  public let key: String
  let region: String
  let ownership: Ownership
  let s3: S3Client
  let staleAfter: Duration
  let pollInterval: Duration
  let isHolderGone: @Sendable (LockRecord) -> Bool
  let now: @Sendable () -> Date
  let sleep: @Sendable (Duration) async throws -> Void

  public init(
    prefix: String, accountID: String, region: String, ownership: Ownership, s3: S3Client,
    staleAfter: Duration = StateBucketLock.defaultStaleAfter, pollInterval: Duration = .seconds(2),
    isHolderGone: @escaping @Sendable (LockRecord) -> Bool = { _ in false },
    now: @escaping @Sendable () -> Date = { Date() },
    sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
  ) {
    self.bucket = Self.bucketName(prefix: prefix, accountID: accountID)
    self.key = "locks/\(prefix).json"
    self.region = region
    self.ownership = ownership
    self.s3 = s3
    self.staleAfter = staleAfter
    self.pollInterval = pollInterval
    self.isHolderGone = isHolderGone
    self.now = now
    self.sleep = sleep
  }

  /// `<prefix>-eks-spark-state-<account>`: unique per account, known before any write.
  public static func bucketName(prefix: String, accountID: String) -> String {
    "\(prefix)-eks-spark-state-\(accountID)"
  }

  /// Takes the lock, waiting up to `timeout` (zero: fail at once) for its holder to let go.
  /// `onWait` is called once, with the holder, when the lock is busy and waiting begins;
  /// `onTakeOver` when a stale lock is replaced.
  /// - Throws: `StackError(.lockHeld)` naming the holder and its start time.
  public func acquire(
    holder: LockHolder, operation: String, timeout: Duration = .zero,
    onWait: @Sendable (LockRecord) -> Void = { _ in }, onTakeOver: @Sendable (LockRecord) -> Void = { _ in }
  ) async throws -> LockRecord {
    let record = LockRecord(
      id: UUID().uuidString.lowercased(), holder: holder.arn, host: holder.host, pid: holder.pid,
      operation: operation, created: now())
    let body = try record.encoded()
    let deadline = now().addingTimeInterval(timeout.seconds)
    var announced = false
    while true {
      if try await create(body) { return record }
      guard let current = try await current() else { continue }  // released meanwhile
      if now().timeIntervalSince(current.created) > staleAfter.seconds || isHolderGone(current) {
        onTakeOver(current)
        try await delete(ifID: current.id)
        continue
      }
      guard now() < deadline else {
        throw StackError(
          .lockHeld,
          "stack \(ownership.prefix) is locked by \(current.summary)"
            + (timeout > .zero ? "; gave up after waiting \(timeout.elapsedText)" : ""),
          remedy:
            "wait for that run to finish (or pass --lock-timeout 10m to wait); if it died, run again with --force-unlock \(current.id)"
        )
      }
      if !announced {
        onWait(current)
        announced = true
      }
      try await sleep(pollInterval)
    }
  }

  /// The lock as it is now, nil when nobody holds it.
  public func current() async throws -> LockRecord? {
    let bytes: [UInt8]
    do { bytes = try await s3.getObject(bucket: bucket, key: key) } catch
      where AWSErrors.isNotFound(error) || ["NoSuchKey", "NoSuchBucket"].contains(AWSErrors.code(error))
    {
      return nil
    }
    do { return try LockRecord.decode(bytes) } catch {
      throw StackError(
        .lockHeld, "the lock object s3://\(bucket)/\(key) is not a lock eks-spark wrote", cause: error,
        remedy: "delete it if nothing else uses it")
    }
  }

  /// Lets go of the lock if it is still `record` (a force-unlock may have taken it away).
  public func release(_ record: LockRecord) async throws {
    try await delete(ifID: record.id)
  }

  /// Removes the lock whose id is `id`, unless its holder is still running on this host
  /// (`isHolderAlive`: two writers at once make duplicates); `approve` is asked last and
  /// throws to keep the lock.
  /// - Throws: `StackError(.lockNotFound)` when no lock, or another one, is there;
  ///   `.lockHeld` when its holder is alive; `approve`'s error.
  public func forceUnlock(
    id: String, isHolderAlive: (LockRecord) -> Bool = { _ in false },
    approve: (LockRecord) throws -> Void = { _ in }
  ) async throws -> LockRecord {
    guard let current = try await current() else {
      throw StackError(
        .lockNotFound, "stack \(ownership.prefix) is not locked", remedy: "run again without --force-unlock")
    }
    guard current.id == id else {
      throw StackError(
        .lockNotFound, "the lock of stack \(ownership.prefix) has id \(current.id), not \(id)",
        remedy: "check the id in the message that named the holder: \(current.summary)")
    }
    guard !isHolderAlive(current) else {
      throw StackError(
        .lockHeld,
        "the lock of stack \(ownership.prefix) belongs to a run still going on this host: \(current.summary)",
        remedy:
          "let it finish, or stop it first (kill -INT \(current.pid)); --force-unlock is for a run that died")
    }
    try approve(current)
    try await s3.deleteObject(bucket: bucket, key: key)
    return current
  }

  /// Brings the state bucket's settings to what `makeBucket` gives it — the stack's tags,
  /// public access blocked, default encryption, a TLS-only bucket policy — on every run that holds the lock, so a
  /// run killed between creating the bucket and hardening it leaves nothing soft behind.
  public func converge() async throws {
    let (s3, bucket) = (self.s3, self.bucket)
    let tags = ownership.tags(for: Self.address, adding: ["eks-spark.io/purpose": "lock"])
    async let liveTags = s3.getBucketTagging(name: bucket)
    async let block = s3.getPublicAccessBlock(name: bucket)
    async let encryption = s3.getBucketEncryption(name: bucket)
    async let policy = s3.getBucketPolicy(name: bucket)
    let (currentTags, currentBlock, currentEncryption) = try await (liveTags, block, encryption)
    let tlsOnly = S3Client.tlsOnlyPolicy(bucket: bucket, partition: Partition.of(region: region).id)
    if s3.usesTLS, try await policy.map(PolicyDocument.parse) != (try PolicyDocument.parse(tlsOnly)) {
      try await s3.putBucketPolicy(name: bucket, policy: tlsOnly)
    }
    if tags.contains(where: { currentTags[$0.key] != $0.value }) {
      try await s3.putBucketTagging(name: bucket, tags: currentTags.merging(tags) { _, ours in ours })
    }
    if currentBlock != S3PublicAccessBlock() { try await s3.putPublicAccessBlock(name: bucket) }
    if currentEncryption == nil { try await s3.putBucketEncryption(name: bucket) }
  }

  /// Deletes the state bucket when nothing is left in it (the end of `destroy`).
  public func removeBucketIfEmpty() async throws {
    guard try await s3.headBucket(name: bucket) else { return }
    guard try await s3.listObjectsV2(bucket: bucket).isEmpty else { return }
    do { try await s3.deleteBucket(name: bucket) } catch  where AWSErrors.isNotFound(error) {}
  }

  /// One attempt at creating the object; makes the bucket the first time.
  private func create(_ body: [UInt8]) async throws -> Bool {
    do {
      return try await s3.putObjectIfAbsent(
        bucket: bucket, key: key, body: body, contentType: "application/json")
    } catch  where AWSErrors.code(error) == "NoSuchBucket" {
      try await makeBucket()
      return try await s3.putObjectIfAbsent(
        bucket: bucket, key: key, body: body, contentType: "application/json")
    }
  }

  private func makeBucket() async throws {
    do { try await s3.createBucket(name: bucket, region: region) } catch
      where AWSErrors.code(error) == "BucketAlreadyOwnedByYou"
    {}
    // Tagged like everything the stack owns, private and encrypted like the data lake.
    try await s3.putBucketTagging(
      name: bucket, tags: ownership.tags(for: Self.address, adding: ["eks-spark.io/purpose": "lock"]))
    try await s3.putPublicAccessBlock(name: bucket)
    try await s3.putBucketEncryption(name: bucket)
  }

  private func delete(ifID id: String) async throws {
    guard let current = try await current(), current.id == id else { return }
    try await s3.deleteObject(bucket: bucket, key: key)
  }

  /// The address the state bucket is tagged with (it is not a resource of the graph).
  static let address = Address("aws.s3.bucket", "eks-spark-state")
}
