import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

extension EKSSparkCommand {
  /// ArgumentParser's entry point, except for how the process ends: with `_exit` once
  /// output is flushed. With the Swift runtime linked statically, `exit` runs the
  /// concurrency runtime's C++ destructors while a worker thread may still be finishing
  /// the last child task of a task group ("pure virtual method called", SIGSEGV after the
  /// output was complete); nothing eks-spark needs runs at exit, so skip it.
  static func main() async {
    let code: Int32
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      code = 0
    } catch {
      let message = fullMessage(for: error)
      let exit = exitCode(for: error)
      if !message.isEmpty {
        if exit == .success {
          print(message)
        } else {
          DiagnosticPrinter.writeStandardError(message + "\n")
        }
      }
      code = exit.rawValue
    }
    fflush(nil)  // every stream: print goes through stdout
    _exit(code)
  }
}
