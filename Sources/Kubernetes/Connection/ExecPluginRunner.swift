#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a credential plugin and returns its standard output. Injected so tests need no
/// processes; `local` uses posix_spawn (stderr passes through, as kubectl lets it).
public struct ExecPluginRunner: Sendable {
  public var run: @Sendable (ExecPlugin) async throws -> [UInt8]

  public init(run: @escaping @Sendable (ExecPlugin) async throws -> [UInt8]) {
    self.run = run
  }

  func run(_ plugin: ExecPlugin) async throws -> [UInt8] { try await run(plugin) }

  /// The machine's processes, with `environment` plus the plugin's `env` and the
  /// `KUBERNETES_EXEC_INFO` kubectl passes.
  public static func local(environment: [String: String]) -> ExecPluginRunner {
    ExecPluginRunner { plugin in
      var variables = environment
      for entry in plugin.env { variables[entry.name] = entry.value }
      variables["KUBERNETES_EXEC_INFO"] =
        #"{"kind":"ExecCredential","apiVersion":"\#(plugin.apiVersion)","spec":{"interactive":false}}"#
      return try spawn(plugin, environment: variables)
    }
  }

  static func spawn(_ plugin: ExecPlugin, environment: [String: String]) throws -> [UInt8] {
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else {
      throw KubernetesError(.credentials, "cannot create a pipe for the credential plugin")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
    let arguments: [UnsafeMutablePointer<CChar>?] =
      ([plugin.command] + plugin.args).map { strdup($0) } + [nil]
    let variables: [UnsafeMutablePointer<CChar>?] =
      environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in arguments { free(pointer) }
      for pointer in variables { free(pointer) }
    }
    var pid: pid_t = 0
    // posix_spawnp searches PATH the way a shell would for a bare command name.
    let spawned = posix_spawnp(&pid, plugin.command, &actions, nil, arguments, variables)
    close(pipeEnds[1])
    guard spawned == 0 else {
      close(pipeEnds[0])
      throw KubernetesError(
        .credentials,
        "cannot start the credential plugin \(plugin.command): \(String(cString: strerror(spawned)))",
        remedy: "install it or fix users[].user.exec.command in the kubeconfig")
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    close(pipeEnds[0])
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exitCode = (status >> 8) & 0xff
    guard exitCode == 0 else {
      throw KubernetesError(
        .credentials, "the credential plugin \(plugin.command) exited with status \(exitCode)",
        remedy: "run it by hand to see why")
    }
    return output
  }
}
