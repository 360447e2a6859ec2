import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The root command. It routes to the verbs (each in its noun's folder) and is the one
/// place an error becomes output: commands throw, `main` prints the diagnostics through
/// `FailureReporter` and exits with the status of `ExitStatus` (docs/exit-codes.md).
@main
struct EKSSparkCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eks-spark",
    abstract: "Provision Apache Spark on serverless Amazon EKS (Fargate) and run Spark jobs there.",
    discussion: """
      One YAML stack file describes the VPC, the EKS Fargate cluster, the Spark Operator, \
      the data lake and the jobs. eks-spark validates it, plans the difference to what is \
      live, and applies it in dependency order.

      Exit status: 0 success, 1 error, 2 plan has changes (--detailed-exitcode), 3 the \
      stack's lock is held, 4 job failed, 5 job timed out, 64 command-line error, 130 \
      interrupted (143 on SIGTERM); see docs/exit-codes.md.

      Examples:
        eks-spark validate -f stack.yaml
        eks-spark validate -f stack.yaml -o yaml
        eks-spark plan -f stack.yaml --detailed-exitcode
        eks-spark apply -f stack.yaml
        eks-spark status -f stack.yaml
        eks-spark destroy -f stack.yaml
      """,
    version: EKSSparkVersion.current,
    subcommands: [
      ValidateCommand.self, PlanCommand.self, ApplyCommand.self, ClusterCommand.self, OperatorCommand.self,
      StatusCommand.self,
      DestroyCommand.self, GetTokenCommand.self, WhoAmICommand.self, HelmCommand.self, JobCommand.self,
      ImageCommand.self, ServiceAccountCommand.self, KubeconfigCommand.self,
    ]
  )

  static func main() async {
    var command: any ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(status: usageFailure(error))
    }
    do {
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as any UserFacingError {
      exit(status: FailureReporter(printer: .standardError()).report(error))
    } catch {
      // `--help` and `help <command>` reach here as argument-parser's own errors.
      if exitCode(for: error) != .failure { exit(status: usageFailure(error)) }
      exit(status: FailureReporter(printer: .standardError()).report(error))
    }
  }

  /// A command line the parser rejected: help, `--version` and completion scripts print
  /// as argument-parser prints them (status 0); a usage error becomes one diagnostic whose
  /// hint is the usage line.
  private static func usageFailure(_ error: any Error) -> ExitStatus {
    let code = exitCode(for: error)
    guard code != .success else { exit(withError: error) }
    let lines = fullMessage(for: error).split(separator: "\n", omittingEmptySubsequences: true)
    var message = String(lines.first ?? "")
    if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
    let usage = lines.dropFirst().map { $0.drop(while: \.isWhitespace) }.joined(separator: "\n  ")
    DiagnosticPrinter.standardError().print([
      SimpleDiagnostic(message: message, remedy: usage.isEmpty ? nil : String(usage))
    ])
    return ExitStatus(rawValue: code.rawValue) ?? .usage
  }

  private static func exit(status: ExitStatus) -> Never {
    Glibc.exit(status.rawValue)
  }
}

/// The release this binary was built as.
enum EKSSparkVersion {
  static let current = "0.1.0"
}
