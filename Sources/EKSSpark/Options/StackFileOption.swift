import ArgumentParser
import Config

/// `-f/--file`, the same in every command that reads a stack: `stack.yaml` unless given,
/// `-` for standard input.
struct StackFileOption: ParsableArguments {
  @Option(
    name: [.customShort("f"), .customLong("file")],
    help: "The stack file (- for standard input).")
  var file = "stack.yaml"

  var isStandardInput: Bool { file == "-" }

  /// The name messages use for the file.
  var displayName: String { isStandardInput ? "<stdin>" : file }

  /// Paths inside the stack (uploads, image contexts) are relative to the file's folder;
  /// for standard input, to the working directory.
  var baseDirectory: String { isStandardInput ? "." : StackLoader.directory(of: file) }

  /// The file's text. - Throws: `ConfigError.unreadableFile`.
  func read() throws -> String {
    try StackLoader.read(path: isStandardInput ? "/dev/stdin" : file)
  }

  /// Every problem of the file, and the stack when it decodes.
  func validate() throws -> StackValidation {
    StackLoader().validate(text: try read(), file: displayName, baseDirectory: baseDirectory)
  }

  /// The valid stack. - Throws: `ConfigError` (code `invalidStack`) with every problem.
  func load() throws -> LoadedStack {
    try StackLoader().load(text: try read(), file: displayName, baseDirectory: baseDirectory)
  }
}
