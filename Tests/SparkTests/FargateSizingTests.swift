import FoundationEssentials
import Testing

@testable import Spark

@Suite("Fargate sizing and cost")
struct FargateSizingTests {
  static let overheadCases: [(SparkApplicationType, Double, Double?, Double)] = [
    (.scala, 1024, nil, 384), (.java, 8192, nil, 819.2), (.python, 1024, nil, 409.6), (.r, 512, nil, 384),
    (.python, 8192, 0.1, 819.2), (.scala, 8192, 0.25, 2048),
  ]

  static let sizeCases: [(Int, Double, String)] = [
    (250, 512, "0.25vCPU 0.5GB"), (250, 2048, "0.25vCPU 2GB"), (250, 2049, "0.5vCPU 3GB"),
    (500, 600, "0.5vCPU 1GB"),
    (1000, 1152, "1vCPU 2GB"),
    // AWS's own example: 1 vCPU and 8 GB plus Fargate's 256 MB is 2 vCPU with 9 GB.
    (1000, 8448, "2vCPU 9GB"), (4000, 30 * 1024 + 1, "8vCPU 32GB"), (8000, 61 * 1024, "16vCPU 64GB"),
    (16000, 120 * 1024, "16vCPU 120GB"), (1500, 1024, "2vCPU 4GB"),
  ]

  @Test(
    "Spark memory sizes",
    arguments: [
      ("512m", 512.0), ("2g", 2048.0), ("1024k", 1.0), ("2G", 2048.0), ("1gb", 1024.0), ("1024", 1024.0),
      (" 1t ", 1_048_576),
    ])
  func sparkMemory(text: String, mebibytes: Double) throws {
    #expect(try SparkQuantities.memoryMiB(text).get() == mebibytes)
  }

  @Test("Spark rejects Kubernetes suffixes and fractions")
  func sparkMemoryRejects() {
    #expect(SparkQuantities.memoryMiB("1Gi") == .failure(.suffix("gi")))
    #expect(SparkQuantities.memoryMiB("1.5g") == .failure(.fraction))
    #expect(SparkQuantities.memoryMiB("lots") == .failure(.shape))
  }

  @Test("CPU quantities", arguments: [("500m", 500), ("1", 1000), ("0.5", 500), ("1.25", 1250)])
  func cpu(text: String, millicores: Int) {
    #expect(SparkQuantities.cpuMillicores(text) == millicores)
  }

  @Test("CPU quantities Kubernetes rejects", arguments: ["", "0", "m", ".", "1.2.3", "-1", "0.0001"])
  func badCPU(text: String) {
    #expect(SparkQuantities.cpuMillicores(text) == nil)
  }

  @Test(
    "Spark's overhead rule: 10% for the JVM, 40% for Python and R, at least 384 MiB",
    arguments: Self.overheadCases)
  func overhead(type: SparkApplicationType, memory: Double, factor: Double?, expected: Double) {
    let overhead = SparkQuantities.defaultOverheadMiB(memoryMiB: memory, type: type, factor: factor)
    #expect(abs(overhead - expected) < 0.0001)
  }

  @Test(
    "the smallest Fargate combination that fits",
    arguments: Self.sizeCases)
  func smallest(millicores: Int, memoryMiB: Double, size: String) throws {
    #expect(try FargatePodSize.smallest(millicores: millicores, memoryMiB: memoryMiB).description == size)
  }

  @Test(
    "nothing fits above 16 vCPU or 120 GiB",
    arguments: [(16001, 1024.0), (16000, 122_881.0)] as [(Int, Double)])
  func tooLarge(millicores: Int, memoryMiB: Double) {
    #expect(throws: SparkError.self) {
      try FargatePodSize.smallest(millicores: millicores, memoryMiB: memoryMiB)
    }
    do {
      _ = try FargatePodSize.smallest(millicores: 17000, memoryMiB: 1024)
    } catch {
      #expect(error.code == .noFargateSize)
      #expect(error.message == "no Fargate pod has 17 vCPU and 1 GiB: the largest is 16 vCPU with 120 GiB")
      #expect(error.remedy == "use smaller executors and more of them")
    }
  }

  @Test("the table matches AWS's: 0.25 vCPU has 3 sizes, 8 and 16 vCPU step by 4 and 8 GB")
  func table() {
    #expect(FargateLimits.tiers.map(\.vCPU) == [0.25, 0.5, 1, 2, 4, 8, 16])
    #expect(FargateLimits.tiers.map(\.memoryGiB.count) == [3, 4, 7, 13, 23, 12, 12])
    #expect(FargateLimits.tiers.last?.memoryGiB.last == Double(FargateLimits.maximumMemoryGiB))
  }

  @Test("a pod's request: memory, overhead and Fargate's 256 MiB")
  func podSizing() throws {
    let driver = try SparkPodSizing(pod: SampleJobs.weather.driver, type: .python)
    #expect(abs(driver.requestMiB - (1024 + 409.6 + 256)) < 0.0001)
    #expect(driver.size == FargatePodSize(vCPU: 1, memoryGiB: 2))
    let executor = try SparkPodSizing(pod: SampleJobs.weather.executor, type: .python)
    #expect(executor.overheadMiB == 1024)
    #expect(executor.size.description == "2vCPU 6GB")
    let small = try SparkPodSizing(
      pod: SparkPodSpec(cores: 1, coreRequest: "250m", memory: "512m"), type: .scala)
    #expect(small.millicores == 250)
    #expect(small.size.description == "0.25vCPU 2GB")
    #expect(small.ephemeralStorageGiB == 20)
  }

  @Test("a pod Spark or Kubernetes would reject cannot be sized")
  func badPods() {
    for pod in [
      SparkPodSpec(cores: 1, memory: "2Gi"), SparkPodSpec(cores: 1, memory: "1g", memoryOverhead: "1.5g"),
      SparkPodSpec(cores: 1, coreRequest: "lots", memory: "1g"),
    ] {
      #expect(throws: SparkError.self) { try SparkPodSizing(pod: pod, type: .scala) }
    }
  }

  @Test(
    "Fargate's CapacityProvisioned annotation", arguments: ["0.25vCPU 0.5GB", "2vCPU 4GB", "16vCPU 120GB"])
  func capacity(text: String) throws {
    #expect(try FargatePodSize(capacityProvisioned: text).description == text)
  }

  @Test(
    "annotations that are not Fargate's", arguments: ["", "2 vCPU", "0.25vCPU", "1vCPU 2GiB", "0vCPU 1GB"])
  func badCapacity(text: String) {
    #expect(throws: SparkError.self) { try FargatePodSize(capacityProvisioned: text) }
  }

  @Test("hourly cost at us-east-1's price, storage above 20 GiB included")
  func hourly() throws {
    let price = try #require(FargatePrice.of(region: "us-east-1"))
    let size = FargatePodSize(vCPU: 1, memoryGiB: 2)
    #expect(abs(price.hourlyCost(size) - 0.04937) < 1e-9)
    #expect(abs(price.hourlyCost(size, ephemeralStorageGiB: 50) - (0.04937 + 30 * 0.000111)) < 1e-9)
    #expect(FargatePrice.of(region: "xx-nowhere-1") == nil)
  }

  @Test(
    "billed time: whole seconds, at least a minute",
    arguments: [(30.0, 60), (60, 60), (90.2, 91), (3600, 3600)])
  func billed(seconds: Double, billed: Int) {
    let start = Date(timeIntervalSince1970: 1000)
    #expect(FargatePodUsage.billedSeconds(from: start, to: start.addingTimeInterval(seconds)) == billed)
  }

  @Test("the actual cost of a finished pod, from image pull to termination")
  func actualCost() throws {
    let price = try #require(FargatePrice.of(region: "us-east-1"))
    let start = SparkStartupTimelineTests.at(0)
    var pod = SparkPodObservation(
      name: "pi-exec-1", role: .executor, phase: "Succeeded", scheduledAt: start.addingTimeInterval(-5),
      imagePullStartedAt: start, startedAt: start.addingTimeInterval(20),
      finishedAt: start.addingTimeInterval(3600),
      capacityProvisioned: "0.25vCPU 0.5GB")
    let usage = try #require(try FargatePodUsage(pod: pod))
    #expect(usage.billedSeconds == 3600)
    #expect(abs(price.cost(of: usage) - (0.25 * 0.04048 + 0.5 * 0.004445)) < 1e-12)
    pod.capacityProvisioned = nil
    #expect(try FargatePodUsage(pod: pod) == nil)
    pod.capacityProvisioned = "a lot"
    #expect(throws: SparkError.self) { try FargatePodUsage(pod: pod) }
  }
}
