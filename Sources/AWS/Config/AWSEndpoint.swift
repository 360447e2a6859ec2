import HTTP

/// Where a service's requests go and which region they are signed for.
public struct AWSEndpoint: Sendable, Hashable {
  public var url: HTTPURL
  public var signingRegion: String
  /// Set when the user configured the endpoint (then S3 uses path-style addressing).
  public var isCustom: Bool
}

extension AWSConfiguration {
  /// Resolves a service's endpoint the way the AWS SDKs do: `AWS_ENDPOINT_URL_<SERVICE>`,
  /// the profile's `services` section, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`
  /// (all skipped when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true), then the partition's
  /// default host.
  public func endpoint(for service: AWSService) throws -> AWSEndpoint {
    let region = try self.region()
    let partition = Partition.of(region: region)
    let signingRegion = service.isGlobal ? partition.globalSigningRegion : region
    if let configured = configuredEndpoint(for: service) {
      guard let url = HTTPURL(configured), url.scheme == "http" || url.scheme == "https" else {
        throw AWSError.configuration(
          "the endpoint URL \"\(configured)\" for \(service.id) is not an http(s) URL",
          remedy:
            "set AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_\(service.environmentName) to a URL like https://host:port"
        )
      }
      var trimmed = url
      if trimmed.path == "/" { trimmed.path = "" }
      while trimmed.path.hasSuffix("/") { trimmed.path.removeLast() }
      return AWSEndpoint(url: trimmed, signingRegion: signingRegion, isCustom: true)
    }
    let host: String
    if service.isGlobal {
      host =
        switch partition.id {
        case "aws-cn": "iam.cn-north-1.amazonaws.com.cn"
        case "aws-us-gov": "iam.us-gov.amazonaws.com"
        default: "iam.amazonaws.com"
        }
    } else {
      host = "\(service.hostPrefix).\(region).\(partition.dnsSuffix)"
    }
    return AWSEndpoint(
      url: HTTPURL(scheme: "https", host: host, path: ""), signingRegion: signingRegion, isCustom: false)
  }

  func configuredEndpoint(for service: AWSService) -> String? {
    let ignore = nonEmpty("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? profile["ignore_configured_endpoint_urls"]
    if ignore?.lowercased() == "true" { return nil }
    if let url = nonEmpty("AWS_ENDPOINT_URL_\(service.environmentName)") { return url }
    if let section = profile["services"],
      let url = sharedConfig.services[section]?["\(service.id).endpoint_url"]
    {
      return url
    }
    return nonEmpty("AWS_ENDPOINT_URL") ?? profile["endpoint_url"]
  }
}
