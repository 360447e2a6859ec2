import YAML

extension StackValidator {
  /// The operator values against the chart generation `operator.version` names: keys of the
  /// other generation are translated (a warning says so), and chart objects that the stack
  /// also creates (the driver's service account and Role) are errors naming the value that
  /// switches the chart's copy off.
  mutating func checkOperatorValues() {
    let op = stack.sparkOperator
    let translation = OperatorValueTranslation(values: op.values, version: op.version)
    for rename in translation.renames {
      warning(
        .renamedValue, rename.description, mark: rename.mark,
        hint: "eks-spark writes \(rename.to) for you; write it under that name to silence this")
    }
    let chartObjects = OperatorChartObjects(
      values: translation.values, version: op.version, release: op.release, namespace: op.namespace)
    let at = sourceMap.isExplicit("operator.values") ? "operator.values" : "operator.version"
    for (index, account) in stack.serviceAccounts.enumerated() {
      let ours = [
        ("ServiceAccount", account.name, "serviceAccounts[\(index)].name"),
        ("Role", account.role.name, "serviceAccounts[\(index)].role.name"),
      ]
      for (kind, name, _) in ours {
        guard
          let clash = chartObjects.objects.first(where: {
            $0.kind == kind && $0.namespace == account.namespace && $0.name == name
          })
        else { continue }
        error(
          .chartCollision,
          "chart \(op.chart) \(op.version) renders \(clash.key), which the stack also creates for service account \"\(account.name)\"",
          at: at,
          hint: "set \(clash.switchOff) under operator.values: the stack's \(kind) serves the service account"
        )
      }
    }
  }
}
