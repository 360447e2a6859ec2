import Foundation
import Testing

/// The cluster side of a stack against the sandbox: one apply from nothing brings AWS and
/// Kubernetes to the stack file, `eks-spark kubeconfig` gives the real kubectl a working
/// context, RBAC and CoreDNS are as asked, drift is repaired, and the admin mapping can
/// change without losing the Fargate pod execution role's entry.
///
/// An extension of `StackCommandTests`, so it runs in that serialized suite: every stack
/// test uses the sandbox's one cluster.
extension StackCommandTests {
  @Test("one apply from nothing brings up AWS and Kubernetes; kubectl, RBAC, CoreDNS, drift, admin changes")
  func clusterSide() async throws {
    let admin = try #require(Sandbox.environment["SANDBOX_ADMIN_ARN"])
    let alt = try #require(Sandbox.environment["SANDBOX_ALT_ARN"])
    var stack = try StackFixture("side")
    stack.serviceAccountNamespace = "default"
    stack.adminArns = [admin, alt]
    try stack.write()
    // A stack test before this one may have left its objects in `default`.
    _ = try Kubectl.run([
      "delete", "serviceaccount,role,rolebinding", "-n", "default", "-l",
      "app.kubernetes.io/managed-by=eks-spark",
    ])

    let first = try await stack.plan()
    #expect(first.status == 2)
    let planned = Set(
      (first.json["changes"] as? [[String: Any]] ?? []).filter { ($0["action"] as? String) == "create" }
        .compactMap { $0["address"] as? String })
    for address in [
      "k8s.serviceaccount.default/spark", "k8s.role.default/spark-role", "k8s.rolebinding.default/spark-role",
      "k8s.aws-auth.main", "k8s.coredns.main", "aws.eks.cluster.main",
    ] {
      #expect(planned.contains(address), "\(address) is not planned: \(planned.sorted())")
    }
    try await stack.apply()
    let settled = try await stack.plan()
    #expect(settled.status == 0, "\(settled.json["changes"] ?? "")")

    // kubectl with only the kubeconfig eks-spark wrote.
    let kubeconfig = stack.directory.appendingPathComponent("kubeconfig").path
    let written = try await stack.run(["kubeconfig", "--kubeconfig", kubeconfig, "--alias", "side"])
    #expect(written.status == 0, "\(written.stderr)")
    let mode = try FileManager.default.attributesOfItem(atPath: kubeconfig)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    let asAdmin = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .admin)
    #expect(asAdmin.status == 0, "\(asAdmin.stderr)")
    #expect(asAdmin.stdout.contains("coredns"))
    let asAlt = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .alt)
    #expect(asAlt.status == 0, "the mapped alt identity is refused: \(asAlt.stderr)")

    // RBAC of the service account, asked as `kubectl auth can-i --as` would (the sandbox's
    // API server does not impersonate, so the review names the subject itself).
    #expect(
      try Kubectl.canI("create", "pods", as: "system:serviceaccount:default:spark", namespace: "default"))
    #expect(
      try !Kubectl.canI("create", "pods", as: "system:serviceaccount:default:spark", namespace: "kube-system")
    )

    // CoreDNS runs on Fargate.
    let dns = try Kubectl.run([
      "get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns", "-o", "jsonpath={.items[*].status.phase}",
    ])
    let phases = dns.stdout.split(separator: " ").map(String.init)
    #expect(
      !phases.isEmpty && phases.allSatisfy { $0 == "Running" }, "CoreDNS pods: \(dns.stdout) \(dns.stderr)")

    // Drift by hand: the service account deleted, our aws-auth entry edited.
    _ = try Kubectl.run(["delete", "serviceaccount", "spark", "-n", "default"])
    try Kubectl.editAwsAuth {
      $0.replacingOccurrences(of: "username: sandbox-alt", with: "username: someone-else")
    }
    let drifted = try await stack.plan()
    #expect(drifted.status == 2)
    let repairs = (drifted.json["changes"] as? [[String: Any]] ?? []).filter {
      ($0["action"] as? String) != "no-op"
    }
    .compactMap { $0["address"] as? String }
    #expect(Set(repairs) == ["k8s.serviceaccount.default/spark", "k8s.aws-auth.main"], "\(repairs)")
    try await stack.apply()
    #expect(try await stack.plan().status == 0)
    #expect(try Kubectl.run(["get", "serviceaccount", "spark", "-n", "default"]).status == 0)

    // An object with the stack's labels that the file does not declare is an orphan.
    #expect(try Kubectl.run(["create", "serviceaccount", "leftover", "-n", "default"]).status == 0)
    _ = try Kubectl.run([
      "label", "serviceaccount", "leftover", "-n", "default", "app.kubernetes.io/managed-by=eks-spark",
      "eks-spark.io/stack=\(stack.prefix)",
    ])
    let orphaned = try await stack.plan()
    let deletes = (orphaned.json["changes"] as? [[String: Any]] ?? []).filter {
      ($0["action"] as? String) == "delete"
    }
    .compactMap { $0["address"] as? String }
    #expect(deletes == ["k8s.serviceaccount.default/leftover"])
    try await stack.apply()
    #expect(try Kubectl.run(["get", "serviceaccount", "leftover", "-n", "default"]).status != 0)

    // A same-named object someone else made is never changed: the plan names its owner.
    _ = try Kubectl.run(["delete", "rolebinding", "spark-role", "-n", "default"])
    _ = try Kubectl.run([
      "create", "rolebinding", "spark-role", "-n", "default", "--role=spark-role", "--user=bob",
    ])
    let collision = try await stack.run(["plan"])
    #expect(collision.status == 1)
    #expect(
      collision.stderr.contains(
        "RoleBinding default/spark-role already exists and belongs to field manager kubectl"),
      "\(collision.stderr)")
    _ = try Kubectl.run(["delete", "rolebinding", "spark-role", "-n", "default"])
    try await stack.apply()

    // The alt identity removed from the admins: refused, and EKS's Fargate entry survives.
    stack.adminArns = [admin]
    try stack.write()
    try await stack.apply()
    let refused = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .alt)
    #expect(refused.status != 0)
    let awsAuth = try Kubectl.run([
      "get", "configmap", "aws-auth", "-n", "kube-system", "-o", "jsonpath={.data.mapRoles}",
    ])
    #expect(awsAuth.stdout.contains("\(stack.prefix)-fargate-pod-role"), "aws-auth: \(awsAuth.stdout)")
    #expect(!awsAuth.stdout.contains("sandbox-alt"))

    let destroyed = try await stack.run(["destroy", "--auto-approve"])
    #expect(destroyed.status == 0, "\(destroyed.stderr)")
    #expect(try Kubectl.run(["get", "serviceaccount", "spark", "-n", "default"]).status != 0)
  }

  @Test(
    "access-entries mode: the admin gets an access entry with the cluster-admin policy; the creator's entry is named"
  )
  func accessEntries() async throws {
    let admin = try #require(Sandbox.environment["SANDBOX_ADMIN_ARN"])
    let alt = try #require(Sandbox.environment["SANDBOX_ALT_ARN"])
    var stack = try StackFixture("entries")
    stack.authenticationMode = "access-entries"
    stack.adminArns = [alt]
    try stack.write()
    try await stack.apply()
    let settled = try await stack.plan()
    #expect(settled.status == 0, "\(settled.json["changes"] ?? "")")
    let kubeconfig = stack.directory.appendingPathComponent("kubeconfig").path
    #expect(try await stack.run(["kubeconfig", "--kubeconfig", kubeconfig]).status == 0)
    let asAlt = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .alt)
    #expect(asAlt.status == 0, "the alt identity's access entry does not admit it: \(asAlt.stderr)")

    // The creator has EKS's own entry: the stack does not take it over.
    stack.adminArns = [alt, admin]
    try stack.write()
    let refused = try await stack.run(["plan"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("EKS access entry for \(admin) already exists and does not belong to stack"))

    // Dropped from the admins: the stack's entry is found by its tag and deleted.
    stack.adminArns = []
    try stack.write()
    let dropped = try await stack.plan()
    let deletes = (dropped.json["changes"] as? [[String: Any]] ?? []).filter {
      ($0["action"] as? String) == "delete"
    }
    .compactMap { $0["address"] as? String }
    #expect(deletes == ["aws.eks.accessEntry.user/sandbox-alt"])
    try await stack.apply()
    // The API server caches what EKS says for a moment, as the authenticator does.
    var refusedAlt = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .alt)
    for _ in 0..<20 where refusedAlt.status == 0 {
      try await Task.sleep(for: .milliseconds(500))
      refusedAlt = try Kubectl.run(["--kubeconfig", kubeconfig, "get", "pods", "-A"], identity: .alt)
    }
    #expect(refusedAlt.status != 0)

    let destroyed = try await stack.run(["destroy", "--auto-approve"])
    #expect(destroyed.status == 0, "\(destroyed.stderr)")
  }

  @Test("a service account in a namespace no Fargate profile selects fails at plan, naming the namespace")
  func unscheduledServiceAccount() async throws {
    var stack = try StackFixture("nsel")
    stack.serviceAccountNamespace = "batch"
    stack.selectsServiceAccountNamespace = false
    try stack.write()
    let before = try await RequestLog.last()
    let outcome = try await stack.run(["plan"])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.contains(
        "service account batch/spark is in namespace batch, which no Fargate profile selects: its pods would stay Pending"
      ),
      "\(outcome.stderr)")
    #expect(outcome.stderr.contains("hint: add `- namespace: batch`"))
    #expect(try await RequestLog.entries(since: before).filter(\.isResourceWrite).isEmpty)
  }
}

/// The real kubectl, as the sandbox's admin (its kubeconfig) or through a kubeconfig of
/// ours as one of the sandbox's AWS identities.
enum Kubectl {
  enum Identity { case sandbox, admin, alt }

  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ arguments: [String], identity: Identity = .sandbox, input: String? = nil) throws
    -> Outcome
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["kubectl"] + arguments
    var environment = Sandbox.environment
    switch identity {
    case .sandbox: break
    case .admin: environment["KUBECONFIG"] = nil
    case .alt:
      environment["KUBECONFIG"] = nil
      environment["AWS_ACCESS_KEY_ID"] = Sandbox.environment["SANDBOX_ALT_ACCESS_KEY_ID"]
      environment["AWS_SECRET_ACCESS_KEY"] = Sandbox.environment["SANDBOX_ALT_SECRET_ACCESS_KEY"]
    }
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let stdin = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = stdin
    try process.run()
    if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
    try stdin.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// A SubjectAccessReview: whether `user` (with the groups Kubernetes gives a service
  /// account) may do `verb` on `resource` in `namespace`.
  static func canI(_ verb: String, _ resource: String, as user: String, namespace: String) throws -> Bool {
    let parts = user.split(separator: ":")
    let groups = parts.count == 4 ? ["system:serviceaccounts", "system:serviceaccounts:\(parts[2])"] : []
    let review: [String: Any] = [
      "apiVersion": "authorization.k8s.io/v1", "kind": "SubjectAccessReview",
      "spec": [
        "user": user, "groups": groups,
        "resourceAttributes": ["verb": verb, "resource": resource, "namespace": namespace],
      ],
    ]
    let body = String(decoding: try JSONSerialization.data(withJSONObject: review), as: UTF8.self)
    let outcome = try run(
      ["create", "--validate=false", "-f", "-", "-o", "jsonpath={.status.allowed}"], input: body)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
  }

  /// Rewrites kube-system/aws-auth's mapUsers as a person with `kubectl edit` would.
  static func editAwsAuth(_ edit: (String) -> String) throws {
    let current = try run([
      "get", "configmap", "aws-auth", "-n", "kube-system", "-o", "jsonpath={.data.mapUsers}",
    ])
    let edited = edit(current.stdout)
    #expect(edited != current.stdout, "the edit changed nothing: \(current.stdout)")
    let patch = try JSONSerialization.data(withJSONObject: ["data": ["mapUsers": edited]])
    let outcome = try run([
      "patch", "configmap", "aws-auth", "-n", "kube-system", "--type", "merge", "-p",
      String(decoding: patch, as: UTF8.self),
    ])
    #expect(outcome.status == 0, "\(outcome.stderr)")
  }
}
