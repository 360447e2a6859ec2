import AWS
import Foundation
import Testing

/// A stack of its own with the example's two images (pi assembled on the seeded
/// pull-through-cache path, weather built from its Dockerfile with buildah), their files
/// copied from `examples/jobs`, and its own image cache.
struct ImageFixture {
  let stack: StackFixture
  let cache: URL

  init(_ name: String) throws {
    stack = try StackFixture(name)
    cache = stack.directory.appendingPathComponent("cache")
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("examples/jobs")
    let jobs = stack.directory.appendingPathComponent("jobs")
    try FileManager.default.copyItem(at: examples, to: jobs)
    try writeStack()
  }

  var prefix: String { stack.prefix }
  var directory: URL { stack.directory }
  var registry: String { Sandbox.environment["SANDBOX_REGISTRY"] ?? "" }

  /// The fixture's stack file with an images section (`images` replaces the example's).
  func writeStack(images: String? = nil) throws {
    try stack.write()
    let section =
      images ?? """
        images:
          - name: pi
            base: ${aws.ecrRegistry}/docker-hub/apache/spark:${spark.version}-python3
            files:
              jobs/pi/pi.py: /opt/spark/work-dir/pi.py
            workdir: /opt/spark/work-dir
            env:
              JOB: pi
          - name: weather
            context: jobs/weather
            buildArgs:
              BASE_IMAGE: ${aws.ecrRegistry}/docker-hub/apache/spark:${spark.version}-python3
        """
    let text = try String(contentsOfFile: stack.file, encoding: .utf8) + section + "\n"
    try text.write(toFile: stack.file, atomically: true, encoding: .utf8)
  }

  /// Runs the binary with this fixture's image cache.
  @discardableResult
  func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> StackFixture.Outcome {
    var env = ["XDG_CACHE_HOME": cache.path]
    env.merge(environment) { $1 }
    return try await stack.run(arguments, environment: env)
  }

  /// `image list -o json`, by image name.
  func list() async throws -> [String: [String: Any]] {
    let outcome = try await run(["image", "list", "-o", "json"])
    #expect(outcome.status == 0, "image list failed: \(outcome.stderr)")
    let rows = (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [[String: Any]] ?? []
    return Dictionary(rows.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The password of a fresh ECR login (`skopeo --creds AWS:<password>`).
  static func ecrPassword() async throws -> String {
    let ecr = try ECRClient(configuration: Sandbox.configuration())
    let token = try #require(try await ecr.getAuthorizationToken().first).authorizationToken
    let decoded = String(decoding: Data(base64Encoded: token) ?? Data(), as: UTF8.self)
    return String(decoded.drop { $0 != ":" }.dropFirst())
  }

  /// Registry requests since `marker` that write (`PUT`, `POST`, `PATCH`).
  static func registryWrites(since marker: Int) async throws -> [RequestLog.Entry] {
    try await RequestLog.entries(since: marker).filter { entry in
      entry.service == "ecr-registry"
        && ["PUT", "POST", "PATCH"].contains { entry.operation.hasPrefix($0) }
    }
  }
}

/// `make test-integration` installs the tools (images-tools): there a missing one is a
/// failure, not a skip.
@Suite("image tools presence")
struct ImageToolsPresenceTests {
  @Test("skopeo, umoci and buildah are on PATH when the run requires the sandbox")
  func required() {
    if Sandbox.environment["EKS_SPARK_REQUIRE_SANDBOX"] == "1" {
      #expect(Tools.available, "install them: make images-tools (apt-get install skopeo umoci buildah)")
    }
  }
}

/// The Debian tools the image tests check results with.
enum Tools {
  static let required = ["skopeo", "umoci", "buildah"]

  static func path(_ name: String) -> String? {
    for directory in (Sandbox.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  static let available = required.allSatisfy { path($0) != nil }

  /// Runs `name` with the sandbox's environment; its status and merged output. The wait
  /// happens on a Dispatch thread, never on one of Swift's few cooperative threads.
  @discardableResult
  static func run(_ name: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        do {
          let process = Process()
          process.executableURL = URL(fileURLWithPath: path(name) ?? name)
          process.arguments = arguments
          process.environment = Sandbox.environment
          let pipe = Pipe()
          process.standardOutput = pipe
          process.standardError = pipe
          try process.run()
          let data = pipe.fileHandleForReading.readDataToEndOfFile()
          process.waitUntilExit()
          continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
        } catch {
          continuation.resume(throwing: error)
        }
      }
    }
  }
}
