import Foundation
import HTTP
import Testing

@testable import Images

/// Against a real registry: pushes checked with `skopeo inspect` and unpacked with `umoci`.
@Suite(
  "images against a local docker-registry",
  .enabled(
    if: LocalRegistry.toolsPresent || LocalRegistry.required,
    "needs Debian docker-registry, skopeo, umoci and buildah (missing: \(LocalRegistry.missingTools)); `make test-images` installs them"
  ))
struct RegistryIntegrationTests {
  /// A base built from local files (no registry beyond the local one), pushed as `base:1`.
  static func pushBase(to registry: LocalRegistry, cache: BlobCache) async throws -> ImageReference {
    let folder = try Scratch.folder()
    try "debian-ish base\n".write(toFile: "\(folder)/base-release", atomically: true, encoding: .utf8)
    let layer = try Layer.files([
      FileMapping(source: "\(folder)/base-release", destination: "/etc/base-release")
    ])
    let image = AssembledImage(
      base: nil, layers: [layer],
      overrides: ImageOverrides(env: [("PATH", "/usr/bin:/bin")], workingDir: "/", cmd: ["/bin/sh"]))
    _ = try await ImagePusher(cache: cache).push(
      image, base: nil, baseClient: nil, to: registry.client(), repository: "base", tag: "1")
    return try ImageReference(parsing: "\(registry.host)/base:1")
  }

  @Test(
    "native assembly pushes an image skopeo and umoci read; unchanged pushes nothing; a change pushes one small layer"
  )
  func nativeAssembly() async throws {
    let registry = try LocalRegistry()
    defer { registry.stop() }
    let cache = BlobCache(root: "\(registry.folder)/cache")
    let base = try await Self.pushBase(to: registry, cache: cache)
    let job = try Scratch.folder()
    try "print('pi is 3.14')\n".write(toFile: "\(job)/job.py", atomically: true, encoding: .utf8)
    let spec = NativeImageSpec(
      base: base, files: [FileMapping(source: "\(job)/job.py", destination: "/opt/app/job.py")],
      overrides: ImageOverrides(
        env: [("JOB", "pi")], workingDir: "/opt/app", user: "185", entrypoint: ["python3", "/opt/app/job.py"])
    )
    let builder = NativeImageBuilder(cache: cache)
    let client = registry.client()

    let first = try await builder.publish(spec, baseClient: client, to: client, repository: "spark/app")
    #expect(first.pushed)
    #expect(first.report.mounted.count == 1)
    #expect(first.report.uploaded.count == 2)

    let reference = "docker://\(registry.host)/spark/app:\(first.tag)"
    let inspected =
      try JSONSerialization.jsonObject(
        with: Data(try Tool.run("skopeo", ["inspect", "--tls-verify=false", reference]).utf8))
      as? [String: Any]
    #expect(inspected?["Digest"] as? String == first.digest.description)
    #expect((inspected?["Env"] as? [String])?.contains("JOB=pi") == true)
    #expect((inspected?["Layers"] as? [String])?.count == 2)

    let oci = "\(registry.folder)/oci"
    try Tool.run("skopeo", ["copy", "--src-tls-verify=false", reference, "oci:\(oci):app"])
    try Tool.run("umoci", ["unpack", "--rootless", "--image", "\(oci):app", "\(registry.folder)/bundle"])
    let unpacked = try String(
      contentsOfFile: "\(registry.folder)/bundle/rootfs/opt/app/job.py", encoding: .utf8)
    #expect(unpacked == "print('pi is 3.14')\n")
    #expect(FileManager.default.fileExists(atPath: "\(registry.folder)/bundle/rootfs/etc/base-release"))
    let runtime =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: "\(registry.folder)/bundle/config.json")))
      as? [String: Any]
    let process = runtime?["process"] as? [String: Any]
    #expect(process?["args"] as? [String] == ["python3", "/opt/app/job.py"])
    #expect((process?["env"] as? [String])?.contains("JOB=pi") == true)
    #expect(process?["cwd"] as? String == "/opt/app")

    let counting = CountingTransport()
    let watched = registry.client(transport: counting)
    let second = try await builder.publish(spec, baseClient: watched, to: watched, repository: "spark/app")
    #expect(!second.pushed)
    #expect(second.digest == first.digest)
    #expect(counting.methods.allSatisfy { $0 == .get || $0 == .head })

    try "print('pi is 3.14159')\n".write(toFile: "\(job)/job.py", atomically: true, encoding: .utf8)
    let third = try await builder.publish(spec, baseClient: client, to: client, repository: "spark/app")
    #expect(third.pushed)
    #expect(third.tag != first.tag)
    #expect(third.report.mounted.isEmpty)
    #expect(third.report.present.count == 1)
    #expect(third.report.uploaded.count == 2)
    #expect(third.report.uploadedBytes < 8192)
  }

  @Test("a buildah bud build FROM the local base carries the build args; unchanged inputs build nothing")
  func buildahBuild() async throws {
    let registry = try LocalRegistry()
    defer { registry.stop() }
    let cache = BlobCache(root: "\(registry.folder)/cache")
    let base = try await Self.pushBase(to: registry, cache: cache)
    let context = try Scratch.folder()
    try "print('pi')\n".write(toFile: "\(context)/job.py", atomically: true, encoding: .utf8)
    try """
    FROM \(base)
    ARG SPARK_VERSION
    ARG GREETING=hi
    ENV SPARK_VERSION=${SPARK_VERSION} GREETING=${GREETING}
    LABEL spark.version=${SPARK_VERSION}
    COPY job.py /opt/app/job.py

    """.write(toFile: "\(context)/Dockerfile", atomically: true, encoding: .utf8)
    let runner = ProcessRunner(environment: ProcessInfo.processInfo.environment)
    let builder = try ExternalBuilder.locate(
      named: "buildah", runner: runner, workDirectory: "\(registry.folder)/buildah")
    let args = DockerfileBuild.mergedArgs(
      stack: ["SPARK_VERSION": "3.5.3", "GREETING": "x"], image: [("GREETING", "hello")])
    let build = DockerfileBuild(context: context, buildArgs: args)
    let lines = OutputTail(limit: 1000)
    let images = DockerfileImageBuilder(builder: builder)
    let client = registry.client()

    let first = try await images.publish(build, to: client, repository: "spark/built", plainHTTP: true) {
      lines.append($0)
    }
    #expect(first.pushed)
    #expect(lines.lines.contains { $0.contains("COPY job.py") })
    let config =
      try JSONSerialization.jsonObject(
        with: Data(
          try Tool.run(
            "skopeo",
            [
              "inspect", "--config", "--tls-verify=false",
              "docker://\(registry.host)/spark/built:\(first.tag)",
            ]
          ).utf8)) as? [String: Any]
    let run = config?["config"] as? [String: Any]
    let env = run?["Env"] as? [String] ?? []
    #expect(env.contains("SPARK_VERSION=3.5.3"))
    #expect(env.contains("GREETING=hello"))
    #expect((run?["Labels"] as? [String: String])?["spark.version"] == "3.5.3")

    let again = try await images.publish(build, to: client, repository: "spark/built", plainHTTP: true) { _ in
      Issue.record("an unchanged build ran the builder")
    }
    #expect(!again.pushed)
    #expect(again.digest == first.digest)
  }
}
