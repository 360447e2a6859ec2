import FoundationEssentials
import YAML

/// The `status` of a ScheduledSparkApplication (the same fields in both operator generations).
public struct ScheduledSparkApplicationStatus: Sendable, Hashable {
  /// `status.scheduleState`.
  public enum State: Sendable, Hashable {
    /// `""`: the operator has not seen the schedule yet.
    case new
    case validating
    case scheduled
    /// The cron text or the time zone was rejected; `reason` says why.
    case failedValidation
    case unrecognized(String)

    public init(rawValue: String) {
      switch rawValue {
      case "": self = .new
      case "Validating": self = .validating
      case "Scheduled": self = .scheduled
      case "FailedValidation": self = .failedValidation
      default: self = .unrecognized(rawValue)
      }
    }
  }

  public var state: State
  /// Why validation failed, in the operator's words.
  public var reason: String?
  public var lastRun: Date?
  public var nextRun: Date?
  /// The SparkApplication the last run created.
  public var lastRunName: String?
  public var pastSuccessfulRunNames: [String]
  public var pastFailedRunNames: [String]

  public init(
    state: State = .new, reason: String? = nil, lastRun: Date? = nil, nextRun: Date? = nil,
    lastRunName: String? = nil, pastSuccessfulRunNames: [String] = [], pastFailedRunNames: [String] = []
  ) {
    self.state = state
    self.reason = reason
    self.lastRun = lastRun
    self.nextRun = nextRun
    self.lastRunName = lastRunName
    self.pastSuccessfulRunNames = pastSuccessfulRunNames
    self.pastFailedRunNames = pastFailedRunNames
  }

  /// Reads the status of a ScheduledSparkApplication object; without one it is `.new`.
  public init(object: YAMLNode) {
    guard let status = object["status"] else {
      self.init()
      return
    }
    func text(_ node: YAMLNode?) -> String? {
      guard let node, !node.isNull, let scalar = node.scalar, !scalar.text.isEmpty else { return nil }
      return scalar.text
    }
    func names(_ node: YAMLNode?) -> [String] { (node?.sequence ?? []).compactMap(text) }
    self.init(
      state: State(rawValue: text(status["scheduleState"]) ?? ""), reason: text(status["reason"]),
      lastRun: text(status["lastRun"]).flatMap(KubernetesTime.parse),
      nextRun: text(status["nextRun"]).flatMap(KubernetesTime.parse),
      lastRunName: text(status["lastRunName"]),
      pastSuccessfulRunNames: names(status["pastSuccessfulRunNames"]),
      pastFailedRunNames: names(status["pastFailedRunNames"]))
  }
}
