import Config
import Kubernetes
import Spark
import Testing

@testable import Jobs

/// What `job submit` builds before it talks to a cluster: the target, the overrides, the
/// mapping of a stack job to the Spark module's spec, and ECR references.
@Suite("job submit input")
struct JobSubmitInputTests {
  static let stackText = """
    apiVersion: eks-spark.io/v1alpha1
    kind: Stack
    metadata:
      prefix: demo
      region: eu-west-1
    access:
      allowedCidrs: [203.0.113.0/24]
    spark:
      conf:
        spark.sql.shuffle.partitions: "16"
    jobs:
      - name: pi
        image: apache/spark:3.5.3-python3
        mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
        arguments: ["10"]
        sparkConf:
          spark.executor.memoryOverheadFactor: "0.2"
        executor:
          instances: 2

    """

  static func stack() throws -> Config.Stack {
    try StackLoader().load(text: stackText, file: "stack.yaml").stack
  }

  @Test("a stack job maps to the Spark spec: image, arguments, Spark settings, overhead factor, instances")
  func mapping() throws {
    let stack = try Self.stack()
    let mapping = JobSpecMapping(stack: stack)
    let job = try #require(mapping.job(named: "pi"))
    let spec = mapping.spec(for: job, image: "registry/pi@sha256:abc")
    #expect(spec.image == "registry/pi@sha256:abc")
    #expect(spec.arguments == ["10"])
    #expect(spec.type == .python)
    #expect(spec.executor.instances == 2)
    #expect(spec.executor.memoryOverheadFactor == 0.2)
    #expect(spec.driver.memoryOverheadFactor == nil)
    #expect(mapping.context.sparkConf.contains(SparkKeyValue("spark.sql.shuffle.partitions", "16")))
    #expect(mapping.ownershipLabels.contains(SparkKeyValue("eks-spark.io/stack", "demo")))
  }

  @Test("--set overrides fields by their stack-file names, in order")
  func overrides() throws {
    let stack = try Self.stack()
    let mapping = JobSpecMapping(stack: stack)
    let spec = mapping.spec(for: try #require(mapping.job(named: "pi")), image: "i")
    let changed = try JobOverrides([
      "executor.instances=4", "driver.memory=2g", "arguments=100,200",
      "sparkConf.spark.sql.shuffle.partitions=64",
      "env.MODE=test",
    ]).applied(to: spec)
    #expect(changed.executor.instances == 4)
    #expect(changed.driver.memory == "2g")
    #expect(changed.arguments == ["100", "200"])
    // The job's settings already hold the stack's; an override keeps the key's place.
    #expect(changed.sparkConf.contains(SparkKeyValue("spark.sql.shuffle.partitions", "64")))
    #expect(!changed.sparkConf.contains(SparkKeyValue("spark.sql.shuffle.partitions", "16")))
    #expect(changed.env == [SparkKeyValue("MODE", "test")])
  }

  @Test(
    "bad --set values are refused with the field named",
    arguments: [
      ("executor.instances=many", "--set executor.instances=many: expected a whole number"),
      ("noequals", "--set \"noequals\" is not key=value"),
      ("driver.gpus=1", "--set driver.gpus: the job has no field of that name"),
    ])
  func badOverrides(text: String, message: String) throws {
    let stack = try Self.stack()
    let mapping = JobSpecMapping(stack: stack)
    let spec = mapping.spec(for: try #require(mapping.job(named: "pi")), image: "i")
    do {
      _ = try JobOverrides([text]).applied(to: spec)
      Issue.record("\(text) was accepted")
    } catch {
      #expect(error.code == .invalidOverride)
      #expect(error.message == message)
    }
  }

  @Test("TARGET: a stack job first, then a SparkApplication file; anything else says what it expected")
  func targets() throws {
    let mapping = JobSpecMapping(stack: try Self.stack())
    let app = """
      apiVersion: sparkoperator.k8s.io/v1beta2
      kind: SparkApplication
      metadata: {name: etl}
      spec: {type: Scala}
      """
    let files = ["app.yaml": app, "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"]
    guard case .stackJob(let job) = try JobTarget.resolve("pi", mapping: mapping, read: { files[$0] }) else {
      Issue.record("pi is a job of the stack")
      return
    }
    #expect(job.name == "pi")
    let file = try JobTarget.resolve("app.yaml", mapping: mapping) { files[$0] }
    #expect(file.jobName == "etl")
    do {
      _ = try JobTarget.resolve("pod.yaml", mapping: mapping) { files[$0] }
      Issue.record("a Pod is not a SparkApplication")
    } catch {
      #expect(error.message == "pod.yaml holds a Pod, not a SparkApplication")
    }
    do {
      _ = try JobTarget.resolve("nope", mapping: mapping) { files[$0] }
      Issue.record("nope is neither")
    } catch {
      #expect(error.code == .unknownTarget)
      #expect(error.remedy?.contains("(pi)") == true)
    }
  }

  @Test(
    "ECR references: host, repository, tag or digest; none without a registry host",
    arguments: [
      ("123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo/pi:1.0", "demo/pi", "1.0", nil),
      ("127.0.0.1:5000/demo/pi@sha256:ab", "demo/pi", nil, "sha256:ab"),
      ("localhost/pi", "pi", "latest", nil),
    ] as [(String, String, String?, String?)])
  func references(text: String, repository: String, tag: String?, digest: String?) throws {
    let reference = try #require(ECRImageReference(text))
    #expect(reference.repository == repository)
    #expect(reference.tag == tag)
    #expect(reference.digest == digest)
  }

  @Test("Docker Hub references are not ECR's")
  func dockerHub() {
    #expect(ECRImageReference("apache/spark:3.5.3") == nil)
    #expect(ImageResolver.host(of: "https://127.0.0.1:5000/") == "127.0.0.1:5000")
  }
}

@Suite("Fargate logging destination")
struct JobLogArchiveTests {
  @Test("the first CloudWatch output of the ConfigMap names the group and the stream prefix")
  func destination() {
    let conf = """
      [FILTER]
          Name parser
      [OUTPUT]
          Name  es
          log_group_name wrong
      [OUTPUT]
          Name cloudwatch_logs
          Match *
          log_group_name /eks-spark/demo
          log_stream_prefix fargate-
      """
    #expect(
      JobLogArchive.destination(outputConf: conf)
        == JobLogArchive.Destination(group: "/eks-spark/demo", streamPrefix: "fargate-"))
    #expect(JobLogArchive.destination(outputConf: "[OUTPUT]\n    Name es\n") == nil)
  }
}

@Suite("local code")
struct LocalCodeTests {
  @Test(
    "the job name comes from the main file, as Kubernetes names allow",
    arguments: [
      ("./etl.py", "etl"), ("jobs/Daily_Report.v2.py", "daily-report-v2"), ("/x/app.jar", "app"),
      ("m.R", "m"),
    ])
  func names(path: String, name: String) {
    #expect(LocalCode(main: path).jobName == name)
  }

  @Test("the upload prefix is named by the files' names and bytes")
  func prefix() {
    let files: [(name: String, bytes: [UInt8])] = [("etl.py", Array("print(1)".utf8)), ("lib.py", [1, 2])]
    let prefix = LocalCode.prefix(files)
    #expect(prefix.hasPrefix("eks-spark/code/") && prefix.count == "eks-spark/code/".count + 16)
    #expect(LocalCode.prefix(files) == prefix)
    #expect(LocalCode.prefix([("etl.py", Array("print(2)".utf8)), ("lib.py", [1, 2])]) != prefix)
    #expect(LocalCode.prefix([("main.py", Array("print(1)".utf8)), ("lib.py", [1, 2])]) != prefix)
  }

  @Test("the type follows the extension; .py, .jar and .R are code, manifests are not")
  func types() {
    #expect(LocalCode(main: "a.py").type == .python)
    #expect(LocalCode(main: "a.jar").type == .java)
    #expect(LocalCode.isCode("a.R") && !LocalCode.isCode("app.yaml"))
  }
}
