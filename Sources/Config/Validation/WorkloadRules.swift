#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StackValidator {
  mutating func checkOperator() {
    let op = stack.sparkOperator
    if let problem = NameRules.dnsLabel(op.release, limit: 53) {
      error(
        .invalidName, "operator release name \"\(op.release)\" is invalid: \(problem)",
        at: "operator.release",
        hint: "Helm release names are DNS labels of at most 53 characters")
    }
    if let problem = NameRules.dnsLabel(op.namespace) {
      error(
        .invalidName, "operator namespace \"\(op.namespace)\" is invalid: \(problem)",
        at: "operator.namespace", hint: StackValidator.dnsHint)
    }
    if !(op.repository.hasPrefix("https://") || op.repository.hasPrefix("http://")
      || op.repository.hasPrefix("oci://"))
    {
      error(
        .invalidValue, "operator.repository \"\(op.repository)\" is not a chart repository URL",
        at: "operator.repository",
        hint: "write an https:// (or oci://) URL such as \(StackDefaults.chartRepository)")
    }
    if !Self.isVersionShaped(op.version) {
      error(
        .invalidValue, "operator.version \"\(op.version)\" is not a chart version", at: "operator.version",
        hint: "write an exact semantic version such as \(StackDefaults.chartVersion)")
    }
    // The chart's own labels, plus those eks-spark puts in the chart's values for a profile
    // that selects by label.
    let operatorLabels = OperatorPlacement.chartLabels(op) + OperatorPlacement.requiredLabels(for: stack)
    if !op.namespace.isEmpty, !isScheduled(namespace: op.namespace, labels: operatorLabels) {
      error(
        .unscheduledNamespace,
        "no Fargate profile selects the operator namespace \"\(op.namespace)\": the operator pod would stay Pending",
        at: derivedPath("operator.namespace", from: "cluster.fargateProfiles"),
        hint: "add a Fargate profile with selectors: [{namespace: \(op.namespace)}]")
    }
  }

  /// `1.1.6`, `3.5.3`, `2.0.0-rc.1`.
  static func isVersionShaped(_ version: String) -> Bool {
    let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
    let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
    return (2...3).contains(numbers.count) && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
  }

  mutating func checkServiceAccounts() {
    let accounts = stack.serviceAccounts
    checkUnique(
      accounts.map { $0.name.isEmpty ? "" : "\"\($0.name)\" in namespace \($0.namespace)" },
      what: "service account"
    ) {
      "serviceAccounts[\($0)].name"
    }
    for (index, account) in accounts.enumerated() {
      let path = "serviceAccounts[\(index)]"
      if !account.name.isEmpty, let problem = NameRules.dnsSubdomain(account.name) {
        error(
          .invalidName, "service account name \"\(account.name)\" is invalid: \(problem)", at: "\(path).name",
          hint: StackValidator.dnsHint)
      }
      if let problem = NameRules.dnsLabel(account.namespace) {
        error(
          .invalidName, "namespace \"\(account.namespace)\" is invalid: \(problem)", at: "\(path).namespace",
          hint: StackValidator.dnsHint)
      }
      if !account.name.isEmpty, prefixIsValid || sourceMap.isExplicit("\(path).iamRoleName"),
        let problem = NameRules.iamRoleName(account.iamRoleName)
      {
        error(
          .nameTooLong, "the derived IAM role name \"\(account.iamRoleName)\" is invalid: \(problem)",
          at: derivedPath("\(path).name", from: "metadata.prefix"),
          hint: "eks-spark names it <prefix>-sa-<namespace>-<name>; shorten the prefix, namespace or name")
      }
      // A defaulted role name derives from the account name; an invalid account name is
      // reported once, above, not again through the role named after it.
      if sourceMap.isExplicit("\(path).role.name") || NameRules.dnsSubdomain(account.name) == nil,
        let problem = NameRules.dnsSubdomain(account.role.name)
      {
        error(
          .invalidName, "role name \"\(account.role.name)\" is invalid: \(problem)", at: "\(path).role.name",
          hint: StackValidator.dnsHint)
      }
      for (statementIndex, statement) in account.policyStatements.enumerated() {
        checkStatement(statement, at: "\(path).policyStatements[\(statementIndex)]")
      }
    }
  }

  mutating func checkDataLake() {
    let bucket = stack.dataLake.bucket
    let path = derivedPath("dataLake.bucket", from: "metadata.prefix")
    let applyTimeBucket = Self.applyTimeForm(bucket)
    // A name still holding another unresolved reference was reported as such already.
    if prefixIsValid || sourceMap.isExplicit("dataLake.bucket"), !applyTimeBucket.contains("${"),
      let problem = NameRules.bucketName(applyTimeBucket)
    {
      error(
        .invalidName, "the bucket name \"\(bucket)\" is invalid: \(problem)", at: path,
        hint:
          "bucket names are 3-63 lowercase letters, digits, '.' and '-' (an account id adds 12 characters)")
    }
    for (index, upload) in stack.dataLake.uploads.enumerated() {
      let uploadPath = "dataLake.uploads[\(index)]"
      if !pathExists(resolvePath(upload.source)) {
        error(
          .missingPath, "upload source \"\(upload.source)\" does not exist", at: "\(uploadPath).source",
          hint: "paths are relative to the stack file's folder (\(baseDirectory))")
      }
      if !upload.outsideStackFolder, let outside = outsideStackFolder(upload.source) {
        error(
          .invalidValue,
          "upload source \"\(upload.source)\" is outside the stack file's folder (it is \(outside))",
          at: "\(uploadPath).source",
          hint:
            "move the data under \(baseDirectory), or add outsideStackFolder: true to this upload to allow it"
        )
      }
      if upload.prefix.split(separator: "/").contains("..") {
        error(
          .invalidValue, "upload prefix \"\(upload.prefix)\" contains ..", at: "\(uploadPath).prefix",
          hint: "write a key prefix inside the bucket, such as raw/weather/")
      }
    }
  }

  mutating func checkImages() {
    checkUnique(stack.images.map { $0.name.isEmpty ? "" : "\"\($0.name)\"" }, what: "image") {
      "images[\($0)].name"
    }
    for (index, image) in stack.images.enumerated() {
      let path = "images[\(index)]"
      if !image.name.isEmpty, let problem = NameRules.dnsLabel(image.name) {
        error(
          .invalidName, "image name \"\(image.name)\" is invalid: \(problem)", at: "\(path).name",
          hint: StackValidator.dnsHint)
      }
      if let problem = NameRules.ecrRepository(image.repository) {
        error(
          .invalidName, "ECR repository name \"\(image.repository)\" is invalid: \(problem)",
          at: derivedPath("\(path).repository", from: "\(path).name"),
          hint: "ECR repositories are lowercase, like spark-eks/pi")
      }
      if let tag = image.tag,
        tag.isEmpty || tag.count > 128 || tag.first == "." || tag.first == "-"
          || !tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) })
      {
        error(
          .invalidValue, "image tag \"\(tag)\" is invalid", at: "\(path).tag",
          hint: "tags are up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'")
      }
      if image.isAssembled {
        checkAssembledImage(image, at: path)
        continue
      }
      // A missing context is already a missing-key error; its default proves nothing.
      guard sourceMap.isExplicit("\(path).context") else { continue }
      let context = resolvePath(image.context)
      if !pathExists(context) {
        error(
          .missingPath, "build context \"\(image.context)\" of image \"\(image.name)\" does not exist",
          at: "\(path).context", hint: "paths are relative to the stack file's folder (\(baseDirectory))")
      } else if !pathExists("\(context)/\(image.dockerfile)") {
        error(
          .missingPath, "image \"\(image.name)\" has no \(image.dockerfile) in \(image.context)",
          at: derivedPath("\(path).dockerfile", from: "\(path).context"),
          hint: "add a Dockerfile to the build context, or set dockerfile: to its path inside the context")
      }
    }
  }
}

extension StackValidator {
  /// Where an upload source lands when it leaves the stack file's folder (lexically, `..`
  /// and absolute paths resolved against the working directory), or nil when it stays in.
  /// Links are followed at plan time (Stack refuses one that leads out).
  func outsideStackFolder(_ source: String) -> String? {
    let folder = Self.normalized(baseDirectory)
    let target = Self.normalized(resolvePath(source))
    let inside = folder == "/" || target == folder || target.hasPrefix(folder + "/")
    return inside ? nil : target
  }

  /// `path` made absolute (against the working directory) with `.` and `..` folded.
  static func normalized(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : Self.workingDirectory + "/" + path
    var parts: [Substring] = []
    for part in absolute.split(separator: "/") {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  static var workingDirectory: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return "/" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
