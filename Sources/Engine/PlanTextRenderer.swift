/// Prints a plan the way Terraform users read one: a legend of the symbols in use, one
/// block per change (`# aws.eks.cluster.main will be updated in-place`, then
/// `~ resource "aws.eks.cluster" "main" {` and the field diffs), and the summary line.
public struct PlanTextRenderer: Sendable {
  public var style: TextStyle
  /// What the tool calls itself in the header.
  public var toolName: String

  public init(style: TextStyle = .plain, toolName: String = "eks-spark") {
    self.style = style
    self.toolName = toolName
  }

  /// The whole plan, ending with a newline.
  public func render(_ plan: Plan) -> String {
    let changes = plan.actionable
    guard !changes.isEmpty else {
      return style.bold(style.green("No changes.")) + " "
        + style.bold("Your infrastructure matches the configuration.")
        + "\n\n\(toolName) compared your stack file with the live resources and found no differences, so no\n"
        + "changes are needed.\n"
    }
    var out = legend(for: changes) + "\n"
    out += "\(toolName) will perform the following actions:\n"
    for change in changes {
      out += "\n" + block(for: change).joined(separator: "\n") + "\n"
    }
    out += "\n" + summaryLine(plan.summary) + "\n"
    return out
  }

  /// `Plan: 27 to add, 1 to change, 0 to destroy.`
  public func summaryLine(_ summary: PlanSummary) -> String {
    style.bold("Plan:")
      + " \(summary.add) to add, \(summary.change) to change, \(summary.destroy) to destroy."
  }

  /// The lines of one change's block.
  public func block(for change: Change) -> [String] {
    var lines = ["  " + style.bold("# \(change.address) \(headline(change))")]
    if let reason = change.reason {
      lines.append("  # (because \(reason))")
    }
    let symbol = displaySymbol(change)
    let padded = String(repeating: " ", count: max(0, 3 - symbol.count)) + style.symbol(symbol)
    lines.append("\(padded) resource \"\(change.address.type)\" \"\(change.address.name)\" {")
    var body = ValueDiffRenderer(style: style)
    let before = change.before ?? [:]
    let after = change.after ?? [:]
    let forcing = Set(change.replacingFields)
    // Only the stack file's attributes are shown; live-only ones (ARNs, timestamps) are
    // AWS's business, except on destroy where the whole resource goes.
    let keys = change.action == .delete ? before.keys.sorted() : after.keys.sorted()
    let entries = keys.map {
      ValueDiffRenderer.Entry(
        key: $0, before: change.action == .create ? nil : before[$0],
        after: change.action == .delete ? nil : after[$0], forcesReplacement: forcing.contains($0))
    }
    body.block(entries, indent: 6, noun: "attribute")
    lines.append(contentsOf: body.lines)
    lines.append("    }")
    return lines
  }

  private func headline(_ change: Change) -> String {
    switch change.action {
    case .create: "will be created"
    case .update: "will be updated in-place"
    case .replace: "must be replaced"
    case .delete: "will be destroyed"
    case .noop: "is unchanged"
    }
  }

  private func displaySymbol(_ change: Change) -> String {
    change.action == .replace && change.strategy == .createBeforeDestroy ? "+/-" : change.action.symbol
  }

  private func legend(for changes: [Change]) -> String {
    let used = Set(changes.map(displaySymbol))
    let entries: [(String, String)] = [
      ("+", "create"), ("~", "update in-place"), ("-", "destroy"),
      ("-/+", "destroy and then create replacement"), ("+/-", "create replacement and then destroy"),
    ]
    var out = "Resource actions are indicated with the following symbols:\n"
    for (symbol, meaning) in entries where used.contains(symbol) {
      out += String(repeating: " ", count: 3 - symbol.count) + style.symbol(symbol) + " \(meaning)\n"
    }
    return out
  }
}
