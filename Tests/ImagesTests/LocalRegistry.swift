import Foundation
import HTTP
import Images

/// A plain CNCF Distribution registry (Debian `docker-registry`) on a free loopback port,
/// its config and storage in a temporary folder; stopped by `stop()`.
final class LocalRegistry: @unchecked Sendable {
  static let toolsPresent = ["docker-registry", "skopeo", "umoci", "buildah"].allSatisfy(Tool.exists)
  /// `make test-images` sets this: a missing tool then fails the suite instead of skipping it.
  static let required = ProcessInfo.processInfo.environment["EKS_SPARK_REQUIRE_IMAGE_TOOLS"] == "1"
  static let missingTools = ["docker-registry", "skopeo", "umoci", "buildah"].filter { !Tool.exists($0) }
    .joined(separator: ", ")

  let folder: String
  let host: String
  let port: Int
  private let process = Process()

  init() throws {
    folder = try Scratch.folder()
    port = try Self.freePort()
    host = "127.0.0.1:\(port)"
    let config = """
      version: 0.1
      log:
        level: error
      storage:
        filesystem:
          rootdirectory: \(folder)/data
        delete:
          enabled: true
      http:
        addr: \(host)
      """
    try config.write(toFile: "\(folder)/config.yml", atomically: true, encoding: .utf8)
    process.executableURL = URL(fileURLWithPath: Tool.path("docker-registry") ?? "/usr/bin/docker-registry")
    process.arguments = ["serve", "\(folder)/config.yml"]
    process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    process.standardError = FileHandle(forWritingAtPath: "/dev/null")
    try process.run()
    try waitUntilReady()
  }

  func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(atPath: folder)
  }

  func client(transport: any HTTPTransport = HTTPClient()) -> RegistryClient {
    RegistryClient(registry: host, transport: transport, plainHTTP: true)
  }

  private func waitUntilReady() throws {
    for _ in 0..<100 {
      if Self.accepts(port: port) { return }
      usleep(50_000)
    }
    stop()
    throw Tool.Failure(description: "docker-registry did not start on \(host)")
  }

  /// Whether something listens on the loopback port.
  static func accepts(port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// A port the kernel just handed out on loopback.
  static func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
        bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
      }
    }
    guard bound else { throw Tool.Failure(description: "no free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// Counts what crosses the wire, to prove a push moved nothing.
final class CountingTransport: HTTPTransport {
  let inner = HTTPClient()
  private let log = NSLock()
  nonisolated(unsafe) private var seen: [HTTPMethod] = []

  func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    log.withLock { seen.append(request.method) }
    return try await inner.send(request)
  }

  var methods: [HTTPMethod] { log.withLock { seen } }
}
