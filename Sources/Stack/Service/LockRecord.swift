import FoundationEssentials

/// The body of a stack's lock object: who holds it, from where, since when, for what.
public struct LockRecord: Sendable, Hashable, Codable {
  /// A random id; `--force-unlock` takes it, so nobody removes a lock by accident.
  public var id: String
  /// The IAM ARN of the caller that took the lock.
  public var holder: String
  public var host: String
  public var pid: Int32
  /// The command that holds it (`apply`, `destroy`).
  public var operation: String
  /// When the lock was taken.
  public var created: Date

  public init(id: String, holder: String, host: String, pid: Int32, operation: String, created: Date) {
    self.id = id
    self.holder = holder
    self.host = host
    self.pid = pid
    self.operation = operation
    // Whole seconds: what the ISO 8601 body keeps, so a record reads back equal.
    self.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
  }

  /// `arn:aws:iam::123456789012:user/alice (host build-7, pid 4242, apply since 2026-11-26T14:02:11Z)`.
  public var summary: String {
    "\(holder) (host \(host), pid \(pid), \(operation) since \(created.formatted(.iso8601)))"
  }

  func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return Array(try encoder.encode(self))
  }

  static func decode(_ bytes: [UInt8]) throws -> LockRecord {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return try decoder.decode(LockRecord.self, from: Data(bytes))
  }
}

/// Who is asking for the lock: the caller's identity and this process.
public struct LockHolder: Sendable, Hashable {
  public var arn: String
  public var host: String
  public var pid: Int32

  public init(arn: String, host: String, pid: Int32) {
    self.arn = arn
    self.host = host
    self.pid = pid
  }
}
