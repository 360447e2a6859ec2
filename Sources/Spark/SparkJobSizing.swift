/// The Fargate sizes of a job's pods and what the job costs per hour at its widest: the
/// driver and the most executors it can run at once.
public struct SparkJobSizing: Sendable, Equatable {
  public var driver: SparkPodSizing
  public var executor: SparkPodSizing
  /// `maxExecutors` with dynamic allocation, else `instances`.
  public var maximumExecutors: Int

  public init(job: SparkJobSpec) throws(SparkError) {
    driver = try SparkPodSizing(pod: job.driver, type: job.type)
    executor = try SparkPodSizing(pod: job.executor, type: job.type)
    maximumExecutors = job.maximumExecutors
  }

  /// USD per hour with the driver and `maximumExecutors` executors running.
  public func hourlyCost(at price: FargatePrice) -> Double {
    price.hourlyCost(driver.size, ephemeralStorageGiB: driver.ephemeralStorageGiB)
      + Double(maximumExecutors)
      * price.hourlyCost(executor.size, ephemeralStorageGiB: executor.ephemeralStorageGiB)
  }
}
