import Foundation
import HTTP
import Testing

@testable import Images

extension RegistryIntegrationTests {
  @Test("a base in another registry is pulled into the cache once; later pushes read it from disk")
  func crossRegistryCache() async throws {
    let source = try LocalRegistry()
    defer { source.stop() }
    let target = try LocalRegistry()
    defer { target.stop() }
    let cache = BlobCache(root: "\(target.folder)/cache")
    let base = try await Self.pushBase(to: source, cache: BlobCache(root: "\(source.folder)/cache"))
    let job = try Scratch.folder()
    try "print(1)\n".write(toFile: "\(job)/job.py", atomically: true, encoding: .utf8)
    let spec = NativeImageSpec(
      base: base, files: [FileMapping(source: "\(job)/job.py", destination: "/app/job.py")])
    let builder = NativeImageBuilder(cache: cache)

    let counting = CountingTransport()
    let first = try await builder.publish(
      spec, baseClient: source.client(transport: counting), to: target.client(), repository: "app/one")
    #expect(first.report.uploaded.count == 3)
    let firstReads = counting.methods.filter { $0 == .get }.count
    #expect(firstReads == 3)  // manifest, config, the base layer

    // Another repository on the target: the base layer comes from the cache, not the source.
    let second = try await builder.publish(
      spec, baseClient: source.client(transport: counting), to: target.client(), repository: "app/two")
    #expect(second.report.uploaded.count == 3)
    #expect(counting.methods.filter { $0 == .get }.count == firstReads + 1)  // the tag's manifest only
  }

  @Test("a base image that does not exist is an error in the registry's words, and nothing is pushed")
  func missingBase() async throws {
    let registry = try LocalRegistry()
    defer { registry.stop() }
    let spec = NativeImageSpec(base: try ImageReference(parsing: "\(registry.host)/nope:1"), files: [])
    let client = registry.client()
    let error = await #expect(throws: ImagesError.self) {
      try await NativeImageBuilder(cache: BlobCache(root: "\(registry.folder)/cache")).publish(
        spec, baseClient: client, to: client, repository: "app")
    }
    #expect(error?.code == .notFound)
    #expect(error?.message.hasPrefix("cannot read \(registry.host)/nope:1: ") == true)
    #expect(error?.registryCodes.isEmpty == false)
    let catalog = try await HTTPClient().send(HTTPRequest(url: "http://\(registry.host)/v2/_catalog"))
    #expect(catalog.text.contains("\"repositories\":[]"))
  }

  @Test("a failing buildah step is an error with the builder's words, and nothing is pushed")
  func failingBuild() async throws {
    let registry = try LocalRegistry()
    defer { registry.stop() }
    let context = try Scratch.folder()
    try "FROM scratch\nCOPY missing.txt /missing.txt\n".write(
      toFile: "\(context)/Dockerfile", atomically: true, encoding: .utf8)
    let runner = ProcessRunner(environment: ProcessInfo.processInfo.environment)
    let builder = try ExternalBuilder.locate(
      named: "buildah", runner: runner, workDirectory: "\(registry.folder)/buildah")
    let build = DockerfileBuild(context: context)
    let client = registry.client()
    let error = await #expect(throws: ImagesError.self) {
      try await DockerfileImageBuilder(builder: builder).publish(
        build, to: client, repository: "app", plainHTTP: true
      ) {
        _ in
      }
    }
    #expect(error?.code == .buildFailed)
    #expect(error?.message.hasPrefix("buildah build failed with exit status") == true)
    #expect(error?.message.contains("missing.txt") == true)
    #expect(try await client.manifestDigest("app", reference: try DockerfileImageBuilder.tag(build)) == nil)
  }

  @Test("a chunked upload reaches a real registry intact")
  func chunkedUpload() async throws {
    let registry = try LocalRegistry()
    defer { registry.stop() }
    let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let digest = Digest.of(bytes)
    let client = registry.client()
    try await client.uploadBlob(bytes, digest: digest, to: "chunks", chunkSize: 32_768)
    #expect(try await client.blobExists("chunks", digest: digest))
    #expect(try await client.blob("chunks", digest: digest) == bytes)
    let wrong = await #expect(throws: ImagesError.self) {
      try await client.uploadBlob(bytes, digest: Digest.of([1]), to: "chunks")
    }
    #expect(wrong?.code == .digestMismatch)
  }
}
