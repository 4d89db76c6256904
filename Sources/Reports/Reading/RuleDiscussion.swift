import Foundation

/// The parts of a rule's description. DISA writes them as escaped markup inside the XCCDF description
/// (`<VulnDiscussion>...</VulnDiscussion><FalsePositives>...`); other content has only the discussion.
public struct RuleDiscussion: Sendable {
  public let vulnerabilityDiscussion: String
  public let falsePositives: String
  public let falseNegatives: String
  public let documentable: String
  public let mitigations: String
  public let severityOverrideGuidance: String
  public let potentialImpacts: String
  public let thirdPartyTools: String
  public let mitigationControl: String
  public let responsibility: String
  public let iaControls: String

  /// Splits a description into DISA's parts; a description without them is all discussion.
  public init(description: String) {
    func part(_ tag: String) -> String? {
      guard let start = description.range(of: "<\(tag)>"),
        let end = description.range(of: "</\(tag)>", range: start.upperBound..<description.endIndex)
      else { return nil }
      return String(description[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    vulnerabilityDiscussion = part("VulnDiscussion") ?? description
    falsePositives = part("FalsePositives") ?? ""
    falseNegatives = part("FalseNegatives") ?? ""
    documentable = part("Documentable") ?? "false"
    mitigations = part("Mitigations") ?? ""
    severityOverrideGuidance = part("SeverityOverrideGuidance") ?? ""
    potentialImpacts = part("PotentialImpacts") ?? ""
    thirdPartyTools = part("ThirdPartyTools") ?? ""
    mitigationControl = part("MitigationControl") ?? ""
    responsibility = part("Responsibility") ?? ""
    iaControls = part("IAControls") ?? ""
  }
}
