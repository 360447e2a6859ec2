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
    _ = try await eks.describeCluster(name: cluster)
    var singles: [Double] = []
    for _ in 0..<10 {
      let start = clock.now
      _ = try await eks.describeCluster(name: cluster)
      singles.append(milliseconds(clock.now - start))
    }
    let start = clock.now
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<count { group.addTask { _ = try await eks.describeCluster(name: cluster) } }
      try await group.waitForAll()
    }
    let burst = milliseconds(clock.now - start)
    let slowest = singles.max() ?? 0
    let median = singles.sorted()[singles.count / 2]
    print(
      #"{"count": \#(count), "single_median_ms": \#(median), "slowest_single_ms": \#(slowest), "burst_ms": \#(burst), "ratio": \#(burst / slowest)}"#
    )
  }
}
