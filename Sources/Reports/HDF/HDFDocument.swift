/// The JSON shape of the Heimdall Data Format (HDF, InSpec's exec JSON), as MITRE's exec-json schema describes it.
/// Properties are the JSON keys in lower camel case; `CodingKeys` spell them as the JSON does. Optional
/// properties are left out when absent.
public struct HDFDocument: Encodable {
  let platform: HDFPlatform
  let profiles: [HDFProfile]
  let statistics: HDFStatistics
  let version: String
}

struct HDFPlatform: Encodable {
  let name: String
  let release: String
  let targetID: String?

  enum CodingKeys: String, CodingKey {
    case name
    case release
    case targetID = "target_id"
  }
}

struct HDFStatistics: Encodable {
  let duration: Double?
  let controls: HDFControlStatistics
}

struct HDFControlStatistics: Encodable {
  let passed: HDFTotal
  let failed: HDFTotal
  let skipped: HDFTotal
}

struct HDFTotal: Encodable {
  let total: Int
}

struct HDFProfile: Encodable {
  let name: String
  let title: String?
  let version: String?
  let summary: String?
  let maintainer: String?
  let status: String
  let sha256: String
  let supports: [HDFSupportedPlatform]
  let attributes: [HDFAttribute]
  let groups: [HDFGroup]
  let controls: [HDFControl]
}

/// HDF allows platforms a profile supports; a converted XCCDF result names none.
struct HDFSupportedPlatform: Encodable {}

/// An input of the profile: an XCCDF Value and the value it had.
struct HDFAttribute: Encodable {
  let name: String
  let options: HDFAttributeOptions
}

struct HDFAttributeOptions: Encodable {
  let value: String
  let description: String?
}

struct HDFGroup: Encodable {
  let id: String
  let title: String?
  let controls: [String]
}

struct HDFControl: Encodable {
  let id: String
  let title: String?
  let desc: String?
  let descriptions: [HDFDescription]
  let impact: Double
  let refs: [HDFReference]
  let tags: HDFTags
  let code: String?
  let sourceLocation: HDFSourceLocation
  let results: [HDFResult]

  enum CodingKeys: String, CodingKey {
    case id
    case title
    case desc
    case descriptions
    case impact
    case refs
    case tags
    case code
    case sourceLocation = "source_location"
    case results
  }
}

struct HDFDescription: Encodable {
  let label: String
  let data: String
}

struct HDFReference: Encodable {
  let ref: String?
  let url: String?
}

/// The tags Heimdall reads for STIG content: group and rule ids, STIG id, CCIs and their NIST controls.
struct HDFTags: Encodable {
  let gid: String
  let rid: String
  let stigID: String?
  let gtitle: String?
  let fixID: String?
  let cci: [String]
  let nist: [String]
  let legacy: [String]
  let severity: String

  enum CodingKeys: String, CodingKey {
    case gid
    case rid
    case stigID = "stig_id"
    case gtitle
    case fixID = "fix_id"
    case cci
    case nist
    case legacy
    case severity
  }
}

struct HDFSourceLocation: Encodable {
  let ref: String?
  let line: Int?
}

struct HDFResult: Encodable {
  let status: String
  let codeDescription: String
  let startTime: String
  let message: String?
  let skipMessage: String?
  let resource: String?

  enum CodingKeys: String, CodingKey {
    case status
    case codeDescription = "code_desc"
    case startTime = "start_time"
    case message
    case skipMessage = "skip_message"
    case resource
  }
}
