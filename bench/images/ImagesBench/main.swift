import HTTP
import Images

#if canImport(Glibc)
import Glibc
#endif

/// `make bench-images` helper: pushes with the Images library against a plain-HTTP
/// registry, one operation per process, so hyperfine times what a command would do.
///
///     images-bench base <registry> <repository> <tag> <file> <path-in-image>
///     images-bench publish <registry> <base-reference> <file> <path-in-image> <repository> <cache-dir>
@main
struct ImagesBench {
  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      switch (arguments.first, arguments.count) {
      case ("base", 6): try await base(arguments)
      case ("publish", 7): try await publish(arguments)
      default:
        print(
          "usage: images-bench base REGISTRY REPOSITORY TAG FILE PATH | publish REGISTRY BASE FILE PATH REPOSITORY CACHE"
        )
        exit(2)
      }
    } catch {
      print("images-bench: \(error)")
      exit(1)
    }
  }

  static func base(_ arguments: [String]) async throws {
    let client = RegistryClient(registry: arguments[1], transport: HTTPClient(), plainHTTP: true)
    let layer = try Layer.files([FileMapping(source: arguments[4], destination: arguments[5])])
    let image = AssembledImage(
      base: nil, layers: [layer], overrides: ImageOverrides(env: [("PATH", "/usr/bin:/bin")]))
    let report = try await ImagePusher(cache: BlobCache(root: "/tmp/images-bench-base-cache")).push(
      image, base: nil, baseClient: nil, to: client, repository: arguments[2], tag: arguments[3])
    print("base \(arguments[2]):\(arguments[3]) \(report.digest.map(\.description) ?? "")")
  }

  static func publish(_ arguments: [String]) async throws {
    let client = RegistryClient(registry: arguments[1], transport: HTTPClient(), plainHTTP: true)
    let spec = NativeImageSpec(
      base: try ImageReference(parsing: arguments[2]),
      files: [FileMapping(source: arguments[3], destination: arguments[4])],
      overrides: ImageOverrides(env: [("JOB", "bench")], entrypoint: ["python3", arguments[4]]))
    let result = try await NativeImageBuilder(cache: BlobCache(root: arguments[6])).publish(
      spec, baseClient: client, to: client, repository: arguments[5])
    let state = result.pushed ? "pushed" : "unchanged"
    print(
      "\(state) \(result.tag) \(result.digest) uploaded=\(result.report.uploaded.count) bytes=\(result.report.uploadedBytes)"
    )
  }
}
