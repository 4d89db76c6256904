import Foundation
import Testing
import XMLSupport

/// `RunStatistics`: phases measured only while a run is measured, nested phases not counted twice, collections and
/// folder reads added up, and the report as JSON and as a table.
@Suite struct RunStatisticsTests {
  @Test func nothingIsMeasuredOutsideAMeasuredRun() {
    #expect(RunStatistics.current == nil)
    #expect(RunStatistics.startPhase("parse XML") == nil)
    #expect(RunStatistics.measure("parse XML") { 7 } == 7)
  }

  @Test func aNestedPhaseIsNotCountedInTheEnclosingOne() async {
    let statistics = RunStatistics()
    await RunStatistics.$current.withValue(statistics) {
      await RunStatistics.measure("evaluate") {
        await Task.yield()
        RunStatistics.measure("collect") { usleep(30_000) }
      }
      RunStatistics.measure("collect") { usleep(10_000) }
    }
    let report = statistics.report
    let phases = report.phases
    #expect(phases.map(\.name) == ["collect", "evaluate"])
    // Both sleeps belong to collect; counted in evaluate as well, the phases would add up to more than the run.
    #expect(phases[0].wallSeconds >= 0.04)
    #expect(phases.map(\.wallSeconds).reduce(0, +) <= report.wallSeconds)
    #expect(phases.allSatisfy { $0.cpuSeconds >= 0 && $0.peakResidentMiB > 0 })
  }

  @Test func collectionsAreAddedUpByObjectTypeAndFamily() async throws {
    let statistics = RunStatistics()
    statistics.recordCollection(objectType: "file_object", family: "unix", items: 3, time: .milliseconds(5))
    statistics.recordCollection(objectType: "file_object", family: "unix", items: 4, time: .milliseconds(5))
    statistics.recordCollection(objectType: "file_object", family: "windows", items: 1, time: .milliseconds(1))
    statistics.recordFolderRead(entries: 10, time: .milliseconds(2))
    statistics.recordFolderRead(entries: 5, time: .milliseconds(2))
    let report = statistics.report
    #expect(report.collection.count == 2)
    let unix = try #require(report.collection.first { $0.family == "unix" })
    #expect(unix.objects == 2 && unix.items == 7 && abs(unix.seconds - 0.01) < 1e-9)
    #expect(report.walk.folders == 2 && report.walk.entries == 15)
    let decoded = try JSONDecoder().decode(RunStatisticsReport.self, from: Data(report.json.utf8))
    #expect(decoded == report)
    #expect(report.table.contains("file_object (unix)"))
    #expect(report.table.contains("file-system walk: 2 folders, 15 entries"))
  }
}
