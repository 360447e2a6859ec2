import YAML

extension Stack {
  /// The fully defaulted, resolved stack as a node tree, in the file's key order, for
  /// `validate -o yaml|json` (`YAMLEmitter.emit`, `YAMLJSONWriter.string`).
  public var node: YAMLNode {
    .mapping([
      ("apiVersion", .string(apiVersion)),
      ("kind", .string(kind)),
      (
        "metadata",
        .mapping(
          [("prefix", .string(metadata.prefix)), ("region", .string(metadata.region))]
            + optional("accountId", metadata.accountId) + [("tags", map(metadata.tags))])
      ),
      (
        "access",
        .mapping([
          ("allowedCidrs", strings(access.allowedCidrs)), ("adminArns", strings(access.adminArns)),
          ("authenticationMode", .string(access.authenticationMode.rawValue)),
        ])
      ),
      ("network", networkNode),
      ("cluster", clusterNode),
      (
        "spark",
        .mapping([
          ("version", .string(spark.version)), ("hadoopVersion", .string(spark.hadoopVersion)),
          ("awsSdkBundleVersion", .string(spark.awsSdkBundleVersion)), ("conf", map(spark.conf)),
        ])
      ),
      (
        "operator",
        .mapping([
          ("chart", .string(sparkOperator.chart)), ("repository", .string(sparkOperator.repository)),
          ("version", .string(sparkOperator.version)), ("release", .string(sparkOperator.release)),
          ("namespace", .string(sparkOperator.namespace)), ("values", sparkOperator.values),
          ("timeout", .string("\(sparkOperator.timeoutSeconds)s")), ("wait", .bool(sparkOperator.wait)),
        ])
      ),
      ("serviceAccounts", .sequence(serviceAccounts.map(\.node))),
      (
        "dataLake",
        .mapping([
          ("bucket", .string(dataLake.bucket)), ("retainOnDestroy", .bool(dataLake.retainOnDestroy)),
          (
            "uploads",
            .sequence(
              dataLake.uploads.map {
                .mapping(
                  [("source", .string($0.source)), ("prefix", .string($0.prefix))]
                    + ($0.outsideStackFolder ? [("outsideStackFolder", .bool(true))] : []))
              })
          ),
        ])
      ),
      (
        "images",
        .sequence(
          images.map { $0.isAssembled ? assembledImageNode($0) : builtImageNode($0) })
      ),
      ("jobs", .sequence(jobs.map(\.node))),
    ])
  }

  private func builtImageNode(_ image: ImageConfig) -> YAMLNode {
    .mapping(
      [
        ("name", .string(image.name)), ("context", .string(image.context)),
        ("dockerfile", .string(image.dockerfile)),
        ("buildArgs", map(image.buildArgs)), ("repository", .string(image.repository)),
      ] + optional("tag", image.tag))
  }

  private func assembledImageNode(_ image: ImageConfig) -> YAMLNode {
    var pairs: [(String, YAMLNode)] = [("name", .string(image.name))] + optional("base", image.base)
    pairs += [("files", map(image.files)), ("env", map(image.env))]
    pairs += optional("workdir", image.workdir) + optional("user", image.user)
    if let entrypoint = image.entrypoint { pairs.append(("entrypoint", strings(entrypoint))) }
    if let cmd = image.cmd { pairs.append(("cmd", strings(cmd))) }
    return .mapping(pairs + [("repository", .string(image.repository))] + optional("tag", image.tag))
  }

  private var networkNode: YAMLNode {
    if let vpcId = network.vpcId {
      return .mapping([("vpcId", .string(vpcId)), ("subnetIds", strings(network.subnetIds))])
    }
    return .mapping([
      ("cidr", .string(network.cidr)), ("availabilityZones", .int(network.availabilityZones)),
      ("natGateways", .int(network.natGateways)),
    ])
  }

  private var clusterNode: YAMLNode {
    .mapping([
      ("name", .string(cluster.name)), ("kubernetesVersion", .string(cluster.kubernetesVersion)),
      (
        "endpoint",
        .mapping([
          ("public", .bool(cluster.endpoint.isPublic)), ("private", .bool(cluster.endpoint.isPrivate)),
        ])
      ),
      ("logging", strings(cluster.logging)),
      (
        "fargateProfiles",
        .sequence(
          cluster.fargateProfiles.map { profile in
            .mapping([
              ("name", .string(profile.name)),
              (
                "selectors",
                .sequence(
                  profile.selectors.map { selector in
                    .mapping(
                      [("namespace", .string(selector.namespace))]
                        + (selector.labels.isEmpty ? [] : [("labels", map(selector.labels))]))
                  })
              ),
            ])
          })
      ),
    ])
  }
}

extension ServiceAccountConfig {
  var node: YAMLNode {
    .mapping([
      ("name", .string(name)), ("namespace", .string(namespace)),
      ("dataLakeAccess", .string(dataLakeAccess.rawValue)),
      (
        "policyStatements",
        .sequence(
          policyStatements.map {
            .mapping(
              optional("sid", $0.sid) + [
                ("effect", .string($0.effect)), ("actions", strings($0.actions)),
                ("resources", strings($0.resources)),
              ])
          })
      ),
      (
        "role",
        .mapping([
          ("name", .string(role.name)), ("resources", strings(role.resources)),
          ("verbs", strings(role.verbs)),
        ])
      ),
      ("iamRoleName", .string(iamRoleName)),
    ])
  }
}

extension JobConfig {
  var node: YAMLNode {
    var pairs: [(String, YAMLNode)] = [
      ("name", .string(name)), ("namespace", .string(namespace)), ("type", .string(type.rawValue)),
      ("mode", .string(mode)),
    ]
    pairs += optional("image", image) + optional("imageRef", imageRef)
    pairs += [
      ("imagePullPolicy", .string(imagePullPolicy)), ("mainApplicationFile", .string(mainApplicationFile)),
    ]
    pairs += optional("mainClass", mainClass)
    pairs += [("arguments", strings(arguments)), ("sparkVersion", .string(sparkVersion))]
    pairs += optional("pythonVersion", pythonVersion)
    pairs += [("sparkConf", map(sparkConf)), ("hadoopConf", map(hadoopConf))]
    pairs.append(
      (
        "deps",
        .mapping([
          ("jars", strings(deps.jars)), ("files", strings(deps.files)), ("pyFiles", strings(deps.pyFiles)),
          ("packages", strings(deps.packages)), ("repositories", strings(deps.repositories)),
          ("excludePackages", strings(deps.excludePackages)),
        ])
      ))
    pairs += [
      ("env", map(env)), ("driver", driver.node), ("executor", executor.node), ("labels", map(labels)),
      ("annotations", map(annotations)), ("serviceAccount", .string(serviceAccount)),
    ]
    pairs.append(
      (
        "restartPolicy",
        .mapping(
          [("type", .string(restartPolicy.type))]
            + optional("onFailureRetries", restartPolicy.onFailureRetries)
            + optional("onFailureRetryInterval", restartPolicy.onFailureRetryInterval)
            + optional("onSubmissionFailureRetries", restartPolicy.onSubmissionFailureRetries)
            + optional("onSubmissionFailureRetryInterval", restartPolicy.onSubmissionFailureRetryInterval))
      ))
    pairs += optional("timeToLiveSeconds", timeToLiveSeconds)
    if let dynamicAllocation {
      pairs.append(
        (
          "dynamicAllocation",
          .mapping(
            [("enabled", .bool(dynamicAllocation.enabled))]
              + optional("initialExecutors", dynamicAllocation.initialExecutors)
              + [
                ("minExecutors", .int(dynamicAllocation.minExecutors)),
                ("maxExecutors", .int(dynamicAllocation.maxExecutors)),
              ])
        ))
    }
    if let schedule {
      pairs.append(
        (
          "schedule",
          .mapping(
            [("cron", .string(schedule.cron))] + optional("timeZone", schedule.timeZone) + [
              ("concurrencyPolicy", .string(schedule.concurrencyPolicy)),
              ("suspend", .bool(schedule.suspend)),
              ("successfulRunHistoryLimit", .int(schedule.successfulRunHistoryLimit)),
              ("failedRunHistoryLimit", .int(schedule.failedRunHistoryLimit)),
            ])
        ))
    }
    return .mapping(pairs)
  }
}

extension SparkPodConfig {
  var node: YAMLNode {
    .mapping(
      [("cores", .int(cores))] + optional("coreRequest", coreRequest) + optional("coreLimit", coreLimit)
        + [("memory", .string(memory))] + optional("memoryOverhead", memoryOverhead)
        + optional("instances", instances) + [("labels", map(labels)), ("annotations", map(annotations))])
  }
}

private func strings(_ values: [String]) -> YAMLNode { .sequence(values.map(YAMLNode.string)) }

private func map(_ pairs: [KeyValue]) -> YAMLNode { .mapping(pairs.map { ($0.key, .string($0.value)) }) }

private func optional(_ key: String, _ value: String?) -> [(String, YAMLNode)] {
  value.map { [(key, .string($0))] } ?? []
}

private func optional(_ key: String, _ value: Int?) -> [(String, YAMLNode)] {
  value.map { [(key, .int($0))] } ?? []
}
