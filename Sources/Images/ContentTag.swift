/// Tags that are digests of an image's inputs, so an unchanged image is recognised by
/// one manifest HEAD and never rebuilt or pushed.
///
/// Every field is written with its length in front, so no two different inputs can
/// produce the same stream of bytes.
public enum ContentTag {
  /// The tag for an input digest: `in-` and 40 hex digits (160 bits, well inside the
  /// 128-character tag limit and clear of cosign's `sha256-...` tags).
  public static func tag(for inputs: Digest) -> String { "in-" + inputs.hex.prefix(40) }

  /// Native assembly: the base's manifest digest (nil for scratch), the platform, every
  /// layer entry (path, kind, mode, owner, contents) and the config overrides.
  public static func native(
    base: Digest?, platform: Platform, entries: [LayerEntry], overrides: ImageOverrides
  )
    -> Digest
  {
    var stream = FieldStream("eks-spark native image v1")
    stream.add("base", base?.description ?? "scratch")
    stream.add("platform", platform.description)
    for entry in entries.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
      stream.add("path", entry.path)
      stream.add("mode", String(entry.mode, radix: 8))
      stream.add("owner", "\(entry.owner.uid):\(entry.owner.gid)")
      switch entry.kind {
      case .directory: stream.add("directory", "")
      case .file(let contents): stream.add("file", Digest.of(contents).description)
      case .symlink(let target): stream.add("symlink", target)
      }
    }
    for (name, value) in overrides.env { stream.add("env", "\(name)=\(value)") }
    stream.add("workdir", overrides.workingDir)
    stream.add("user", overrides.user)
    stream.add("entrypoint", overrides.entrypoint)
    stream.add("cmd", overrides.cmd)
    return stream.digest()
  }

  /// A Dockerfile build: the platform, the Dockerfile, each context file left after `.dockerignore`
  /// (path, mode, contents), and the build args sorted by name.
  public static func dockerfile(
    _ dockerfile: [UInt8], context: [ContextFile], buildArgs: [String: String],
    platform: Platform = .linuxAMD64
  ) -> Digest {
    var stream = FieldStream("eks-spark dockerfile image v1")
    stream.add("platform", platform.description)
    stream.add("dockerfile", Digest.of(dockerfile).description)
    for file in context.sorted(by: { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }) {
      stream.add("path", file.path)
      stream.add("mode", String(file.mode, radix: 8))
      stream.add("content", file.content)
    }
    for name in buildArgs.keys.sorted() { stream.add("arg", "\(name)=\(buildArgs[name]!)") }
    return stream.digest()
  }
}

/// Length-prefixed fields fed to SHA-256.
struct FieldStream: ~Copyable {
  private var hasher = SHA256Hasher()

  init(_ header: String) { add("header", header) }

  mutating func add(_ name: String, _ value: String?) {
    guard let value else {
      hasher.update("\(name.utf8.count):\(name)-;")
      return
    }
    hasher.update("\(name.utf8.count):\(name)\(value.utf8.count):\(value);")
  }

  mutating func add(_ name: String, _ values: [String]?) {
    add(name, values.map { list in list.map { "\($0.utf8.count):\($0)" }.joined() })
  }

  consuming func digest() -> Digest { hasher.finish() }
}
