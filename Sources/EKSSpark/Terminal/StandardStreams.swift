#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard output and standard error through write(2): no shared
/// `FILE*` (which Swift 6 cannot prove concurrency-safe), and a large render goes out
/// without a copy into stdio's buffer.
enum StandardStreams {
  static func write(_ text: String) { write(text, to: STDOUT_FILENO) }

  /// Only `DiagnosticPrinter` and `Notes` write here (diagnostics, progress notes), and the
  /// hidden `helm template --benchmark-iterations` its timing line for `make bench`.
  static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

  private static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if written < 0, errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
