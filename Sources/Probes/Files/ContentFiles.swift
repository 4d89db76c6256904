import Foundation
import OVAL
import XMLSupport

/// What a content probe does with a file that is not a regular file (a folder, FIFO, socket or device).
enum NonRegularFiles {
  /// Passes over it without opening it, as OpenSCAP's content probes do.
  case skip
  /// Reports it as an error of the object, naming its kind (yamlfilecontent, whose daemon.json must be decided).
  case fail
}

extension FileSearch {
  /// Calls `body` with each regular file the object names, opened for reading (links followed inside the root).
  /// Folders, devices, FIFOs, sockets and links that lead nowhere are never opened: they are passed over, or with
  /// `nonRegularFiles: .fail` reported. A file that cannot be opened is an error of the object, naming the file. The
  /// search stops when the outcome is full.
  func forEachRegularFile(
    in context: ProbeContext, outcome: inout CollectionOutcome, nonRegularFiles: NonRegularFiles = .skip,
    _ body: (FoundFile, OpenedFile, inout CollectionOutcome) -> Void
  ) {
    let problems = run(in: context.session) { found in
      guard found.filename != nil else { return !outcome.isFull }
      do throws(HostFileError) {
        switch try found.open(in: context.root) {
        case .opened(let file): body(found, file, &outcome)
        case .notRegular(let kind):
          if nonRegularFiles == .fail {
            outcome.fail("\(found.hostPath): cannot read file: is \(kind), not a regular file")
          }
        }
      } catch {
        if error.kind == .unreadable { outcome.fail(error.description) }
      }
      return !outcome.isFull
    }
    for problem in problems { outcome.fail("\(objectLabel): \(problem)") }
  }
}

extension FoundFile {
  /// The file opened for reading when it is (or its link leads to) a regular file.
  /// - Throws: `HostFileError` when it cannot be opened, or its link cannot be resolved.
  func open(in root: SystemRoot) throws(HostFileError) -> OpenedContent {
    if status.isSymbolicLink { return try root.locate(hostPath: hostPath).openRegularFile(hostPath: hostPath) }
    // A file whose folder is gone since the walk listed it is left out, as a file gone from its folder is.
    guard let location else { throw HostFileError(hostPath: hostPath, failedCall: HostCallError(code: ENOENT)) }
    return try location.openRegularFile(hostPath: hostPath)
  }
}
