import YAML

/// YAML tags a stack file may carry: the core schema's own (`!!str`, `!!int`...), which
/// only restate what the value already is. Any other tag (`!Ref`, `!Sub`, `!GetAtt` from
/// CloudFormation, `!!binary`, `!include`) asks for processing eks-spark does not do, and
/// dropping it would silently use the tag's operand as the value.
enum TagCheck {
  static let allowedTags: Set<String> = [
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "tag:yaml.org,2002:merge",
  ]

  /// Reports every node with another tag, once per place in the file: an alias repeats
  /// its anchor's marks, so shared subtrees are visited once. (A block mapping starts
  /// where its first key does, hence the kind next to the position.)
  static func check(_ document: YAMLNode, context: DecodeContext) {
    var visited: Set<[Int]> = []
    var pending = [document]
    while let node = pending.popLast() {
      let kind: Int
      switch node.content {
      case .scalar: kind = 0
      case .sequence: kind = 1
      case .mapping: kind = 2
      }
      guard visited.insert([node.mark.line, node.mark.column, kind]).inserted else { continue }
      if let tag = node.tag, !allowedTags.contains(tag) {
        let written =
          tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst("tag:yaml.org,2002:".count) : tag
        context.error(
          .unsupportedTag, "the YAML tag \(written) is not supported", at: node.mark,
          hint:
            "remove the tag: eks-spark reads plain values and does not run CloudFormation functions; "
            + "use ${...} references for values it knows")
      }
      switch node.content {
      case .scalar: break
      case .sequence(let items): pending.append(contentsOf: items.reversed())
      case .mapping(let pairs):
        for pair in pairs.reversed() { pending += [pair.value, pair.key] }
      }
    }
  }
}
