/// The JSON shape of a STIG Viewer 3 checklist (CKLB 1.0). The keys are those of the STIG Viewer 3, STIG Manager
/// and Evaluate-STIG samples in the team's reference folder, nothing more, since STIG Viewer's schema allows no
/// other properties. Properties are the JSON keys in lower camel case; `CodingKeys` spell them as the JSON does.
public struct CKLBDocument: Encodable {
  let title: String
  let id: String
  let active: Bool
  let mode: Int
  let hasPath: Bool
  let targetData: CKLBTargetData
  let stigs: [CKLBSTIG]
  let cklbVersion: String

  enum CodingKeys: String, CodingKey {
    case title
    case id
    case active
    case mode
    case hasPath = "has_path"
    case targetData = "target_data"
    case stigs
    case cklbVersion = "cklb_version"
  }
}

struct CKLBTargetData: Encodable {
  let targetType: String
  let hostName: String
  let ipAddress: String
  let macAddress: String
  let fqdn: String
  let comments: String
  let role: String
  let isWebDatabase: Bool
  let technologyArea: String
  let webDatabaseSite: String
  let webDatabaseInstance: String

  enum CodingKeys: String, CodingKey {
    case targetType = "target_type"
    case hostName = "host_name"
    case ipAddress = "ip_address"
    case macAddress = "mac_address"
    case fqdn
    case comments
    case role
    case isWebDatabase = "is_web_database"
    case technologyArea = "technology_area"
    case webDatabaseSite = "web_db_site"
    case webDatabaseInstance = "web_db_instance"
  }
}

struct CKLBSTIG: Encodable {
  let stigName: String
  let displayName: String
  let stigID: String
  let version: String
  let releaseInfo: String
  let uuid: String
  let referenceIdentifier: String
  let size: Int
  let rules: [CKLBRule]

  enum CodingKeys: String, CodingKey {
    case stigName = "stig_name"
    case displayName = "display_name"
    case stigID = "stig_id"
    case version
    case releaseInfo = "release_info"
    case uuid
    case referenceIdentifier = "reference_identifier"
    case size
    case rules
  }
}

struct CKLBRule: Encodable {
  let uuid: String
  let stigUUID: String
  let targetKey: String
  let stigReference: String
  let groupID: String
  let groupIDSource: String
  let ruleID: String
  let ruleIDSource: String
  let weight: String
  let classification: String
  let severity: String
  let ruleVersion: String
  let groupTitle: String
  let ruleTitle: String
  let fixText: String
  let falsePositives: String
  let falseNegatives: String
  let discussion: String
  let checkContent: String
  let documentable: String
  let mitigations: String
  let potentialImpacts: String
  let thirdPartyTools: String
  let mitigationControl: String
  let responsibility: String
  let securityOverrideGuidance: String
  let iaControls: String
  let checkContentReference: CKLBCheckContentReference
  let legacyIDs: [String]
  let ccis: [String]
  let groupTree: [CKLBGroup]
  let createdAt: String
  let updatedAt: String
  /// `STIGUuid`, which STIG Viewer 3's files carry beside `stig_uuid` with the same value.
  let repeatedSTIGUUID: String
  let status: String
  let overrides: CKLBOverrides
  let comments: String
  let findingDetails: String

  enum CodingKeys: String, CodingKey {
    case uuid
    case stigUUID = "stig_uuid"
    case targetKey = "target_key"
    case stigReference = "stig_ref"
    case groupID = "group_id"
    case groupIDSource = "group_id_src"
    case ruleID = "rule_id"
    case ruleIDSource = "rule_id_src"
    case weight
    case classification
    case severity
    case ruleVersion = "rule_version"
    case groupTitle = "group_title"
    case ruleTitle = "rule_title"
    case fixText = "fix_text"
    case falsePositives = "false_positives"
    case falseNegatives = "false_negatives"
    case discussion
    case checkContent = "check_content"
    case documentable
    case mitigations
    case potentialImpacts = "potential_impacts"
    case thirdPartyTools = "third_party_tools"
    case mitigationControl = "mitigation_control"
    case responsibility
    case securityOverrideGuidance = "security_override_guidance"
    case iaControls = "ia_controls"
    case checkContentReference = "check_content_ref"
    case legacyIDs = "legacy_ids"
    case ccis
    case groupTree = "group_tree"
    case createdAt
    case updatedAt
    case repeatedSTIGUUID = "STIGUuid"
    case status
    case overrides
    case comments
    case findingDetails = "finding_details"
  }
}

struct CKLBCheckContentReference: Encodable {
  let href: String
  let name: String
}

struct CKLBGroup: Encodable {
  let id: String
  let title: String
  let description: String
}

/// Severity overrides are a reviewer's decision; a scanner writes none.
struct CKLBOverrides: Encodable {}
