import HTTP
import Synchronization
import Testing

@testable import Kubernetes

@Suite("waiting for conditions on watch")
struct WaitTests {
  static func deployment(
    version: String, generation: Int = 2, observed: Int = 2, available: Int, updated: Int = 2
  )
    -> String
  {
    #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"spark","resourceVersion":"\#(version)","generation":\#(generation)},"spec":{"replicas":2},"status":{"observedGeneration":\#(observed),"replicas":2,"updatedReplicas":\#(updated),"availableReplicas":\#(available),"conditions":[{"type":"Available","status":"\#(available == 2 ? "True" : "False")","reason":"MinimumReplicasUnavailable"}]}}"#
  }

  static func list(_ items: String..., version: String) -> ScriptedTransport.Reply {
    ScriptedTransport.json(
      200, #"{"metadata":{"resourceVersion":"\#(version)"},"items":[\#(items.joined(separator: ","))]}"#)
  }

  /// A sleep that never ends on its own (a timeout that does not fire in the test).
  static let never: @Sendable (Duration) async throws -> Void = { _ in
    try await Task.sleep(for: .seconds(3600))
  }

  @Test("a Deployment wait reads once, then follows the watch until it is available")
  func deploymentAvailable() async throws {
    let (client, transport) = DiscoveryFixtures.client(
      { request, _ in
        if request.query("watch") == nil {
          return Self.list(Self.deployment(version: "10", observed: 1, available: 0), version: "10")
        }
        let events = [
          #"{"type":"MODIFIED","object":\#(Self.deployment(version: "11", available: 1))}"#,
          #"{"type":"MODIFIED","object":\#(Self.deployment(version: "12", available: 2))}"#,
        ]
        return .stream(status: 200, chunks: events.map { Array(($0 + "\n").utf8) }, keepOpen: true)
      }, sleep: Self.never)
    let object = try await client.wait(
      for: .deploymentAvailable, .deployment, name: "web", namespace: "spark", timeout: .seconds(60))
    #expect(object?.metadata.resourceVersion == "12")
    let requests = transport.requests(to: "/apis/apps/v1/namespaces/spark/deployments")
    #expect(requests.count == 2)
    #expect(requests.allSatisfy { $0.query("fieldSelector") == "metadata.name=web" })
    #expect(requests.map { $0.query("watch") } == [nil, "1"])
    #expect(requests.last?.query("resourceVersion") == "10")
  }

  @Test("a timeout says what was awaited and the last state seen")
  func timeout() async throws {
    let watching = WatchOpened()
    let (client, _) = DiscoveryFixtures.client(
      { request, _ in
        guard request.query("watch") != nil else {
          return Self.list(Self.deployment(version: "10", available: 1), version: "10")
        }
        watching.open()
        return .stream(status: 200, chunks: [], keepOpen: true)
      },
      sleep: { _ in
        // The timer fires as soon as the watch is open, so the state read first is known.
        while !watching.isOpen { await Task.yield() }
      })
    let error = await #expect(throws: KubernetesError.self) {
      try await client.wait(
        for: .deploymentAvailable, .deployment, name: "web", namespace: "spark", timeout: .seconds(120))
    }
    #expect(error?.code == .wait)
    #expect(
      error?.message
        == "timed out after 2m waiting for Deployment spark/web to be available; last seen: 1 of 2 replicas available, 2 updated, Available=False (MinimumReplicasUnavailable)"
    )
  }

  @Test("a failed Job ends the wait at once with the Job's reason")
  func jobFailed() async throws {
    let job =
      #"{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"init","namespace":"spark","resourceVersion":"3"},"status":{"failed":1,"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded","message":"Job has reached the specified backoff limit"}]}}"#
    let (client, _) = DiscoveryFixtures.client({ _, _ in Self.list(job, version: "3") }, sleep: Self.never)
    let error = await #expect(throws: KubernetesError.self) {
      try await client.wait(for: .jobComplete, .job, name: "init", namespace: "spark", timeout: .seconds(60))
    }
    #expect(
      error?.message
        == "Job spark/init will not be complete: the job failed: BackoffLimitExceeded Job has reached the specified backoff limit"
    )
  }

  @Test(
    "conditions judge object states",
    arguments: [
      ("Running", Set(["Running"]), WaitCondition.Verdict.satisfied),
      ("Pending", Set(["Running"]), .pending("phase Pending")),
      ("Failed", Set(["Running"]), .failed("it ended in phase Failed")),
      ("Succeeded", Set(["Succeeded", "Failed"]), .satisfied),
    ])
  func podPhase(phase: String, wanted: Set<String>, verdict: WaitCondition.Verdict) throws {
    let pod = try KubernetesObject.parse(
      #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"status":{"phase":"\#(phase)"}}"#)
    #expect(WaitCondition.podPhase(wanted).evaluate(pod) == verdict)
  }

  @Test("a CRD is Established only when the condition is True; rejected names fail")
  func crdConditions() throws {
    func crd(_ conditions: String) throws -> KubernetesObject {
      try KubernetesObject.parse(
        #"{"kind":"CustomResourceDefinition","status":{"conditions":[\#(conditions)]}}"#)
    }
    #expect(WaitCondition.crdEstablished.evaluate(nil) == .pending("it does not exist"))
    #expect(
      WaitCondition.crdEstablished.evaluate(try crd(#"{"type":"Established","status":"True"}"#)) == .satisfied
    )
    #expect(
      WaitCondition.crdEstablished.evaluate(
        try crd(#"{"type":"NamesAccepted","status":"False","message":"kind taken"}"#))
        == .failed("its names were not accepted: kind taken"))
    #expect(WaitCondition.deleted.evaluate(nil) == .satisfied)
  }

  @Test("a Deployment past its progress deadline fails the wait")
  func progressDeadline() throws {
    let object = try KubernetesObject.parse(
      #"{"kind":"Deployment","metadata":{"generation":1},"spec":{"replicas":1},"status":{"observedGeneration":1,"conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"web-1\" has timed out progressing."}]}}"#
    )
    #expect(
      WaitCondition.deploymentAvailable.evaluate(object)
        == .failed(
          #"its rollout exceeded the progress deadline: ReplicaSet "web-1" has timed out progressing."#))
  }

  @Test("waiting for a CRD to be Established refreshes discovery for its served versions")
  func crdRefreshesDiscovery() async throws {
    let crd =
      #"{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"sparkapplications.sparkoperator.k8s.io","resourceVersion":"5"},"spec":{"group":"sparkoperator.k8s.io","versions":[{"name":"v1beta2","served":true}]},"status":{"conditions":[{"type":"Established","status":"True"}]}}"#
    let (client, transport) = DiscoveryFixtures.client(
      { request, _ in
        if request.path == "/apis/sparkoperator.k8s.io/v1beta2" {
          return ScriptedTransport.json(
            200, #"{"resources":[{"name":"sparkapplications","namespaced":true,"kind":"SparkApplication"}]}"#)
        }
        return Self.list(crd, version: "5")
      }, sleep: Self.never)
    try await client.wait(
      for: .crdEstablished, .customResourceDefinition, name: "sparkapplications.sparkoperator.k8s.io",
      timeout: .seconds(30))
    #expect(transport.requests(to: "/apis/sparkoperator.k8s.io/v1beta2").count == 1)
    let resource = try await client.resource(
      for: GroupVersionKind(group: "sparkoperator.k8s.io", version: "v1beta2", kind: "SparkApplication"))
    #expect(resource.name == "sparkapplications")
    #expect(transport.requests(to: "/apis/sparkoperator.k8s.io/v1beta2").count == 1)
  }
}

/// Set once the fake server has seen a watch request.
final class WatchOpened: Sendable {
  private let flag = Mutex(false)
  var isOpen: Bool { flag.withLock { $0 } }
  func open() { flag.withLock { $0 = true } }
}
