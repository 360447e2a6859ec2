import Engine

/// A plan as `-o` asks: the Terraform-style text, or the JSON document `plan -o json`
/// documents (and the same as YAML).
enum PlanOutput {
  static func render(_ plan: Plan, as format: OutputFormat, style: TextStyle) throws -> String {
    switch format {
    case .table: return PlanTextRenderer(style: style).render(plan)
    case .json: return try PlanJSONRenderer().render(plan)
    case .yaml: return try DataOutput.yaml(fromJSON: try PlanJSONRenderer().render(plan))
    }
  }
}
