import Reports
import XMLSupport

/// Writes one result file atomically: a temporary name in the same folder, synced and renamed only when complete.
enum ResultFile {
  static func write(to path: String, _ body: (inout XMLWriter<AtomicFileOutput>) throws -> Void) throws {
    var writer = XMLWriter(output: try AtomicFileOutput(path: path))
    do {
      try body(&writer)
    } catch {
      var abandoned = writer.output
      abandoned.discard()
      throw error
    }
    var finished = writer.output
    try finished.commit()
  }
}
