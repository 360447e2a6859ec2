import AWS
import Testing

@Suite("IAM against the sandbox", .enabled(if: Sandbox.isAvailable))
struct IAMIntegrationTests {
  let iam = try! IAMClient(configuration: Sandbox.configuration())

  @Test("roles: create, get, update trust, tag, list, delete")
  func roles() async throws {
    let name = Sandbox.unique("role")
    let created = try await iam.createRole(
      name: name, assumeRolePolicyDocument: Sandbox.trustPolicy, path: "/eks-spark/", description: "it",
      tags: ["eks-spark.io/stack": "it"])
    #expect(created.arn == "arn:aws:iam::123456789012:role/eks-spark/\(name)")
    try await iam.updateAssumeRolePolicy(roleName: name, policyDocument: Sandbox.accountTrustPolicy)
    try await iam.tagRole(name: name, tags: ["team": "data"])
    let role = try await iam.getRole(name: name)
    #expect(role.assumeRolePolicyDocument?.contains("arn:aws:iam::123456789012:root") == true)
    #expect(role.tags["team"] == "data" && role.tags["eks-spark.io/stack"] == "it")
    #expect(try await iam.listRoles(pathPrefix: "/eks-spark/").contains { $0.name == name })
    try await iam.deleteRole(name: name)
    await #expect {
      _ = try await iam.getRole(name: name)
    } throws: { ($0 as? AWSError)?.isNotFound == true }
  }

  @Test("managed and inline role policies")
  func policies() async throws {
    let name = Sandbox.unique("policies")
    _ = try await iam.createRole(name: name, assumeRolePolicyDocument: Sandbox.trustPolicy)
    let managed = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
    try await iam.attachRolePolicy(roleName: name, policyARN: managed)
    #expect(try await iam.listAttachedRolePolicies(roleName: name).map(\.arn) == [managed])
    try await iam.detachRolePolicy(roleName: name, policyARN: managed)
    #expect(try await iam.listAttachedRolePolicies(roleName: name).isEmpty)

    let document =
      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#
    try await iam.putRolePolicy(roleName: name, policyName: "s3", policyDocument: document)
    #expect(try await iam.listRolePolicies(roleName: name) == ["s3"])
    #expect(try await iam.getRolePolicy(roleName: name, policyName: "s3").contains("s3:GetObject"))
    try await iam.deleteRolePolicy(roleName: name, policyName: "s3")
    #expect(try await iam.listRolePolicies(roleName: name).isEmpty)
    try await iam.deleteRole(name: name)
  }

  @Test("OpenID Connect providers: create, get, list, tag, thumbprint, delete")
  func oidc() async throws {
    let url = "https://oidc.eks.eu-west-1.amazonaws.com/id/\(Sandbox.unique("it").uppercased())"
    let arn = try await iam.createOpenIDConnectProvider(
      url: url, clientIDs: ["sts.amazonaws.com"], thumbprints: [String(repeating: "a", count: 40)],
      tags: ["eks-spark.io/stack": "it"])
    #expect(try await iam.listOpenIDConnectProviders().contains(arn))
    try await iam.tagOpenIDConnectProvider(arn: arn, tags: ["team": "data"])
    try await iam.updateOpenIDConnectProviderThumbprint(
      arn: arn, thumbprints: [String(repeating: "b", count: 40)])
    let provider = try await iam.getOpenIDConnectProvider(arn: arn)
    #expect(provider.clientIDs == ["sts.amazonaws.com"])
    #expect(provider.thumbprints == [String(repeating: "b", count: 40)])
    #expect(provider.tags["team"] == "data")
    try await iam.deleteOpenIDConnectProvider(arn: arn)
    #expect(try await !iam.listOpenIDConnectProviders().contains(arn))
  }
}
