import AWS
import Foundation
import Kubernetes
import Testing

/// A stack of job definitions on the sandbox's cluster: its own namespace (selected by the
/// test Fargate profile) with the `spark` service account and the RBAC Spark's driver needs,
/// the Spark Operator installed once per process, and the eks-spark binary run as a user would.
///
/// The operator is installed with real Helm (tests/jobs/install_operator.py, helm-python-sdk)
/// until eks-spark's own `operator install` is on this branch.
struct JobsFixture {
  /// Where the fixture installs the operator when none runs yet.
  static let defaultOperatorNamespace = "k8sit-spark-operator"
  /// Where the operator runs (one installed before the tests keeps its namespace).
  let operatorNamespace: String
  let namespace: String
  /// Declared in the stack's Fargate profile but selected by no live profile.
  let unselectedNamespace: String
  let stack: StackFixture

  static func make() async throws -> JobsFixture {
    try await ClusterSetup.shared.ensureFargateProfile()
    let operatorNamespace = try await OperatorSetup.shared.ensureInstalled()
    let client = try await KubernetesSandbox.client()
    let namespace = try await KubernetesSandbox.namespace(client)
    let unselected = Sandbox.unique("unselected")
    for name in [namespace, unselected] {
      if name == unselected { _ = try await client.create(KubernetesObject(.namespace, name: name)) }
      for manifest in Self.rbac(namespace: name) {
        _ = try await client.create(try KubernetesObject.parse(manifest))
      }
    }
    let stack = try StackFixture("jobs")
    let fixture = JobsFixture(
      operatorNamespace: operatorNamespace, namespace: namespace, unselectedNamespace: unselected,
      stack: stack)
    try fixture.stackText.write(toFile: stack.file, atomically: true, encoding: .utf8)
    return fixture
  }

  func cleanUp() async {
    guard let client = try? await KubernetesSandbox.client() else { return }
    await KubernetesSandbox.cleanUp(client, namespace: namespace)
    await KubernetesSandbox.cleanUp(client, namespace: unselectedNamespace)
  }

  static func rbac(namespace: String) -> [String] {
    [
      #"{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"spark","namespace":"\#(namespace)"}}"#,
      #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"spark","namespace":"\#(namespace)"},"rules":[{"apiGroups":[""],"resources":["pods","services","configmaps","persistentvolumeclaims"],"verbs":["*"]}]}"#,
      #"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"spark","namespace":"\#(namespace)"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"spark"},"subjects":[{"kind":"ServiceAccount","name":"spark","namespace":"\#(namespace)"}]}"#,
    ]
  }

  /// Jobs for each path: one that completes, one whose driver fails, one that fails and
  /// waits a minute before its retry (still running when a short wait gives up), one in a
  /// namespace no live profile selects, one whose ECR image was never pushed, one on a
  /// schedule.
  var stackText: String {
    let registry = Sandbox.environment["SANDBOX_REGISTRY"] ?? "127.0.0.1:5000"
    func job(
      _ name: String, _ extra: String = "", namespace: String? = nil,
      image: String = "apache/spark:3.5.3-python3"
    )
      -> String
    {
      """
        - name: \(name)
          namespace: \(namespace ?? self.namespace)
          image: \(image)
          mainApplicationFile: local:///opt/spark/examples/src/main/python/pi.py
          arguments: ["10"]
          serviceAccount: spark
      \(extra)
      """
    }
    let fail = """
          driver:
            annotations:
              sandbox.eks-spark.io/outcome: fail
      """
    return """
      apiVersion: eks-spark.io/v1alpha1
      kind: Stack
      metadata:
        prefix: \(stack.prefix)
        region: eu-west-1
      access:
        allowedCidrs: [203.0.113.0/24]
      cluster:
        name: \(KubernetesSandbox.cluster)
        fargateProfiles:
          - name: jobs
            selectors:
              - namespace: kube-system
              - namespace: \(operatorNamespace)
              - namespace: \(namespace)
              - namespace: \(unselectedNamespace)
      operator:
        version: 1.1.6
        namespace: \(operatorNamespace)
      serviceAccounts:
        - name: spark
          namespace: \(namespace)
        - name: spark
          namespace: \(unselectedNamespace)
      jobs:
      \(job("pi"))
      \(job("doomed", fail))
      \(job("retrying", fail + """

          restartPolicy:
            type: OnFailure
            onFailureRetries: 3
            onFailureRetryInterval: 60
      """))
      \(job("nowhere", namespace: unselectedNamespace))
      \(job("ghost", image: "\(registry)/\(stack.prefix)-ghost:1.0"))
      \(job("nightly", """
          schedule:
            cron: "0 3 * * *"
            concurrencyPolicy: Forbid
      """))

      """
  }

  func run(_ arguments: [String]) async throws -> StackFixture.Outcome {
    try await stack.run(arguments)
  }

  /// Runs `eks-spark <arguments>` as written (`-f` included by the caller): arguments after
  /// `--` belong to the job, so the stack file cannot be appended.
  func runAsWritten(_ arguments: [String]) async throws -> StackFixture.Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: StackFixture.binary)
    process.arguments = arguments
    process.environment = Sandbox.environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return await stack.finish(process, out, err)
  }
}

/// Installs the Spark Operator chart once per test process.
actor OperatorSetup {
  static let shared = OperatorSetup()
  private var namespace: String?

  /// The namespace of the running operator.
  func ensureInstalled() async throws -> String {
    if let namespace { return namespace }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let process = Process()
    process.executableURL = root.appendingPathComponent(".venv/bin/python")
    process.arguments = [
      root.appendingPathComponent("tests/jobs/install_operator.py").path,
      JobsFixture.defaultOperatorNamespace,
      "1.1.6",
    ]
    process.environment = Sandbox.environment
    let errors = Pipe()
    process.standardError = errors
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw KubernetesError(.connection, "installing the Spark Operator failed: \(text.suffix(2000))")
    }
    let found = printed.trimmingCharacters(in: .whitespacesAndNewlines)
    namespace = found
    return found
  }
}
