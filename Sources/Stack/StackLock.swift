import AWS
import FoundationEssentials

/// One writer at a time (issue 5 item 5): before its first write, an apply or destroy
/// creates the ECR repository `eks-spark-lock/<prefix>`. Creating a repository succeeds for
/// exactly one caller (`RepositoryAlreadyExistsException` for the others), so it is an
/// atomic create-if-absent primitive every stack's region has; the repository's tags name
/// the holder and when it started. A lock older than `staleAfter` is taken over;
/// `forceUnlock` removes one whatever its age.
public struct StackLock: Sendable {
  static let holderTag = "eks-spark.io/lock-holder"
  static let startedTag = "eks-spark.io/lock-started"

  public let prefix: String
  /// Who takes the lock, as people should read it (`arn:aws:iam::…:user/alice on host, pid 42`).
  public let holder: String
  /// How old a lock must be before another run may take it over.
  public var staleAfter: Duration
  let ecr: ECRClient
  let now: @Sendable () -> Date

  public init(
    prefix: String, holder: String, ecr: ECRClient, staleAfter: Duration = .seconds(2 * 3600),
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.prefix = prefix
    self.holder = holder
    self.ecr = ecr
    self.staleAfter = staleAfter
    self.now = now
  }

  /// The repository that is the lock.
  public var name: String { "eks-spark-lock/\(prefix)" }

  /// Takes the lock.
  /// - Throws: `StackError` `.locked` naming the holder and its start time.
  public func acquire() async throws {
    for _ in 0..<2 {
      do {
        let started = String(Int(now().timeIntervalSince1970))
        _ = try await ecr.createRepository(
          name: name, tags: [Ownership.stackTag: prefix, Self.holderTag: holder, Self.startedTag: started])
        return
      } catch  where AWSErrors.code(error) == "RepositoryAlreadyExistsException" {
        let (other, started) = try await current()
        let age = started.map { now().timeIntervalSince($0) } ?? 0
        guard started != nil, age > staleAfter.seconds else {
          throw StackError(
            .locked,
            "stack \(prefix) is being changed by \(other ?? "an unknown holder")"
              + (started.map { " since \($0.ISO8601Format())" } ?? ""),
            remedy: "wait for it to finish; if that run is gone, use --force-unlock")
        }
        // Stale: its run died without releasing. Take it over.
        try await release()
      }
    }
    throw StackError(.locked, "stack \(prefix) was locked again while taking over a stale lock")
  }

  /// Releases the lock (also what `--force-unlock` does).
  public func release() async throws {
    do { _ = try await ecr.deleteRepository(name: name, force: true) } catch
      where AWSErrors.isNotFound(error)
    {}
  }

  /// The holder and start time of the current lock.
  public func current() async throws -> (holder: String?, started: Date?) {
    let repositories: [ECRRepository]
    do { repositories = try await ecr.describeRepositories(names: [name]) } catch
      where AWSErrors.isNotFound(error)
    {
      return (nil, nil)
    }
    guard let arn = repositories.first?.repositoryArn else { return (nil, nil) }
    let tags = try await ecr.listTagsForResource(arn: arn)
    return (
      tags[Self.holderTag], tags[Self.startedTag].flatMap(Double.init).map(Date.init(timeIntervalSince1970:))
    )
  }
}
