import Foundation
import Testing

@testable import Images

@Suite("image config and manifest")
struct ImageAssemblyTests {
  static func base() -> (manifest: ImageManifest, config: ImageConfiguration) {
    var config = ImageConfiguration()
    config.config?.env = ["PATH=/usr/bin:/bin", "SPARK_HOME=/opt/spark"]
    config.config?.entrypoint = ["/opt/entrypoint.sh"]
    config.config?.cmd = ["bash"]
    config.config?.user = "185"
    config.rootfs.diffIDs = [Digest.of([1])]
    config.history = [.init(created: "2024-01-01T00:00:00Z", createdBy: "base")]
    let manifest = ImageManifest(
      config: Descriptor(mediaType: MediaType.dockerConfig, digest: Digest.of([9]), size: 1),
      layers: [Descriptor(mediaType: MediaType.dockerLayerGzip, digest: Digest.of([2]), size: 10)],
      mediaType: MediaType.dockerManifest)
    return (manifest, config)
  }

  static let layer = Layer(
    tar: (try? TarLayerWriter().write([LayerEntry(path: "app/job.py", kind: .file([0x41]), mode: 0o644)]))
      ?? [])

  @Test("overrides merge onto the base's config with Dockerfile semantics")
  func merge() {
    let overrides = ImageOverrides(
      env: [("SPARK_HOME", "/spark"), ("JOB", "pi")], workingDir: "/app",
      entrypoint: ["python3", "/app/job.py"])
    let image = AssembledImage(base: Self.base(), layers: [Self.layer], overrides: overrides)
    let run = image.config.config
    #expect(run?.env == ["PATH=/usr/bin:/bin", "SPARK_HOME=/spark", "JOB=pi"])
    #expect(run?.entrypoint == ["python3", "/app/job.py"])
    #expect(run?.cmd == nil)
    #expect(run?.user == "185")
    #expect(run?.workingDir == "/app")
    #expect(image.config.rootfs.diffIDs == [Digest.of([1]), Self.layer.diffID])
    #expect(image.config.history?.count == 2)
  }

  @Test("a cmd alongside a new entrypoint is kept")
  func cmdKept() {
    let overrides = ImageOverrides(entrypoint: ["python3"], cmd: ["/app/job.py"])
    let run = AssembledImage(base: Self.base(), layers: [], overrides: overrides).config.config
    #expect(run?.cmd == ["/app/job.py"])
  }

  @Test("the manifest is OCI, base Docker layers get their OCI names, bytes are golden")
  func manifest() throws {
    let image = AssembledImage(
      base: Self.base(), layers: [Self.layer], overrides: ImageOverrides(env: [("JOB", "pi")]))
    #expect(image.manifest.mediaType == MediaType.ociManifest)
    #expect(image.manifest.config.mediaType == MediaType.ociConfig)
    #expect(image.manifest.layers.map(\.mediaType) == [MediaType.ociLayerGzip, MediaType.ociLayer])
    #expect(image.manifest.config.digest == Digest.of(image.configBlob))
    let config = String(decoding: image.configBlob, as: UTF8.self) + "\n"
    #expect(config == (try Golden.text("config.json", actual: config)))
    let manifest = String(decoding: image.manifestBytes, as: UTF8.self) + "\n"
    #expect(manifest == (try Golden.text("manifest.json", actual: manifest)))
  }

  @Test("Docker v2 schema 2 manifests and manifest lists decode; linux/amd64 is chosen")
  func readsDocker() throws {
    let list = """
      {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
      {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:\(String(repeating: "a", count: 64))","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
      {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"sha256:\(String(repeating: "b", count: 64))","size":2,"platform":{"architecture":"amd64","os":"linux"}},
      {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\(String(repeating: "c", count: 64))","size":3,"platform":{"architecture":"unknown","os":"unknown"}}]}
      """
    let index = try CanonicalJSON.decode(ImageIndex.self, Array(list.utf8), what: "index")
    #expect(index.manifest(for: .linuxAMD64)?.size == 2)
    #expect(index.manifest(for: Platform("linux/arm64")!)?.size == 1)
    #expect(index.manifest(for: Platform("linux/s390x")!) == nil)
    let v2 = """
      {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
      "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7,"digest":"sha256:\(String(repeating: "d", count: 64))"},
      "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":9,"digest":"sha256:\(String(repeating: "e", count: 64))"}]}
      """
    let manifest = try CanonicalJSON.decode(ImageManifest.self, Array(v2.utf8), what: "manifest")
    #expect(manifest.layers.first?.size == 9)
    let config = """
      {"architecture":"amd64","os":"linux","container_config":{"Hostname":"x"},"config":{"Env":["A=1"],"Cmd":["sh"],"ExposedPorts":{"80/tcp":{}}},
      "rootfs":{"type":"layers","diff_ids":["sha256:\(String(repeating: "f", count: 64))"]}}
      """
    let decoded = try CanonicalJSON.decode(ImageConfiguration.self, Array(config.utf8), what: "config")
    #expect(decoded.config?.env == ["A=1"])
    #expect(decoded.config?.exposedPorts?.keys.sorted() == ["80/tcp"])
  }

  @Test(
    "image references take Docker Hub's defaults",
    arguments: [
      ("python:3.12", "registry-1.docker.io/library/python:3.12"),
      ("apache/spark", "registry-1.docker.io/apache/spark:latest"),
      ("127.0.0.1:5000/base:1", "127.0.0.1:5000/base:1"),
      (
        "public.ecr.aws/docker/library/python@sha256:\(String(repeating: "a", count: 64))",
        "public.ecr.aws/docker/library/python@sha256:\(String(repeating: "a", count: 64))"
      ),
    ])
  func references(text: String, expected: String) throws {
    #expect(try ImageReference(parsing: text).description == expected)
  }

  @Test("a bad reference says why")
  func badReference() {
    let error = #expect(throws: ImagesError.self) { try ImageReference(parsing: "Registry.io/Spark:1") }
    #expect(
      error?.message
        == "the image reference \"Registry.io/Spark:1\" is invalid: repository names are lowercase letters, digits, '.', '_', '-' and '/'"
    )
  }
}
