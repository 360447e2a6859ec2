import FoundationEssentials
import Testing
import YAML

@testable import Spark

@Suite("SparkApplication status across operator generations")
struct SparkStatusTests {
  static func object(_ text: String) throws -> YAMLNode {
    try #require(try YAMLParser.parse(text, file: "status.yaml").first)
  }

  /// Operator 1.x writes unset times as null and lists every executor it saw.
  static let operator1Failed = """
    apiVersion: sparkoperator.k8s.io/v1beta2
    kind: SparkApplication
    metadata: {name: pi, namespace: default}
    status:
      applicationState:
        state: FAILED
        errorMessage: 'driver container failed with ExitCode: 1, Reason: Error'
      driverInfo:
        podName: pi-driver
        webUIAddress: 10.0.1.7:4040
        webUIPort: 4040
        webUIServiceName: pi-ui-svc
      executionAttempts: 1
      executorState:
        pi-5d8e0b7a3c1f2e4d-exec-1: FAILED
        pi-5d8e0b7a3c1f2e4d-exec-2: COMPLETED
      lastSubmissionAttemptTime: "2026-12-04T10:00:00Z"
      sparkApplicationId: spark-3f9a
      submissionAttempts: 1
      submissionID: 6d1c
      terminationTime: "2026-12-04T10:03:30Z"
    """

  /// Operator 2.x leaves unset fields out altogether.
  static let operator2Running = """
    status:
      applicationState: {state: RUNNING}
      driverInfo: {podName: pi-driver}
      executorState: {pi-exec-1: PENDING}
      lastSubmissionAttemptTime: "2026-12-04T10:00:00.250Z"
      submissionAttempts: 1
      executionAttempts: 1
    """

  @Test("reads an operator 1.x status with every field")
  func operator1() throws {
    let status = SparkApplicationStatus(object: try Self.object(Self.operator1Failed))
    #expect(status.state == .failed)
    #expect(status.errorMessage == "driver container failed with ExitCode: 1, Reason: Error")
    #expect(status.driverPodName == "pi-driver")
    #expect(status.webUIAddress == "10.0.1.7:4040")
    #expect(status.sparkApplicationId == "spark-3f9a")
    #expect(status.executorStates.map(\.pod) == ["pi-5d8e0b7a3c1f2e4d-exec-1", "pi-5d8e0b7a3c1f2e4d-exec-2"])
    #expect(status.executorStates.map(\.state) == [.failed, .completed])
    #expect(status.submissionAttempts == 1)
    #expect(status.executionAttempts == 1)
    #expect(status.lastSubmissionAttemptTime == Date(timeIntervalSince1970: 1_796_378_400))
    #expect(status.terminationTime == Date(timeIntervalSince1970: 1_796_378_610))
  }

  @Test("reads an operator 2.x status with fields left out and fractional seconds")
  func operator2() throws {
    let status = SparkApplicationStatus(object: try Self.object(Self.operator2Running))
    #expect(status.state == .running)
    #expect(status.errorMessage == nil)
    #expect(status.terminationTime == nil)
    #expect(status.lastSubmissionAttemptTime == Date(timeIntervalSince1970: 1_796_378_400.25))
    #expect(status.executorStates.first?.state == .pending)
  }

  @Test("an object the operator has not seen is new; null times are unset")
  func unseen() throws {
    #expect(SparkApplicationStatus(object: try Self.object("metadata: {name: pi}")).state == .new)
    let empty = SparkApplicationStatus(
      object: try Self.object("status: {applicationState: {state: ''}, terminationTime: null}"))
    #expect(empty.state == .new)
    #expect(empty.terminationTime == nil)
  }

  @Test(
    "every state name of both generations",
    arguments: [
      ("", SparkApplicationState.new), ("SUBMITTED", .submitted), ("RUNNING", .running),
      ("COMPLETED", .completed), ("FAILED", .failed), ("SUBMISSION_FAILED", .submissionFailed),
      ("PENDING_RERUN", .pendingRerun), ("INVALIDATING", .invalidating), ("SUCCEEDING", .succeeding),
      ("FAILING", .failing), ("UNKNOWN", .unknown), ("SUSPENDING", .suspending), ("SUSPENDED", .suspended),
      ("RESUMING", .resuming), ("ARCHIVED", .unrecognized("ARCHIVED")),
    ])
  func stateNames(name: String, state: SparkApplicationState) {
    #expect(SparkApplicationState(rawValue: name) == state)
    #expect(state.rawValue == name)
  }

  @Test(
    "which states are terminal, and how they ended",
    arguments: [
      (SparkApplicationState.new, false, nil), (.submitted, false, nil), (.running, false, nil),
      (.succeeding, false, nil), (.failing, false, nil), (.pendingRerun, false, nil),
      (.invalidating, false, nil),
      (.unknown, false, nil), (.suspending, false, nil), (.completed, true, SparkRunState.Outcome.succeeded),
      (.failed, true, .failed), (.submissionFailed, true, .submissionFailed), (.suspended, true, .suspended),
      (.resuming, false, nil), (.unrecognized("ARCHIVED"), false, nil),
    ])
  func terminal(state: SparkApplicationState, terminal: Bool, outcome: SparkRunState.Outcome?) {
    let run = SparkRunState(status: SparkApplicationStatus(state: state, executionAttempts: 1))
    #expect(run.isTerminal == terminal)
    #expect(run.outcome == outcome)
  }

  @Test("a failure with retries left is not the end; the last one is")
  func retries() {
    let policy = SparkRestartPolicy(.onFailure, onFailureRetries: 2, onSubmissionFailureRetries: 1)
    let attempts = (1...3).map {
      SparkRunState(
        status: SparkApplicationStatus(state: .failed, executionAttempts: $0), restartPolicy: policy)
    }
    #expect(attempts.map(\.isTerminal) == [false, false, true])
    #expect(attempts.map(\.willRerun) == [true, true, false])
    let submission = (1...2).map {
      SparkRunState(
        status: SparkApplicationStatus(state: .submissionFailed, submissionAttempts: $0),
        restartPolicy: policy)
    }
    #expect(submission.map(\.outcome) == [nil, .submissionFailed])
    let always = SparkRunState(
      status: SparkApplicationStatus(state: .completed), restartPolicy: SparkRestartPolicy(.always))
    #expect(!always.isTerminal)
    #expect(always.willRerun)
  }

  @Test("the failure message and display name come through")
  func message() throws {
    let run = SparkRunState(status: SparkApplicationStatus(object: try Self.object(Self.operator1Failed)))
    #expect(run.message == "driver container failed with ExitCode: 1, Reason: Error")
    #expect(run.displayName == "FAILED")
    #expect(SparkRunState(status: SparkApplicationStatus()).displayName == "new")
  }

  @Test(
    "Kubernetes timestamps",
    arguments: [
      ("1970-01-01T00:00:00Z", 0.0), ("2026-12-04T10:00:00Z", 1_796_378_400),
      ("2026-12-04T12:00:00+02:00", 1_796_378_400),
      ("2000-02-29T23:59:59.5Z", 951_868_799.5), ("1969-12-31T23:59:59Z", -1),
    ])
  func timestamps(text: String, seconds: Double) throws {
    let date = try #require(KubernetesTime.parse(text))
    #expect(date.timeIntervalSince1970 == seconds)
  }

  @Test(
    "timestamps that are not RFC 3339",
    arguments: [
      "", "2026-12-04", "2026-13-04T10:00:00Z", "2026-12-04T10:00:00", "2026-12-04T10:00:00.Z",
      "2026-12-04T10:00:00Zjunk",
    ])
  func badTimestamps(text: String) {
    #expect(KubernetesTime.parse(text) == nil)
  }

  @Test("formats what it parses")
  func formatting() throws {
    for text in ["2026-12-04T10:00:00Z", "1999-01-31T23:05:09Z", "1960-06-15T01:02:03Z"] {
      #expect(KubernetesTime.format(try #require(KubernetesTime.parse(text))) == text)
    }
  }
}

@Suite("ScheduledSparkApplication status")
struct ScheduledStatusTests {
  @Test("reads a schedule's state, run times and past runs")
  func scheduled() throws {
    let text = """
      status:
        scheduleState: Scheduled
        lastRun: "2026-12-04T03:00:00Z"
        nextRun: "2026-12-05T03:00:00Z"
        lastRunName: nightly-1796353200
        pastSuccessfulRunNames: [nightly-1796353200]
        pastFailedRunNames: [nightly-1796266800, nightly-1796180400]
      """
    let status = ScheduledSparkApplicationStatus(object: try SparkStatusTests.object(text))
    #expect(status.state == .scheduled)
    #expect(status.lastRun.map(KubernetesTime.format) == "2026-12-04T03:00:00Z")
    #expect(status.nextRun.map(KubernetesTime.format) == "2026-12-05T03:00:00Z")
    #expect(status.lastRunName == "nightly-1796353200")
    #expect(status.pastSuccessfulRunNames == ["nightly-1796353200"])
    #expect(status.pastFailedRunNames.count == 2)
  }

  @Test("a rejected schedule keeps the operator's reason; an unseen one is new")
  func failedValidation() throws {
    let text =
      "status: {scheduleState: FailedValidation, reason: 'Invalid timezone: unknown time zone Mars/Olympus'}"
    let status = ScheduledSparkApplicationStatus(object: try SparkStatusTests.object(text))
    #expect(status.state == .failedValidation)
    #expect(status.reason == "Invalid timezone: unknown time zone Mars/Olympus")
    #expect(ScheduledSparkApplicationStatus(object: try SparkStatusTests.object("spec: {}")).state == .new)
  }
}
