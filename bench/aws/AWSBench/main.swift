// aws-bench: timing helpers for `make bench` that need the AWS module in-process.
//
//   aws-bench describe-burst <cluster> <count>
//
// Times DescribeCluster calls one at a time (after one warm-up call), then <count> at
// once on one client, and prints one JSON line. It reads the sandbox from the usual AWS
// variables.
import AWS
import FoundationEssentials

@main
struct AWSBench {
  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }

  static func main() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count == 4, arguments[1] == "describe-burst", let count = Int(arguments[3]) else {
      print("usage: aws-bench describe-burst <cluster> <count>")
      return
    }
    let cluster = arguments[2]
    let eks = try EKSClient(configuration: AWSConfiguration(environment: ProcessInfo.processInfo.environment))
    let clock = ContinuousClock()
    // The cluster to describe: made here on first use, then left for the next runs.
    do {
      _ = try await eks.describeCluster(name: cluster)
    } catch let error as AWSError where error.isNotFound {
      _ = try await eks.createCluster(
        EKSCreateClusterRequest(
          name: cluster, roleArn: "arn:aws:iam::123456789012:role/eks", resourcesVpcConfig: .init(subnetIds: [])))
    }
    var singles: [Double] = []
    for _ in 0..<10 {
      let start = clock.now
      _ = try await eks.describeCluster(name: cluster)
      singles.append(milliseconds(clock.now - start))
    }
    func burst() async throws -> Double {
      let start = clock.now
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<count { group.addTask { _ = try await eks.describeCluster(name: cluster) } }
        try await group.waitForAll()
      }
      return milliseconds(clock.now - start)
    }
    // The first burst also opens the connections; the second runs on warm keep-alive
    // connections, as the single calls did.
    let cold = try await burst()
    let burst = try await burst()
    let slowest = singles.max() ?? 0
    let median = singles.sorted()[singles.count / 2]
    print(
      #"{"count": \#(count), "single_median_ms": \#(median), "slowest_single_ms": \#(slowest), "cold_burst_ms": \#(cold), "burst_ms": \#(burst), "ratio": \#(burst / slowest)}"#
    )
  }
}
