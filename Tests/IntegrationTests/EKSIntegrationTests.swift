import AWS
import Foundation
import Testing

@Suite("EKS against the sandbox", .enabled(if: Sandbox.isAvailable))
struct EKSIntegrationTests {
  let configuration = Sandbox.configuration()

  func waitFor(_ eks: EKSClient, _ name: String, status: String) async throws -> EKSCluster {
    for _ in 0..<120 {
      let cluster = try await eks.describeCluster(name: name)
      if cluster.status == status { return cluster }
      try await Task.sleep(for: .milliseconds(250))
    }
    Issue.record("cluster \(name) never became \(status)")
    return try await eks.describeCluster(name: name)
  }

  @Test("a cluster's life: create, describe, list, update, Fargate profiles, access, tags, delete")
  func cluster() async throws {
    let eks = try EKSClient(configuration: configuration)
    let ec2 = try EC2Client(configuration: configuration)
    let iam = try IAMClient(configuration: configuration)
    let name = Sandbox.unique("eks")
    let vpc = try await ec2.createVPC(cidrBlock: "10.30.0.0/16")
    let zones = try await ec2.describeAvailabilityZones()
    let a = try await ec2.createSubnet(
      vpcID: vpc.id, cidrBlock: "10.30.1.0/24", availabilityZone: zones[0].name)
    let b = try await ec2.createSubnet(
      vpcID: vpc.id, cidrBlock: "10.30.2.0/24", availabilityZone: zones[1].name)
    let role = try await iam.createRole(name: name, assumeRolePolicyDocument: Sandbox.trustPolicy)

    let created = try await eks.createCluster(
      EKSCreateClusterRequest(
        name: name, version: "1.29", roleArn: role.arn,
        resourcesVpcConfig: .init(subnetIds: [a.id, b.id], endpointPublicAccess: true),
        accessConfig: .init(authenticationMode: "API_AND_CONFIG_MAP"), tags: ["eks-spark.io/stack": name],
        clientRequestToken: UUID().uuidString))
    #expect(created.name == name)
    #expect(try await eks.listClusters().contains(name))
    let active = try await waitFor(eks, name, status: "ACTIVE")
    #expect(active.resourcesVpcConfig?.subnetIds?.sorted() == [a.id, b.id].sorted())
    let arn = try #require(active.arn)

    let update = try await eks.updateClusterConfig(
      name: name, resourcesVpcConfig: .init(endpointPublicAccess: true, endpointPrivateAccess: true))
    #expect(try await eks.describeUpdate(clusterName: name, updateID: update.id).id == update.id)
    _ = try await waitFor(eks, name, status: "ACTIVE")
    let versionUpdate = try await eks.updateClusterVersion(name: name, version: "1.30")
    #expect(versionUpdate.type == "VersionUpdate")
    _ = try await waitFor(eks, name, status: "ACTIVE")

    let profile = try await eks.createFargateProfile(
      clusterName: name, name: "spark", podExecutionRoleArn: role.arn, subnets: [a.id, b.id],
      selectors: [.init(namespace: "spark", labels: ["app": "spark"])], tags: ["eks-spark.io/stack": name])
    #expect(profile.fargateProfileName == "spark")
    #expect(try await eks.listFargateProfiles(clusterName: name) == ["spark"])
    #expect(
      try await eks.describeFargateProfile(clusterName: name, name: "spark").selectors?.first?.namespace
        == "spark")

    try await eks.tagResource(arn: arn, tags: ["team": "data"])
    #expect(try await eks.listTagsForResource(arn: arn)["team"] == "data")
    try await eks.untagResource(arn: arn, keys: ["team"])
    #expect(try await eks.listTagsForResource(arn: arn)["team"] == nil)

    // EKS access entries (the sandbox proxy serves them; moto has none). Not the pod execution
    // role: EKS gave it a FARGATE_LINUX entry when the profile was created in this mode.
    let principal = "arn:aws:iam::123456789012:role/\(name)-reader"
    let entry = try await eks.createAccessEntry(
      clusterName: name, principalArn: principal, kubernetesGroups: ["spark"])
    #expect(entry.principalArn == principal)
    #expect(try await eks.listAccessEntries(clusterName: name).contains(principal))
    #expect(
      try await eks.describeAccessEntry(clusterName: name, principalArn: principal).kubernetesGroups == [
        "spark"
      ])
    let policy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy"
    try await eks.associateAccessPolicy(
      clusterName: name, principalArn: principal, policyArn: policy,
      accessScope: .init(type: "namespace", namespaces: ["spark"]))
    #expect(
      try await eks.listAssociatedAccessPolicies(clusterName: name, principalArn: principal).map(
        \.policyArn) == [policy])
    try await eks.disassociateAccessPolicy(clusterName: name, principalArn: principal, policyArn: policy)
    try await eks.deleteAccessEntry(clusterName: name, principalArn: principal)

    // One profile may be creating or deleting per cluster: wait until it is ACTIVE.
    for _ in 0..<120 {
      if try await eks.describeFargateProfile(clusterName: name, name: "spark").status == "ACTIVE" { break }
      try await Task.sleep(for: .milliseconds(250))
    }
    try await eks.deleteFargateProfile(clusterName: name, name: "spark")
    for _ in 0..<120 {
      if try await eks.listFargateProfiles(clusterName: name).isEmpty { break }
      try await Task.sleep(for: .milliseconds(250))
    }
    try await eks.deleteCluster(name: name)
    for _ in 0..<120 {
      if try await !eks.listClusters().contains(name) { break }
      try await Task.sleep(for: .milliseconds(250))
    }
    await #expect {
      _ = try await eks.describeCluster(name: name)
    } throws: { ($0 as? AWSError)?.isNotFound == true }
    try await iam.deleteRole(name: name)
  }

  @Test("50 concurrent DescribeCluster calls all answer")
  func concurrentDescribe() async throws {
    let eks = try EKSClient(configuration: configuration)
    let name = Sandbox.unique("describe")
    _ = try await eks.createCluster(
      EKSCreateClusterRequest(
        name: name, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: .init(subnetIds: [])))
    let statuses = try await withThrowingTaskGroup(of: String?.self) { group in
      for _ in 0..<50 { group.addTask { try await eks.describeCluster(name: name).status } }
      return try await group.reduce(into: [String?]()) { $0.append($1) }
    }
    #expect(statuses.count == 50 && statuses.allSatisfy { $0 != nil })
    _ = try await waitFor(eks, name, status: "ACTIVE")
    try await eks.deleteCluster(name: name)
  }
}
