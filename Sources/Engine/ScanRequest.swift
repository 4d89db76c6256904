public import OVAL
public import SCAPContent

/// What to scan with: content, the choice inside it, and where items come from.
public struct ScanRequest: Sendable {
  public let document: SCAPDocument
  /// A data-stream id; the first data stream when nil.
  public let dataStreamID: String?
  /// A profile id, or its suffix after `_profile_` (as oscap accepts); the benchmark's defaults when nil.
  public let profileID: String?
  public let collector: any ObjectCollector
  public let target: TargetIdentity

  public init(
    document: SCAPDocument, dataStreamID: String? = nil, profileID: String? = nil, collector: any ObjectCollector,
    target: TargetIdentity
  ) {
    self.document = document
    self.dataStreamID = dataStreamID
    self.profileID = profileID
    self.collector = collector
    self.target = target
  }
}

/// Why a scan could not run at all (as opposed to a rule that could not be decided, which is a rule result).
public struct ScanError: Error, Sendable, CustomStringConvertible {
  public let description: String
  public init(_ description: String) { self.description = description }
}
