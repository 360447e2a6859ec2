import Engine
import Stack

/// The steps `apply`, `cluster create` and `destroy` share: preflight, lock, plan, show,
/// ask, execute with progress, report, unlock. It returns normally when done (or nothing
/// was to do) and throws otherwise: the error, `CommandError(.cancelled)` for a "no",
/// `ExitStatus.failure` after a report that shows failed steps, `.interrupted` or
/// `.terminated` after a signal.
struct WriteFlow {
  let service: StackService
  let mode: Planner.Mode
  let write: WriteOptions
  let output: OutputFormat
  var targets: [String]
  var allowReplace = false
  var deleteData = false
  /// `--adopt`: take over an untagged data-lake bucket of the stack's name.
  var adopt = false
  /// `cluster create`: the targets are the cluster and its Fargate profiles.
  var clusterOnly = false
  /// `operator install`: the target is the operator release.
  var operatorOnly = false
  /// `operator uninstall` (a destroy of the release alone, nothing it needs): whether the
  /// chart's CRDs go too.
  var operatorUninstall: Bool?
  /// Print the critical path of the run beside its wall time (`--timings`).
  var timings = false

  func run() async throws {
    let printer = DiagnosticPrinter.standardError()
    printer.print(service.warnings)
    // The operator chart downloads and renders while preflight asks AWS.
    async let prepared = service.operatorRelease()
    let preflight = try await service.preflight()
    printer.print(preflight.notes)
    let release = try await prepared
    let targets =
      clusterOnly
      ? try service.clusterTargets(preflight)
      : operatorOnly || operatorUninstall != nil ? try service.operatorTargets() : self.targets
    let graph =
      if let deleteCRDs = operatorUninstall {
        try service.operatorUninstallGraph(release, deleteCRDs: deleteCRDs)
      } else {
        try service.graph(
          preflight, targets: targets, deleteData: deleteData, mode: mode, adopt: adopt, release: release)
      }
    let request = LockRequest(
      holder: ProcessIdentity.holder(arn: preflight.arn), mode: mode, timeout: write.lockTimeout.duration,
      forceUnlockID: write.forceUnlock, isHolderGone: ProcessIdentity.isHolderGone,
      isHolderAlive: ProcessIdentity.isHolderAlive,
      approveForceUnlock: { [autoApprove = write.autoApprove] in
        try Self.approveForceUnlock($0, autoApprove: autoApprove)
      })
    let ending = try await service.withLock(
      preflight, request, wholeStack: targets.isEmpty, onEvent: Self.note
    ) {
      let ending = try await locked(graph: graph, preflight: preflight, targeted: !targets.isEmpty)
      return (ending, ending == nil)
    }
    if let ending { throw ending }
  }

  /// On a terminal, asks before removing another run's lock (its id alone is the
  /// approval in scripts and with --auto-approve).
  private static func approveForceUnlock(_ record: LockRecord, autoApprove: Bool) throws {
    guard !autoApprove, TerminalStyle.standardInputIsTerminal else { return }
    let approved = Prompt.confirm(
      "Remove the lock held by \(record.summary)?",
      detail: "Only if that run is no longer running: two runs at once create duplicate resources.")
    guard approved else {
      throw CommandError(.cancelled, "force-unlock cancelled: the answer was not 'yes'; the lock stays")
    }
  }

  private static func note(_ event: LockEvent) {
    switch event {
    case .forceUnlocked(let record): Notes.write("Removed the lock held by \(record.summary).")
    case .waiting(let record): Notes.write("Waiting for the lock of the stack, held by \(record.summary)...")
    case .tookOver(let record):
      Notes.write("Taking over a lock left by a run that is gone: \(record.summary).")
    }
  }

  /// Everything done while holding the lock; nil when it all went through, else the
  /// status to end with once the lock is released.
  private func locked(graph: ResourceGraph, preflight: PreflightReport, targeted: Bool) async throws
    -> ExitStatus?
  {
    let style = TerminalStyle.standardOutput
    var plan = try await service.plan(graph, mode: mode, targeted: targeted)
    var retained: [Address] = []
    if mode == .destroy {
      (plan, retained) = try service.retaining(plan, preflight: preflight, deleteData: deleteData)
    }
    print(try PlanOutput.render(plan, as: output, style: style))
    for address in retained {
      Notes.write(
        "\(address) is kept: dataLake.retainOnDestroy is true (pass --delete-data to delete it and its objects)."
      )
    }
    guard plan.hasChanges else { return nil }
    try service.checkReplacements(plan, allowed: allowReplace)
    if !write.autoApprove { try confirm() }
    return await execute(plan, style: style)
  }

  /// Asks for `yes` on the terminal. - Throws: `CommandError` when nobody can answer or
  /// the answer is not `yes`.
  private func confirm() throws {
    let verb = mode.verb
    guard TerminalStyle.standardInputIsTerminal else {
      throw CommandError(
        .needsConfirmation, "\(verb) needs confirmation but standard input is not a terminal",
        remedy: "pass --auto-approve to \(verb) without asking")
    }
    let question =
      mode == .apply
      ? "Do you want to perform these actions?"
      : "Do you really want to destroy all resources of stack \(service.stack.metadata.prefix)?"
    let detail =
      mode == .apply
      ? "eks-spark will perform the actions described above."
      : "There is no undo. Only the resources tagged with this stack are touched."
    guard Prompt.confirm(question, detail: detail) else {
      throw CommandError(.cancelled, "\(verb) cancelled: the answer was not 'yes'")
    }
  }

  private func execute(_ plan: Plan, style: TextStyle) async -> ExitStatus? {
    var renderer = ProgressRenderer(style: style, verbose: service.configuration.settings.debug)
    let executor = ExecutionHandle()
    let watcher = InterruptWatcher(
      onFirst: {
        Notes.write(
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
    print(ApplyReportRenderer(style: style, verb: mode == .apply ? "Apply" : "Destroy").render(report))
    if timings { print(RunTimings.line(plan, report)) }
    if let signal = watcher.stoppedBy { return signal }
    return report.succeeded ? nil : .failure
  }
}
