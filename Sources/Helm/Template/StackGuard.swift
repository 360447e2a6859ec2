import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Keeps deep template recursion from overflowing the thread's stack: Go's goroutine stacks
/// grow, ours do not, so `{{template}}` and `include` recursion stop with an error once less
/// than `reserve` bytes of stack remain.
enum StackGuard {
  /// Bytes kept free below the deepest template call.
  static let reserve: UInt = 192 * 1024

  /// Lowest usable stack address per thread (looked up once per thread).
  private static let limits = Mutex<[UInt: UInt]>([:])

  /// The address below which recursion must stop on this thread, or nil if unknown.
  static func limit() -> UInt? {
    #if canImport(Glibc)
    let thread = UInt(bitPattern: Int(bitPattern: UInt(pthread_self())))
    if let cached = limits.withLock({ $0[thread] }) { return cached }
    // pthread_getattr_np is a GNU extension the Glibc module does not import; look it up.
    typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
    guard let symbol = dlsym(nil, "pthread_getattr_np") else { return nil }
    let getattr = unsafeBitCast(symbol, to: GetAttr.self)
    var attributes = pthread_attr_t()
    guard getattr(pthread_self(), &attributes) == 0 else { return nil }
    defer { pthread_attr_destroy(&attributes) }
    var base: UnsafeMutableRawPointer? = nil
    var size = 0
    guard pthread_attr_getstack(&attributes, &base, &size) == 0, let base else { return nil }
    let limit = UInt(bitPattern: base) + reserve
    limits.withLock { $0[thread] = limit }
    return limit
    #else
    return nil
    #endif
  }

  /// Whether the current stack position is below `limit`.
  @inline(never)
  static func exhausted(_ limit: UInt?) -> Bool {
    guard let limit else { return false }
    var marker: UInt8 = 0
    return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } < limit
  }
}
