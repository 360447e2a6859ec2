#if canImport(Glibc)
import Glibc
#endif

/// Runs a shell command and captures its stdout (for `credential_process`), with POSIX
/// calls so the AWS module needs no Foundation.
enum Subprocess {
  struct Result {
    var status: Int32
    var output: [UInt8]
  }

  static func run(_ command: String, environment: [String: String]) throws -> Result {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else {
      throw AWSError.credentials("cannot create a pipe for credential_process")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

    let arguments: [UnsafeMutablePointer<CChar>?] =
      [String]([
        "/bin/sh", "-c", command,
      ]).map { strdup($0) } + [nil]
    let variables: [UnsafeMutablePointer<CChar>?] =
      environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in arguments { free(pointer) }
      for pointer in variables { free(pointer) }
    }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, variables)
    close(pipeEnds[1])
    guard spawned == 0 else {
      close(pipeEnds[0])
      throw AWSError.credentials("cannot start credential_process `\(command)` (errno \(spawned))")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(pipeEnds[0], $0.baseAddress, $0.count) }
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    close(pipeEnds[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    // WEXITSTATUS: the exit code sits in the second byte.
    return Result(status: (status >> 8) & 0xff, output: output)
  }
}
