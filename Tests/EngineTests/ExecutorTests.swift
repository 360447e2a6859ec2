import Synchronization
import Testing

@testable import Engine

@Suite("executor")
struct ExecutorTests {
  func plan(_ resources: [any Resource], clock: any EngineClock = SystemClock(), mode: Planner.Mode = .apply)
    async throws -> Plan
  {
    try await Planner(clock: clock).plan(try ResourceGraph(resources), mode: mode)
  }

  @Test("runs no more steps at once than the parallelism allows")
  func parallelismLimit() async throws {
    let world = FakeWorld()
    let resources = (0..<12).map { index in
      var resource = FakeResource("t", "r\(index)", world: world, attributes: ["n": .int(index)])
      resource.delay = .milliseconds(20)
      return resource
    }
    let report = await Executor(parallelism: 3).execute(try await plan(resources))
    #expect(report.succeeded)
    #expect(report.done.count == 12)
    #expect(await world.maxInFlight == 3)
  }

  @Test("members of a constraint group run one at a time while others run alongside")
  func constraintGroups() async throws {
    let world = FakeWorld()
    var resources: [FakeResource] = (0..<4).map { index in
      var profile = FakeResource(
        "aws.eks.fargateProfile", "p\(index)", world: world, attributes: ["n": .int(index)])
      profile.constraintGroup = ConstraintGroup("fargate-profile:main")
      profile.delay = .milliseconds(15)
      return profile
    }
    var bucket = FakeResource("aws.s3.bucket", "data", world: world, attributes: ["n": 1])
    bucket.delay = .milliseconds(30)
    resources.append(bucket)
    let report = await Executor(parallelism: 10).execute(try await plan(resources))
    #expect(report.succeeded)
    #expect(await world.maxGroupInFlight["fargate-profile:main"] == 1)
    #expect(await world.maxInFlight == 2)
  }

  @Test("skips the dependents of a failed step and finishes independent branches")
  func failureSkipsDependents() async throws {
    let world = FakeWorld()
    var role = FakeResource("t", "role", world: world, attributes: ["n": 1])
    role.failure = FakeError(message: "access denied")
    let cluster = FakeResource(
      "t", "cluster", world: world, dependencies: [role.address], attributes: ["n": 1])
    let profile = FakeResource(
      "t", "profile", world: world, dependencies: [cluster.address], attributes: ["n": 1])
    let bucket = FakeResource("t", "bucket", world: world, attributes: ["n": 1])
    let events = EventLog()
    let report = await Executor().execute(
      try await plan([role, cluster, profile, bucket]), onEvent: events.append)
    #expect(report.done.map(\.address.name) == ["bucket"])
    #expect(report.failed.map(\.outcome) == [.failed("access denied")])
    #expect(report.skipped.map(\.address.name) == ["cluster", "profile"])
    #expect(
      report.skipped.map(\.outcome) == [.skipped(because: role.address), .skipped(because: role.address)])
    #expect(!report.succeeded)
    #expect(events.all.filter { if case .skipped = $0 { true } else { false } }.count == 2)
  }

  @Test("retries an error the resource calls retryable, then succeeds")
  func retries() async throws {
    let world = FakeWorld()
    let clock = TestClock()
    let cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["n": 1])
    await world.setTransientFailures(cluster.address, 3)
    let events = EventLog()
    let report = await Executor(clock: clock).execute(
      try await plan([cluster], clock: clock), onEvent: events.append)
    #expect(report.succeeded)
    let retries = events.all.compactMap {
      if case .retrying(_, let attempt, _, _) = $0 { attempt } else { nil }
    }
    #expect(retries == [1, 2, 3])
    #expect(clock.now == .seconds(15))
  }

  @Test("gives up after the resource's retry limit")
  func retryLimit() async throws {
    let world = FakeWorld()
    var role = FakeResource("t", "role", world: world, attributes: ["n": 1])
    role.maxRetries = 2
    await world.setTransientFailures(role.address, 5)
    let report = await Executor(clock: TestClock()).execute(try await plan([role]))
    #expect(report.failed.map(\.outcome) == [.failed("role could not be assumed")])
  }

  @Test("a waiter that runs out of time names what it waited for and the last state")
  func waiterTimeout() async throws {
    let world = FakeWorld()
    let clock = TestClock()
    var cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["n": 1])
    cluster.pendingStates = Array(repeating: "CREATING", count: 1000)
    cluster.timeouts = OperationTimeouts(create: .seconds(60))
    let report = await Executor(clock: clock).execute(try await plan([cluster], clock: clock))
    #expect(
      report.failed.map(\.outcome) == [
        .failed(
          "timed out after 1m0s waiting for aws.eks.cluster.main to become ACTIVE (last state: CREATING)")
      ])
    #expect(clock.now == .seconds(60))
  }

  @Test("a waiter polls with backoff and reports waiting")
  func waiterProgress() async throws {
    let world = FakeWorld()
    let clock = TestClock()
    var cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["n": 1])
    cluster.pendingStates = ["CREATING", "CREATING", "CREATING"]
    let events = EventLog()
    let report = await Executor(clock: clock).execute(
      try await plan([cluster], clock: clock), onEvent: events.append)
    #expect(report.succeeded)
    let waits = events.all.compactMap {
      if case .waiting(_, let state, let elapsed) = $0 { "\(state) \(elapsed)" } else { nil }
    }
    #expect(waits == ["CREATING 0.0 seconds", "CREATING 1.0 seconds", "CREATING 2.5 seconds"])
    #expect(clock.now == .seconds(4.75))
  }

  @Test("outputs flow to dependents: known after apply is resolved")
  func outputsFlow() async throws {
    let world = FakeWorld()
    let cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["name": "demo"])
    let provider = FakeResource("aws.iam.oidcProvider", "main", world: world, dependencies: [cluster.address])
    { inputs in
      ["url": inputs.value(Address("aws.eks.cluster", "main"), "id")]
    }
    let role = FakeResource("aws.iam.role", "irsa", world: world, dependencies: [provider.address]) {
      inputs in
      guard let url = inputs.string(Address("aws.iam.oidcProvider", "main"), "id") else {
        return ["trust": .unknown]
      }
      return ["trust": .string("federated:\(url)")]
    }
    let planned = try await plan([cluster, provider, role])
    #expect(planned.change(for: role.address)?.after?["trust"] == .unknown)
    let report = await Executor().execute(planned)
    #expect(report.succeeded)
    #expect(await world.live[provider.address]?.attributes["url"] == "id-main-1")
    #expect(await world.live[role.address]?.attributes["trust"] == "federated:id-main-1")
    #expect(report.outputs[role.address]?["id"] == "id-irsa-1")
  }

  @Test("an unchanged upstream passes its live outputs on")
  func noopOutputs() async throws {
    let world = FakeWorld(live: [
      Address("t", "vpc"): LiveState(attributes: ["cidr": "10.0.0.0/16"], outputs: ["id": "vpc-1"])
    ])
    let vpc = FakeResource("t", "vpc", world: world, attributes: ["cidr": "10.0.0.0/16"])
    let subnet = FakeResource("t", "subnet", world: world, dependencies: [vpc.address]) { inputs in
      ["vpc": inputs.value(Address("t", "vpc"), "id")]
    }
    let report = await Executor().execute(try await plan([vpc, subnet]))
    #expect(report.steps.map(\.address.name) == ["subnet"])
    #expect(await world.live[subnet.address]?.attributes["vpc"] == "vpc-1")
  }

  @Test(
    "replacement order follows the strategy",
    arguments: [ReplacementStrategy.createBeforeDestroy, .deleteBeforeCreate])
  func replaceOrder(strategy: ReplacementStrategy) async throws {
    let world = FakeWorld(live: [Address("t", "profile"): LiveState(attributes: ["selectors": ["a"]])])
    var profile = FakeResource("t", "profile", world: world, attributes: ["selectors": ["b"]])
    profile.immutableFields = ["selectors"]
    profile.replacementStrategy = strategy
    let planned = try await plan([profile])
    #expect(planned.changes.map(\.action) == [.replace])
    let report = await Executor().execute(planned)
    #expect(report.succeeded)
    let begins = await world.log.filter { $0.hasPrefix("begin") }
    #expect(
      begins
        == (strategy == .createBeforeDestroy
          ? ["begin create t.profile", "begin delete t.profile"]
          : ["begin delete t.profile", "begin create t.profile"]))
  }

  @Test("deletes dependents before what they depend on")
  func deleteOrder() async throws {
    let live: [Address: LiveState] = [
      Address("t", "vpc"): LiveState(attributes: ["n": 1]),
      Address("t", "subnet"): LiveState(attributes: ["n": 1]),
      Address("t", "route"): LiveState(attributes: ["n": 1]),
    ]
    let world = FakeWorld(live: live)
    let vpc = FakeResource("t", "vpc", world: world, attributes: ["n": 1])
    let subnet = FakeResource("t", "subnet", world: world, dependencies: [vpc.address], attributes: ["n": 1])
    let route = FakeResource("t", "route", world: world, dependencies: [subnet.address], attributes: ["n": 1])
    let report = await Executor().execute(try await plan([vpc, subnet, route], mode: .destroy))
    #expect(report.succeeded)
    #expect(
      await world.log == [
        "begin delete t.route", "end delete t.route", "begin delete t.subnet", "end delete t.subnet",
        "begin delete t.vpc", "end delete t.vpc",
      ])
  }

  @Test("an orphan that uses a resource being replaced goes before the replacement")
  func orphanBeforeReplacement() async throws {
    let cluster = Address("t", "cluster")
    let world = FakeWorld(live: [
      cluster: LiveState(attributes: ["name": "a"]),
      Address("t", "old-profile"): LiveState(attributes: ["n": 1]),
    ])
    var replaced = FakeResource("t", "cluster", world: world, attributes: ["name": "b"])
    replaced.immutableFields = ["name"]
    let orphan = FakeResource("t", "old-profile", world: world, dependencies: [cluster], build: { _ in nil })
    let report = await Executor().execute(try await plan([replaced, orphan]))
    #expect(report.succeeded)
    #expect(
      await world.log == [
        "begin delete t.old-profile", "end delete t.old-profile", "begin delete t.cluster",
        "end delete t.cluster",
        "begin create t.cluster", "end create t.cluster",
      ])
  }

  @Test("a cancel signal starts no new work and lets in-flight steps finish")
  func cancelSignal() async throws {
    let world = FakeWorld()
    let resources = (0..<4).map { index in
      var resource = FakeResource("t", "r\(index)", world: world, attributes: ["n": .int(index)])
      resource.delay = .milliseconds(300)  // long enough for the consumer to react first
      return resource
    }
    let signal = CancellationSignal()
    let (events, task) = Executor(parallelism: 1, cancellation: signal).start(try await plan(resources))
    for await event in events {
      if case .started = event { signal.cancel() }
    }
    let report = await task.value
    #expect(report.cancelled)
    #expect(!report.succeeded)
    #expect(report.done.map(\.address.name) == ["r0"])
    #expect(report.notStarted.map(\.address.name) == ["r1", "r2", "r3"])
  }

  @Test("cancelling the task interrupts a waiter and reports it")
  func cancelTask() async throws {
    let world = FakeWorld()
    var cluster = FakeResource("t", "cluster", world: world, attributes: ["n": 1])
    cluster.pendingStates = Array(repeating: "CREATING", count: 1_000_000)
    cluster.timeouts = OperationTimeouts(create: .seconds(1_000_000_000))
    let dependent = FakeResource(
      "t", "profile", world: world, dependencies: [cluster.address], attributes: ["n": 1])
    let (events, task) = Executor(clock: TestClock()).start(try await plan([cluster, dependent]))
    for await event in events {
      if case .waiting = event { task.cancel() }
    }
    let report = await task.value
    #expect(report.failed.map(\.outcome) == [.failed("interrupted")])
    #expect(report.skipped.map(\.address.name) == ["profile"])
  }

  @Test("a planned no-op stays a no-op when an upstream update changes an output")
  func noopStaysNoop() async throws {
    let world = FakeWorld(live: [
      Address("t", "up"): LiveState(attributes: ["v": 1], outputs: ["id": "old"]),
      Address("t", "down"): LiveState(attributes: ["ref": "old"]),
    ])
    let up = FakeResource("t", "up", world: world, attributes: ["v": 2])
    var down = FakeResource("t", "down", world: world, dependencies: [up.address]) { inputs in
      ["ref": inputs.value(Address("t", "up"), "id")]
    }
    down.immutableFields = ["ref"]
    let planned = try await plan([up, down])
    #expect(planned.changes.map(\.action) == [.update, .noop])
    // The update hands out a new id, which the plan did not foresee: the no-op stays a no-op.
    let report = await Executor().execute(planned)
    #expect(report.succeeded)
    #expect(await world.live[down.address]?.attributes["ref"] == "old")
  }

  @Test("refuses to do more than the plan showed")
  func planOutdated() async throws {
    let world = FakeWorld(live: [
      Address("t", "up"): LiveState(attributes: ["v": 1], outputs: ["id": "old"]),
      Address("t", "down"): LiveState(attributes: ["ref": "old", "size": 1]),
    ])
    let up = FakeResource("t", "up", world: world, attributes: ["v": 2])
    var down = FakeResource("t", "down", world: world, dependencies: [up.address]) { inputs in
      ["ref": inputs.value(Address("t", "up"), "id"), "size": 2]
    }
    down.immutableFields = ["ref"]
    let planned = try await plan([up, down])
    #expect(planned.changes.map(\.action) == [.update, .update])
    let report = await Executor().execute(planned)
    #expect(
      report.failed.map(\.outcome) == [
        .failed("t.down was planned to be updated in-place but now needs to be replaced")
      ])
    #expect(await world.live[down.address]?.attributes["size"] == 1)
  }

  @Test("critical path is the longest chain of step durations")
  func criticalPath() async throws {
    let world = FakeWorld()
    let a = FakeResource("t", "a", world: world, attributes: ["n": 1])
    let b = FakeResource("t", "b", world: world, dependencies: [a.address], attributes: ["n": 1])
    var c = FakeResource("t", "c", world: world, attributes: ["n": 1])
    var d = FakeResource("t", "d", world: world, attributes: ["n": 1])
    c.constraintGroup = ConstraintGroup("g")
    d.constraintGroup = ConstraintGroup("g")
    let planned = try await plan([a, b, c, d])
    let path = planned.criticalPath(durations: [
      a.address: .seconds(3), b.address: .seconds(2), c.address: .seconds(4), d.address: .seconds(3),
    ])
    #expect(path.steps == [a.address, b.address])
    #expect(path.duration == .seconds(5))
    #expect(path.constraintBound == .seconds(7))
    #expect(path.lowerBound == .seconds(7))
    // Group members that wait for a shared upstream start no earlier than it ends.
    var e = FakeResource("t", "e", world: world, dependencies: [a.address], attributes: ["n": 1])
    var f = FakeResource("t", "f", world: world, dependencies: [a.address], attributes: ["n": 1])
    e.constraintGroup = ConstraintGroup("h")
    f.constraintGroup = ConstraintGroup("h")
    let chained = try await plan([a, e, f]).criticalPath(durations: [
      a.address: .seconds(5), e.address: .seconds(2), f.address: .seconds(2),
    ])
    #expect(chained.duration == .seconds(7))
    #expect(chained.constraintBound == .seconds(9))
  }
}

/// Collects progress events from any task.
final class EventLog: Sendable {
  private let events = Mutex<[ProgressEvent]>([])

  var append: @Sendable (ProgressEvent) -> Void {
    { event in self.events.withLock { $0.append(event) } }
  }

  var all: [ProgressEvent] { events.withLock { $0 } }
}
