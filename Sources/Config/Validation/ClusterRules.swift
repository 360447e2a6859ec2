extension StackValidator {
  /// Where to point for a derived name: its own key when written, else what it derives from.
  func derivedPath(_ path: String, from source: String) -> String {
    sourceMap.isExplicit(path) ? path : source
  }

  mutating func checkMetadata() {
    let metadata = stack.metadata
    if let problem = NameRules.dnsLabel(metadata.prefix) {
      prefixIsValid = false
      error(
        .invalidName, "metadata.prefix \"\(metadata.prefix)\" is not a valid prefix: \(problem)",
        at: "metadata.prefix",
        hint: "the prefix names the cluster, roles and bucket; use lowercase letters, digits and '-'")
    }
    if !Self.isRegionShaped(metadata.region) {
      error(
        .invalidValue, "metadata.region \"\(metadata.region)\" is not an AWS region name",
        at: "metadata.region",
        hint: "write a region code such as eu-west-1 or us-east-1")
    } else if RegionNames.partition(of: metadata.region) == nil {
      error(
        .invalidValue, "metadata.region \"\(metadata.region)\" is in no AWS partition",
        at: "metadata.region",
        hint:
          "AWS region names start with \(RegionNames.commercialPrefixes), cn or us-gov, such as eu-west-1")
    }
    if let account = metadata.accountId,
      account.count != 12 || !account.allSatisfy({ $0.isASCII && $0.isNumber })
    {
      error(
        .invalidValue, "metadata.accountId \"\(account)\" is not a 12-digit AWS account id",
        at: "metadata.accountId",
        hint: "quote it to keep leading zeros: accountId: \"012345678901\"")
    }
    for tag in metadata.tags {
      let path = "metadata.tags.\(tag.key)"
      if tag.key.lowercased().hasPrefix("aws:") {
        keyError(
          .invalidName, "tag key \"\(tag.key)\" uses the reserved prefix aws:", at: path,
          hint: "choose another key")
      } else if tag.key.lowercased().hasPrefix(Self.ownershipTagPrefix) {
        // eks-spark finds what it owns by these tags; a user value would be overwritten, or
        // would claim another stack's resources.
        keyError(
          .invalidName,
          "tag key \"\(tag.key)\" uses the prefix \(Self.ownershipTagPrefix), which eks-spark sets itself",
          at: path,
          hint: "choose another key; eks-spark tags what it creates with eks-spark.io/stack: <prefix>")
      } else if tag.key.isEmpty || tag.key.count > 128 {
        keyError(
          .nameTooLong, "tag key \"\(tag.key)\" must have 1 to 128 characters", at: path,
          hint: "shorten the key")
      }
      if tag.value.count > 256 {
        error(
          .nameTooLong, "tag \"\(tag.key)\" has a value of \(tag.value.count) characters; AWS allows 256",
          at: path,
          hint: "shorten the value")
      }
    }
    // Names eks-spark derives from the prefix.
    for suffix in ["-cluster-role", "-fargate-pod-role"] where prefixIsValid {
      let role = metadata.prefix + suffix
      if let problem = NameRules.iamRoleName(role) {
        error(
          .nameTooLong, "the derived IAM role name \"\(role)\" is invalid: \(problem)", at: "metadata.prefix",
          hint: "shorten metadata.prefix to at most \(64 - suffix.count) characters")
      }
    }
  }

  /// The prefix of the tags that mark what eks-spark owns.
  static let ownershipTagPrefix = "eks-spark.io/"

  /// `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-3`...
  static func isRegionShaped(_ region: String) -> Bool {
    let parts = region.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else {
      return false
    }
    return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
  }

  mutating func checkCluster() {
    let cluster = stack.cluster
    let namePath = derivedPath("cluster.name", from: "metadata.prefix")
    if prefixIsValid || sourceMap.isExplicit("cluster.name"), !cluster.name.contains("${"),
      let problem = NameRules.eksName(cluster.name)
    {
      error(
        .invalidName, "the cluster name \"\(cluster.name)\" is invalid: \(problem)", at: namePath,
        hint: "EKS cluster names are 1-100 letters, digits, '-' and '_', starting with a letter or digit")
    }
    let supported = StackDefaults.supportedKubernetesVersions
    if !supported.contains(cluster.kubernetesVersion) {
      // `1.3` is what a plain 1.30 looks like to tools that read numbers; say so.
      let meant = cluster.kubernetesVersion + "0"
      let hint =
        supported.contains(meant)
        ? "did you mean \"\(meant)\"? write the version in quotes"
        : "use one of \(supported.joined(separator: ", ")) (in quotes, e.g. \"\(StackDefaults.kubernetesVersion)\")"
      error(
        .unsupportedVersion, "Kubernetes version \"\(cluster.kubernetesVersion)\" is not supported by EKS",
        at: "cluster.kubernetesVersion", hint: hint)
    }
    if !cluster.endpoint.isPublic && !cluster.endpoint.isPrivate {
      error(
        .invalidValue, "the cluster endpoint is neither public nor private", at: "cluster.endpoint",
        hint: "set public: true, private: true, or both")
    }
    for (index, type) in cluster.logging.enumerated() where !StackDefaults.logTypes.contains(type) {
      var message = "unknown control-plane log type \"\(type)\""
      if let suggestion = EditDistance.suggestion(for: type, among: StackDefaults.logTypes) {
        message += "; did you mean \"\(suggestion)\"?"
      }
      error(
        .invalidValue, message, at: "cluster.logging[\(index)]",
        hint: "log types are \(StackDefaults.logTypes.joined(separator: ", "))")
    }
    checkFargateProfiles()
  }

  private mutating func checkFargateProfiles() {
    let profiles = stack.cluster.fargateProfiles
    if profiles.count > 10 {
      error(
        .fargateLimit, "\(profiles.count) Fargate profiles; EKS allows 10 per cluster",
        at: "cluster.fargateProfiles",
        hint: "combine selectors: one profile takes up to 5")
    }
    checkUnique(profiles.map { $0.name.isEmpty ? "" : "\"\($0.name)\"" }, what: "Fargate profile") {
      "cluster.fargateProfiles[\($0)].name"
    }
    for (index, profile) in profiles.enumerated() {
      let path = "cluster.fargateProfiles[\(index)]"
      if !profile.name.isEmpty, let problem = NameRules.eksName(profile.name) {
        error(
          .invalidName, "Fargate profile name \"\(profile.name)\" is invalid: \(problem)", at: "\(path).name",
          hint: StackValidator.dnsHint)
      }
      if profile.selectors.count > 5 {
        error(
          .fargateLimit,
          "Fargate profile \"\(profile.name)\" has \(profile.selectors.count) selectors; EKS allows 5",
          at: "\(path).selectors", hint: "split it into two profiles")
      }
      for (selectorIndex, selector) in profile.selectors.enumerated() {
        let selectorPath = "\(path).selectors[\(selectorIndex)]"
        if !selector.namespace.isEmpty, let problem = NameRules.dnsLabel(selector.namespace) {
          error(
            .invalidName, "namespace \"\(selector.namespace)\" is invalid: \(problem)",
            at: "\(selectorPath).namespace", hint: StackValidator.dnsHint)
        }
        if selector.labels.count > 5 {
          error(
            .fargateLimit, "a Fargate selector has \(selector.labels.count) labels; EKS allows 5",
            at: "\(selectorPath).labels",
            hint: "select on at most 5 labels")
        }
        checkLabels(selector.labels, at: "\(selectorPath).labels")
      }
    }
    let coreDNS = [KeyValue("k8s-app", "kube-dns"), KeyValue("eks.amazonaws.com/component", "coredns")]
    if !isScheduled(namespace: "kube-system", labels: coreDNS) {
      warning(
        .unscheduledNamespace, "no Fargate profile selects namespace kube-system: CoreDNS pods stay Pending",
        at: "cluster.fargateProfiles", hint: "add a selector {namespace: kube-system} so cluster DNS runs")
    }
  }

  /// True when some Fargate profile selects a pod with these labels in this namespace.
  func isScheduled(namespace: String, labels: [KeyValue]) -> Bool {
    stack.cluster.fargateProfiles.contains { profile in
      profile.selectors.contains { $0.selects(namespace: namespace, podLabels: labels) }
    }
  }

  /// Namespaces selected by some profile, for hints.
  var selectedNamespaces: [String] {
    var result: [String] = []
    for profile in stack.cluster.fargateProfiles {
      for selector in profile.selectors where !result.contains(selector.namespace) {
        result.append(selector.namespace)
      }
    }
    return result
  }

  mutating func checkLabels(_ labels: [KeyValue], at path: String, values: Bool = true) {
    for label in labels {
      if let problem = NameRules.labelKey(label.key) {
        keyError(
          .invalidName, "label key \"\(label.key)\" is invalid: \(problem)", at: "\(path).\(label.key)",
          hint: StackValidator.labelKeyHint)
      } else if values, let problem = NameRules.labelValue(label.value) {
        error(
          .invalidName, "label \"\(label.key)\" has an invalid value \"\(label.value)\": \(problem)",
          at: "\(path).\(label.key)", hint: StackValidator.labelValueHint)
      }
    }
  }
}
