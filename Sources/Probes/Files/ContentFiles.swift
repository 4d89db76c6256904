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

/// A found file opened for its content, or what kind of file it is instead.
enum OpenedContent {
  case opened(OpenedFile)
  /// "a directory", "a FIFO", ... (see `RegularFile.nonRegularKind`).
  case notRegular(String)
}

extension FoundFile {
  /// The file opened for reading when it is (or its link leads to) a regular file.
  /// - Throws: `HostFileError` when it cannot be opened, or its link cannot be resolved.
  func open(in root: SystemRoot) throws(HostFileError) -> OpenedContent {
    var path = scannerPath
    if status.isSymbolicLink { path = try root.resolve(hostPath: hostPath) }
    var target = stat()
    guard stat(path, &target) == 0 else {
      let code = errno
      throw HostFileError(
        hostPath: hostPath, kind: code == ENOENT ? .doesNotExist : .unreadable, reason: errnoReason(code))
    }
    if let kind = RegularFile.nonRegularKind(target.st_mode) { return .notRegular(kind) }
    // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a FIFO since the check is refused, not followed or
    // waited on.
    let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
    guard descriptor >= 0 else {
      let code = errno
      throw HostFileError(
        hostPath: hostPath, kind: code == ENOENT ? .doesNotExist : .unreadable, reason: errnoReason(code))
    }
    var opened = stat()
    guard fstat(descriptor, &opened) == 0, RegularFile.nonRegularKind(opened.st_mode) == nil else {
      close(descriptor)
      return .notRegular(RegularFile.nonRegularKind(opened.st_mode) ?? "not a regular file")
    }
    return .opened(OpenedFile(descriptor: descriptor, hostPath: hostPath, size: Int64(opened.st_size)))
  }
}
