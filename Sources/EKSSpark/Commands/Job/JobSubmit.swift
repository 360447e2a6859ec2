import ArgumentParser
import FoundationEssentials
import Jobs
import Kubernetes
import Spark

/// `eks-spark job submit TARGET`: a new run of a stack job or a SparkApplication file.
struct JobSubmitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "submit",
    abstract: "Start a new run of a job and print its name.",
    discussion: """
      TARGET is a job of the stack file, a SparkApplication file, or local code (a .py, \
      .jar or .R file): the code, its --py-files and --jars are uploaded to the stack's data \
      lake under a prefix named by their content and run from their s3a:// URIs in --image. \
      Each submit creates a new SparkApplication named <job>-<id> and prints that name (-o \
      json: run, namespace, job). Before it creates anything it checks that the Spark Operator runs, its CRD is \
      Established (and on operator 2.x its webhook is ready), the run's service account \
      exists and its ECR image was pushed; each missing piece is an error naming the \
      command that fixes it.

      --wait follows the run: on a terminal a live start-up timeline (submitted, driver \
      pending, driver running, executors requested, pending, running, completed), \
      otherwise one timestamped line per step on standard error. A run that cannot make \
      progress (no Fargate profile selects its pods, an image that cannot be pulled, no \
      operator acting on it) is explained instead of waited on.

      Exit status: 0 the run was created (with --wait: it COMPLETED), 4 it FAILED (the \
      operator's message and the driver log's tail are printed), 5 --timeout passed \
      (the run keeps going), 1 any other error.

      Examples:
        eks-spark job submit pi -f stack.yaml
        eks-spark job submit pi -f stack.yaml --wait --timeout 10m
        eks-spark job submit weather -f stack.yaml --set executor.instances=4
        eks-spark job submit app.yaml -f stack.yaml -o json
        eks-spark job submit ./etl.py -f stack.yaml --image REPO:TAG --py-files lib.py -- 2026-12-01
      """)

  @Argument(help: "A job of the stack file, or a SparkApplication file.")
  var target: String

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp(
      "Override a field of a stack job (repeatable): driver.memory=2g.", valueName: "key=value"))
  var overrides: [String] = []

  @Flag(help: "Follow the run until it ends; the exit status is its outcome.")
  var wait = false

  @Option(
    help: ArgumentHelp(
      "With --wait: give up after this long (30s, 10m, 1h); the run keeps going.", valueName: "duration"))
  var timeout: JobDuration?

  @Option(
    help: ArgumentHelp(
      "With --wait: a run with no state after this long has no operator acting on it.", valueName: "duration")
  )
  var stuckAfter = JobDuration(seconds: 30)

  @OptionGroup var code: JobCodeOptions

  @OptionGroup var options: StackOptions

  func validate() throws {
    if timeout != nil, !wait { throw ValidationError("--timeout needs --wait") }
    if code.isGiven, !LocalCode.isCode(target) {
      throw ValidationError(
        "--py-files, --jars, --image, --class, --conf, --namespace, --service-account and -- ARGS are for local code (a .py, .jar or .R TARGET)"
      )
    }
  }

  func run() async throws {
    let session = try await JobSession.open(options)
    let jobs = session.jobs
    let target = try JobTarget.resolve(target, mapping: jobs.mapping) { path in
      try? String(contentsOfFile: path, encoding: .utf8)
    }
    let resolver = try session.imageResolver()
    let application: KubernetesObject
    if case .localCode(let path) = target {
      let built = try await jobs.application(for: code.localCode(path), suffix: JobSession.suffix()) { file in
        FileManager.default.contents(atPath: file).map { Array($0) }
      }
      for uri in built.uploaded { Notes.write("uploaded \(uri)") }
      application = built.application
    } else {
      application = try await jobs.application(
        for: target, overrides: try JobOverrides(overrides), suffix: JobSession.suffix(),
        imageResolver: resolver)
    }
    let submitted = try await jobs.submit(application, imageResolver: resolver)
    guard wait else {
      print(try DataOutput.render(submitted, as: options.output) { submitted.run })
      return
    }
    // The name goes out now (unbuffered): a script may act on it while the run goes on.
    if options.output == .table { StandardStreams.write(submitted.run + "\n") }
    let view = JobTimelineView()
    let waiter = JobWaiter(
      service: jobs, timeout: timeout?.seconds,
      diagnosis: JobStuckDiagnosis(noStatusAfter: stuckAfter.seconds))
    let now = jobs.timing.now
    do {
      let finished = try await waiter.wait(run: submitted.run, namespace: submitted.namespace) {
        view.show($0, now: now())
      }
      if options.output != .table {
        print(
          try DataOutput.render(
            JobRunReport(finished, region: session.region, now: now()), as: options.output
          ) { "" })
      }
    } catch let error as JobsError where error.code == .jobFailed || error.code == .timedOut {
      if options.output != .table,
        let last = try? await jobs.read(run: submitted.run, namespace: submitted.namespace)
      {
        print(
          try DataOutput.render(JobRunReport(last, region: session.region, now: now()), as: options.output) {
            ""
          })
      }
      throw error
    }
  }
}

/// A duration flag: `90` or `90s`, `10m`, `1h`.
struct JobDuration: ExpressibleByArgument, Sendable {
  var seconds: Double

  init(seconds: Double) {
    self.seconds = seconds
  }

  init?(argument: String) {
    let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
    var text = Substring(argument)
    var scale = 1.0
    if let last = text.last, let unit = units[last] {
      scale = unit
      text = text.dropLast()
    }
    guard let value = Double(text), value > 0 else { return nil }
    seconds = value * scale
  }

  var defaultValueDescription: String {
    seconds >= 60 && seconds.truncatingRemainder(dividingBy: 60) == 0
      ? "\(Int(seconds / 60))m" : "\(Int(seconds))s"
  }
}
