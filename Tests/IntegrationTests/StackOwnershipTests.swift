import AWS
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the stack does not own is never changed: an untagged bucket of the stack's name,
/// and the lock of a run that is still going. An extension of `StackCommandTests`, so it
/// runs in that serialized suite: every stack fixture takes the sandbox's one emulated
/// cluster name, which other suites running at the same time would lose.
extension StackCommandTests {
  @Test("an untagged bucket of the stack's name stops plan and apply, naming it; --adopt takes it over")
  func untaggedBucket() async throws {
    let stack = try StackFixture("adopt")
    let s3 = try S3Client(configuration: Sandbox.configuration())
    try await s3.createBucket(name: stack.bucket, region: "eu-west-1")
    try await s3.putObject(bucket: stack.bucket, key: "someone-elses.csv", body: Array("a,b\n".utf8))
    let plan = try await stack.run(["plan", "--detailed-exitcode"])
    #expect(plan.status == 1, "\(plan.stdout)")
    #expect(plan.stderr.contains("bucket \(stack.bucket) exists but does not belong"), "\(plan.stderr)")
    #expect(plan.stderr.contains("--adopt"))
    let apply = try await stack.run(["apply", "--auto-approve"])
    #expect(apply.status == 1)
    #expect(try await s3.getBucketTagging(name: stack.bucket).isEmpty, "the bucket was changed")
    #expect(try await stack.inventory()["vpc"] == nil, "apply went on past the bucket")

    let adopted = try await stack.run(["plan", "--adopt", "-o", "json"])
    #expect(adopted.status == 0, "\(adopted.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(adopted.stdout.utf8)) as? [String: Any] ?? [:]
    let changes = object["changes"] as? [[String: Any]] ?? []
    let bucket = try #require(changes.first { $0["address"] as? String == "aws.s3.bucket.data-lake" })
    #expect(bucket["action"] as? String == "update", "\(bucket)")
    try await s3.deleteObject(bucket: stack.bucket, key: "someone-elses.csv")
    try await s3.deleteBucket(name: stack.bucket)
  }

  @Test("--force-unlock refuses the lock of a run still going on this host, and names the holder")
  func forceUnlockLiveHolder() async throws {
    let stack = try StackFixture("unlock")
    let s3 = try S3Client(configuration: Sandbox.configuration())
    try await s3.createBucket(name: stack.stateBucket, region: "eu-west-1")
    let id = "0b7c2f5e-live-holder"
    // This test process is the holder: alive, on this host.
    let record = """
      {"created": "2026-12-04T10:00:00Z", "holder": "arn:aws:iam::123456789012:user/other", \
      "host": "\(Self.hostName)", "id": "\(id)", "operation": "apply", "pid": \(getpid())}
      """
    let key = "locks/\(stack.prefix).json"
    try await s3.putObject(bucket: stack.stateBucket, key: key, body: Array(record.utf8))
    let outcome = try await stack.run(["apply", "--auto-approve", "--force-unlock", id])
    #expect(outcome.status == 3, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("still going on this host"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("pid \(getpid())"))
    #expect(try await s3.headObject(bucket: stack.stateBucket, key: key) != nil, "the live lock was removed")
    #expect(try await stack.inventory()["vpc"] == nil)
    try await s3.deleteObject(bucket: stack.stateBucket, key: key)
    try await s3.deleteBucket(name: stack.stateBucket)
  }

  @Test(
    "a state bucket left soft (killed after CreateBucket) is tagged, blocked and encrypted by the next run")
  func stateBucketConverges() async throws {
    let stack = try StackFixture("statebucket")
    let s3 = try S3Client(configuration: Sandbox.configuration())
    try await s3.createBucket(name: stack.stateBucket, region: "eu-west-1")
    // A destroy of a stack that has nothing takes the lock and changes nothing else.
    let outcome = try await stack.run(["destroy", "--auto-approve"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    if try await s3.headBucket(name: stack.stateBucket) {
      Issue.record("the empty state bucket was left after a whole-stack destroy")
      try await s3.deleteBucket(name: stack.stateBucket)
    }
    try await s3.createBucket(name: stack.stateBucket, region: "eu-west-1")
    try await s3.putObject(bucket: stack.stateBucket, key: "keep", body: Array("x".utf8))
    let again = try await stack.run(["destroy", "--auto-approve"])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(try await s3.getBucketTagging(name: stack.stateBucket)["eks-spark.io/stack"] == stack.prefix)
    #expect(try await s3.getPublicAccessBlock(name: stack.stateBucket) == S3PublicAccessBlock())
    #expect(try await s3.getBucketEncryption(name: stack.stateBucket)?.algorithm == "AES256")
    // The sandbox is reached over plain HTTP, where a TLS-only policy would lock eks-spark
    // out: none is set there (StackGraphTests' golden plan shows it over HTTPS).
    #expect(try await s3.getBucketPolicy(name: stack.stateBucket) == nil)
    try await s3.deleteObject(bucket: stack.stateBucket, key: "keep")
    try await s3.deleteBucket(name: stack.stateBucket)
  }

  @Test("over plain HTTP (the sandbox) the data lake gets no TLS-only policy, which would lock eks-spark out")
  func dataLakeTLSOnly() async throws {
    let stack = try StackFixture("tlsonly")
    try await stack.apply()
    let s3 = try S3Client(configuration: Sandbox.configuration())
    #expect(try await s3.getBucketPolicy(name: stack.bucket) == nil)
    #expect(try await stack.plan().status == 0)
    try await stack.run(["destroy", "--auto-approve", "--delete-data"])
  }

  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    gethostname(&buffer, buffer.count)
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
