public import Foundation
import Probes
import Reports
public import XMLSupport

/// The review file: a ReviewStore as human-readable JSON (docs/reviews.md), beside the results it applies to
/// (`OUTPUT-DIR/reviews.json`). Written whole through a temporary file and a rename, so a reader never sees half of
/// it and a failed write leaves the previous file as it was.
public enum ReviewFile {
  /// The `format` member every review file carries.
  public static let format = "palisade-reviews/1"

  /// The review file of a results folder.
  public static func path(inResultsFolder folder: String) -> String {
    URL(fileURLWithPath: folder).appendingPathComponent("reviews.json").path
  }

  /// Reads the store at `path`; an empty store when there is no file yet.
  /// - Throws: `FileReadError` when the file cannot be read, `LocatedError` naming the file (and the line and
  ///   column of a JSON syntax error) when it is not a review file.
  public static func read(_ path: String) throws -> ReviewStore {
    guard FileManager.default.fileExists(atPath: path) else { return ReviewStore() }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw FileReadError(path: path, reason: String(describing: error.localizedDescription))
    }
    let root: JSONValue
    do {
      root = try JSONParser.parse([UInt8](data))
    } catch {
      throw LocatedError(error.message, at: SourceLocation(file: path, line: error.line, column: error.column))
    }
    return try ReviewFileReader(path: path).store(from: root)
  }

  /// Writes `store` to `path` atomically (mode 0640, as results are).
  /// - Throws: `OutputError` naming the file; the earlier file is then left untouched.
  public static func write(_ store: ReviewStore, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(StoredFile(store))
    var output = try AtomicFileOutput(path: path)
    do {
      try output.write(String(decoding: data, as: UTF8.self) + "\n")
    } catch {
      output.discard()
      throw error
    }
    try output.commit()
  }
}

/// The file's JSON shape, for writing.
private struct StoredFile: Encodable {
  let format = ReviewFile.format
  let groups: [String: [String]]
  let reviews: [StoredReview]
  let history: [StoredHistoryEntry]

  init(_ store: ReviewStore) {
    groups = store.groups
    reviews = store.reviews.map(StoredReview.init)
    history = store.history.map(StoredHistoryEntry.init)
  }
}

private struct StoredReview: Encodable {
  let host: String?
  let group: String?
  let rule: String
  let status: String
  let findingDetails: String
  let comment: String
  let reviewer: String
  let time: String
  let expires: String?
  let overridesAutomated: Bool

  init(_ review: Review) {
    switch review.scope {
    case .host(let name): (host, group) = (name, nil)
    case .group(let name): (host, group) = (nil, name)
    }
    rule = review.ruleID
    status = review.status.rawValue
    findingDetails = review.findingDetails
    comment = review.comment
    reviewer = review.reviewer
    time = UTCTimestamp.string(from: review.time, .xsdDateTime)
    expires = review.expires.map { UTCTimestamp.string(from: $0, .xsdDateTime) }
    overridesAutomated = review.overridesAutomated
  }
}

private struct StoredHistoryEntry: Encodable {
  let time: String
  let changedBy: String
  let action: String
  let source: String
  let previous: StoredReview?
  let current: StoredReview?

  init(_ entry: ReviewHistoryEntry) {
    time = UTCTimestamp.string(from: entry.time, .xsdDateTime)
    changedBy = entry.changedBy
    action = entry.action.rawValue
    source = entry.source
    previous = entry.previous.map(StoredReview.init)
    current = entry.current.map(StoredReview.init)
  }
}
