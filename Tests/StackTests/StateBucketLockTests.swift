import AWS
import Foundation
import HTTP
import Synchronization
import TestSupport
import Testing

@testable import Stack

@Suite("stack lock")
struct StateBucketLockTests {
  static func lock(
    _ s3: MemoryS3, now: @escaping @Sendable () -> Date = { Date() },
    isHolderGone: @escaping @Sendable (LockRecord) -> Bool = { _ in false }
  ) throws -> StateBucketLock {
    let configuration = AWSConfiguration(
      settings: AWSSettings(region: "eu-west-1"),
      environment: [
        "AWS_ENDPOINT_URL": "http://s3.test", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "secret",
      ], transport: s3)
    return StateBucketLock(
      prefix: "demo", accountID: "123456789012", region: "eu-west-1", ownership: Ownership(prefix: "demo"),
      s3: try S3Client(configuration: configuration), pollInterval: .milliseconds(1),
      isHolderGone: isHolderGone,
      now: now, sleep: { _ in })
  }

  static let alice = LockHolder(arn: "arn:aws:iam::123456789012:user/alice", host: "a", pid: 1)
  static let bob = LockHolder(arn: "arn:aws:iam::123456789012:user/bob", host: "b", pid: 2)

  @Test("the first run makes the state bucket and takes the lock; the second is told who holds it")
  func heldLockNamesTheHolder() async throws {
    let s3 = MemoryS3()
    let lock = try Self.lock(s3)
    #expect(lock.bucket == "demo-eks-spark-state-123456789012")
    let record = try await lock.acquire(holder: Self.alice, operation: "apply")
    #expect(s3.buckets.withLock { $0 } == ["demo-eks-spark-state-123456789012"])
    do {
      _ = try await lock.acquire(holder: Self.bob, operation: "apply")
      Issue.record("the second acquire succeeded")
    } catch let error as StackError {
      #expect(error.code == .lockHeld)
      #expect(
        error.message.contains("locked by arn:aws:iam::123456789012:user/alice (host a, pid 1, apply since "))
      #expect(error.remedy?.contains("--force-unlock \(record.id)") == true)
    }
    try await lock.release(record)
    let next = try await lock.acquire(holder: Self.bob, operation: "destroy")
    #expect(try await lock.current() == next)
  }

  @Test("a waiting run takes the lock once the holder lets go")
  func waits() async throws {
    let s3 = MemoryS3()
    let lock = try Self.lock(s3)
    let first = try await lock.acquire(holder: Self.alice, operation: "apply")
    let waited = Mutex(false)
    async let second = lock.acquire(
      holder: Self.bob, operation: "apply", timeout: .seconds(30),
      onWait: { _ in waited.withLock { $0 = true } })
    try await Task.sleep(for: .milliseconds(50))
    try await lock.release(first)
    let record = try await second
    #expect(record.holder == Self.bob.arn)
    #expect(waited.withLock { $0 })
  }

  @Test("a lock older than two hours, or whose holder is gone, is taken over")
  func staleLocks() async throws {
    let s3 = MemoryS3()
    let clock = Mutex(Date(timeIntervalSince1970: 1_000_000))
    let lock = try Self.lock(s3, now: { clock.withLock { $0 } })
    _ = try await lock.acquire(holder: Self.alice, operation: "apply")
    clock.withLock { $0 += 2 * 3600 + 1 }
    let taken = try await lock.acquire(holder: Self.bob, operation: "apply")
    #expect(try await lock.current()?.id == taken.id)

    let gone = try Self.lock(s3, isHolderGone: { $0.holder == Self.bob.arn })
    let next = try await gone.acquire(holder: Self.alice, operation: "apply")
    #expect(try await gone.current()?.holder == Self.alice.arn)
    #expect(next.id != taken.id)
  }

  @Test("force-unlock removes only the lock with the given id; release leaves another's lock")
  func forceUnlock() async throws {
    let s3 = MemoryS3()
    let lock = try Self.lock(s3)
    let record = try await lock.acquire(holder: Self.alice, operation: "apply")
    await #expect(throws: StackError.self) { _ = try await lock.forceUnlock(id: "not-the-id") }
    #expect(try await lock.current() == record)
    let removed = try await lock.forceUnlock(id: record.id)
    #expect(removed == record)
    let other = try await lock.acquire(holder: Self.bob, operation: "apply")
    try await lock.release(record)
    #expect(try await lock.current() == other)
  }

  @Test("force-unlock refuses a holder still running on this host, and names it")
  func forceUnlockRefusesLiveHolder() async throws {
    let s3 = MemoryS3()
    let lock = try Self.lock(s3)
    let record = try await lock.acquire(holder: Self.alice, operation: "apply")
    do {
      _ = try await lock.forceUnlock(id: record.id, isHolderAlive: { $0.pid == Self.alice.pid })
      Issue.record("a live holder's lock was removed")
    } catch let error as StackError {
      #expect(error.code == .lockHeld)
      #expect(error.message.contains(record.summary))
    }
    #expect(try await lock.current() == record)
  }

  @Test("force-unlock keeps the lock when the approval says no, and removes it when it says yes")
  func forceUnlockAsks() async throws {
    struct No: Error {}
    let s3 = MemoryS3()
    let lock = try Self.lock(s3)
    let record = try await lock.acquire(holder: Self.alice, operation: "apply")
    let asked = Mutex<[LockRecord]>([])
    await #expect(throws: No.self) {
      _ = try await lock.forceUnlock(
        id: record.id,
        approve: { shown in
          asked.withLock { $0.append(shown) }
          throw No()
        })
    }
    #expect(try await lock.current() == record)
    #expect(asked.withLock { $0 } == [record])
    #expect(try await lock.forceUnlock(id: record.id, approve: { _ in }) == record)
    #expect(try await lock.current() == nil)
  }
}
