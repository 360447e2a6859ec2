import Kubernetes
import YAML

/// What must be in place before a run is created, each missing piece an error naming the
/// command that puts it there: the SparkApplication CRD Established, an operator Deployment
/// with an available replica (and on 2.x a webhook with a ready endpoint), the run's
/// service account, and its image in ECR.
struct JobPreflight: Sendable {
  static let crdName = "sparkapplications.sparkoperator.k8s.io"
  static let operatorSelector = "app.kubernetes.io/name=spark-operator"
  static let operatorRemedy =
    "run eks-spark apply -f stack.yaml (or eks-spark operator install) to install the Spark Operator"

  let client: KubernetesClient
  let imageResolver: ImageResolver

  func check(_ application: KubernetesObject) async throws {
    let namespace = application.namespace ?? "default"
    let account =
      application.tree.text(at: ["spec", "driver", "serviceAccount"])
      ?? application.tree.text(at: ["spec", "serviceAccount"]) ?? "default"
    let image =
      application.tree.text(at: ["spec", "driver", "image"]) ?? application.tree.text(at: ["spec", "image"])
    async let crd: Void = checkCRD()
    async let operatorRunning: Void = checkOperator()
    async let serviceAccount: Void = checkServiceAccount(account, namespace: namespace)
    async let imagePresent: Void = checkImage(image)
    try await crd
    try await operatorRunning
    try await serviceAccount
    try await imagePresent
  }

  private func checkCRD() async throws {
    guard let crd = try await client.getIfPresent(.customResourceDefinition, name: Self.crdName) else {
      throw JobsError(
        .crdMissing, "the SparkApplication CRD (\(Self.crdName)) is not installed",
        remedy: Self.operatorRemedy)
    }
    guard crd.condition("Established")?.status == "True" else {
      throw JobsError(
        .crdMissing, "the SparkApplication CRD is not Established yet",
        remedy: "wait for the operator's installation to finish (eks-spark operator install waits for it)")
    }
  }

  private func checkOperator() async throws {
    let deployments = try await client.listAll(
      .deployment, options: ListOptions(labelSelector: Self.operatorSelector)
    ).items
    guard !deployments.isEmpty else {
      throw JobsError(
        .operatorMissing, "no Spark Operator Deployment is installed in the cluster",
        remedy: Self.operatorRemedy)
    }
    let available = deployments.filter { ($0.tree.integer(at: ["status", "availableReplicas"]) ?? 0) > 0 }
    guard !available.isEmpty else {
      let names = deployments.map(\.displayName).joined(separator: ", ")
      throw JobsError(
        .operatorMissing, "the Spark Operator (\(names)) has no available replica",
        remedy:
          "check its pods (kubectl get pods -n \(deployments[0].namespace ?? "spark-operator")); eks-spark status shows its release"
      )
    }
    // 2.x validates and mutates SparkApplications in a webhook: with no ready endpoint the
    // API server refuses (or the pods miss their settings), so say so before creating.
    for deployment in deployments {
      let namespace = deployment.namespace ?? "spark-operator"
      let services = try await client.listAll(
        .service, namespace: namespace, options: ListOptions(labelSelector: Self.operatorSelector)
      ).items
      for service in services where service.name.contains("webhook") {
        let endpoints = try await client.getIfPresent(.endpoints, name: service.name, namespace: namespace)
        let ready =
          endpoints?.tree.node(at: ["subsets"])?.sequence?.contains {
            !($0.node(at: ["addresses"])?.sequence ?? []).isEmpty
          } ?? false
        guard ready else {
          throw JobsError(
            .webhookDown, "the Spark Operator's webhook \(namespace)/\(service.name) has no ready endpoint",
            remedy:
              "check the webhook pods (kubectl get pods -n \(namespace)); submits fail until one is ready")
        }
      }
    }
  }

  private func checkServiceAccount(_ name: String, namespace: String) async throws {
    guard try await client.getIfPresent(.serviceAccount, name: name, namespace: namespace) == nil else {
      return
    }
    throw JobsError(
      .serviceAccountMissing, "service account \(namespace)/\(name) does not exist",
      remedy:
        "add it to serviceAccounts: in the stack file and run eks-spark apply -f stack.yaml (or eks-spark serviceaccount bind)"
    )
  }

  private func checkImage(_ image: String?) async throws {
    guard let image, try await imageResolver.ecrImageExists(image) == false else { return }
    throw JobsError(.imageMissing, "image \(image) is not in ECR", remedy: ImageResolver.buildRemedy)
  }
}

extension GroupVersionKind {
  static let service = GroupVersionKind(group: "", version: "v1", kind: "Service")
  static let endpoints = GroupVersionKind(group: "", version: "v1", kind: "Endpoints")
  static let event = GroupVersionKind(group: "", version: "v1", kind: "Event")
}
