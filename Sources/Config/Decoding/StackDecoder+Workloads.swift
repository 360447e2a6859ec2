import YAML

extension StackDecoder {
  func decodeSpark(_ root: MappingReader?) -> SparkConfig {
    let reader = root?.mapping("spark", keys: ["version", "hadoopVersion", "awsSdkBundleVersion", "conf"])
    return SparkConfig(
      version: reader?.string("version") ?? StackDefaults.sparkVersion,
      hadoopVersion: reader?.string("hadoopVersion") ?? StackDefaults.hadoopVersion,
      awsSdkBundleVersion: reader?.string("awsSdkBundleVersion") ?? StackDefaults.awsSdkBundleVersion,
      conf: StackDefaults.sparkConf.merging(reader?.stringMap("conf") ?? []))
  }

  func decodeOperator(_ root: MappingReader?) -> OperatorConfig {
    let reader = root?.mapping(
      "operator",
      keys: ["chart", "repository", "version", "release", "namespace", "values", "timeout", "wait"])
    var values = YAMLNode.mapping([])
    if let node = reader?.value("values") {
      if node.mapping == nil {
        context.error(
          .wrongType, "operator.values must be a mapping of Helm values, not \(node.kindDescription)",
          at: node.mark,
          hint: "write the chart's values indented below values:")
      } else {
        values = resolvingReferences(in: node)
      }
    }
    var timeout = StackDefaults.operatorTimeoutSeconds
    if let text = reader?.string("timeout"), let node = reader?.value("timeout") {
      if let seconds = Self.durationSeconds(text) {
        timeout = seconds
      } else {
        context.error(
          .invalidValue, "operator.timeout \"\(text)\" is not a duration", at: node.mark,
          hint: "write a number with a unit: 300s, 5m, 1h30m")
      }
    }
    return OperatorConfig(
      chart: reader?.string("chart") ?? StackDefaults.chart,
      repository: reader?.string("repository") ?? StackDefaults.chartRepository,
      version: reader?.string("version") ?? StackDefaults.chartVersion,
      release: reader?.string("release") ?? StackDefaults.chart,
      namespace: reader?.string("namespace") ?? StackDefaults.operatorNamespace,
      values: values, timeoutSeconds: timeout, wait: reader?.bool("wait") ?? true)
  }

  /// Go-style durations (`90s`, `5m`, `1h30m`) or a bare number of seconds.
  static func durationSeconds(_ text: String) -> Int? {
    if let seconds = Int(text), seconds > 0 { return seconds }
    var total = 0
    var digits = ""
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
        continue
      }
      guard let number = Int(digits) else { return nil }
      switch character {
      case "s": total += number
      case "m": total += number * 60
      case "h": total += number * 3600
      default: return nil
      }
      digits = ""
    }
    return digits.isEmpty && total > 0 ? total : nil
  }

  /// Helm values may use references too; every scalar is resolved, positions kept.
  private func resolvingReferences(in node: YAMLNode) -> YAMLNode {
    resolvedCopy(of: node) ?? node
  }

  /// The node with references resolved, or nil when it holds none. Untouched subtrees are
  /// returned as they are, so values an alias shares stay shared instead of being rebuilt
  /// once per alias.
  private func resolvedCopy(of node: YAMLNode) -> YAMLNode? {
    var node = node
    switch node.content {
    case .scalar(var scalar):
      guard scalar.text.contains("${") else { return nil }
      scalar.text = context.resolvedText(node)
      node.content = .scalar(scalar)
    case .sequence(var items):
      var changed = false
      for index in items.indices {
        guard let item = resolvedCopy(of: items[index]) else { continue }
        items[index] = item
        changed = true
      }
      guard changed else { return nil }
      node.content = .sequence(items)
    case .mapping(var pairs):
      var changed = false
      for index in pairs.indices {
        guard let value = resolvedCopy(of: pairs[index].value) else { continue }
        pairs[index].value = value
        changed = true
      }
      guard changed else { return nil }
      node.content = .mapping(pairs)
    }
    return node
  }

  func decodeServiceAccounts(_ root: MappingReader?, prefix: String) -> [ServiceAccountConfig] {
    guard let items = root?.list("serviceAccounts") else {
      let name = StackDefaults.serviceAccount
      let namespace = StackDefaults.jobNamespace
      return [
        ServiceAccountConfig(
          name: name, namespace: namespace, dataLakeAccess: .readwrite, policyStatements: [],
          role: KubernetesRoleConfig(
            name: "\(name)-role", resources: StackDefaults.roleResources, verbs: StackDefaults.roleVerbs),
          iamRoleName: "\(prefix)-sa-\(namespace)-\(name)")
      ]
    }
    return items.compactMap { node, path in
      guard
        let reader = MappingReader.open(
          node, path: path, name: "a service account",
          keys: ["name", "namespace", "dataLakeAccess", "policyStatements", "role", "iamRoleName"],
          context: context)
      else { return nil }
      let name = reader.requiredString("name", example: StackDefaults.serviceAccount) ?? ""
      let namespace = reader.string("namespace") ?? StackDefaults.jobNamespace
      let access = reader.choice("dataLakeAccess", of: DataLakeAccess.allCases.map(\.rawValue))
      let role = reader.mapping(
        "role", name: "role of service account \"\(name)\"", keys: ["name", "resources", "verbs"])
      return ServiceAccountConfig(
        name: name, namespace: namespace,
        dataLakeAccess: access.flatMap(DataLakeAccess.init(rawValue:)) ?? .readwrite,
        policyStatements: decodeStatements(reader, account: name),
        role: KubernetesRoleConfig(
          name: role?.string("name") ?? "\(name)-role",
          resources: role?.stringList("resources") ?? StackDefaults.roleResources,
          verbs: role?.stringList("verbs") ?? StackDefaults.roleVerbs),
        iamRoleName: reader.string("iamRoleName") ?? "\(prefix)-sa-\(namespace)-\(name)")
    }
  }

  private func decodeStatements(_ reader: MappingReader, account: String) -> [PolicyStatement] {
    (reader.list("policyStatements") ?? []).compactMap { node, path in
      guard
        let statement = MappingReader.open(
          node, path: path, name: "a policy statement of service account \"\(account)\"",
          keys: ["sid", "effect", "actions", "resources"], context: context)
      else { return nil }
      let actions = statement.stringList("actions") ?? []
      if actions.isEmpty {
        context.error(
          .missingValue, "a policy statement of service account \"\(account)\" has no actions",
          at: statement.node.mark, hint: "add actions: [s3:GetObject] or the actions the job needs")
      }
      let resources = statement.stringList("resources") ?? []
      if resources.isEmpty {
        context.error(
          .missingValue, "a policy statement of service account \"\(account)\" has no resources",
          at: statement.node.mark, hint: "add resources: [arn:aws:s3:::bucket/*]")
      }
      return PolicyStatement(
        sid: statement.string("sid"), effect: statement.choice("effect", of: ["Allow", "Deny"]) ?? "Allow",
        actions: actions, resources: resources)
    }
  }

  func decodeDataLake(_ root: MappingReader?) -> DataLakeConfig {
    let reader = root?.mapping("dataLake", keys: ["bucket", "retainOnDestroy", "uploads"])
    let uploads: [DataLakeUpload] = (reader?.list("uploads") ?? []).compactMap { node, path in
      guard
        let upload = MappingReader.open(
          node, path: path, name: "a data lake upload", keys: ["source", "prefix", "outsideStackFolder"],
          context: context)
      else { return nil }
      guard let source = upload.requiredString("source", example: "./data") else { return nil }
      var prefix = upload.string("prefix") ?? ""
      while prefix.hasPrefix("/") { prefix.removeFirst() }
      return DataLakeUpload(
        source: source, prefix: prefix, outsideStackFolder: upload.bool("outsideStackFolder") ?? false)
    }
    return DataLakeConfig(
      bucket: "", retainOnDestroy: reader?.bool("retainOnDestroy") ?? true, uploads: uploads)
  }

  func decodeImages(_ root: MappingReader?, prefix: String) -> [ImageConfig] {
    (root?.list("images") ?? []).compactMap { node, path in
      guard
        let reader = MappingReader.open(
          node, path: path, name: "an image",
          keys: [
            "name", "context", "dockerfile", "buildArgs", "repository", "tag", "base", "files", "env",
            "workdir", "user",
            "entrypoint", "cmd",
          ], context: context)
      else { return nil }
      let name = reader.requiredString("name", example: "pyspark") ?? ""
      let base = reader.string("base")
      let label = name.isEmpty ? "the image" : "image \"\(name)\""
      var contextPath = "."
      if base != nil || reader.has("base") {
        checkAssembledImageKeys(reader, label: label)
        contextPath = reader.string("context") ?? "."
      } else {
        contextPath = reader.requiredString("context", example: "./jobs/\(name)") ?? "."
        for key in ["files", "env", "workdir", "user", "entrypoint", "cmd"] where reader.has(key) {
          context.error(
            .conflict, "\"\(key)\" in \(label) needs base: it is for images assembled without a Dockerfile",
            at: reader.keyMark(key),
            hint: "add base: <image> to assemble the image from files, or set it in the Dockerfile")
        }
      }
      return ImageConfig(
        name: name, context: contextPath, dockerfile: reader.string("dockerfile") ?? "Dockerfile",
        buildArgs: reader.stringMap("buildArgs") ?? [],
        repository: reader.string("repository") ?? "\(prefix)/\(name)", tag: reader.string("tag"), base: base,
        files: reader.stringMap("files") ?? [], env: reader.stringMap("env") ?? [],
        workdir: reader.string("workdir"),
        user: reader.string("user"), entrypoint: reader.stringList("entrypoint"),
        cmd: reader.stringList("cmd"))
    }
  }

  /// An assembled image has no Dockerfile: the keys of a build are mistakes there.
  private func checkAssembledImageKeys(_ reader: MappingReader, label: String) {
    if reader.has("context") {
      context.error(
        .conflict, "\(label) sets both base and context", at: reader.keyMark("context"),
        hint: "use base and files to assemble an image, or context and dockerfile to build one")
    }
    for key in ["dockerfile", "buildArgs"] where reader.has(key) {
      context.error(
        .conflict, "\"\(key)\" in \(label) is for Dockerfile builds, but the image has base",
        at: reader.keyMark(key),
        hint: "remove \(key), or remove base and build the image from a context")
    }
  }
}
