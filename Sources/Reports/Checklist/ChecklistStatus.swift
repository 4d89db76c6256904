package import Engine

/// How an XCCDF rule result reads in a STIG Viewer checklist: pass is Not a Finding, fail is Open, notapplicable
/// is Not Applicable, and everything else (error, unknown, notchecked, informational, ...) needs a person, so it
/// stays Not Reviewed.
package enum ChecklistStatus: String, CaseIterable {
  case notAFinding
  case open
  case notApplicable
  case notReviewed

  package init(_ result: RuleResultValue) {
    switch result {
    case .pass, .fixed: self = .notAFinding
    case .fail: self = .open
    case .notapplicable: self = .notApplicable
    default: self = .notReviewed
    }
  }

  /// The CKL `STATUS` value.
  package var ckl: String {
    switch self {
    case .notAFinding: "NotAFinding"
    case .open: "Open"
    case .notApplicable: "Not_Applicable"
    case .notReviewed: "Not_Reviewed"
    }
  }

  /// The CKLB `status` value.
  package var cklb: String {
    switch self {
    case .notAFinding: "not_a_finding"
    case .open: "open"
    case .notApplicable: "not_applicable"
    case .notReviewed: "not_reviewed"
    }
  }

  /// The words a reviewer reads in finding details.
  var words: String {
    switch self {
    case .notAFinding: "NOT A FINDING"
    case .open: "OPEN"
    case .notApplicable: "NOT APPLICABLE"
    case .notReviewed: "NOT REVIEWED"
    }
  }
}
