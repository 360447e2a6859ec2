import Engine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which of this process's streams are terminals, and so get colour (never with
/// `NO_COLOR`, https://no-color.org) or prompts.
enum TerminalStyle {
  static var colorOnStandardError: Bool { isTerminal(STDERR_FILENO) && !noColor }

  /// The renderers' style for standard output.
  static var standardOutput: TextStyle { TextStyle(color: isTerminal(STDOUT_FILENO) && !noColor) }

  static var standardInputIsTerminal: Bool { isTerminal(STDIN_FILENO) }

  private static var noColor: Bool { getenv("NO_COLOR") != nil }

  private static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}
