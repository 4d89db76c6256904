import Reports

/// A rule id as reviews name it: DISA's rule number with its revision (`SV-235787r960912_rule`), or another
/// content's rule id. Reviews of one rule are found by `key`, whatever the revision, so that a review made for an
/// older revision can be reported as such rather than ignored.
struct ReviewedRuleID: Equatable {
  /// The id in short form (without the `xccdf_<owner>_rule_` prefix).
  let shortID: String

  init(_ id: String) {
    shortID = XCCDFIdentifier.shortForm(of: id)
  }

  /// `SV-235787` for a DISA rule; the short id for others.
  var key: String {
    XCCDFIdentifier.disaRuleNumber(of: shortID) ?? shortID
  }
}
