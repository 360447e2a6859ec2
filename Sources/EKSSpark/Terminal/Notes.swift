/// Progress notes on standard error (waiting for a lock, an interrupt received): lines a
/// person reads while a command runs, never data and never an error.
enum Notes {
  static func write(_ text: String) { StandardStreams.writeError(text + "\n") }
}
