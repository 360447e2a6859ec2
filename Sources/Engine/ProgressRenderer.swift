/// Turns progress events into the lines Terraform users know (`aws.eks.cluster.main:
/// Creating...`, `Still creating... [1m10s elapsed]`, `Creation complete after 9m12s`),
/// one line per event worth telling, "still" lines at most every `stillInterval` per step.
public struct ProgressRenderer: Sendable {
  public var style: TextStyle
  /// The least time between two "Still creating..." lines for one step.
  public var stillInterval: Duration
  /// Whether expected waits show the API's words too (`--debug`).
  public var verbose: Bool
  private var actions: [Address: ChangeAction] = [:]
  private var lastStill: [Address: Duration] = [:]

  public init(style: TextStyle = .plain, stillInterval: Duration = .seconds(10), verbose: Bool = false) {
    self.style = style
    self.stillInterval = stillInterval
    self.verbose = verbose
  }

  /// The line for `event`, or `nil` when it is not worth a line (a poll soon after the last).
  public mutating func line(for event: ProgressEvent) -> String? {
    let address = style.bold("\(event.address):")
    switch event {
    case .started(let target, let action):
      actions[target] = action
      return "\(address) \(verbs(action).progressive)..."
    case .waiting(let target, let state, let elapsed):
      if let last = lastStill[target], elapsed - last < stillInterval { return nil }
      guard elapsed >= stillInterval else { return nil }
      lastStill[target] = elapsed
      let verb = verbs(actions[target] ?? .create).progressive.lowercased()
      return "\(address) Still \(verb)... [\(elapsed.elapsedText) elapsed] (\(state))"
    case .retrying(_, let attempt, let delay, let reason):
      return "\(address) \(style.yellow("Retrying")) in \(delay.elapsedText) (attempt \(attempt)): \(reason)"
    case .awaiting(_, let what, let attempt, let delay, let reason):
      // Said once; later attempts only with --debug, where each carries the API's words.
      guard verbose || attempt == 1 else { return nil }
      let detail = verbose ? " (attempt \(attempt), next in \(delay.elapsedText)): \(reason)" : "..."
      return "\(address) Waiting for \(what)\(detail)"
    case .finished(_, let action, let elapsed):
      return "\(address) \(verbs(action).noun) complete after \(elapsed.elapsedText)"
    case .failed(let target, let message, let elapsed):
      let noun = verbs(actions[target] ?? .create).noun
      return "\(address) \(style.red("\(noun) failed")) after \(elapsed.elapsedText): \(message)"
    case .skipped(_, let dependency):
      return "\(address) \(style.yellow("Skipped")) (\(dependency) failed)"
    }
  }

  private func verbs(_ action: ChangeAction) -> (progressive: String, noun: String) {
    switch action {
    case .create: ("Creating", "Creation")
    case .update: ("Modifying", "Modifications")
    case .replace: ("Replacing", "Replacement")
    case .delete: ("Destroying", "Destruction")
    case .noop: ("Reading", "Read")
    }
  }
}
