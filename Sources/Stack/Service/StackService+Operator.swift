import Engine
import Helm

extension StackService {
  /// The Kubernetes objects the stack itself creates for its service accounts, which the
  /// operator chart must not render too.
  var stackObjects: Set<String> {
    Set(
      stack.serviceAccounts.flatMap { account in
        [
          "ServiceAccount \(account.namespace)/\(account.name)",
          "Role \(account.namespace)/\(account.role.name)",
        ]
      })
  }

  /// The operator release downloaded and rendered, or nil when the stack file has no
  /// `operator:` section. - Throws: `HelmError` for an unknown chart version, values the
  /// chart refuses or a template error; `StackError` for a chart object the stack also
  /// creates.
  public func operatorRelease() async throws -> OperatorRelease? {
    guard declaresOperator else { return nil }
    return try await OperatorRelease.prepare(
      stack, fetcher: HTTPChartFetcher(environment: environment), cache: ChartCache(environment: environment),
      stackObjects: stackObjects)
  }

  /// The release address, for `operator install` (a targeted apply of it and what it
  /// needs). - Throws: `StackError` when the stack file has no `operator:` section.
  public func operatorTargets() throws -> [String] {
    guard declaresOperator else { throw Self.noOperator }
    return [Address(OperatorReleaseResource.type, stack.sparkOperator.release).description]
  }

  /// A graph of the release alone, for `operator uninstall` (destroy mode): nothing it
  /// depends on is touched.
  public func operatorUninstallGraph(_ release: OperatorRelease?, deleteCRDs: Bool) throws -> ResourceGraph {
    guard let release else { throw Self.noOperator }
    return try ResourceGraph([
      OperatorReleaseResource(
        release: release, dependencies: [], access: clusterAccess, deleteCRDs: deleteCRDs)
    ])
  }

  static let noOperator = StackError(
    .operatorRelease, "the stack file has no operator section",
    remedy: "add operator: with the chart's version and values (see examples/stack.yaml)")
}
