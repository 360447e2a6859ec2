import Testing
import YAML

@testable import Config

extension ValidationRuleTests {
  /// Input a hostile but fair tester tried: each passed validation silently, or was
  /// reported at the wrong place or in the wrong words.
  static let hostileCases: [RuleCase] = [
    Case(
      "aliasBombInValues",
      """
      x-l0: &l0 ["s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9"]
      x-l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]
      x-l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]
      x-l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]
      x-l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]
      operator:
        values:
          bomb: *l4

      """,
      .error, "aliases expand to more than 100000 nodes at *l3", at: "7:47",
      hint: "alias smaller parts or write the values out; nested aliases multiply (a \"billion laughs\" file)"
    ),
    Case(
      "allowedCidrsEmpty", "access:\n  allowedCidrs: []\n",
      .error, "access.allowedCidrs is empty, which EKS reads as open to the whole internet (0.0.0.0/0)",
      at: "4:17",
      hint:
        "list the networks that need the API (203.0.113.0/24), write [0.0.0.0/0] to open it on purpose, or set cluster.endpoint.public: false"
    ),
    Case(
      "intOverflow", "network:\n  natGateways: 99999999999999999999999\n",
      .error, "\"natGateways\" in network is 99999999999999999999999, outside 0...6", at: "4:16",
      hint: "use a value from 0 to 6"),
    Case(
      "nulByte",
      "metadata:\n  region: eu-west-1\njobs:\n  - name: pi\n    image: a/b:1\n    mainApplicationFile: \"lo\u{0}cal\"\n",
      .error, "control characters are not allowed (byte 0x00)", at: "8:29",
      hint: "remove the control character; YAML text holds only tabs and line breaks"),
    Case(
      "regionPartition", "metadata:\n  region: mars-north-1\n",
      .error, "metadata.region \"mars-north-1\" is in no AWS partition", at: "4:11",
      hint: "AWS region names start with us, eu, ap, sa, ca, me, af, il, mx, cn or us-gov, such as eu-west-1"),
    Case(
      "yamlTagLocal", "metadata:\n  prefix: !Ref Prefix\n",
      .error, "the YAML tag !Ref is not supported", at: "4:11",
      hint:
        "remove the tag: eks-spark reads plain values and does not run CloudFormation functions; use ${...} references for values it knows"
    ),
    Case(
      "yamlTagInValues", "operator:\n  values:\n    image: !!binary aGVsbG8=\n",
      .error, "the YAML tag !!binary is not supported", at: "5:12",
      hint:
        "remove the tag: eks-spark reads plain values and does not run CloudFormation functions; use ${...} references for values it knows"
    ),
    Case(
      "tagOwnership", "metadata:\n  tags:\n    eks-spark.io/stack: other\n",
      .error, "tag key \"eks-spark.io/stack\" uses the prefix eks-spark.io/, which eks-spark sets itself",
      at: "5:5",
      hint: "choose another key; eks-spark tags what it creates with eks-spark.io/stack: <prefix>"),
    Case(
      "policyStarAction",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [\"*\"]\n        resources: [\"arn:aws:s3:::b/*\"]\n",
      .warning, "a policy statement allows every action of every AWS service (\"*\")", at: "6:19",
      hint: "list the actions the job needs, such as s3:GetObject, or one service's: s3:*"),
    Case(
      "policyStarResource",
      "serviceAccounts:\n  - name: spark\n    policyStatements:\n      - actions: [s3:GetObject]\n        resources: [\"*\"]\n",
      .warning, "a policy statement allows its actions on every resource (\"*\")", at: "7:21",
      hint: "name the resources, such as arn:aws:s3:::my-bucket/*"),
  ]

  @Test("hostile input is reported with its message, line:column and hint", arguments: hostileCases)
  func hostileRule(_ rule: RuleCase) throws {
    try self.rule(rule)
  }
}

@Suite("hostile input: what is accepted")
struct HostileInputAcceptedTests {
  @Test("the core schema's own tags restate the value and are accepted")
  func coreTags() {
    #expect(validate("metadata:\n  prefix: !!str team\n  region: eu-west-1\n").errors.isEmpty)
  }

  @Test("an empty allowedCidrs is accepted when the endpoint is private only")
  func emptyCidrsPrivate() {
    let body = "access:\n  allowedCidrs: []\ncluster:\n  endpoint:\n    public: false\n    private: true\n"
    #expect(validate(body).errors.isEmpty, "\(validate(body).errors.map(\.description))")
  }

  @Test(
    "region names of every partition are accepted",
    arguments: ["eu-west-1", "us-east-1", "cn-north-1", "us-gov-west-1", "il-central-1", "mx-central-1"])
  func regions(region: String) {
    #expect(validate("metadata:\n  region: \(region)\n").errors.isEmpty)
  }

  @Test("aliases of values with references keep working; untouched aliased values stay equal")
  func aliasedValues() throws {
    let body =
      "x-common: &common {bucket: \"${dataLake.bucket}\", flag: on}\noperator:\n  values:\n    a: *common\n    b: *common\n"
    let validation = validate(body)
    let values = try #require(validation.stack?.sparkOperator.values)
    #expect(values["a"]?["bucket"]?.scalar?.text == "spark-eks-data-lake-${aws.accountId}")
    #expect(values["b"]?["flag"] == values["a"]?["flag"])
  }
}
