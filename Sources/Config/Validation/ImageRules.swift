extension StackValidator {
  /// The settings of an image assembled natively from `base` and `files`.
  mutating func checkAssembledImage(_ image: ImageConfig, at path: String) {
    let label = "image \"\(image.name)\""
    if let base = image.base, let problem = Self.imageReferenceProblem(Self.applyTimeForm(base)) {
      error(
        .invalidValue, "base image \"\(base)\" of \(label) is invalid: \(problem)", at: "\(path).base",
        hint:
          "write registry/repository:tag or registry/repository@sha256:<digest>, such as apache/spark:3.5.3")
    }
    var destinations: Set<String> = []
    for file in image.files {
      let filePath = "\(path).files.\(file.key)"
      if !pathExists(resolvePath(file.key)) {
        keyError(
          .missingPath, "file \"\(file.key)\" of \(label) does not exist", at: filePath,
          hint: "paths are relative to the stack file's folder (\(baseDirectory))")
      }
      let destination = file.value
      if !destination.hasPrefix("/") {
        error(
          .invalidValue, "the image path \"\(destination)\" of \"\(file.key)\" in \(label) is not absolute",
          at: filePath, hint: "write an absolute path in the image, such as /opt/spark/work-dir/job.py")
      } else if destination.split(separator: "/").contains("..") {
        error(
          .invalidValue, "the image path \"\(destination)\" of \"\(file.key)\" in \(label) contains ..",
          at: filePath, hint: "write the path without .., such as /opt/spark/work-dir/job.py")
      } else {
        let normal = "/" + destination.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
        if !destinations.insert(normal).inserted {
          error(
            .duplicateName, "\(label) puts two files at \(normal)", at: filePath,
            hint: "give each file its own path in the image")
        }
      }
    }
    for pair in image.env where NameRules.environmentName(pair.key) != nil {
      keyError(
        .invalidName, "environment variable name \"\(pair.key)\" of \(label) is invalid",
        at: "\(path).env.\(pair.key)",
        hint:
          "rename it: environment variable names are letters, digits, '_', '-' and '.', not starting with a digit"
      )
    }
    if let workdir = image.workdir, !workdir.hasPrefix("/") {
      error(
        .invalidValue, "workdir \"\(workdir)\" of \(label) is not absolute", at: "\(path).workdir",
        hint: "write an absolute path, such as /opt/spark/work-dir")
    }
    if let user = image.user, !Self.isUser(user) {
      error(
        .invalidValue, "user \"\(user)\" of \(label) is invalid", at: "\(path).user",
        hint: "write a user name or uid, optionally with :group or :gid, such as 185 or spark:spark")
    }
  }

  /// `name`, `uid`, `name:group` or `uid:gid`, in the characters user names may have.
  static func isUser(_ user: String) -> Bool {
    let parts = user.split(separator: ":", omittingEmptySubsequences: false)
    return parts.count <= 2
      && parts.allSatisfy { part in
        !part.isEmpty && part.first != "-"
          && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
      }
  }

  /// Why `reference` is not `[registry/]repository[:tag][@sha256:<hex>]`, or nil.
  static func imageReferenceProblem(_ reference: String) -> String? {
    var rest = Substring(reference)
    if let at = rest.firstIndex(of: "@") {
      let digest = rest[rest.index(after: at)...]
      let hex = digest.dropFirst(7)
      guard digest.hasPrefix("sha256:"), hex.count == 64, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
      else {
        return "a digest is sha256: and 64 lowercase hex digits"
      }
      rest = rest[..<at]
    }
    if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
      let tag = rest[rest.index(after: colon)...]
      guard !tag.isEmpty, tag.count <= 128, tag.first != ".", tag.first != "-",
        tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
      else { return "the tag \"\(tag)\" is not up to 128 letters, digits, '_', '.' and '-'" }
      rest = rest[..<colon]
    }
    var parts = rest.split(separator: "/", omittingEmptySubsequences: false)
    guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else { return "it has an empty path component" }
    if parts.count > 1, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" {
      parts.removeFirst()
    }
    guard
      parts.allSatisfy({ part in
        part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }
      })
    else { return "repository names are lowercase letters, digits, '.', '_' and '-'" }
    return nil
  }
}
