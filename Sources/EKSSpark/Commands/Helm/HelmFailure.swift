import ArgumentParser
import Helm

#if canImport(Glibc)
import Glibc
#endif

/// Prints a Helm failure the way Helm users expect (`Error: ...`) plus our hint line.
enum HelmFailure {
  static func exit(_ error: any Error) -> ExitCode {
    var text: String
    if let error = error as? HelmError {
      text = "Error: \(error.message)\n"
      if let hint = error.hint { text += "hint: \(hint)\n" }
    } else {
      text = "Error: \(error)\n"
    }
    StandardOutput.writeError(text)
    return ExitCode.failure
  }
}

/// Unbuffered writes to stdout and stderr (a render can be large; print adds nothing).
enum StandardOutput {
  static func write(_ text: String) { write(text, to: 1) }
  static func writeError(_ text: String) { write(text, to: 2) }

  static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written <= 0 { return }
        offset += written
      }
    }
  }
}
