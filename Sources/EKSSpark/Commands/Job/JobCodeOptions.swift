import ArgumentParser
import Jobs
import Spark

/// `job submit ./app.py`'s flags: the files that go with the code, the image it runs in,
/// its Spark settings and arguments.
struct JobCodeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp("Local code: Python files to ship with it (comma-separated).", valueName: "files"))
  var pyFiles: String?

  @Option(help: ArgumentHelp("Local code: jars to ship with it (comma-separated).", valueName: "files"))
  var jars: String?

  @Option(help: ArgumentHelp("Local code: the Spark image to run it in.", valueName: "ref"))
  var image: String?

  @Option(name: .customLong("class"), help: "Local code: the main class of a jar.")
  var mainClass: String?

  @Option(help: ArgumentHelp("Local code: a Spark setting (repeatable).", valueName: "key=value"))
  var conf: [String] = []

  @Option(name: [.customShort("n"), .long], help: "Local code: the namespace to run in (default: default).")
  var namespace: String?

  @Option(help: "Local code: the service account (default: the stack's in that namespace).")
  var serviceAccount: String?

  @Argument(parsing: .postTerminator, help: "Local code: arguments after --, passed to it.")
  var arguments: [String] = []

  var isGiven: Bool {
    pyFiles != nil || jars != nil || image != nil || mainClass != nil || !conf.isEmpty || namespace != nil
      || serviceAccount != nil || !arguments.isEmpty
  }

  func validate() throws {
    for pair in conf where !pair.contains("=") || pair.hasPrefix("=") {
      throw ValidationError("--conf \"\(pair)\" is not key=value")
    }
  }

  func localCode(_ main: String) -> LocalCode {
    func list(_ text: String?) -> [String] {
      (text ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }
    return LocalCode(
      main: main, pyFiles: list(pyFiles), jars: list(jars), image: image, mainClass: mainClass,
      conf: conf.map { pair in
        let equals = pair.firstIndex(of: "=")!
        return SparkKeyValue(String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
      }, arguments: arguments, namespace: namespace ?? "default", serviceAccount: serviceAccount)
  }
}
