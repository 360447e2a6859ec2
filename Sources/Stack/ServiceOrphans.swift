import AWS
import Engine

/// Finds the stack's Fargate profiles and IAM roles that the stack file no longer names
/// (a profile or a service account removed), so the planner deletes them. Profiles are
/// found in the cluster by tag, roles under the stack's IAM path.
public struct ServiceOrphans: OwnedResourceSource {
  let ownership: Ownership
  let clusterName: String
  let cluster: Address
  let eks: EKSClient
  let iam: IAMClient

  public init(ownership: Ownership, clusterName: String, cluster: Address, eks: EKSClient, iam: IAMClient) {
    self.ownership = ownership
    self.clusterName = clusterName
    self.cluster = cluster
    self.eks = eks
    self.iam = iam
  }

  public func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
    async let profiles = fargateProfiles()
    async let roles = iamRoles()
    return try await profiles + roles
  }

  private func fargateProfiles() async throws -> [any Resource] {
    let names: [String]
    do { names = try await eks.listFargateProfiles(clusterName: clusterName) } catch {
      if AWSErrors.isNotFound(error) { return [] }
      do { _ = try await eks.describeCluster(name: clusterName) } catch  where AWSErrors.isNotFound(error) {
        return []
      }
      throw error
    }
    var found: [any Resource] = []
    let (eks, clusterName) = (self.eks, self.clusterName)
    let described = try await ConcurrentReads.map(names.sorted()) { name in
      (name, try await eks.describeFargateProfile(clusterName: clusterName, name: name))
    }
    for (name, profile) in described {
      guard let address = ownership.address(in: profile.tags ?? [:]), profile.status != "DELETING" else {
        continue
      }
      let live = LiveState(attributes: ["name": .string(name)], outputs: ["name": .string(name)])
      found.append(
        DiscoveredResource(
          address: address, live: live, dependencies: [cluster],
          constraintGroup: ConstraintGroup("fargate-profile:\(clusterName)")
        ) { _, context in
          try await ignoringNotFound {
            _ = try await eks.deleteFargateProfile(clusterName: clusterName, name: name)
          }
          _ = try await context.waitUntil("be deleted") { () async throws -> WaitStatus<Bool> in
            do {
              let profile = try await eks.describeFargateProfile(clusterName: clusterName, name: name)
              return .pending(profile.status ?? "DELETING")
            } catch  where AWSErrors.isNotFound(error) {
              return .done(true)
            }
          }
        })
    }
    return found
  }

  private func iamRoles() async throws -> [any Resource] {
    var found: [any Resource] = []
    let iam = self.iam
    // ListRoles leaves tags out; GetRole has them.
    let listed = try await iam.listRoles(pathPrefix: ownership.iamPath)
    for role in try await ConcurrentReads.map(listed, { try await iam.getRole(name: $0.name) }) {
      guard let address = ownership.address(in: role.tags) else { continue }
      let live = LiveState(attributes: ["name": .string(role.name)], outputs: ["arn": .string(role.arn)])
      // A role goes after the cluster and profiles that use it.
      found.append(
        DiscoveredResource(address: address, live: live) { _, _ in
          for policy in try await iam.listAttachedRolePolicies(roleName: role.name) {
            try await iam.detachRolePolicy(roleName: role.name, policyARN: policy.arn)
          }
          for name in try await iam.listRolePolicies(roleName: role.name) {
            try await iam.deleteRolePolicy(roleName: role.name, policyName: name)
          }
          try await ignoringNotFound { try await iam.deleteRole(name: role.name) }
        })
    }
    return found
  }
}
