import YAML

/// Decodes a stack document into a `Stack`, filling defaults, resolving `${...}` references
/// and collecting every structural problem (unknown keys, wrong types, missing values).
/// Semantic rules (CIDRs, names, quantities...) are `StackValidator`'s.
struct StackDecoder {
  static let rootKeys = [
    "apiVersion", "kind", "metadata", "access", "network", "cluster", "spark", "operator", "serviceAccounts",
    "dataLake", "images", "jobs",
  ]

  let context: DecodeContext

  func decode(_ document: YAMLNode) -> Stack {
    let root = MappingReader.open(
      document, path: "", name: "the stack", keys: Self.rootKeys, context: context)
    let apiVersion = root?.requiredString("apiVersion", example: StackKind.apiVersion)
    if let apiVersion, apiVersion != StackKind.apiVersion, let node = root?.value("apiVersion") {
      context.error(
        .invalidValue, "apiVersion is \"\(apiVersion)\"; this eks-spark reads \"\(StackKind.apiVersion)\"",
        at: node.mark, hint: "write apiVersion: \(StackKind.apiVersion)")
    }
    let kind = root?.requiredString("kind", example: StackKind.kind)
    if let kind, kind != StackKind.kind, let node = root?.value("kind") {
      context.error(
        .invalidValue, "kind is \"\(kind)\", expected \"\(StackKind.kind)\"", at: node.mark,
        hint: "write kind: \(StackKind.kind)")
    }
    if root == nil, document.isNull {
      context.error(
        .missingValue, "the stack file is empty", at: nil,
        hint: "start with apiVersion: \(StackKind.apiVersion) and kind: \(StackKind.kind)")
    }

    // Values other values refer to are read first, each allowed to use only earlier ones.
    let metadata = decodeMetadata(root)
    let operatorNamespace = peekString(root, "operator", "namespace", allowed: [])
    context.references.values["operator.namespace"] = operatorNamespace ?? StackDefaults.operatorNamespace
    context.references.values["spark.version"] =
      peekString(root, "spark", "version", allowed: []) ?? StackDefaults.sparkVersion
    let early: Set<String> = [
      "metadata.prefix", "metadata.region", "metadata.accountId", "aws.region", "aws.accountId",
    ]
    let clusterName =
      peekString(root, "cluster", "name", allowed: early) ?? resolveDefault(StackDefaults.clusterName)
    context.references.values["cluster.name"] = clusterName
    let bucket =
      peekString(root, "dataLake", "bucket", allowed: early.union(["cluster.name"]))
      ?? resolveDefault(StackDefaults.bucket)
    context.references.values["dataLake.bucket"] = bucket

    let access = decodeAccess(root)
    let network = decodeNetwork(root)
    var cluster = decodeCluster(root, operatorNamespace: operatorNamespace ?? StackDefaults.operatorNamespace)
    cluster.name = clusterName
    let spark = decodeSpark(root)
    let sparkOperator = decodeOperator(root)
    let serviceAccounts = decodeServiceAccounts(root, prefix: metadata.prefix)
    var dataLake = decodeDataLake(root)
    dataLake.bucket = bucket
    let images = decodeImages(root, prefix: metadata.prefix)
    let jobs = decodeJobs(root, spark: spark)
    return Stack(
      apiVersion: apiVersion ?? StackKind.apiVersion, kind: kind ?? StackKind.kind, metadata: metadata,
      access: access, network: network, cluster: cluster, spark: spark, sparkOperator: sparkOperator,
      serviceAccounts: serviceAccounts, dataLake: dataLake, images: images, jobs: jobs)
  }

  /// A default that contains references (resolved with everything known so far).
  func resolveDefault(_ text: String) -> String {
    context.references.resolve(text).text
  }

  /// Reads `section.key` before its section is decoded, with limited references.
  private func peekString(_ root: MappingReader?, _ section: String, _ key: String, allowed: Set<String>)
    -> String?
  {
    guard let node = root?.value(section)?[key], node.scalar != nil, !node.isNull else { return nil }
    context.sourceMap.record("\(section).\(key)", node.mark)
    context.allowedReferences = allowed
    defer { context.allowedReferences = nil }
    return context.resolvedText(node)
  }

  private func decodeMetadata(_ root: MappingReader?) -> StackMetadata {
    let reader = root?.mapping("metadata", keys: ["prefix", "region", "accountId", "tags"])
    // These three are what references resolve to, so they cannot contain references.
    context.allowedReferences = []
    let prefix = reader?.string("prefix") ?? StackDefaults.prefix
    let region = reader?.string("region") ?? StackDefaults.region
    let accountId = reader?.string("accountId")
    context.allowedReferences = nil
    context.references.values["metadata.prefix"] = prefix
    context.references.values["metadata.region"] = region
    context.references.values["aws.region"] = region
    if let accountId {
      context.references.values["metadata.accountId"] = accountId
      context.references.values["aws.accountId"] = accountId
    }
    return StackMetadata(
      prefix: prefix, region: region, accountId: accountId, tags: reader?.stringMap("tags") ?? [])
  }

  private func decodeAccess(_ root: MappingReader?) -> AccessConfig {
    let reader = root?.mapping("access", keys: ["allowedCidrs", "adminArns", "authenticationMode"])
    let mode = reader?.choice("authenticationMode", of: AuthenticationMode.allCases.map(\.rawValue))
    return AccessConfig(
      allowedCidrs: reader?.stringList("allowedCidrs") ?? ["0.0.0.0/0"],
      adminArns: reader?.stringList("adminArns") ?? [],
      authenticationMode: mode.flatMap(AuthenticationMode.init(rawValue:)) ?? .awsAuth)
  }

  private func decodeNetwork(_ root: MappingReader?) -> NetworkConfig {
    let reader = root?.mapping(
      "network", keys: ["cidr", "availabilityZones", "natGateways", "vpcId", "subnetIds"])
    let vpcId = reader?.string("vpcId")
    if let reader, vpcId != nil {
      for key in ["cidr", "availabilityZones", "natGateways"] where reader.has(key) {
        context.error(
          .conflict, "\"\(key)\" in network describes a new VPC, but vpcId uses an existing one",
          at: reader.keyMark(key), hint: "remove \(key), or remove vpcId and subnetIds to create a VPC")
      }
    }
    let subnetIds = reader?.stringList("subnetIds") ?? []
    if let reader, vpcId != nil, subnetIds.isEmpty {
      context.error(
        .missingValue, "network.vpcId needs subnetIds", at: reader.keyMark("vpcId"),
        hint: "list the private subnets of the VPC in at least two availability zones under subnetIds")
    }
    if let reader, vpcId == nil, !subnetIds.isEmpty {
      context.error(
        .missingValue, "network.subnetIds needs vpcId", at: reader.keyMark("subnetIds"),
        hint: "add vpcId: vpc-... for the VPC these subnets belong to")
    }
    return NetworkConfig(
      cidr: reader?.string("cidr") ?? StackDefaults.vpcCidr,
      availabilityZones: reader?.int("availabilityZones", in: 2...6) ?? StackDefaults.availabilityZones,
      natGateways: reader?.int("natGateways", in: 0...6) ?? StackDefaults.natGateways,
      vpcId: vpcId, subnetIds: subnetIds)
  }

  private func decodeCluster(_ root: MappingReader?, operatorNamespace: String) -> ClusterConfig {
    let reader = root?.mapping(
      "cluster", keys: ["name", "kubernetesVersion", "endpoint", "logging", "fargateProfiles"])
    let endpoint = reader?.mapping("endpoint", name: "cluster.endpoint", keys: ["public", "private"])
    var profiles: [FargateProfileConfig] = []
    for (node, path) in reader?.list("fargateProfiles") ?? [] {
      guard
        let profile = MappingReader.open(
          node, path: path, name: "a Fargate profile", keys: ["name", "selectors"], context: context)
      else { continue }
      let name = profile.requiredString("name", example: "spark") ?? ""
      var selectors: [FargateSelector] = []
      for (selectorNode, selectorPath) in profile.list("selectors") ?? [] {
        guard
          let selector = MappingReader.open(
            selectorNode, path: selectorPath, name: "a selector of Fargate profile \"\(name)\"",
            keys: ["namespace", "labels"], context: context)
        else { continue }
        selectors.append(
          FargateSelector(
            namespace: selector.requiredString("namespace", example: "default") ?? "",
            labels: selector.stringMap("labels") ?? []))
      }
      if selectors.isEmpty {
        context.error(
          .missingValue, "Fargate profile \"\(name)\" selects no pods", at: profile.node.mark,
          hint: "add selectors: [{namespace: \(name)}]")
      }
      profiles.append(FargateProfileConfig(name: name, selectors: selectors))
    }
    return ClusterConfig(
      name: "",
      kubernetesVersion: reader?.string("kubernetesVersion") ?? StackDefaults.kubernetesVersion,
      endpoint: EndpointAccess(
        isPublic: endpoint?.bool("public") ?? true, isPrivate: endpoint?.bool("private") ?? true),
      logging: reader?.stringList("logging") ?? [],
      fargateProfiles: reader?.has("fargateProfiles") == true
        ? profiles : StackDefaults.fargateProfiles(operatorNamespace: operatorNamespace))
  }
}
