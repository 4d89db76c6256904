import Foundation

/// Turns SIGTERM, SIGINT and SIGHUP into an orderly end of the run instead of an instant death that leaves a
/// half-written run folder, a silent terminal and no alert.
///
/// The handler only writes the signal's number into a pipe (write(2) is async-signal-safe); a thread of its own reads
/// it and runs the action, which reports and ends the process. The signals are unblocked for the calling thread, since
/// a parent may have started Palisade with them blocked.
enum TerminationSignals {
  /// The signals caught.
  static let caught: [Int32] = [SIGTERM, SIGINT, SIGHUP]

  /// Installs the handlers. `action` runs on the signal thread for the first signal that arrives and ends the process.
  static func handle(_ action: @escaping @Sendable (Int32) -> Never) {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { return }
    let reader = ends[0]
    let thread = Thread {
      var number: UInt8 = 0
      while read(reader, &number, 1) != 1 {
        if errno != EINTR { return }
      }
      action(Int32(number))
    }
    thread.name = "palisade signals"
    thread.start()
    signalPipe = ends[1]
    var set = sigset_t()
    sigemptyset(&set)
    for number in caught {
      signal(number, forwardSignal)
      sigaddset(&set, number)
    }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// `SIGTERM`, `SIGINT`, `SIGHUP`.
  static func name(of number: Int32) -> String {
    switch number {
    case SIGTERM: "SIGTERM"
    case SIGINT: "SIGINT"
    case SIGHUP: "SIGHUP"
    default: "signal \(number)"
    }
  }
}

// Written once, before the handlers are installed, and only read afterwards (by the handler).
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// The signal handler: hands the signal to the signal thread. Only async-signal-safe calls.
private func forwardSignal(_ number: Int32) {
  let saved = errno
  var byte = UInt8(truncatingIfNeeded: number)
  _ = write(signalPipe, &byte, 1)
  errno = saved
}
