import Foundation

/// What `RunStatistics` measured, as a table for people or as JSON for scripts.
public struct RunStatisticsReport: Sendable, Codable, Equatable {
  /// One phase of the run: its own time (phases measured inside it excluded) and the peak resident set size of the
  /// process when it ended.
  public struct Phase: Sendable, Codable, Equatable {
    public let name: String
    public var wallSeconds: Double
    /// User and system time of the whole process while the phase ran: more than `wallSeconds` when several cores
    /// worked.
    public var cpuSeconds: Double
    public var peakResidentMiB: Double
  }

  /// The objects of one OVAL object type collected from the system.
  public struct Collection: Sendable, Codable, Equatable {
    public let objectType: String
    public let family: String
    public let objects: Int
    public let items: Int
    /// The probes' time, added over the tasks that collected in parallel.
    public let seconds: Double
  }

  /// The folders listed from the file system, each once per run.
  public struct Walk: Sendable, Codable, Equatable {
    public let folders: Int
    public let entries: Int
    /// The listing time, added over the tasks that listed in parallel.
    public let seconds: Double
  }

  public let wallSeconds: Double
  public let cpuSeconds: Double
  public let peakResidentMiB: Double
  public let phases: [Phase]
  public let collection: [Collection]
  public let walk: Walk

  /// The report as JSON (keys sorted, times in seconds, memory in MiB), ending with a line break.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // Every field is a number, a string or an array of them: encoding cannot fail.
    return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
  }

  /// The report as aligned tables: the phases, the collection by object type, the walk, and the totals.
  public var table: String {
    var lines = ["phase                      wall (s)    CPU (s)  peak RSS (MiB)"]
    for phase in phases {
      lines.append(
        Self.row(phase.name, width: 24) + Self.number(phase.wallSeconds, width: 11)
          + Self.number(phase.cpuSeconds, width: 11) + Self.number(phase.peakResidentMiB, width: 16, digits: 1))
    }
    lines.append(
      Self.row("total", width: 24) + Self.number(wallSeconds, width: 11) + Self.number(cpuSeconds, width: 11)
        + Self.number(peakResidentMiB, width: 16, digits: 1))
    if !collection.isEmpty {
      lines.append("")
      lines.append("collected by object type                        objects      items   probe time (s)")
      for row in collection {
        lines.append(
          Self.row("\(row.objectType) (\(row.family))", width: 46) + Self.count(row.objects, width: 10)
            + Self.count(row.items, width: 11) + Self.number(row.seconds, width: 17))
      }
    }
    lines.append("")
    lines.append(
      "file-system walk: \(walk.folders) folders, \(walk.entries) entries listed in "
        + String(format: "%.3f", walk.seconds) + " s")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func row(_ text: String, width: Int) -> String {
    text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
  }

  private static func number(_ value: Double, width: Int, digits: Int = 3) -> String {
    let text = String(format: "%.\(digits)f", value)
    return String(repeating: " ", count: max(width - text.count, 1)) + text
  }

  private static func count(_ value: Int, width: Int) -> String {
    let text = String(value)
    return String(repeating: " ", count: max(width - text.count, 1)) + text
  }
}
