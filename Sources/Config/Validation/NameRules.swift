/// The naming rules of AWS and Kubernetes that stack names (and the names eks-spark derives
/// from them) must follow. Each returns nil when the name is fine, or what is wrong.
enum NameRules {
  static func isLowerAlphanumeric(_ c: Character) -> Bool {
    c.isASCII && (c.isLowercase || c.isNumber)
  }

  /// A DNS-1123 label: namespaces, service accounts, pod names. At most 63 characters.
  static func dnsLabel(_ name: String, limit: Int = 63) -> String? {
    if name.isEmpty { return "it is empty" }
    if name.count > limit { return "it is \(name.count) characters, over the limit of \(limit)" }
    guard name.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" }) else {
      return "it may contain only lowercase letters, digits and '-'"
    }
    guard let first = name.first, let last = name.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
    else {
      return "it must start and end with a lowercase letter or digit"
    }
    return nil
  }

  /// A DNS-1123 subdomain (Role names): labels joined by dots, at most 253 characters.
  static func dnsSubdomain(_ name: String) -> String? {
    if name.count > 253 { return "it is \(name.count) characters, over the limit of 253" }
    for label in name.split(separator: ".", omittingEmptySubsequences: false) {
      if let problem = dnsLabel(String(label)) { return problem }
    }
    return nil
  }

  /// EKS cluster and Fargate profile names: 1-100, `[0-9A-Za-z][A-Za-z0-9-_]*`.
  static func eksName(_ name: String) -> String? {
    if name.isEmpty { return "it is empty" }
    if name.count > 100 { return "it is \(name.count) characters, over EKS's limit of 100" }
    guard let first = name.first, first.isASCII, first.isLetter || first.isNumber else {
      return "it must start with a letter or digit"
    }
    guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
      return "it may contain only letters, digits, '-' and '_'"
    }
    return nil
  }

  /// IAM role names: at most 64 characters of `[A-Za-z0-9+=,.@_-]`.
  static func iamRoleName(_ name: String) -> String? {
    if name.count > 64 { return "it is \(name.count) characters, over IAM's limit of 64" }
    guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }) else {
      return "IAM role names may contain only letters, digits and + = , . @ _ -"
    }
    return nil
  }

  /// S3 general purpose bucket names.
  static func bucketName(_ name: String) -> String? {
    if name.count < 3 || name.count > 63 {
      return "it is \(name.count) characters; bucket names have 3 to 63"
    }
    guard name.allSatisfy({ isLowerAlphanumeric($0) || $0 == "-" || $0 == "." }) else {
      return "it may contain only lowercase letters, digits, '.' and '-'"
    }
    guard let first = name.first, let last = name.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
    else {
      return "it must start and end with a lowercase letter or digit"
    }
    if name.contains("..") { return "it contains two adjacent periods" }
    if name.contains(".-") || name.contains("-.") { return "a period next to a hyphen is not allowed" }
    let octets = name.split(separator: ".", omittingEmptySubsequences: false)
    if octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
      return "it is formatted as an IP address"
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] where name.hasPrefix(prefix) {
      return "names starting with \(prefix) are reserved"
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3"] where name.hasSuffix(suffix) {
      return "names ending with \(suffix) are reserved"
    }
    return nil
  }

  /// ECR repository names: lowercase path segments, 2-256 characters.
  static func ecrRepository(_ name: String) -> String? {
    if name.count < 2 || name.count > 256 { return "it is \(name.count) characters; ECR allows 2 to 256" }
    for segment in name.split(separator: "/", omittingEmptySubsequences: false) {
      guard let first = segment.first, let last = segment.last, isLowerAlphanumeric(first),
        isLowerAlphanumeric(last),
        segment.allSatisfy({ isLowerAlphanumeric($0) || "._-".contains($0) })
      else {
        return "each '/'-separated part must be lowercase letters and digits, joined by '.', '_' or '-'"
      }
    }
    return nil
  }

  /// A Kubernetes label key: optional DNS subdomain prefix and `/`, then a name of at most 63.
  static func labelKey(_ key: String) -> String? {
    let parts = key.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2 else { return "a label key has at most one '/'" }
    if parts.count == 2, let problem = dnsSubdomain(String(parts[0])) {
      return "its prefix is invalid: \(problem)"
    }
    return labelValue(String(parts[parts.count - 1]), allowEmpty: false)
  }

  /// A Kubernetes label value: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at both ends.
  static func labelValue(_ value: String, allowEmpty: Bool = true) -> String? {
    if value.isEmpty { return allowEmpty ? nil : "it is empty" }
    if value.count > 63 { return "it is \(value.count) characters, over the limit of 63" }
    guard value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
      return "it may contain only letters, digits, '.', '_' and '-'"
    }
    guard let first = value.first, let last = value.last, first.isLetter || first.isNumber,
      last.isLetter || last.isNumber
    else { return "it must start and end with a letter or digit" }
    return nil
  }

  /// Environment variable names Kubernetes accepts.
  static func environmentName(_ name: String) -> String? {
    guard let first = name.first, !first.isNumber,
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
    else { return "it must be letters, digits, '_', '-' or '.', not starting with a digit" }
    return nil
  }
}
