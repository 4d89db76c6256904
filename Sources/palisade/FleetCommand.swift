import ArgumentParser
import Foundation
import Reports

extension Palisade {
  /// `palisade fleet DIR... --output FILE.html`: many hosts' latest scans in one page, with CSV and JSON beside it.
  struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fleet",
      abstract: "Show many hosts' latest scans in one HTML page, with CSV and JSON beside it.",
      discussion: """
        Each DIR is a results folder holding a folder per host (what 'palisade scan --output-dir' writes and what \
        Ansible fetches: results/HOST/latest), a host folder, or a run folder holding arf.xml. Per host: status \
        (current, stale when its last scan is older than --stale-after, failed when its latest run has no readable \
        ARF), score, the count of each result and of findings by severity, the time of the last scan, and what \
        changed since the host's previous run (as 'palisade diff' reports it). Per rule: the hosts it fails on, \
        each linked to the host's HTML report when its run has one, else to its ARF.

        A host whose ARF cannot be read is a line naming the file and the place, not a failed command. Exit codes: \
        0 the files were written; 1 a DIR is not a folder or a file cannot be written.

        Examples:
          palisade fleet /srv/fetched --output fleet.html            (fleet.html, fleet.csv, fleet.json)
          palisade fleet results/*/latest --output fleet.html --format html --stale-after 36h
        """)

    @Argument(help: ArgumentHelp("Results folders, host folders or run folders.", valueName: "dir"))
    var folders: [String]

    @Option(name: .long, help: ArgumentHelp("The HTML page to write; CSV and JSON go beside it.", valueName: "file"))
    var output: String = "fleet.html"

    @Option(
      name: .long, parsing: .unconditional,
      help: ArgumentHelp("Files to write, comma-separated: html, csv, json (default: all three).", valueName: "list"))
    var format: String = FleetFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Option(
      name: .long,
      help: ArgumentHelp(
        "A host whose last scan is older than this is stale: 2d, 36h, 90m or seconds (default 2d).",
        valueName: "duration"))
    var staleAfter: String = "2d"

    func validate() throws {
      if folders.isEmpty { throw ValidationError("give at least one folder of scan results") }
      _ = try formats()
      _ = try staleAfterSeconds()
    }

    func formats() throws -> [FleetFormat] {
      try format.split(separator: ",").map { name in
        guard let format = FleetFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
          throw ValidationError("'--format \(format)': unknown format '\(name)' (html, csv, json)")
        }
        return format
      }
    }

    func staleAfterSeconds() throws -> TimeInterval {
      let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
      let unit = staleAfter.last.flatMap { units[$0] }
      let number = Double(unit == nil ? staleAfter : String(staleAfter.dropLast()))
      guard let number, number > 0, number.isFinite else {
        throw ValidationError("'--stale-after \(staleAfter)': give a duration such as 2d, 36h, 90m or 3600")
      }
      return number * (unit ?? 1)
    }

    func run() async throws {
      try await CommandFailure.reported {
        let hosts = try FleetHostFolder.hosts(in: folders)
        let report = await FleetReport.read(hosts, now: Date(), staleAfter: try staleAfterSeconds())
        var written: [String] = []
        for format in try formats() {
          let path = format == .html ? output : format.path(besides: output)
          try format.write(report, to: path)
          written.append(path)
        }
        let failed = report.hosts.filter { $0.problem != nil }.count
        let stale = report.hosts.filter { $0.problem == nil && $0.isStale }.count
        print(
          "\(report.hosts.count) hosts (\(report.hosts.count - failed - stale) current, \(stale) stale, "
            + "\(failed) failed), \(report.rules.count) rules failing somewhere: \(written.joined(separator: ", "))")
      }
    }
  }
}
