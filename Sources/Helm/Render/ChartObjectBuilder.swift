/// `.Chart` as Helm v4 hands it to templates: every `chart.Metadata` field under its Go
/// name (`Name`, `Version`, `AppVersion`...), plus `IsRoot`.
enum ChartObjectBuilder {
  static func value(_ metadata: ChartMetadata, isRoot: Bool) -> Value {
    .map([
      "APIVersion": .string(metadata.apiVersion),
      "Annotations": .map(metadata.annotations.mapValues { .string($0) }),
      "AppVersion": .string(metadata.appVersion),
      // Condition and Tags are the deprecated v1 top-level fields; Helm still exposes them.
      "Condition": .string(""),
      "Dependencies": .list(metadata.dependencies.map(dependency)),
      "Deprecated": .bool(metadata.deprecated),
      "Description": .string(metadata.description),
      "Home": .string(metadata.home),
      "Icon": .string(metadata.icon),
      "IsRoot": .bool(isRoot),
      "Keywords": .list(metadata.keywords.map { .string($0) }),
      "KubeVersion": .string(metadata.kubeVersion),
      "Maintainers": .list(
        metadata.maintainers.map {
          .map(["Name": .string($0.name), "Email": .string($0.email), "URL": .string($0.url)])
        }),
      "Name": .string(metadata.name),
      "Sources": .list(metadata.sources.map { .string($0) }),
      "Tags": .string(""),
      "Type": .string(metadata.type),
      "Version": .string(metadata.version),
    ])
  }

  static func dependency(_ dependency: ChartDependency) -> Value {
    .map([
      "Name": .string(dependency.name), "Version": .string(dependency.version),
      "Repository": .string(dependency.repository), "Condition": .string(dependency.condition),
      "Tags": .list(dependency.tags.map { .string($0) }), "Enabled": .bool(dependency.enabled),
      "ImportValues": .list(dependency.importValues), "Alias": .string(dependency.alias),
    ])
  }
}
