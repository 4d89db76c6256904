public import OVAL
public import SCAPContent

/// What to scan with: content, the choices inside it, and where items come from.
public struct ScanRequest: Sendable {
  public let document: SCAPDocument
  /// A data-stream id; the first data stream when nil.
  public let dataStreamID: String?
  /// A benchmark id or the component-ref id of a checklist (oscap's --benchmark-id and --xccdf-id).
  public let checklistID: String?
  /// A profile id, or its suffix after `_profile_` (as oscap accepts); the benchmark's defaults when nil.
  public let profileID: String?
  /// The component-ref id of a tailoring component inside the data stream.
  public let tailoringID: String?
  /// A tailoring file.
  public let tailoringPath: String?
  /// When not empty, only these rules are evaluated; the others are notselected.
  public let ruleIDs: [String]
  /// Rules that are not evaluated (notselected).
  public let skippedRuleIDs: [String]
  public let collector: any ObjectCollector
  public let target: TargetIdentity
  /// OpenSCAP's answers or the OVAL specification's, where they differ.
  public let ovalSemantics: OVALSemantics
  /// CPE names that cannot hold on this target whatever their checks find, each with why (the Docker Engine's
  /// platform inside a container's filesystem): an item needing one is `notapplicable`, with that message.
  public var platformsNotOnTarget: [String: String] = [:]
  /// Defaults the scanner found on the host, by XCCDF Value id, replacing the Values' own defaults (a rootless Docker
  /// daemon's configuration file); a profile's or tailoring's set-value and refine-value still win.
  public var valueDefaults: [String: String] = [:]
  /// Answers reviewers gave for rules a person decides (or overrides); see `ReviewApplication`.
  public let answers: (any ManualAnswers)?

  public init(
    document: SCAPDocument, dataStreamID: String? = nil, checklistID: String? = nil, profileID: String? = nil,
    tailoringID: String? = nil, tailoringPath: String? = nil, ruleIDs: [String] = [], skippedRuleIDs: [String] = [],
    collector: any ObjectCollector, target: TargetIdentity, ovalSemantics: OVALSemantics = .openSCAP,
    answers: (any ManualAnswers)? = nil
  ) {
    self.document = document
    self.dataStreamID = dataStreamID
    self.checklistID = checklistID
    self.profileID = profileID
    self.tailoringID = tailoringID
    self.tailoringPath = tailoringPath
    self.ruleIDs = ruleIDs
    self.skippedRuleIDs = skippedRuleIDs
    self.collector = collector
    self.target = target
    self.ovalSemantics = ovalSemantics
    self.answers = answers
  }
}

/// Why a scan could not run at all (as opposed to a rule that could not be decided, which is a rule result).
public struct ScanError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
