import FoundationEssentials
import YAML

/// The `status` of a SparkApplication as either operator generation writes it. Both write
/// the same state names (`""` before the operator has seen the object); 2.x, which can
/// suspend an application, adds `SUSPENDING`, `SUSPENDED` and `RESUMING`. An unset time may
/// come as null, as an empty string or not at all; each reads as unset.
public struct SparkApplicationStatus: Sendable, Hashable {
  public var state: SparkApplicationState
  /// `applicationState.errorMessage`: the operator's words about a failure.
  public var errorMessage: String?
  public var driverPodName: String?
  public var webUIAddress: String?
  public var sparkApplicationId: String?
  /// Executor pod name → its state, in the order the status lists them.
  public var executorStates: [SparkExecutorStatus]
  public var submissionAttempts: Int
  public var executionAttempts: Int
  public var lastSubmissionAttemptTime: Date?
  public var terminationTime: Date?

  public init(
    state: SparkApplicationState = .new, errorMessage: String? = nil, driverPodName: String? = nil,
    webUIAddress: String? = nil, sparkApplicationId: String? = nil,
    executorStates: [SparkExecutorStatus] = [], submissionAttempts: Int = 0,
    executionAttempts: Int = 0, lastSubmissionAttemptTime: Date? = nil, terminationTime: Date? = nil
  ) {
    self.state = state
    self.errorMessage = errorMessage
    self.driverPodName = driverPodName
    self.webUIAddress = webUIAddress
    self.sparkApplicationId = sparkApplicationId
    self.executorStates = executorStates
    self.submissionAttempts = submissionAttempts
    self.executionAttempts = executionAttempts
    self.lastSubmissionAttemptTime = lastSubmissionAttemptTime
    self.terminationTime = terminationTime
  }

  /// Reads the status of a SparkApplication object (or a bare `status` mapping). An object
  /// without a status is `.new`: the operator has not seen it yet.
  public init(object: YAMLNode) {
    let status = object["status"] ?? (object["applicationState"] != nil ? object : nil)
    guard let status else {
      self.init()
      return
    }
    func text(_ node: YAMLNode?) -> String? {
      guard let scalar = node?.scalar, node?.isNull == false, !scalar.text.isEmpty else { return nil }
      return scalar.text
    }
    func integer(_ node: YAMLNode?) -> Int { text(node).flatMap { Int($0) } ?? 0 }
    func time(_ node: YAMLNode?) -> Date? { text(node).flatMap(KubernetesTime.parse) }
    let appState = status["applicationState"]
    let driver = status["driverInfo"]
    self.init(
      state: SparkApplicationState(rawValue: appState?["state"]?.scalar?.text ?? ""),
      errorMessage: text(appState?["errorMessage"]), driverPodName: text(driver?["podName"]),
      webUIAddress: text(driver?["webUIAddress"]), sparkApplicationId: text(status["sparkApplicationId"]),
      executorStates: (status["executorState"]?.mapping ?? []).compactMap { pair in
        guard let pod = pair.key.scalar?.text else { return nil }
        return SparkExecutorStatus(
          pod: pod, state: SparkExecutorState(rawValue: pair.value.scalar?.text ?? ""))
      },
      submissionAttempts: integer(status["submissionAttempts"]),
      executionAttempts: integer(status["executionAttempts"]),
      lastSubmissionAttemptTime: time(status["lastSubmissionAttemptTime"]),
      terminationTime: time(status["terminationTime"]))
  }
}

/// `status.applicationState.state`, as both operator generations spell it.
public enum SparkApplicationState: Sendable, Hashable {
  /// `""`: created, not yet seen by the operator.
  case new
  case submitted
  case running
  case completed
  case failed
  case submissionFailed
  case pendingRerun
  case invalidating
  case succeeding
  case failing
  case unknown
  /// Operator 2.x only.
  case suspending
  /// Operator 2.x only.
  case suspended
  /// Operator 2.x only: a suspended application being started again.
  case resuming
  /// A state this version of eks-spark does not know (a newer operator).
  case unrecognized(String)

  private static let names: [(SparkApplicationState, String)] = [
    (.new, ""), (.submitted, "SUBMITTED"), (.running, "RUNNING"), (.completed, "COMPLETED"),
    (.failed, "FAILED"),
    (.submissionFailed, "SUBMISSION_FAILED"), (.pendingRerun, "PENDING_RERUN"),
    (.invalidating, "INVALIDATING"),
    (.succeeding, "SUCCEEDING"), (.failing, "FAILING"), (.unknown, "UNKNOWN"), (.suspending, "SUSPENDING"),
    (.suspended, "SUSPENDED"), (.resuming, "RESUMING"),
  ]

  public init(rawValue: String) {
    self = Self.names.first { $0.1 == rawValue }?.0 ?? .unrecognized(rawValue)
  }

  /// The operator's spelling (`""` for `.new`).
  public var rawValue: String {
    if case .unrecognized(let text) = self { return text }
    return Self.names.first { $0.0 == self }?.1 ?? ""
  }
}

/// One entry of `status.executorState`.
public struct SparkExecutorStatus: Sendable, Hashable {
  public var pod: String
  public var state: SparkExecutorState

  public init(pod: String, state: SparkExecutorState) {
    self.pod = pod
    self.state = state
  }
}

/// `status.executorState[pod]`.
public enum SparkExecutorState: Sendable, Hashable {
  case pending
  case running
  case completed
  case failed
  case unknown
  case unrecognized(String)

  public init(rawValue: String) {
    switch rawValue {
    case "PENDING": self = .pending
    case "RUNNING": self = .running
    case "COMPLETED": self = .completed
    case "FAILED": self = .failed
    case "UNKNOWN": self = .unknown
    default: self = .unrecognized(rawValue)
    }
  }
}
