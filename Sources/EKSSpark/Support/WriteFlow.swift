import ArgumentParser
import Engine
import Stack

/// The steps `apply`, `cluster create` and `destroy` share: preflight, lock, plan, show,
/// ask, execute with progress, report, unlock. The exit status: 0 done (or nothing to
/// do), 1 failed or refused, 130 stopped by Ctrl-C.
struct WriteFlow {
  enum Kind {
    case apply, destroy

    var verb: String { self == .apply ? "apply" : "destroy" }
  }

  let service: StackService
  let kind: Kind
  let write: WriteOptions
  let output: StackOptions.OutputFormat
  var targets: [String]
  var allowReplace = false
  var deleteData = false
  /// `cluster create`: the targets are the cluster and its Fargate profiles.
  var clusterOnly = false
  /// Print the critical path of the run beside its wall time (`--timings`).
  var timings = false

  func run() async throws {
    let printer = DiagnosticPrinter.standardError()
    printer.print(service.warnings)
    let preflight = try await service.preflight()
    printer.print(preflight.notes)
    let targets = clusterOnly ? try service.clusterTargets(preflight) : self.targets
    let graph = try service.graph(preflight, targets: targets, deleteData: deleteData)
    let lock = service.lock(preflight, isHolderGone: CommandSupport.isHolderGone)
    if let id = write.forceUnlock {
      let removed = try await lock.forceUnlock(id: id)
      CommandSupport.note("Removed the lock held by \(removed.summary).")
    }
    let record = try await lock.acquire(
      holder: CommandSupport.holder(arn: preflight.arn), operation: kind.verb,
      timeout: write.lockTimeout.duration,
      onWait: { CommandSupport.note("Waiting for the lock of the stack, held by \($0.summary)...") },
      onTakeOver: { CommandSupport.note("Taking over a lock left by a run that is gone: \($0.summary).") })
    let code: Int32
    do {
      code = try await locked(graph: graph, preflight: preflight, targeted: !targets.isEmpty)
    } catch {
      try? await lock.release(record)
      throw error
    }
    try await lock.release(record)
    if kind == .destroy, targets.isEmpty, code == 0 { try? await lock.removeBucketIfEmpty() }
    if code != 0 { throw ExitCode(code) }
  }

  /// Everything done while holding the lock; returns the exit status.
  private func locked(graph: ResourceGraph, preflight: PreflightReport, targeted: Bool) async throws -> Int32
  {
    let style = CommandSupport.stdoutStyle
    var plan = try await service.plan(graph, mode: kind == .apply ? .apply : .destroy, targeted: targeted)
    var retained: [Address] = []
    if kind == .destroy {
      (plan, retained) = try service.retaining(plan, preflight: preflight, deleteData: deleteData)
    }
    switch output {
    case .json: print(try PlanJSONRenderer().render(plan))
    case .table: print(PlanTextRenderer(style: style).render(plan))
    }
    for address in retained {
      CommandSupport.note(
        "\(address) is kept: dataLake.retainOnDestroy is true (pass --delete-data to delete it and its objects)."
      )
    }
    guard plan.hasChanges else { return 0 }
    try service.checkReplacements(plan, allowed: allowReplace)
    if !write.autoApprove {
      guard CommandSupport.stdinIsTerminal else {
        throw ValidationError(
          "\(kind.verb) needs confirmation but standard input is not a terminal; pass --auto-approve to \(kind.verb) without asking"
        )
      }
      let question =
        kind == .apply
        ? "Do you want to perform these actions?"
        : "Do you really want to destroy all resources of stack \(service.stack.metadata.prefix)?"
      let detail =
        kind == .apply
        ? "eks-spark will perform the actions described above."
        : "There is no undo. Only the resources tagged with this stack are touched."
      guard CommandSupport.confirm(question, detail: detail) else {
        print("\n\(kind == .apply ? "Apply" : "Destroy") cancelled.")
        return 1
      }
    }
    return await execute(plan, style: style)
  }

  /// `Wall time 1m4s, critical path 1m1s (a -> b -> c), ratio 1.05`: how close the run came
  /// to the fastest any schedule could manage with these step durations.
  static func timingLine(_ plan: Plan, _ report: ApplyReport) -> String {
    let path = plan.criticalPath(durations: report.durations)
    let bound = path.lowerBound
    let ratio = bound > .zero ? report.elapsed.seconds / bound.seconds : 1
    let steps = path.steps.map(\.description).joined(separator: " -> ")
    return "Wall time \(report.elapsed.elapsedText) (\(Self.seconds(report.elapsed)) s), critical path "
      + "\(bound.elapsedText) (\(Self.seconds(bound)) s: \(steps)), ratio \(Self.twoDecimals(ratio))"
  }

  private static func seconds(_ duration: Duration) -> String { twoDecimals(duration.seconds) }

  private static func twoDecimals(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  private func execute(_ plan: Plan, style: TextStyle) async -> Int32 {
    var renderer = ProgressRenderer(style: style)
    let executor = ExecutionHandle()
    let watcher = InterruptWatcher(
      onFirst: {
        CommandSupport.note(
          "\nInterrupt received: no new changes will start; waiting for the ones in flight to finish (Ctrl-C again to stop waiting)."
        )
      }, onSecond: { executor.cancel() })
    let (events, task) = service.start(plan, cancellation: watcher.signal)
    executor.set(task)
    for await event in events {
      if let line = renderer.line(for: event) { print(line) }
    }
    let report = await task.value
    watcher.stop()
    print("")
    print(ApplyReportRenderer(style: style, verb: kind == .apply ? "Apply" : "Destroy").render(report))
    if timings { print(Self.timingLine(plan, report)) }
    if watcher.interrupted { return 130 }
    return report.succeeded ? 0 : 1
  }
}
