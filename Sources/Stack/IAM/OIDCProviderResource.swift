import AWS
import Engine

/// The cluster's IAM OpenID Connect provider, which IRSA roles trust. Its URL is the
/// cluster's OIDC issuer, known only once the cluster exists.
///
/// The thumbprint is AWS's documented fallback for EKS issuers: IAM verifies EKS's OIDC
/// endpoints against its own trusted certificate authorities and ignores it. Reading the
/// issuer's certificate chain is not done yet.
public struct OIDCProviderResource: Resource {
  public static let type = "aws.iam.oidcProvider"
  static let fallbackThumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280"

  public let address: Address
  let cluster: Address
  let tags: [String: String]
  let ownership: Ownership
  let iam: IAMClient

  public init(name: String = "main", cluster: Address, ownership: Ownership, iam: IAMClient) {
    address = Address(Self.type, name)
    self.cluster = cluster
    self.ownership = ownership
    self.iam = iam
    tags = ownership.tags(for: address)
  }

  public var dependencies: [Address] { [cluster] }
  public var immutableFields: Set<String> { ["url", "clientIds"] }

  public func desired(_ inputs: Inputs) -> Attributes? {
    let issuer = inputs.value(cluster, "oidcIssuer")
    return [
      "url": issuer.stringValue.map { .string(Self.host($0)) } ?? issuer, "clientIds": ["sts.amazonaws.com"],
      "thumbprints": [.string(Self.fallbackThumbprint)], "tags": .stringMap(tags),
    ]
  }

  public func read(_ context: ReadContext) async throws -> LiveState? {
    // IAM lists providers by ARN only; the tags tell which one is this stack's.
    // Every provider is fetched at once (an account may hold dozens), then the first
    // ours in ARN order is the one.
    let iam = self.iam
    let arns = try await iam.listOpenIDConnectProviders().sorted()
    let providers = try await withThrowingTaskGroup(of: (String, IAMOpenIDConnectProvider?).self) { group in
      for arn in arns {
        group.addTask {
          do { return (arn, try await iam.getOpenIDConnectProvider(arn: arn)) } catch
            where AWSErrors.isNotFound(error)
          {
            return (arn, nil)
          }
        }
      }
      var found: [String: IAMOpenIDConnectProvider] = [:]
      for try await (arn, provider) in group { found[arn] = provider }
      return found
    }
    for arn in arns {
      guard let provider = providers[arn], ownership.owns(provider.tags, address: address) else { continue }
      return LiveState(
        attributes: [
          "url": .string(Self.host(provider.url)), "clientIds": .strings(provider.clientIDs.sorted()),
          "thumbprints": .strings(provider.thumbprints.sorted()), "tags": Ownership.liveTags(provider.tags),
        ], outputs: ["arn": .string(arn), "issuer": .string(Self.host(provider.url))])
    }
    return nil
  }

  public func apply(_ change: Change, context: ApplyContext) async throws -> Outputs {
    let url = change.after?["url"]?.stringValue ?? ""
    if change.action == .update, let arn = change.liveOutputs["arn"]?.stringValue {
      try await iam.updateOpenIDConnectProviderThumbprint(arn: arn, thumbprints: [Self.fallbackThumbprint])
      try await iam.tagOpenIDConnectProvider(arn: arn, tags: tags)
      return change.liveOutputs
    }
    let arn: String
    do {
      arn = try await iam.createOpenIDConnectProvider(
        url: "https://\(url)", clientIDs: ["sts.amazonaws.com"], thumbprints: [Self.fallbackThumbprint],
        tags: tags)
    } catch  where AWSErrors.code(error) == "EntityAlreadyExists" {
      throw StackError(
        .notOwned, "an IAM OIDC provider for \(url) already exists without this stack's tag",
        remedy:
          "tag it with eks-spark.io/stack=\(ownership.prefix) and eks-spark.io/address=\(address), or delete it"
      )
    }
    return ["arn": .string(arn), "issuer": .string(url)]
  }

  public func delete(_ live: LiveState, context: ApplyContext) async throws {
    guard let arn = live.outputs["arn"]?.stringValue else { return }
    do { try await iam.deleteOpenIDConnectProvider(arn: arn) } catch  where AWSErrors.isNotFound(error) {}
  }

  /// The issuer without its scheme, as IAM spells provider URLs in ARNs and conditions.
  static func host(_ url: String) -> String {
    url.hasPrefix("https://") ? String(url.dropFirst("https://".count)) : url
  }
}
