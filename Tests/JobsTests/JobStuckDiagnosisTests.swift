import AWS
import Foundation
import Kubernetes
import Testing

@testable import Jobs

@Suite("Stuck diagnosis")
struct JobStuckDiagnosisTests {
  static func run(state: String?, created: String = "2026-12-04T10:00:00Z", pods: [KubernetesObject] = [])
    throws
    -> JobRun
  {
    var application = try KubernetesObject.parse(
      """
      {"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication",
       "metadata":{"name":"pi-0000abcd","namespace":"spark","creationTimestamp":"\(created)"},
       "spec":{"type":"Python"}}
      """)
    if let state {
      application.tree.set(
        .mapping([("applicationState", .mapping([("state", .string(state))]))]), at: ["status"])
    }
    return JobRun(application: application, pods: pods)
  }

  static func pod(labels: [String: String], namespace: String = "spark", waiting: String? = nil) throws
    -> KubernetesObject
  {
    let labelText = labels.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
    let statuses =
      waiting.map {
        ",\"containerStatuses\":[{\"name\":\"spark-kubernetes-driver\",\"image\":\"r/x:1\",\"state\":{\"waiting\":{\"reason\":\"\($0)\",\"message\":\"not found\"}}}]"
      } ?? ""
    return try KubernetesObject.parse(
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pi-0000abcd-driver","namespace":"\(namespace)",
       "labels":{\(labelText)}},"spec":{"containers":[{"name":"c","image":"r/x:1"}]},
       "status":{"phase":"Pending"\(statuses)}}
      """)
  }

  static let now = Date(timeIntervalSince1970: 1_796_378_400 + 10)  // 2026-12-04T10:00:10Z

  static func profile(_ name: String, namespace: String, labels: [String: String]? = nil) -> EKSFargateProfile
  {
    try! JSONDecoder().decode(
      EKSFargateProfile.self,
      from: Data(
        """
        {"fargateProfileName":"\(name)","status":"ACTIVE","selectors":[{"namespace":"\(namespace)"\(labels.map { ",\"labels\":{" + $0.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",") + "}" } ?? "")}]}
        """.utf8))
  }

  @Test("a run without a state after the limit has no operator acting on it")
  func noOperator() throws {
    let diagnosis = JobStuckDiagnosis(noStatusAfter: 5)
    let error = try #require(diagnosis.diagnose(try Self.run(state: nil), profiles: [], now: Self.now))
    #expect(error.code == .stuck)
    #expect(error.message.contains("no Spark Operator is acting on it"))
    #expect(
      JobStuckDiagnosis(noStatusAfter: 30).diagnose(try Self.run(state: nil), profiles: [], now: Self.now)
        == nil)
  }

  @Test("a pending pod no profile selects is named with its labels and the selectors")
  func unselectedPod() throws {
    let run = try Self.run(state: "SUBMITTED", pods: [try Self.pod(labels: ["spark-role": "driver"])])
    let profiles = [
      Self.profile("default", namespace: "default"),
      Self.profile("spark", namespace: "spark", labels: ["team": "a"]),
    ]
    let error = try #require(JobStuckDiagnosis().diagnose(run, profiles: profiles, now: Self.now))
    #expect(error.message.contains("no Fargate profile selects namespace spark"))
    #expect(error.details.contains("  spark: namespace spark with labels team=a"))
  }

  @Test("a pod a profile selects (wildcard namespace, labels carried) is not stuck")
  func selectedPod() throws {
    let run = try Self.run(
      state: "SUBMITTED", pods: [try Self.pod(labels: ["spark-role": "driver", "team": "a"])])
    #expect(
      JobStuckDiagnosis().diagnose(
        run, profiles: [Self.profile("s", namespace: "sp*", labels: ["team": "a"])], now: Self.now) == nil)
  }

  @Test("an image that cannot be pulled is stuck", arguments: ["ErrImagePull", "ImagePullBackOff"])
  func imagePull(reason: String) throws {
    let run = try Self.run(state: "SUBMITTED", pods: [try Self.pod(labels: [:], waiting: reason)])
    let error = try #require(JobStuckDiagnosis().diagnose(run, profiles: [], now: Self.now))
    #expect(error.message == "pod pi-0000abcd-driver cannot pull image r/x:1 (\(reason): not found)")
  }

  @Test(
    "namespace globs",
    arguments: [
      ("spark", "spark", true), ("spark-*", "spark-a", true), ("s?ark", "spark", true),
      ("spark", "sparks", false), ("*", "", true),
    ])
  func globs(pattern: String, text: String, expected: Bool) {
    #expect(JobStuckDiagnosis.glob(pattern, matches: text) == expected)
  }
}
