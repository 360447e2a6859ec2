import Foundation
import Testing
import YAML

@testable import Config

@Suite("stack decoding, defaults and references")
struct StackDecodingTests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  @Test("an empty stack gets the original deployment's defaults")
  func defaults() throws {
    let stack = try #require(validate("").stack)
    #expect(stack.metadata.prefix == "spark-eks")
    #expect(stack.metadata.region == "eu-west-1")
    #expect(stack.network.cidr == "10.36.0.0/16")
    #expect(stack.network.availabilityZones == 2)
    #expect(stack.network.natGateways == 1)
    #expect(stack.cluster.name == "spark-eks-cluster")
    #expect(stack.cluster.fargateProfiles.map(\.name) == ["default", "spark-operator"])
    #expect(stack.cluster.fargateProfiles[0].selectors.map(\.namespace) == ["default", "kube-system"])
    #expect(stack.sparkOperator.namespace == "spark-operator")
    #expect(stack.sparkOperator.chart == "spark-operator")
    #expect(stack.sparkOperator.repository == "https://kubeflow.github.io/spark-operator")
    #expect(stack.sparkOperator.version == "1.1.6")
    let account = try #require(stack.serviceAccounts.first)
    #expect(account.name == "spark" && account.namespace == "default" && account.dataLakeAccess == .readwrite)
    #expect(account.role.name == "spark-role")
    #expect(account.role.resources == ["pods", "services", "configmaps"])
    #expect(account.iamRoleName == "spark-eks-sa-default-spark")
    #expect(stack.dataLake.bucket == "spark-eks-data-lake-${aws.accountId}")
    #expect(
      stack.spark.conf["spark.hadoop.fs.s3a.aws.credentials.provider"]
        == "com.amazonaws.auth.WebIdentityTokenCredentialsProvider")
    #expect(stack.spark.conf["spark.hadoop.fs.s3a.impl"] == "org.apache.hadoop.fs.s3a.S3AFileSystem")
  }

  @Test("the default chart version is one the chart repository has")
  func chartVersionExists() throws {
    let index = try String(
      contentsOfFile: Self.repositoryRoot + "/../shared/charts/spark-operator/index.yaml", encoding: .utf8)
    #expect(index.contains("version: \(StackDefaults.chartVersion)\n"))
  }

  @Test("references resolve, and an unknown account id stays until apply")
  func references() throws {
    let body = """
      metadata:
        prefix: team-a
        accountId: "012345678901"
      dataLake:
        bucket: ${metadata.prefix}-lake-${aws.accountId}-${aws.region}
      jobs:
        - name: pi
          image: apache/spark:3.5.3
          mainApplicationFile: local:///x.py
          arguments: ["s3a://${dataLake.bucket}/in", "${cluster.name}", "$${literal}"]
      """
    let stack = try #require(validate(body).stack)
    #expect(stack.dataLake.bucket == "team-a-lake-012345678901-eu-west-1")
    #expect(
      stack.jobs[0].arguments == [
        "s3a://team-a-lake-012345678901-eu-west-1/in", "team-a-cluster", "${literal}",
      ])
    let unresolved = try #require(validate("metadata:\n  prefix: team-b\n").stack)
    #expect(unresolved.dataLake.bucket == "team-b-data-lake-${aws.accountId}")
  }

  @Test("scalars keep their text: 1.30 is the version 1.30 and leading zeros stay")
  func scalarText() throws {
    let stack = try #require(
      validate("metadata:\n  accountId: 012345678901\ncluster:\n  kubernetesVersion: 1.30\n").stack)
    #expect(stack.cluster.kubernetesVersion == "1.30")
    #expect(stack.metadata.accountId == "012345678901")
  }

  @Test("merge keys and x- extension keys work in a stack")
  func mergesAndExtensions() throws {
    let body = """
      x-small: &small
        cores: 2
        memory: 2g
      jobs:
        - name: pi
          image: apache/spark:3.5.3
          mainApplicationFile: local:///x.py
          executor:
            <<: *small
            memory: 4g
            instances: 3
      """
    let validation = validate(body)
    #expect(validation.errors.isEmpty, "\(validation.errors)")
    let executor = try #require(validation.stack?.jobs.first?.executor)
    #expect(executor.cores == 2 && executor.memory == "4g" && executor.instances == 3)
  }

  @Test("every problem is reported, not just the first")
  func collectsAll() throws {
    let text = try String(
      contentsOfFile: Self.repositoryRoot + "/Tests/EKSSparkTests/Fixtures/many-problems.yaml",
      encoding: .utf8)
    let validation = StackLoader(pathExists: { _ in true }).validate(text: text, file: "many-problems.yaml")
    #expect(validation.errors.count == 11)
    #expect(validation.stack != nil)
    let lines = validation.errors.compactMap { $0.mark?.line }
    #expect(lines == lines.sorted())
  }

  @Test(
    "the examples are valid with no warnings", arguments: ["examples/stack.yaml", "examples/minimal.yaml"])
  func examples(path: String) throws {
    let loaded = try StackLoader().load(path: Self.repositoryRoot + "/" + path)
    if path.hasSuffix("stack.yaml") {
      #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
      #expect(loaded.stack.jobs.map(\.name) == ["pi", "weather"])
      #expect(loaded.stack.jobs[1].schedule?.cron == "0 3 * * *")
      #expect(loaded.stack.images.map(\.name) == ["pi", "weather"])
    }
  }

  @Test("the resolved stack written as YAML reads back to the same stack")
  func roundTrip() throws {
    let loaded = try StackLoader().load(path: Self.repositoryRoot + "/examples/stack.yaml")
    let text = YAMLEmitter.emit(loaded.stack.node)
    let again = StackLoader(pathExists: { _ in true }).validate(text: text, file: "resolved.yaml")
    #expect(again.errors.isEmpty, "\(again.errors)")
    // Compared as JSON: operator values are YAML nodes, whose positions differ.
    let resolved = try #require(again.stack)
    #expect(YAMLJSONWriter.string(resolved.node) == YAMLJSONWriter.string(loaded.stack.node))
    #expect(resolved.jobs == loaded.stack.jobs)
  }

  @Test("the driver's default core limit only applies to a one-core driver")
  func driverCoreLimit() throws {
    let body = """
      jobs:
        - name: pi
          image: apache/spark:3.5.3
          mainApplicationFile: local:///x.py
          driver: {cores: 2}
      """
    let validation = validate(body)
    #expect(validation.errors.isEmpty, "\(validation.errors)")
    #expect(validation.stack?.jobs.first?.driver.coreLimit == nil)
    #expect(try #require(validate("").stack).jobs.isEmpty)
  }

  @Test("a missing file is an unreadable-file error")
  func missingFile() {
    #expect {
      try StackLoader().load(path: "/nonexistent/stack.yaml")
    } throws: { error in
      (error as? ConfigError)?.code == .unreadableFile
    }
  }

  @Test("a byte that is not UTF-8 is reported where it is")
  func invalidUTF8() {
    let problem = StackLoader.firstInvalidUTF8(Array("a: 1\nprefix: x".utf8) + [0xFF], file: "s.yaml")
    #expect(
      problem?.description == "s.yaml:2:10: error: invalid UTF-8 byte 0xFF\n  hint: save the file as UTF-8")
    #expect(StackLoader.firstInvalidUTF8(Array("ok: é\n".utf8), file: "s.yaml") == nil)
  }

  @Test("a syntax error stops decoding and is the only error")
  func syntaxOnly() {
    let validation = validate("metadata:\n  prefix: [a\n")
    #expect(validation.stack == nil)
    #expect(validation.errors.count == 1)
    #expect(validation.errors.first?.code == .yamlSyntax)
  }
}
