import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program (no shell) with its stdout and stderr merged, handing each line to a
/// callback as it arrives. Like the AWS module's `credential_process` runner, it uses
/// `posix_spawn`, but takes an argument vector and streams instead of collecting.
public struct ProcessRunner: Sendable {
  public var environment: [String: String]

  public init(environment: [String: String]) { self.environment = environment }

  /// The first executable called `name` on `PATH`, or `name` itself when it is a path.
  public func find(_ name: String) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for directory in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if LocalFiles.status(candidate)?.kind != .directory, access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }

  /// Runs `executable` with `arguments`; returns its exit status (128 + n for a signal).
  public func run(
    _ executable: String, _ arguments: [String],
    output: @escaping @Sendable (String) -> Void
  ) async throws -> Int32 {
    let environment = environment
    return try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        do {
          continuation.resume(
            returning: try Self.spawn(executable, arguments, environment: environment, output: output))
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }

  private static func spawn(
    _ executable: String, _ arguments: [String], environment: [String: String],
    output: (String) -> Void
  ) throws -> Int32 {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw LocalFiles.failure("cannot create a pipe for \(executable)") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, ends[1], 1)
    posix_spawn_file_actions_adddup2(&actions, ends[1], 2)
    posix_spawn_file_actions_addclose(&actions, ends[0])
    posix_spawn_file_actions_addclose(&actions, ends[1])
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
    close(ends[1])
    guard spawned == 0 else {
      close(ends[0])
      throw ImagesError(
        .builderMissing, "cannot start \(executable): \(String(cString: strerror(spawned)).lowercased())",
        remedy: "check that \(executable) is installed and executable")
    }
    var pending: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16384)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(ends[0], $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      if count <= 0 { break }
      pending.append(contentsOf: buffer[0..<count])
      while let newline = pending.firstIndex(of: 0x0a) {
        output(String(decoding: pending[..<newline], as: UTF8.self))
        pending.removeSubrange(...newline)
      }
    }
    if !pending.isEmpty { output(String(decoding: pending, as: UTF8.self)) }
    close(ends[0])
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (Glibc's macros do not import).
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
