import Foundation
import Synchronization

/// Where one run's time and memory went (`--stats`): the phases of the run (parse, load, resolve, collect, evaluate,
/// write), the collection of each OVAL object type, and the walk of the file system.
///
/// A run measures itself only while a `RunStatistics` is `current` (a task-local value, so child tasks, such as the
/// probes collecting in parallel, report into their parent's): `measure(_:_:)` and the `record` calls cost a
/// task-local read otherwise.
public final class RunStatistics: Sendable {
  /// The statistics the running task reports into, if any.
  @TaskLocal public static var current: RunStatistics?

  /// The phase a measurement is inside, so that a nested phase's time is not counted twice.
  @TaskLocal private static var enclosingPhase: PhaseFrame?

  private let started = ProcessClock.now
  private let state = Mutex(State())

  private struct State {
    var phases: [String: RunStatisticsReport.Phase] = [:]
    var phaseOrder: [String] = []
    var collection: [String: CollectionTotals] = [:]
    var walk = WalkTotals()
  }

  public init() {}

  /// Runs `body` as (part of) the phase `name` when a run is measured; the phase's time excludes the time of phases
  /// measured inside it.
  @discardableResult
  public static func measure<Value>(_ name: String, _ body: () throws -> Value) rethrows -> Value {
    guard let statistics = current else { return try body() }
    let measurement = PhaseMeasurement(statistics: statistics, name: name, frame: PhaseFrame(), start: ProcessClock.now)
    let value = try $enclosingPhase.withValue(measurement.frame) { try body() }
    measurement.end()
    return value
  }

  /// Runs `body` as (part of) the phase `name` when a run is measured; the phase's time excludes the time of phases
  /// measured inside it.
  @discardableResult
  public static func measure<Value>(
    _ name: String, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Value
  ) async rethrows -> Value {
    guard let statistics = current else { return try await body() }
    let measurement = PhaseMeasurement(statistics: statistics, name: name, frame: PhaseFrame(), start: ProcessClock.now)
    let value = try await $enclosingPhase.withValue(measurement.frame) { try await body() }
    measurement.end()
    return value
  }

  /// Starts measuring the phase `name` when a run is measured, for code that cannot be wrapped in a closure (an
  /// initializer delegating to another); `end()` the measurement when the phase's work is done. Phases measured in
  /// between are not subtracted from it.
  public static func startPhase(_ name: String) -> PhaseMeasurement? {
    current.map { PhaseMeasurement(statistics: $0, name: name, frame: PhaseFrame(), start: ProcessClock.now) }
  }

  /// Records one object collected by a probe (not one found in the scan's cache).
  /// - Parameters:
  ///   - objectType: the object's element name (`textfilecontent54_object`).
  ///   - family: the platform family of its namespace (`independent`, `unix`, `linux`).
  ///   - items: how many items the probe returned.
  ///   - time: the time the probe took, on its own task (parallel probes add up to more than the wall time).
  public func recordCollection(objectType: String, family: String, items: Int, time: Duration) {
    let seconds = Self.seconds(time)
    state.withLock {
      $0.collection["\(family)\u{1}\(objectType)", default: CollectionTotals(objectType: objectType, family: family)]
        .add(items: items, seconds: seconds)
    }
  }

  /// Records one folder listed from the file system (folders read again from memory are not counted).
  public func recordFolderRead(entries: Int, time: Duration) {
    let seconds = Self.seconds(time)
    state.withLock {
      $0.walk.folders += 1
      $0.walk.entries += entries
      $0.walk.seconds += seconds
    }
  }

  /// What was measured so far, with the peak resident set size of the process until now.
  public var report: RunStatisticsReport {
    let now = ProcessClock.now
    return state.withLock { state in
      RunStatisticsReport(
        wallSeconds: now.wall - started.wall, cpuSeconds: now.cpu - started.cpu,
        peakResidentMiB: ProcessClock.peakResidentMiB(),
        phases: state.phaseOrder.compactMap { state.phases[$0] },
        collection: state.collection.values.sorted { ($0.seconds, $0.objectType) > ($1.seconds, $1.objectType) }
          .map {
            RunStatisticsReport.Collection(
              objectType: $0.objectType, family: $0.family, objects: $0.objects, items: $0.items, seconds: $0.seconds)
          },
        walk: RunStatisticsReport.Walk(
          folders: state.walk.folders, entries: state.walk.entries, seconds: state.walk.seconds))
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) / 1e18
  }

  fileprivate func close(_ name: String, frame: PhaseFrame, start: ProcessClock) {
    let end = ProcessClock.now
    let wall = end.wall - start.wall
    let cpu = end.cpu - start.cpu
    let nested = frame.nested.withLock { $0 }
    Self.enclosingPhase?.nested.withLock {
      $0.wall += wall
      $0.cpu += cpu
    }
    let peak = ProcessClock.peakResidentMiB()
    state.withLock { state in
      if state.phases[name] == nil { state.phaseOrder.append(name) }
      var totals =
        state.phases[name] ?? RunStatisticsReport.Phase(name: name, wallSeconds: 0, cpuSeconds: 0, peakResidentMiB: 0)
      totals.wallSeconds += max(wall - nested.wall, 0)
      totals.cpuSeconds += max(cpu - nested.cpu, 0)
      totals.peakResidentMiB = max(totals.peakResidentMiB, peak)
      state.phases[name] = totals
    }
  }
}

/// A phase being measured; `end()` adds its time to the run's statistics.
public struct PhaseMeasurement: Sendable {
  fileprivate let statistics: RunStatistics
  fileprivate let name: String
  fileprivate let frame: PhaseFrame
  fileprivate let start: ProcessClock

  public func end() {
    statistics.close(name, frame: frame, start: start)
  }
}

/// The time spent in phases measured inside an enclosing one.
private final class PhaseFrame: Sendable {
  let nested = Mutex((wall: 0.0, cpu: 0.0))
}

private struct CollectionTotals {
  let objectType: String
  let family: String
  var objects = 0
  var items = 0
  var seconds = 0.0

  init(objectType: String, family: String) {
    self.objectType = objectType
    self.family = family
  }

  mutating func add(items: Int, seconds: Double) {
    objects += 1
    self.items += items
    self.seconds += seconds
  }
}

private struct WalkTotals {
  var folders = 0
  var entries = 0
  var seconds = 0.0
}

/// The process's wall and CPU clocks at one moment.
struct ProcessClock: Sendable {
  let wall: Double
  let cpu: Double

  static var now: ProcessClock {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    var monotonic = timespec()
    clock_gettime(CLOCK_MONOTONIC, &monotonic)
    return ProcessClock(
      wall: Double(monotonic.tv_sec) + Double(monotonic.tv_nsec) / 1_000_000_000,
      cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime))
  }

  /// The peak resident set size of the process so far, in MiB (Linux reports `ru_maxrss` in KiB).
  static func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
  }

  private static func seconds(_ time: timeval) -> Double {
    Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
  }
}
