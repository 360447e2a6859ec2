import AWS
import Engine

/// Finds the stack's access entries (by tag) for ARNs no longer in `access.adminArns`, so
/// the planner deletes them. Asked only in authentication mode `API`, where EKS lists them.
public struct AccessEntryOrphans: OwnedResourceSource {
  let clusterName: String
  let cluster: Address
  let ownership: Ownership
  let eks: EKSClient

  public init(clusterName: String, cluster: Address, ownership: Ownership, eks: EKSClient) {
    self.clusterName = clusterName
    self.cluster = cluster
    self.ownership = ownership
    self.eks = eks
  }

  public func ownedResources(_ context: ReadContext) async throws -> [any Resource] {
    guard try await context.live(of: cluster) != nil else { return [] }
    let principals = try await eks.listAccessEntries(clusterName: clusterName)
    let entries = try await withThrowingTaskGroup(of: EKSAccessEntry?.self) { group in
      for principal in principals {
        group.addTask {
          do {
            return try await eks.describeAccessEntry(clusterName: clusterName, principalArn: principal)
          } catch  where AWSErrors.isNotFound(error) {
            return nil
          }
        }
      }
      var found: [EKSAccessEntry] = []
      for try await entry in group { if let entry { found.append(entry) } }
      return found
    }
    return entries.compactMap { entry -> (any Resource)? in
      let resource = AccessEntryResource(
        principalArn: entry.principalArn, clusterName: clusterName, cluster: cluster, ownership: ownership,
        eks: eks)
      return ownership.owns(entry.tags ?? [:], address: resource.address) ? resource : nil
    }
  }
}
