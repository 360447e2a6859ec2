import Foundation
import Jobs
import Kubernetes
import Testing

@testable import EKSSpark

/// The job verbs' outcomes and data without a cluster: their exit statuses, and their JSON
/// (the same values the sandbox suite reads from the binary).
@Suite("job outcomes and output")
struct JobOutputTests {
  @Test(
    "a failed run exits 4, a wait that timed out 5, anything else of the jobs service 1",
    arguments: [
      (JobsError.Code.jobFailed, EKSSpark.ExitStatus.jobFailed), (.timedOut, .jobTimedOut),
      (.stuck, .failure),
      (.operatorMissing, .failure), (.imageMissing, .failure), (.runNotFound, .failure),
    ])
  func statuses(code: JobsError.Code, status: EKSSpark.ExitStatus) {
    let error = JobsError(
      code, "run pi-0000abcd FAILED: driver container failed", details: ["driver log:", "  boom"])
    let outcome = FailureReporter.outcome(of: error)
    #expect(outcome.status == status)
    #expect(outcome.diagnostics.first?.message == "run pi-0000abcd FAILED: driver container failed")
    #expect(outcome.diagnostics.last?.message == "driver log:\n  boom")
  }

  static func run() throws -> JobRun {
    let application = try KubernetesObject.parse(
      """
      {"apiVersion":"sparkoperator.k8s.io/v1beta2","kind":"SparkApplication",
       "metadata":{"name":"pi-0000abcd","namespace":"spark","creationTimestamp":"2026-12-04T10:00:00Z",
         "labels":{"eks-spark.io/job":"pi"}},
       "spec":{"type":"Python","restartPolicy":{"type":"Never"}},
       "status":{"applicationState":{"state":"COMPLETED"},"lastSubmissionAttemptTime":"2026-12-04T10:00:01Z",
         "terminationTime":"2026-12-04T10:01:30Z","driverInfo":{"podName":"pi-0000abcd-driver"}}}
      """)
    let driver = try KubernetesObject.parse(
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pi-0000abcd-driver","namespace":"spark",
        "creationTimestamp":"2026-12-04T10:00:02Z","labels":{"spark-role":"driver"},
        "annotations":{"CapacityProvisioned":"1vCPU 2GB"}},
       "status":{"phase":"Succeeded","conditions":[{"type":"PodScheduled","status":"True","lastTransitionTime":"2026-12-04T10:00:05Z"}],
         "containerStatuses":[{"state":{"terminated":{"startedAt":"2026-12-04T10:00:20Z","finishedAt":"2026-12-04T10:01:29Z"}}}]}}
      """)
    return JobRun(application: application, pods: [driver])
  }

  @Test(
    "a run's report: state, duration, the timeline and the cost at a priced region, as JSON and as a table")
  func report() throws {
    let now = Date(timeIntervalSince1970: 1_796_378_400 + 600)
    let report = JobRunReport(try Self.run(), region: "us-east-1", now: now)
    #expect(report.state == "COMPLETED" && report.terminal && report.outcome == "succeeded")
    #expect(report.durationSeconds == 90)
    #expect(report.timeline.map(\.step).first == "submitted")
    // 1 vCPU 2 GB from the schedule (10:00:05) to the end (10:01:29): 84 s billed.
    let expected = (0.04048 + 2 * 0.004445) * 84 / 3600
    #expect(abs((report.costUSD ?? 0) - expected) < 0.0001)
    #expect(report.costFinal == true)
    let json = try DataOutput.render(report, as: .json) { "" }
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["run"] as? String == "pi-0000abcd")
    #expect(object?["job"] as? String == "pi")
    let table = JobRunTable.list([report])
    #expect(table.split(separator: "\n").last?.contains("pi-0000abcd  pi   spark      COMPLETED") == true)
    #expect(JobRunTable.status(report).contains("duration:   1m30s"))
    #expect(JobRunTable.cost(report) == "$0.0012")
  }

  @Test("a run priced nowhere shows no cost rather than a guess")
  func unpriced() throws {
    let report = JobRunReport(try Self.run(), region: "eu-west-1", now: Date())
    #expect(report.costUSD == nil)
    #expect(JobRunTable.cost(report) == "-")
  }
}
