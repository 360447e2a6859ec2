import Foundation
import Testing
import YAML

@testable import Config

extension ValidationRuleTests {
  /// Rules of the operator's values against the chart generation it names.
  static let operatorCases: [RuleCase] = [
    Case(
      "chartRoleCollision",
      "operator:\n  values:\n    sparkJobNamespace: default\nserviceAccounts:\n  - name: spark\n    namespace: default\n",
      .error,
      "chart spark-operator 1.1.6 renders Role default/spark-role, which the stack also creates for service account \"spark\"",
      at: "5:5",
      hint:
        "set rbac.createRole: false and rbac.create: false under operator.values: the stack's Role serves the service account"
    ),
    Case(
      "chartAccountCollision",
      "operator:\n  version: 2.4.0\n  values:\n    spark:\n      serviceAccount:\n        name: spark\n",
      .error,
      "chart spark-operator 2.4.0 renders ServiceAccount default/spark, which the stack also creates for service account \"spark\"",
      at: "6:5",
      hint:
        "set spark.serviceAccount.create: false under operator.values: the stack's ServiceAccount serves the service account"
    ),
    Case(
      "chartRenamedValue", "operator:\n  version: 2.4.0\n  values:\n    sparkJobNamespace: jobs\n",
      .warning,
      "operator.values.sparkJobNamespace is a chart 1.x key; chart 2.x reads it as spark.jobNamespaces",
      at: "6:24",
      hint: "eks-spark writes spark.jobNamespaces for you; write it under that name to silence this"),
  ]
}

@Suite("operator values across chart generations")
struct OperatorValuesTests {
  func parse(_ text: String) throws -> YAMLNode {
    try #require(try YAMLParser.parse(text, file: "values.yaml").first)
  }

  func json(_ node: YAMLNode) -> String { YAMLJSONWriter.string(node) }

  @Test("1.x keys become 2.x keys for a 2.x chart, with a string namespace turned into a list")
  func toV2() throws {
    let values = try parse(
      "sparkJobNamespace: jobs\nwebhook:\n  enable: true\n  namespaceSelector: a=b\nreplicaCount: 2\n")
    let translated = OperatorValueTranslation(values: values, version: "2.4.0")
    #expect(
      translated.renames.map(\.from) == ["sparkJobNamespace", "replicaCount", "webhook.namespaceSelector"])
    #expect(
      json(translated.values)
        == #"{"webhook":{"enable":true},"spark":{"jobNamespaces":["jobs"],"jobNamespaceSelector":"a=b"},"controller":{"replicas":2}}"#
    )
  }

  @Test("2.x keys become 1.x keys for a 1.x chart; a key already in the target layout wins")
  func toV1() throws {
    let values = try parse(
      "spark:\n  jobNamespaces: [jobs]\n  rbac:\n    create: false\nrbac:\n  createRole: true\n")
    let translated = OperatorValueTranslation(values: values, version: "1.1.6")
    #expect(translated.renames.map(\.to) == ["sparkJobNamespace", "rbac.createRole"])
    #expect(json(translated.values) == #"{"rbac":{"createRole":true},"sparkJobNamespace":"jobs"}"#)
  }

  @Test("values already in the chart's layout pass unchanged")
  func unchanged() throws {
    let values = try parse("sparkJobNamespace: default\nwebhook:\n  enable: true\n")
    let translated = OperatorValueTranslation(values: values, version: "1.1.6")
    #expect(translated.renames.isEmpty)
    #expect(translated.values == values)
  }

  @Test(
    "the chart's driver objects follow each generation's templates",
    arguments: [
      (
        "1.1.6", "sparkJobNamespace: jobs\n",
        ["Role jobs/spark-role", "RoleBinding jobs/spark", "ServiceAccount jobs/spark-operator-spark"]
      ),
      ("1.1.6", "rbac:\n  createRole: false\nserviceAccounts:\n  spark:\n    create: false\n", []),
      (
        "2.4.0", "{}\n",
        [
          "ServiceAccount default/spark-operator-spark", "Role default/spark-operator-spark",
          "RoleBinding default/spark-operator-spark",
        ]
      ),
      (
        "2.4.0", "spark:\n  jobNamespaces: [a, b]\n  serviceAccount:\n    create: false\n",
        ["Role a/default", "RoleBinding a/default", "Role b/default", "RoleBinding b/default"]
      ),
    ])
  func chartObjects(version: String, values: String, expected: [String]) throws {
    let objects = OperatorChartObjects(
      values: try parse(values), version: version, release: "spark-operator", namespace: "spark-operator")
    #expect(objects.objects.map(\.key) == expected)
  }

  @Test("the example stack is collision-free")
  func example() throws {
    let path = #filePath.replacing(
      "Tests/ConfigTests/ValidationRuleTests+Operator.swift", with: "examples/stack.yaml")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let validation = StackLoader(pathExists: { _ in true }).validate(text: text, file: path)
    #expect(
      !validation.problems.contains { $0.code == .chartCollision },
      "\(validation.problems.map(\.description))")
    #expect(!validation.problems.contains { $0.code == .renamedValue })
  }
}
