import FoundationEssentials
import Testing

@testable import Spark

@Suite("job sizing, run cost and run names")
struct SparkJobCostTests {
  @Test("a job's hourly cost counts the driver and its most executors")
  func jobHourly() throws {
    let price = try #require(FargatePrice.of(region: "us-east-1"))
    let sizing = try SparkJobSizing(job: SampleJobs.weather)
    #expect(sizing.maximumExecutors == 4)
    #expect(sizing.driver.size.description == "1vCPU 2GB")
    #expect(sizing.executor.size.description == "2vCPU 6GB")
    let expected = (1 * 0.04048 + 2 * 0.004445) + 4 * (2 * 0.04048 + 6 * 0.004445)
    #expect(abs(sizing.hourlyCost(at: price) - expected) < 1e-12)
  }

  @Test("a job whose executors fit no Fargate pod cannot be sized")
  func jobTooLarge() {
    var job = SampleJobs.pi
    job.executor.memory = "128g"
    #expect(throws: SparkError.self) { try SparkJobSizing(job: job) }
  }

  @Test("a run's cost: finished pods priced, running ones listed")
  func runCost() throws {
    let price = try #require(FargatePrice.of(region: "us-east-1"))
    let start = SparkStartupTimelineTests.at(0)
    let pods = [
      SparkPodObservation(
        name: "pi-driver", role: .driver, phase: "Succeeded", scheduledAt: start,
        finishedAt: start.addingTimeInterval(1800), capacityProvisioned: "1vCPU 2GB"),
      SparkPodObservation(
        name: "pi-exec-1", role: .executor, phase: "Succeeded",
        imagePullStartedAt: start.addingTimeInterval(60),
        finishedAt: start.addingTimeInterval(90), capacityProvisioned: "0.25vCPU 0.5GB"),
      SparkPodObservation(
        name: "pi-exec-2", role: .executor, phase: "Running", capacityProvisioned: "0.25vCPU 0.5GB"),
    ]
    let cost = try SparkRunCost(pods: pods, price: price, ephemeralStorageGiB: [.driver: 50])
    let driver = (0.04048 + 2 * 0.004445 + 30 * 0.000111) / 2
    let executor = (0.25 * 0.04048 + 0.5 * 0.004445) / 60
    #expect(abs(cost.total - (driver + executor)) < 1e-12)
    #expect(cost.pods["pi-exec-1"]?.billedSeconds == 60)
    #expect(cost.unfinished == ["pi-exec-2"])
    #expect(!cost.isFinal)
  }

  @Test("run names are the job and eight hex digits")
  func runNames() throws {
    var generator = FixedGenerator(value: 0xABCD)
    let suffix = SparkRunName.randomSuffix(using: &generator)
    #expect(suffix == "0000abcd")
    #expect(try SparkRunName.make(job: "pi", suffix: suffix) == "pi-0000abcd")
    let longest = String(repeating: "a", count: SparkRunName.maximumJobNameLength)
    #expect(try SparkRunName.make(job: longest, suffix: suffix).count + "-driver".count == 63)
    #expect(throws: SparkError.self) { try SparkRunName.make(job: longest + "a", suffix: suffix) }
  }
}

/// Always the same number, so a run name is known in advance.
struct FixedGenerator: RandomNumberGenerator {
  var value: UInt64
  mutating func next() -> UInt64 { value }
}
