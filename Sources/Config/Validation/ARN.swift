/// An Amazon Resource Name split into its fields.
struct ARN: Equatable {
  var partition: String
  var service: String
  var region: String
  var account: String
  var resource: String

  static func parse(_ text: String) -> ARN? {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, !parts[2].isEmpty, !parts[5].isEmpty else {
      return nil
    }
    return ARN(
      partition: String(parts[1]), service: String(parts[2]), region: String(parts[3]),
      account: String(parts[4]),
      resource: String(parts[5]))
  }

  /// The ARN partition of a region: aws-cn for cn-*, aws-us-gov for us-gov-*, else aws.
  static func partition(ofRegion region: String) -> String {
    if region.hasPrefix("cn-") { return "aws-cn" }
    if region.hasPrefix("us-gov-") { return "aws-us-gov" }
    return "aws"
  }
}

extension StackValidator {
  mutating func checkAccess() {
    let partition = ARN.partition(ofRegion: stack.metadata.region)
    // EKS reads an empty publicAccessCidrs as 0.0.0.0/0: an empty list, which reads as
    // "nobody", would open the endpoint to the world without the warning.
    if stack.access.allowedCidrs.isEmpty, stack.cluster.endpoint.isPublic {
      error(
        .openCidr, "access.allowedCidrs is empty, which EKS reads as open to the whole internet (0.0.0.0/0)",
        at: "access.allowedCidrs",
        hint:
          "list the networks that need the API (203.0.113.0/24), write [0.0.0.0/0] to open it on purpose, "
          + "or set cluster.endpoint.public: false")
    }
    for (index, cidr) in stack.access.allowedCidrs.enumerated() {
      let path = "access.allowedCidrs[\(index)]"
      guard let block = checkCIDR(cidr, at: path, what: "allowed CIDR") else { continue }
      guard block.prefixLength == 0, stack.cluster.endpoint.isPublic else { continue }
      if sourceMap.isExplicit(path) {
        warning(
          .openCidr, "allowed CIDR \(cidr) opens the cluster API endpoint to the whole internet", at: path,
          hint: "list the networks that need the API, for example your office or VPN range 203.0.113.0/24")
      } else {
        defaultWarning(
          .openCidr,
          "access.allowedCidrs is not set, so the public cluster API endpoint is open to 0.0.0.0/0",
          at: "access.allowedCidrs",
          hint:
            "set access.allowedCidrs to the networks that need the API (or cluster.endpoint.public: false)")
      }
    }
    for (index, text) in stack.access.adminArns.enumerated() {
      let path = "access.adminArns[\(index)]"
      guard let arn = ARN.parse(text), arn.service == "iam", arn.region.isEmpty,
        arn.account.count == 12, arn.account.allSatisfy(\.isNumber),
        arn.resource.hasPrefix("user/") || arn.resource.hasPrefix("role/")
      else {
        error(
          .invalidArn, "admin ARN \"\(text)\" is not an IAM user or role ARN", at: path,
          hint:
            "write arn:\(partition):iam::123456789012:role/Admin or arn:\(partition):iam::123456789012:user/alice"
        )
        continue
      }
      checkPartition(arn, text: text, at: path, partition: partition)
    }
  }

  mutating func checkPartition(_ arn: ARN, text: String, at path: String, partition: String) {
    guard arn.partition != partition else { return }
    error(
      .invalidArn,
      "ARN \"\(text)\" is in partition \(arn.partition), but region \(stack.metadata.region) is in \(partition)",
      at: path, hint: "write arn:\(partition):\(arn.service):... for this region")
  }

  /// Resources of extra IAM statements: `*`, or ARNs in the region's partition.
  mutating func checkStatement(_ statement: PolicyStatement, at path: String) {
    let partition = ARN.partition(ofRegion: stack.metadata.region)
    // IAM Access Analyzer's policy checks warn about the same wildcards in an Allow.
    if statement.effect == "Allow" {
      if let index = statement.actions.firstIndex(of: "*") {
        warning(
          .broadPolicy, "a policy statement allows every action of every AWS service (\"*\")",
          at: "\(path).actions[\(index)]",
          hint: "list the actions the job needs, such as s3:GetObject, or one service's: s3:*")
      }
      if let index = statement.resources.firstIndex(of: "*") {
        warning(
          .broadPolicy, "a policy statement allows its actions on every resource (\"*\")",
          at: "\(path).resources[\(index)]",
          hint: "name the resources, such as arn:\(partition):s3:::my-bucket/*")
      }
    }
    for (index, action) in statement.actions.enumerated() where action != "*" {
      let parts = action.split(separator: ":", omittingEmptySubsequences: false)
      if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty {
        error(
          .invalidValue, "IAM action \"\(action)\" must look like service:Action",
          at: "\(path).actions[\(index)]",
          hint: "for example s3:GetObject or s3:*")
      }
    }
    for (index, resource) in statement.resources.enumerated() where resource != "*" {
      let resourcePath = "\(path).resources[\(index)]"
      guard let arn = ARN.parse(resource) else {
        error(
          .invalidArn, "policy resource \"\(resource)\" is not an ARN", at: resourcePath,
          hint: "write * or an ARN such as arn:\(partition):s3:::my-bucket/*")
        continue
      }
      checkPartition(arn, text: resource, at: resourcePath, partition: partition)
    }
  }
}
