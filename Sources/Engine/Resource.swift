/// One thing eks-spark manages: an AWS resource (VPC, IAM role, EKS cluster, Fargate
/// profile, bucket) or a Kubernetes one (namespace, Helm release, SparkApplication).
///
/// Why a protocol used as `any Resource` rather than a hand-written type-erased wrapper or
/// a struct of closures: each concrete resource is a small struct that captures its own
/// clients (the Engine never sees AWS or Kubernetes types), the existential is Swift's own
/// type erasure so no wrapper has to forward every requirement, and protocol extensions
/// give sensible defaults (no dependencies, no constraint group, the generic structural
/// diff, no retries) so a simple resource implements only `address`, `desired`, `read`,
/// `apply` and `delete`.
///
/// A resource whose `desired` is `nil` should not exist: that is how orphans (owned live
/// resources with no counterpart in the stack file) and `destroy` are expressed.
public protocol Resource: Sendable {
  /// The resource's stable address in the graph.
  var address: Address { get }
  /// The addresses this resource needs to exist (and whose outputs it may read) first.
  var dependencies: [Address] { get }
  /// A group whose members may not be created or deleted at the same time.
  var constraintGroup: ConstraintGroup? { get }
  /// How a replacement is carried out.
  var replacementStrategy: ReplacementStrategy { get }
  /// Top-level attributes that cannot change in place: a change to one forces replacement.
  var immutableFields: Set<String> { get }
  /// Time budgets for the waiters of create, update and delete.
  var timeouts: OperationTimeouts { get }
  /// How many times an error the resource calls retryable is retried per operation.
  var maxRetries: Int { get }

  /// The attributes the stack file asks for, given the outputs of the dependencies
  /// (`.unknown` where not known yet); `nil` when the resource should not exist.
  func desired(_ inputs: Inputs) -> Attributes?
  /// The live state, or `nil` when the resource does not exist.
  func read(_ context: ReadContext) async throws -> LiveState?
  /// The change that turns `live` into `desired`. Pure.
  func diff(desired: Attributes?, live: LiveState?) -> Change
  /// Creates (`change.action == .create`) or updates in place (`.update`) and returns the
  /// outputs for dependents. `change.after` holds the desired attributes with every
  /// upstream output resolved.
  func apply(_ change: Change, context: ApplyContext) async throws -> Outputs
  /// Deletes the live resource and waits until it is gone.
  func delete(_ live: LiveState, context: ApplyContext) async throws
  /// Whether an error from `apply` or `delete` is worth retrying, and after how long
  /// (eventually consistent APIs: an IAM role not yet assumable by EKS).
  func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice
}

extension Resource {
  public var dependencies: [Address] { [] }
  public var constraintGroup: ConstraintGroup? { nil }
  public var replacementStrategy: ReplacementStrategy { .deleteBeforeCreate }
  public var immutableFields: Set<String> { [] }
  public var timeouts: OperationTimeouts { OperationTimeouts() }
  public var maxRetries: Int { 10 }

  public func diff(desired: Attributes?, live: LiveState?) -> Change {
    AttributeDiff.change(
      for: address, desired: desired, live: live, immutableFields: immutableFields,
      strategy: replacementStrategy)
  }

  public func retryAdvice(for error: any Error, attempt: Int) -> RetryAdvice { .fail }
}

/// A set of resources that AWS allows only a few at a time to be created or deleted,
/// such as `fargate-profile:<cluster>` with capacity 1.
public struct ConstraintGroup: Hashable, Sendable {
  public var key: String
  public var capacity: Int

  public init(_ key: String, capacity: Int = 1) {
    self.key = key
    self.capacity = max(1, capacity)
  }
}

/// How a resource that must be replaced is replaced.
public enum ReplacementStrategy: String, Sendable, Hashable, Codable {
  /// Delete the old one, then create the new one: for names that cannot exist twice.
  case deleteBeforeCreate
  /// Create the new one, then delete the old one: no downtime (Fargate profiles under a
  /// new name).
  case createBeforeDestroy
}

/// Waiter budgets per operation; a waiter started inside `apply` or `delete` gets the one
/// for the operation in progress unless it asks for another.
public struct OperationTimeouts: Sendable, Hashable {
  public var create: Duration
  public var update: Duration
  public var delete: Duration

  public init(
    create: Duration = .seconds(600), update: Duration = .seconds(600), delete: Duration = .seconds(600)
  ) {
    self.create = create
    self.update = update
    self.delete = delete
  }

  /// The budget for one action.
  public func budget(for action: ChangeAction) -> Duration {
    switch action {
    case .delete: delete
    case .update: update
    default: create
    }
  }
}

/// A resource's verdict on a failed call.
public enum RetryAdvice: Sendable, Hashable {
  /// Give up: the step fails with this error.
  case fail
  /// Try the same call again after the delay.
  case retry(after: Duration)
  /// The error is an expected wait, not a fault (a new IAM role AWS does not let others
  /// assume yet): try again after the delay, telling the person what is awaited
  /// (`the new IAM role to propagate`); the API's words show only with --debug, and in
  /// the failure when the waiting gives up.
  case await(String, after: Duration)
}

/// Finds live resources the stack owns (by tag or label) so the planner can delete those
/// that no longer appear in the stack file. The resources it returns answer `nil` from
/// `desired`. Its context's `live(of:)` answers for any resource of the graph.
public protocol OwnedResourceSource: Sendable {
  func ownedResources(_ context: ReadContext) async throws -> [any Resource]
}
