/// What `.Capabilities` tells templates: the Kubernetes version and the API versions the
/// cluster serves. Offline (as `helm template`), Helm reports its built-in defaults.
public struct Capabilities: Sendable {
  public var kubeVersion: KubeVersion
  public var apiVersions: [String]

  public init(
    kubeVersion: KubeVersion = .helmDefault, apiVersions: [String] = Capabilities.defaultAPIVersions
  ) {
    self.kubeVersion = kubeVersion
    self.apiVersions = apiVersions
  }

  /// Helm v4.2's `DefaultVersionSet`: every group/version of its Kubernetes 1.36 client
  /// scheme plus apiextensions, in the order Helm prints them.
  public static let defaultAPIVersions: [String] = [
    "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
    "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2", "batch/v1",
    "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha2",
    "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
  ]

  /// The template object behind `.Capabilities`.
  var templateValue: Value {
    .object(
      CapabilitiesObject(kubeVersion: kubeVersion, apiVersions: APIVersionsObject(versions: apiVersions)))
  }
}

/// A Kubernetes version as `.Capabilities.KubeVersion` exposes it.
public struct KubeVersion: Sendable, Equatable {
  public var major: String
  public var minor: String
  /// `v1.36.0`: what `.Version`, `.GitVersion` and printing the object show.
  public var version: String

  /// Helm v4.2 built against Kubernetes 1.36 reports v1.36.0 when no cluster is asked.
  public static let helmDefault = KubeVersion(major: "1", minor: "36", version: "v1.36.0")

  public init(major: String, minor: String, version: String) {
    self.major = major
    self.minor = minor
    self.version = version
  }

  /// `--kube-version 1.30`, `v1.30.2`: parsed as Helm does (semver, `v` added).
  public init(parsing text: String) throws(HelmError) {
    guard let parsed = SemanticVersion(text) else {
      throw HelmError(
        .invalidValues, "invalid kube version \"\(text)\": improper constraint: \(text)",
        remedy: "give a Kubernetes version such as 1.30 or v1.30.2")
    }
    self.init(major: String(parsed.major), minor: String(parsed.minor), version: "v\(parsed)")
  }
}

struct CapabilitiesObject: TemplateObject {
  let kubeVersion: KubeVersion
  let apiVersions: APIVersionsObject
  var goTypeName: String { "*common.Capabilities" }

  func member(_ name: String) -> Value? {
    switch name {
    case "KubeVersion": .object(KubeVersionObject(version: kubeVersion))
    case "APIVersions": .object(apiVersions)
    case "HelmVersion": .object(HelmVersionObject())
    default: nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? { nil }
  var goDescription: String {
    "&{\(kubeVersion.version) \(apiVersions.goDescription) \(HelmVersionObject().goDescription)}"
  }
}

struct KubeVersionObject: TemplateObject {
  let version: KubeVersion
  var goTypeName: String { "common.KubeVersion" }

  func member(_ name: String) -> Value? {
    switch name {
    case "Version", "GitVersion", "String": .string(version.version)
    case "Major": .string(version.major)
    case "Minor": .string(version.minor)
    default: nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? { nil }
  /// Go prints it through its `String()` method.
  var goDescription: String { version.version }
}

struct APIVersionsObject: TemplateObject {
  let versions: [String]
  var goTypeName: String { "common.VersionSet" }

  func member(_ name: String) -> Value? { nil }

  func call(_ name: String, arguments: [Value]) throws -> Value? {
    guard name == "Has" else { return nil }
    guard arguments.count == 1, case .string(let version) = arguments[0] else {
      throw HelmError(.render, "wrong number of args for Has: want 1 got \(arguments.count)")
    }
    return .bool(versions.contains(version))
  }

  var goDescription: String { "[" + versions.joined(separator: " ") + "]" }
}

/// The Helm version the renderer answers as (the one the golden renders came from).
struct HelmVersionObject: TemplateObject {
  var goTypeName: String { "common.HelmVersion" }

  func member(_ name: String) -> Value? {
    switch name {
    case "Version": .string("v4.2")
    case "GitCommit", "GitTreeState": .string("")
    case "GoVersion": .string("go1.26.6")
    case "KubeClientVersion": .string("v1.36")
    default: nil
    }
  }

  func call(_ name: String, arguments: [Value]) throws -> Value? { nil }
  var goDescription: String { "{v4.2   go1.26.6 v1.36}" }
}
