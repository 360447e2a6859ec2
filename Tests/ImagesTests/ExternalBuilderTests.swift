import Foundation
import Testing

@testable import Images

@Suite("external builders")
struct ExternalBuilderTests {
  @Test("no builder on PATH names what to install")
  func missing() {
    let runner = ProcessRunner(environment: ["PATH": "/nonexistent"])
    let error = #expect(throws: ImagesError.self) {
      try ExternalBuilder.locate(named: nil, runner: runner, workDirectory: "/tmp/x")
    }
    #expect(error?.code == .builderMissing)
    #expect(
      error?.message
        == "no image builder (buildah, podman or docker) is on PATH, and this image is built from a Dockerfile"
    )
    #expect(error?.remedy.contains("apt-get install buildah") == true)
    let named = #expect(throws: ImagesError.self) {
      try ExternalBuilder.locate(named: "podman", runner: runner, workDirectory: "/tmp/x")
    }
    #expect(
      named?.message == "the builder podman is not installed, and this image is built from a Dockerfile")
  }

  @Test("buildah runs daemonless: chroot isolation, vfs storage under the work folder")
  func buildahArguments() {
    let builder = ExternalBuilder(
      kind: .buildah, executable: "/usr/bin/buildah", runner: ProcessRunner(environment: [:]),
      workDirectory: "/cache/b")
    let build = DockerfileBuild(context: "/ctx", buildArgs: ["SPARK_VERSION": "3.5.3", "A": "1"])
    #expect(
      builder.buildArguments(build, reference: "r/x:t", plainHTTP: true) == [
        "--root", "/cache/b/storage", "--runroot", "/cache/b/run", "--storage-driver", "vfs", "bud",
        "--isolation",
        "chroot", "--platform", "linux/amd64", "-f", "/ctx/Dockerfile", "-t", "r/x:t", "--authfile",
        "/cache/b/auth.json",
        "--tls-verify=false", "--build-arg", "A=1", "--build-arg", "SPARK_VERSION=3.5.3", "/ctx",
      ])
  }

  @Test("the image's build args win over the stack's Spark versions")
  func mergedArgs() {
    let merged = DockerfileBuild.mergedArgs(
      stack: ["SPARK_VERSION": "3.5.3", "HADOOP_VERSION": "3.3.4"],
      image: [("SPARK_VERSION", "3.5.1"), ("X", "y")])
    #expect(merged == ["SPARK_VERSION": "3.5.1", "HADOOP_VERSION": "3.3.4", "X": "y"])
  }

  @Test("a failing build step is an error with the output's tail, streamed as it ran")
  func failure() async throws {
    let runner = ProcessRunner(environment: ["PATH": "/usr/bin:/bin"])
    let lines = OutputTail(limit: 100)
    let status = try await runner.run("/bin/sh", ["-c", "echo one; echo two >&2; exit 3"]) {
      lines.append($0)
    }
    #expect(status == 3)
    #expect(lines.lines == ["one", "two"])
    let context = try Scratch.folder()
    try "FROM scratch\n".write(toFile: "\(context)/Dockerfile", atomically: true, encoding: .utf8)
    // A stand-in "buildah" that fails like a build step does.
    let fake = "\(context)/buildah"
    try "#!/bin/sh\necho 'STEP 1/2: FROM scratch'\necho 'error: RUN failed' >&2\nexit 1\n".write(
      toFile: fake, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    var builder = try ExternalBuilder.locate(named: fake, runner: runner, workDirectory: "\(context)/work")
    builder.tailLines = 1
    let error = await #expect(throws: ImagesError.self) {
      try await builder.buildAndPush(
        DockerfileBuild(context: context), reference: "r/x:t", registry: "r", credentials: .anonymous,
        plainHTTP: true
      ) { _ in }
    }
    #expect(error?.code == .buildFailed)
    #expect(error?.message == "buildah build failed with exit status 1:\nerror: RUN failed")
  }

  @Test("registry credentials reach the builder in a 0600 auth file, never on its command line")
  func credentials() async throws {
    let folder = try Scratch.folder()
    try "FROM scratch\n".write(toFile: "\(folder)/Dockerfile", atomically: true, encoding: .utf8)
    let fake = "\(folder)/buildah"
    try "#!/bin/sh\necho \"$@\"\n".write(toFile: fake, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    let builder = try ExternalBuilder.locate(
      named: fake, runner: ProcessRunner(environment: [:]), workDirectory: "\(folder)/work")
    let lines = OutputTail(limit: 10)
    try await builder.buildAndPush(
      DockerfileBuild(context: folder), reference: "r.example/x:t", registry: "r.example",
      credentials: .basic(username: "AWS", password: "s3cret"), plainHTTP: false
    ) { lines.append($0) }
    #expect(lines.lines.count == 2)
    #expect(
      lines.lines.allSatisfy { $0.contains("--authfile \(folder)/work/auth.json") && !$0.contains("s3cret") })
    let auth = try String(contentsOfFile: "\(folder)/work/auth.json", encoding: .utf8)
    #expect(auth == "{\"auths\":{\"r.example\":{\"auth\":\"QVdTOnMzY3JldA==\"}}}\n")
    let mode =
      try FileManager.default.attributesOfItem(atPath: "\(folder)/work/auth.json")[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }
}
