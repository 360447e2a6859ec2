import AWS
import Config
import Foundation
import Jobs
import Kubernetes
import Testing
import YAML

/// `eks-spark job ...` against the sandbox's cluster and operator stand-in, one path each.
/// Serialized: the operator-absent test scales the shared operator down for a moment.
@Suite(
  "job commands against the sandbox", .serialized,
  .enabled(
    if: KubernetesSandbox.isAvailable,
    "the sandbox with its Kubernetes emulator is not running (make sandbox-up)"))
struct JobCommandTests {
  @Test("submit --wait of a job that completes: the run name, one line per step, exit 0")
  func success() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let outcome = try await fixture.run(["job", "submit", "pi", "--wait"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let run = outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(run.hasPrefix("pi-") && run.count == "pi-".count + 8)
    #expect(outcome.stderr.contains("\(run) submitted"))
    #expect(outcome.stderr.contains("\(run) driver running"))
    #expect(outcome.stderr.contains("\(run) completed (COMPLETED)"))

    let status = try await fixture.run(["job", "status", run, "-o", "json"])
    let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
    #expect(report?["state"] as? String == "COMPLETED")
    #expect(report?["namespace"] as? String == fixture.namespace)
    let list = try await fixture.run(["job", "list"])
    #expect(list.status == 0)
    #expect(list.stdout.contains(run) && list.stdout.contains("COMPLETED"))
    let logs = try await fixture.run(["job", "logs", run])
    #expect(logs.stdout.contains("SparkContext"))
    let events = try await fixture.run(["job", "events", run])
    #expect(events.stdout.contains("SparkApplicationCompleted"))
  }

  @Test("a failed run exits 4 with the operator's message and the driver log's tail")
  func failure() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let outcome = try await fixture.run(["job", "submit", "doomed", "--wait"])
    #expect(outcome.status == 4, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("FAILED: driver container failed with ExitCode: 1, Reason: Error"))
    #expect(outcome.stderr.contains("driver log (last 20 lines):"))
    #expect(outcome.stderr.contains("the sandbox was told to fail this container"))
  }

  @Test("a run still going when --timeout passes exits 5 and keeps running; delete removes it")
  func timeoutAndDelete() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let outcome = try await fixture.run(["job", "submit", "retrying", "--wait", "--timeout", "4s"])
    #expect(outcome.status == 5, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("after 4s"))
    let run = outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let status = try await fixture.run(["job", "status", run, "-o", "json"])
    #expect(status.status == 0)
    #expect(status.stdout.contains("\"terminal\" : false") || status.stdout.contains("\"terminal\":false"))

    let deleted = try await fixture.run(["job", "delete", run])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    let after = try await fixture.run(["job", "status", run])
    #expect(after.status == 1)
    #expect(after.stderr.contains("error: no run \(run) in namespace \(fixture.namespace)"))
  }

  @Test("a driver no live Fargate profile selects is explained, with its labels and the selectors")
  func unselectedDriver() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let outcome = try await fixture.run(["job", "submit", "nowhere", "--wait", "--timeout", "2m"])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(
      outcome.stderr.contains(
        "stays Pending: no Fargate profile selects namespace \(fixture.unselectedNamespace)"))
    #expect(outcome.stderr.contains("profile selectors:"))
    #expect(outcome.stderr.contains("namespace k8sit-*"))
  }

  @Test("an ECR image that was never pushed stops the submit before anything is created")
  func imageMissing() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let outcome = try await fixture.run(["job", "submit", "ghost"])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "error: image \(Sandbox.environment["SANDBOX_REGISTRY"] ?? "")/\(fixture.stack.prefix)-ghost:1.0 is not in ECR"
      ))
    #expect(outcome.stderr.contains("hint: run eks-spark apply"))
    let client = try await KubernetesSandbox.client()
    let runs = try await client.list(
      GroupVersionKind(apiVersion: "sparkoperator.k8s.io/v1beta2", kind: "SparkApplication"),
      namespace: fixture.namespace)
    #expect(runs.items.isEmpty)
  }

  @Test("with no operator running the submit names the command that installs it")
  func operatorAbsent() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let client = try await KubernetesSandbox.client()
    let deployments = try await client.list(.deployment, namespace: fixture.operatorNamespace).items
    try #require(!deployments.isEmpty)
    for deployment in deployments {
      _ = try await client.setScale(
        .deployment, name: deployment.name, namespace: fixture.operatorNamespace, replicas: 0)
    }
    for _ in 0..<100 {
      let available = try await client.list(.deployment, namespace: fixture.operatorNamespace).items
        .compactMap { $0.tree.integer(at: ["status", "availableReplicas"]) }.reduce(0, +)
      if available == 0 { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    let outcome = try await fixture.run(["job", "submit", "pi"])
    for deployment in deployments {
      _ = try await client.setScale(
        .deployment, name: deployment.name, namespace: fixture.operatorNamespace, replicas: 1)
    }
    _ = try await client.wait(
      for: .deploymentAvailable, .deployment, name: deployments[0].name,
      namespace: fixture.operatorNamespace, timeout: .seconds(60))
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("has no available replica"))
  }

  @Test("run-now starts a run of a schedule from its template")
  func runNow() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let client = try await KubernetesSandbox.client()
    let stack = try StackLoader().load(path: fixture.stack.file).stack
    let schedules = try JobSchedules.objects(for: stack) { $0.image ?? "" }
    #expect(schedules.map(\.name) == ["nightly"])
    #expect(schedules.first?.tree.text(at: ["spec", "concurrencyPolicy"]) == "Forbid")
    _ = try await client.create(try #require(schedules.first))
    let outcome = try await fixture.run(["job", "run-now", "nightly", "-o", "json"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let submitted = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    let run = try #require(submitted?["run"] as? String)
    #expect(run.hasPrefix("nightly-"))
    let application = try await client.get(
      GroupVersionKind(apiVersion: "sparkoperator.k8s.io/v1beta2", kind: "SparkApplication"), name: run,
      namespace: fixture.namespace)
    #expect(application.metadata.labels["sparkoperator.k8s.io/scheduled-app-name"] == "nightly")
    #expect(application.metadata.ownerReferences.first?.name == "nightly")
  }

  @Test("logs --follow follows the driver from before it starts until it ends")
  func followLogs() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let submitted = try await fixture.run(["job", "submit", "pi"])
    #expect(submitted.status == 0, "\(submitted.stderr)")
    let run = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let follow = try await fixture.run(["job", "logs", run, "--follow"])
    #expect(follow.status == 0, "\(follow.stderr)")
    #expect(follow.stdout.contains("Successfully stopped SparkContext"))
  }

  @Test("logs of a run whose pods are gone come from CloudWatch Logs, where Fargate's log router sent them")
  func logsOutliveThePods() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let client = try await KubernetesSandbox.client()
    let group = "/eks-spark/\(fixture.stack.prefix)"
    if try await client.getIfPresent(.namespace, name: "aws-observability") == nil {
      _ = try await client.create(KubernetesObject(.namespace, name: "aws-observability"))
    }
    let output = """
      [OUTPUT]
          Name cloudwatch_logs
          Match *
          region eu-west-1
          log_group_name \(group)
          log_stream_prefix fargate-
          auto_create_group true

      """
    _ = try await client.apply(
      KubernetesSandbox.configMap(
        "aws-logging", namespace: "aws-observability", data: [("output.conf", output)]),
      force: true)
    let submitted = try await fixture.run(["job", "submit", "pi", "--wait"])
    #expect(submitted.status == 0, "\(submitted.stderr)")
    let run = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    let deleted = try await fixture.run(["job", "delete", run])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    for _ in 0..<50 {
      if try await client.getIfPresent(.pod, name: "\(run)-driver", namespace: fixture.namespace) == nil {
        break
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    let logs = try await fixture.run(["job", "logs", run])
    #expect(logs.status == 0, "\(logs.stderr)")
    // The scripted driver's and real Spark's logs both end with Spark's own last line.
    #expect(logs.stdout.contains("Successfully stopped SparkContext"))
  }

  @Test("local code is uploaded under a content-named prefix and run from its s3a:// URIs")
  func localCode() async throws {
    let fixture = try await JobsFixture.make()
    defer { Task { await fixture.cleanUp() } }
    let s3 = try S3Client(configuration: Sandbox.configuration())
    try await s3.createBucket(name: fixture.stack.bucket, region: Sandbox.region)
    let main = fixture.stack.directory.appendingPathComponent("etl.py")
    let library = fixture.stack.directory.appendingPathComponent("lib.py")
    try "print('hello')\n".write(to: main, atomically: true, encoding: .utf8)
    try "X = 1\n".write(to: library, atomically: true, encoding: .utf8)
    let arguments = [
      "job", "submit", main.path, "--image", "apache/spark:3.5.3-python3", "--py-files", library.path, "-n",
      fixture.namespace, "--wait", "-f", fixture.stack.file, "--", "2026-12-01",
    ]
    let first = try await fixture.runAsWritten(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    let run = first.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(run.hasPrefix("etl-"))
    let client = try await KubernetesSandbox.client()
    let application = try await client.get(
      GroupVersionKind(apiVersion: "sparkoperator.k8s.io/v1beta2", kind: "SparkApplication"), name: run,
      namespace: fixture.namespace)
    let mainURI = try #require(application.tree.text(at: ["spec", "mainApplicationFile"]))
    #expect(
      mainURI.hasPrefix("s3a://\(fixture.stack.bucket)/eks-spark/code/") && mainURI.hasSuffix("/etl.py"))
    #expect(
      application.tree.node(at: ["spec", "deps", "pyFiles"])?.sequence?.first?.scalar?.text
        == mainURI.replacing("etl.py", with: "lib.py"))
    #expect(
      application.tree.node(at: ["spec", "arguments"])?.sequence?.map { $0.scalar?.text } == ["2026-12-01"])
    let key = String(mainURI.dropFirst("s3a://\(fixture.stack.bucket)/".count))
    let stored = try await s3.getObject(bucket: fixture.stack.bucket, key: key)
    #expect(String(decoding: stored, as: UTF8.self) == "print('hello')\n")
    // The same code lands under the same prefix.
    let second = try await fixture.runAsWritten(arguments)
    #expect(second.stderr.contains("uploaded \(mainURI)"))
  }
}
