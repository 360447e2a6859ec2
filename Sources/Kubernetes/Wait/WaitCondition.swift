/// What a wait wants of one object: a test of its latest state that says whether it is
/// there yet, still on its way (and how things stand, for the timeout message), or has
/// failed for good.
public struct WaitCondition: Sendable {
  public enum Verdict: Sendable, Hashable {
    case satisfied
    /// Not yet; the text describes the state seen (`1 of 2 replicas available`).
    case pending(String)
    /// It will not happen (a Job failed, a rollout exceeded its deadline).
    case failed(String)
  }

  /// What is awaited, in words (`available`, `Established`).
  public var description: String
  /// Judges the object's latest state; nil means it does not exist (now).
  public var evaluate: @Sendable (KubernetesObject?) -> Verdict

  public init(_ description: String, evaluate: @escaping @Sendable (KubernetesObject?) -> Verdict) {
    self.description = description
    self.evaluate = evaluate
  }

  /// A Deployment rolled out and available: the controller saw the latest generation, every
  /// replica runs the latest template and is available. A rollout past its progress
  /// deadline fails the wait.
  public static let deploymentAvailable = WaitCondition("available") { object in
    guard let object else { return .pending("it does not exist") }
    let tree = object.tree
    let desired = tree.integer(at: ["spec", "replicas"]) ?? 1
    let updated = tree.integer(at: ["status", "updatedReplicas"]) ?? 0
    let available = tree.integer(at: ["status", "availableReplicas"]) ?? 0
    let total = tree.integer(at: ["status", "replicas"]) ?? 0
    if let progressing = object.condition("Progressing"), progressing.reason == "ProgressDeadlineExceeded" {
      return .failed("its rollout exceeded the progress deadline: \(progressing.message ?? "no message")")
    }
    let observed = tree.integer(at: ["status", "observedGeneration"]) ?? 0
    if observed < (object.metadata.generation ?? 0) {
      return .pending("the controller has not seen generation \(object.metadata.generation ?? 0) yet")
    }
    let state =
      "\(available) of \(desired) replicas available, \(updated) updated"
      + (object.condition("Available").map { ", \($0)" } ?? "")
    guard updated >= desired, available >= desired, total <= updated else { return .pending(state) }
    if let condition = object.condition("Available"), !condition.isTrue { return .pending(state) }
    return .satisfied
  }

  /// A CustomResourceDefinition accepted and serving (`Established=True`); rejected names
  /// (`NamesAccepted=False`) fail the wait.
  public static let crdEstablished = WaitCondition("Established") { object in
    guard let object else { return .pending("it does not exist") }
    if let names = object.condition("NamesAccepted"), names.status == "False" {
      return .failed("its names were not accepted: \(names.message ?? names.reason ?? "no reason")")
    }
    guard let established = object.condition("Established") else {
      return .pending("no Established condition yet")
    }
    return established.isTrue ? .satisfied : .pending("\(established)")
  }

  /// A Job finished successfully (`Complete=True`); `Failed=True` fails the wait.
  public static let jobComplete = WaitCondition("complete") { object in
    guard let object else { return .pending("it does not exist") }
    if let failed = object.condition("Failed"), failed.isTrue {
      return .failed("the job failed: \(failed.reason ?? "")\(failed.message.map { " \($0)" } ?? "")")
    }
    if object.condition("Complete")?.isTrue == true { return .satisfied }
    let tree = object.tree
    return .pending(
      "\(tree.integer(at: ["status", "active"]) ?? 0) active, \(tree.integer(at: ["status", "succeeded"]) ?? 0) succeeded, "
        + "\(tree.integer(at: ["status", "failed"]) ?? 0) failed")
  }

  /// A Job that ended either way (`Complete` or `Failed`); the caller reads which.
  public static let jobFinished = WaitCondition("finished") { object in
    guard let object else { return .pending("it does not exist") }
    if object.condition("Complete")?.isTrue == true || object.condition("Failed")?.isTrue == true {
      return .satisfied
    }
    return .pending("neither Complete nor Failed yet")
  }

  /// A pod in one of the phases (`Running`, `Succeeded`...). A pod that reached a terminal
  /// phase not asked for fails the wait.
  public static func podPhase(_ phases: Set<String>) -> WaitCondition {
    let wanted = phases.sorted().joined(separator: " or ")
    return WaitCondition("in phase \(wanted)") { object in
      guard let object else { return .pending("it does not exist") }
      let phase = object.tree.text(at: ["status", "phase"]) ?? "Pending"
      if phases.contains(phase) { return .satisfied }
      if phase == "Succeeded" || phase == "Failed" { return .failed("it ended in phase \(phase)") }
      let reason =
        object.tree.text(at: ["status", "reason"])
        ?? object.condition("PodScheduled").flatMap {
          $0.isTrue ? nil : $0.reason
        }
      return .pending("phase \(phase)" + (reason.map { " (\($0))" } ?? ""))
    }
  }

  /// The object is gone (deletion, including finalizers, finished).
  public static let deleted = WaitCondition("deleted") { object in
    guard let object else { return .satisfied }
    return .pending(object.metadata.deletionTimestamp == nil ? "it exists" : "it is being deleted")
  }
}
