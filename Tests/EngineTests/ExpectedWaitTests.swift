import Testing

@testable import Engine

@Suite("expected waits and proportional polling")
struct ExpectedWaitTests {
  let cluster = Address("aws.eks.cluster", "main")

  @Test("an expected wait says what is awaited once, without the API's words")
  func awaitingLine() {
    var renderer = ProgressRenderer()
    let events: [ProgressEvent] = [
      .awaiting(
        cluster, what: "the new IAM role to propagate", attempt: 1, after: .milliseconds(250),
        reason: "InvalidParameterException: Role with arn x could not be assumed"),
      .awaiting(
        cluster, what: "the new IAM role to propagate", attempt: 2, after: .milliseconds(500),
        reason: "InvalidParameterException: Role with arn x could not be assumed"),
    ]
    #expect(
      events.compactMap { renderer.line(for: $0) } == [
        "aws.eks.cluster.main: Waiting for the new IAM role to propagate..."
      ])
  }

  @Test("with --debug every attempt shows, with the API's words")
  func awaitingVerbose() {
    var renderer = ProgressRenderer(verbose: true)
    let line = renderer.line(
      for: .awaiting(
        cluster, what: "the new IAM role to propagate", attempt: 2, after: .milliseconds(500),
        reason: "InvalidParameterException: Role could not be assumed"))
    #expect(
      line
        == "aws.eks.cluster.main: Waiting for the new IAM role to propagate (attempt 2, next in 500ms): InvalidParameterException: Role could not be assumed"
    )
  }

  @Test(
    "a proportional schedule polls at the floor early, then at a tenth of the time waited, capped",
    arguments: [
      (0.0, 1.0), (5.0, 1.0), (20.0, 2.0), (300.0, 30.0), (900.0, 60.0),
    ])
  func proportional(elapsed: Double, expected: Double) {
    let backoff = Backoff.proportional(floor: .seconds(1))
    let delay = backoff.delay(attempt: 7, elapsed: .milliseconds(Int64(elapsed * 1000)))
    #expect(abs(delay.seconds - expected) < 0.001, "\(delay)")
  }

  @Test("an exponential schedule ignores the time waited")
  func exponentialUnchanged() {
    #expect(Backoff.standard.delay(attempt: 0, elapsed: .seconds(600)) == .seconds(1))
  }

  @Test("an expected wait is retried after the advised delay and the call then succeeds")
  func retriedAfterAdvice() async throws {
    let world = FakeWorld()
    let clock = TestClock()
    var cluster = FakeResource("aws.eks.cluster", "main", world: world, attributes: ["n": 1])
    cluster.awaiting = "the new IAM role to propagate"
    await world.setTransientFailures(cluster.address, 2)
    let events = EventLog()
    let plan = try await Planner(clock: clock).plan(try ResourceGraph([cluster]))
    let report = await Executor(clock: clock).execute(plan, onEvent: events.append)
    #expect(report.succeeded)
    let waits = events.all.compactMap {
      if case .awaiting(_, let what, let attempt, let after, _) = $0 { (what, attempt, after) } else { nil }
    }
    #expect(waits.map(\.1) == [1, 2])
    #expect(waits.map(\.2) == [.milliseconds(100), .milliseconds(200)])
    #expect(waits.allSatisfy { $0.0 == "the new IAM role to propagate" })
    #expect(clock.now == .milliseconds(300))
  }
}
