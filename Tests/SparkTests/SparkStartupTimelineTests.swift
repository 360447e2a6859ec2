import FoundationEssentials
import Testing
import YAML

@testable import Spark

@Suite("start-up timeline")
struct SparkStartupTimelineTests {
  /// 2026-12-04T10:00:00Z plus `seconds`.
  static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_796_378_400 + seconds) }

  static let pods = [
    SparkPodObservation(
      name: "pi-driver", role: .driver, phase: "Succeeded", createdAt: at(2), scheduledAt: at(40),
      startedAt: at(70),
      finishedAt: at(300), capacityProvisioned: "1vCPU 2GB"),
    SparkPodObservation(
      name: "pi-exec-1", role: .executor, phase: "Succeeded", createdAt: at(90), scheduledAt: at(125),
      startedAt: at(160), finishedAt: at(290)),
    SparkPodObservation(
      name: "pi-exec-2", role: .executor, phase: "Succeeded", createdAt: at(91), scheduledAt: at(130),
      startedAt: at(170), finishedAt: at(290)),
  ]

  @Test("a finished run: every step with its time and how long it took")
  func finished() {
    let status = SparkApplicationStatus(
      state: .completed, executionAttempts: 1, lastSubmissionAttemptTime: Self.at(0),
      terminationTime: Self.at(300))
    let timeline = SparkStartupTimeline(status: status, pods: Self.pods, now: Self.at(400))
    #expect(timeline.entries.map(\.step) == SparkStartupTimeline.Step.allCases)
    #expect(timeline.entries.map(\.at) == [0, 2, 70, 90, 125, 170, 300].map(Self.at))
    #expect(timeline.entries.map(\.duration) == [2, 68, 20, 35, 45, 130, nil])
    #expect(timeline.entries.map(\.detail) == [nil, nil, nil, "2", nil, "2/2 running", "COMPLETED"])
    #expect(timeline.current == .completed)
  }

  @Test("a run waiting for Fargate capacity: the current step runs until now")
  func waiting() {
    let status = SparkApplicationStatus(state: .submitted, lastSubmissionAttemptTime: Self.at(0))
    let driver = SparkPodObservation(
      name: "pi-driver", role: .driver, phase: "Pending", createdAt: Self.at(2))
    let timeline = SparkStartupTimeline(status: status, pods: [driver], now: Self.at(32))
    #expect(timeline.current == .driverPending)
    #expect(timeline.entries[1].duration == 30)
    #expect(timeline.entries[2...].allSatisfy { $0.at == nil && $0.duration == nil })
  }

  @Test("executors are running only when all requested so far have started")
  func partlyRunning() {
    var pods = Self.pods
    pods[2].startedAt = nil
    let status = SparkApplicationStatus(state: .running, lastSubmissionAttemptTime: Self.at(0))
    let timeline = SparkStartupTimeline(status: status, pods: pods, now: Self.at(200))
    let running = timeline.entries.first { $0.step == .executorsRunning }
    #expect(running?.at == nil)
    #expect(running?.detail == "1/2 running")
    #expect(timeline.current == .executorsPending)
  }

  @Test("a failed run that will be retried has not completed; the last failure has")
  func failures() {
    let policy = SparkRestartPolicy(.onFailure, onFailureRetries: 1)
    let first = SparkApplicationStatus(
      state: .failed, executionAttempts: 1, lastSubmissionAttemptTime: Self.at(0),
      terminationTime: Self.at(50))
    #expect(
      SparkStartupTimeline(status: first, pods: [], restartPolicy: policy, now: Self.at(60)).current
        == .submitted)
    var last = first
    last.executionAttempts = 2
    let timeline = SparkStartupTimeline(status: last, pods: [], restartPolicy: policy, now: Self.at(60))
    #expect(timeline.current == .completed)
    #expect(timeline.entries.last?.detail == "FAILED")
    #expect(timeline.entries.last?.at == Self.at(50))
  }

  @Test("a new application falls back to its creation time only once the operator has seen it")
  func creationFallback() {
    let unseen = SparkStartupTimeline(
      status: SparkApplicationStatus(), pods: [], createdAt: Self.at(0), now: Self.at(5))
    #expect(unseen.current == nil)
    let submitted = SparkStartupTimeline(
      status: SparkApplicationStatus(state: .submitted), pods: [], createdAt: Self.at(0), now: Self.at(5))
    #expect(submitted.entries.first?.at == Self.at(0))
  }

  @Test("newly reached steps, for one line per transition")
  func transitions() {
    let status = SparkApplicationStatus(state: .running, lastSubmissionAttemptTime: Self.at(0))
    let before = SparkStartupTimeline(status: status, pods: [], now: Self.at(1))
    let after = SparkStartupTimeline(status: status, pods: Array(Self.pods.prefix(1)), now: Self.at(80))
    #expect(after.newlyReached(since: before).map(\.step) == [.driverPending, .driverRunning])
    #expect(after.newlyReached(since: nil).map(\.step) == [.submitted, .driverPending, .driverRunning])
    #expect(after.newlyReached(since: after).isEmpty)
  }

  @Test("reads a driver pod: role, scheduling, container times and Fargate's annotation")
  func podObservation() throws {
    let text = """
      metadata:
        name: pi-driver
        creationTimestamp: "2026-12-04T10:00:02Z"
        labels: {spark-role: driver, spark-app-selector: spark-3f9a}
        annotations: {CapacityProvisioned: 1vCPU 2GB}
      status:
        phase: Succeeded
        conditions:
        - {type: Initialized, status: "True", lastTransitionTime: "2026-12-04T10:00:41Z"}
        - {type: PodScheduled, status: "True", lastTransitionTime: "2026-12-04T10:00:40Z"}
        containerStatuses:
        - name: spark-kubernetes-driver
          state:
            terminated: {exitCode: 0, startedAt: "2026-12-04T10:01:10Z", finishedAt: "2026-12-04T10:05:00Z"}
      """
    let node = try #require(try YAMLParser.parse(text, file: "pod.yaml").first)
    let pod = try #require(SparkPodObservation(pod: node))
    #expect(pod == Self.pods[0])
    #expect(
      SparkPodObservation(pod: try #require(try YAMLParser.parse("metadata: {name: x}", file: "p").first))
        == nil)
  }
}
