import ArgumentParser
import Foundation

/// `palisade scan --all-containers`: each running container is scanned by a run of its own, this program started
/// again with `--container ID` in place of `--all-containers` and every other argument kept. Each run then has its own
/// lock, result folder, deadline (`--timeout` bounds each container) and summary, exactly as if it had been started
/// by hand; this run waits for them one after the other and ends with the worst status: 1 when any scan failed,
/// else 2 when any has findings, else 0.
enum AllContainersRun {
  /// Runs a scan for each of `containerIDs`, in order, with `arguments` (this run's, without the program's name).
  /// A termination signal is passed on to the scan running, and ends this run after it with the same status.
  /// - Returns: the worst exit status.
  static func run(_ containerIDs: [String], arguments: [String]) -> Int32 {
    let kept = arguments.filter { $0 != "--all-containers" }
    let running = RunningChild()
    TerminationSignals.handle { number in
      running.signal(number)
      _exit(128 + number)
    }
    var worst: Int32 = 0
    for id in containerIDs {
      let status = running.run(kept + ["--container", id])
      worst = worse(worst, status)
    }
    return worst
  }

  /// 1 (the scan failed, or ended otherwise) is worse than 2 (findings), which is worse than 0.
  static func worse(_ first: Int32, _ second: Int32) -> Int32 {
    func normal(_ status: Int32) -> Int32 { status == 0 || status == 2 ? status : 1 }
    func rank(_ status: Int32) -> Int { [0: 0, 2: 1][status] ?? 2 }
    let (first, second) = (normal(first), normal(second))
    return rank(first) >= rank(second) ? first : second
  }
}

/// The scan started last, so that a signal can be passed on to it.
private final class RunningChild: @unchecked Sendable {
  // @unchecked: `pid` is only read and written while `lock` is held.
  private let lock = NSLock()
  private var pid: pid_t = 0

  /// Starts this program with `arguments`, its standard streams shared, and waits for it.
  /// - Returns: its exit status; 1 when it could not be started or was ended by a signal.
  func run(_ arguments: [String]) -> Int32 {
    let executable = "/proc/self/exe"
    let argv: [UnsafeMutablePointer<CChar>?] = ([CommandLine.arguments[0]] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    var child: pid_t = 0
    lock.lock()
    let started = posix_spawn(&child, executable, nil, nil, argv, environ)
    if started == 0 { pid = child }
    lock.unlock()
    guard started == 0 else {
      StandardStreams.writeError("palisade: error: cannot start a scan: \(String(cString: strerror(started)))")
      return 1
    }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    lock.lock()
    pid = 0
    lock.unlock()
    // WIFEXITED and WEXITSTATUS, which Glibc's Swift module leaves out.
    return status & 0x7F == 0 ? (status >> 8) & 0xFF : 1
  }

  /// Passes `number` on to the running scan and waits for it to end.
  func signal(_ number: Int32) {
    lock.lock()
    let child = pid
    lock.unlock()
    guard child > 0 else { return }
    kill(child, number)
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
  }
}
