import Foundation
import Probes
import Reports
import XMLSupport

/// Reads a review file's parsed JSON into a ReviewStore, naming the member that is wrong.
struct ReviewFileReader {
  let path: String

  func store(from root: JSONValue) throws -> ReviewStore {
    guard case .object = root else { throw problem("the review file must hold a JSON object") }
    guard root["format"]?.string == ReviewFile.format else {
      throw problem("'format' must be \"\(ReviewFile.format)\"")
    }
    var groups: [String: [String]] = [:]
    if let members = root["groups"] {
      guard case .object(let object) = members else { throw problem("'groups' must be an object") }
      for member in object.members {
        guard let hosts = member.value.elements?.compactMap(\.string),
          hosts.count == member.value.elements?.count
        else { throw problem("groups.\(member.name) must be an array of host names") }
        groups[member.name] = hosts
      }
    }
    let reviews = try array("reviews", in: root).enumerated().map { index, value in
      try review(value, at: "reviews[\(index)]")
    }
    let history = try array("history", in: root).enumerated().map { index, value in
      try historyEntry(value, at: "history[\(index)]")
    }
    return ReviewStore(groups: groups, reviews: reviews, history: history)
  }

  private func array(_ name: String, in object: JSONValue) throws -> [JSONValue] {
    guard let value = object[name] else { return [] }
    guard let elements = value.elements else { throw problem("'\(name)' must be an array") }
    return elements
  }

  private func review(_ value: JSONValue, at place: String) throws -> Review {
    let scope: Review.Scope
    switch (value["host"]?.string, value["group"]?.string) {
    case (let host?, nil): scope = .host(host)
    case (nil, let group?): scope = .group(group)
    default: throw problem("\(place) must name either a 'host' or a 'group'")
    }
    let statusText = try string("status", in: value, at: place)
    guard let status = Review.Status(rawValue: statusText) else {
      throw problem("\(place).status is '\(statusText)'; expected pass, fail or notapplicable")
    }
    let overrides: Bool
    switch value["overridesAutomated"] {
    case nil: overrides = false
    case .bool(let flag)?: overrides = flag
    default: throw problem("\(place).overridesAutomated must be true or false")
    }
    return Review(
      scope: scope, ruleID: try string("rule", in: value, at: place), status: status,
      findingDetails: try string("findingDetails", in: value, at: place, default: ""),
      comment: try string("comment", in: value, at: place, default: ""),
      reviewer: try string("reviewer", in: value, at: place), time: try date("time", in: value, at: place),
      expires: value["expires"] == nil || value["expires"] == .null ? nil : try date("expires", in: value, at: place),
      overridesAutomated: overrides)
  }

  private func historyEntry(_ value: JSONValue, at place: String) throws -> ReviewHistoryEntry {
    let actionText = try string("action", in: value, at: place)
    guard let action = ReviewHistoryEntry.Action(rawValue: actionText) else {
      throw problem("\(place).action is '\(actionText)'; expected recorded, replaced or removed")
    }
    func snapshot(_ name: String) throws -> Review? {
      guard let member = value[name], member != .null else { return nil }
      return try review(member, at: "\(place).\(name)")
    }
    return ReviewHistoryEntry(
      time: try date("time", in: value, at: place), changedBy: try string("changedBy", in: value, at: place),
      action: action, source: try string("source", in: value, at: place, default: ""),
      previous: try snapshot("previous"), current: try snapshot("current"))
  }

  private func string(_ name: String, in object: JSONValue, at place: String, default fallback: String? = nil) throws
    -> String
  {
    if let text = object[name]?.string { return text }
    if object[name] == nil, let fallback { return fallback }
    throw problem("\(place).\(name) must be a string")
  }

  private func date(_ name: String, in object: JSONValue, at place: String) throws -> Date {
    let text = try string(name, in: object, at: place)
    guard let date = UTCTimestamp.date(fromXSDDateTime: text) else {
      throw problem("\(place).\(name) is '\(text)'; expected a date and time such as 2026-12-04T08:00:00+00:00")
    }
    return date
  }

  private func problem(_ message: String) -> LocatedError {
    LocatedError(message, at: SourceLocation(file: path, line: 0, column: 0))
  }
}
