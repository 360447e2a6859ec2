import Stack

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// This process as the stack lock sees it: the host it runs on and its pid, and whether
/// another holder's process is still alive.
enum ProcessIdentity {
  /// This process as a lock holder.
  static func holder(arn: String) -> LockHolder {
    LockHolder(arn: arn, host: hostName, pid: getpid())
  }

  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// A lock whose holder ran on this host under a pid that no longer exists was left by a
  /// run that died (killed, crashed): nobody will release it.
  @Sendable static func isHolderGone(_ record: LockRecord) -> Bool {
    guard record.host == hostName, record.pid > 0, record.pid != getpid() else { return false }
    return kill(record.pid, 0) != 0 && errno == ESRCH
  }

  /// A lock whose holder runs on this host under a pid that exists belongs to a live run
  /// (or to a process that reused its pid, which is rare enough to ask the person to check).
  @Sendable static func isHolderAlive(_ record: LockRecord) -> Bool {
    guard record.host == hostName, record.pid > 0 else { return false }
    return kill(record.pid, 0) == 0 || errno == EPERM
  }
}
