import Foundation
import Reports
import XMLSupport

/// Palisade's writes to standard output and standard error, made safe for whatever is at the other end.
///
/// Messages are escaped for the terminal (`TerminalText`): an error can quote a value from the scanned host, a
/// Docker daemon or the content, and none of it may move the cursor, set the title, reach the clipboard or forge a
/// line. A pipe closed early (`palisade scan | head -1`) ends the output quietly: SIGPIPE is ignored (`Palisade.main`)
/// and a write that fails with EPIPE stops writing, so the exit code stays the command's own.
enum StandardStreams {
  /// Writes a message line (`palisade: error: ...`) and a line break on standard error, escaped.
  static func writeError(_ line: String) {
    write(Array((TerminalText.escaped(line) + "\n").utf8), to: STDERR_FILENO)
  }

  /// Writes a diagnostic line on standard error, escaped.
  static func write(_ diagnostic: Diagnostic) {
    writeError(diagnostic.description)
  }

  /// Writes `text` on standard output as it is; the text must already be escaped where it quotes foreign values.
  static func writeOutput(_ text: String) {
    write(Array(text.utf8), to: STDOUT_FILENO)
  }

  private static func write(_ bytes: [UInt8], to descriptor: Int32) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        if errno == EINTR { continue }
        // EPIPE or a closed stream: nobody is reading any more.
        return
      }
      offset += written
    }
  }
}
