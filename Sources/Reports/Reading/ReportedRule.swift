public import SCAPContent

/// What reports show of an XCCDF rule: its ids (DISA's when it has them), titles and the reviewer's texts.
public struct ReportedRule: Sendable {
  /// The rule id as written in its benchmark.
  public let id: String
  /// The id of the group the rule sits in, as written; nil for a rule directly under the benchmark.
  public let groupID: String?
  public let groupTitle: String?
  /// The rule's `version`: the STIG id in DISA content, such as `DKER-EE-001590`.
  public let version: String?
  public let title: String
  public let severity: RuleSeverity
  /// The weight as written, such as `10.0`.
  public let weight: String
  public let discussion: RuleDiscussion
  /// The manual check text (DISA's `check-content`).
  public let checkContent: String?
  /// The check's content reference: the document and, for OVAL, the definition; `M` for DISA's manual checks.
  public let checkReference: (href: String, name: String?)?
  /// The check's `check-export`s: the XCCDF Values it hands to the check system, and under which name.
  public let checkExports: [(valueID: String, exportName: String)]
  public let fixText: String?
  /// The `fixref` of the fix text, such as `F-38969r627487_fix`.
  public let fixID: String?
  public let idents: [ReportedIdent]
  public let references: [ReportedReference]

  public init(
    id: String, groupID: String?, groupTitle: String?, version: String?, title: String, severity: RuleSeverity,
    weight: String, discussion: RuleDiscussion, checkContent: String?, checkReference: (href: String, name: String?)?,
    checkExports: [(valueID: String, exportName: String)] = [], fixText: String?, fixID: String?,
    idents: [ReportedIdent], references: [ReportedReference]
  ) {
    self.id = id
    self.groupID = groupID
    self.groupTitle = groupTitle
    self.version = version
    self.title = title
    self.severity = severity
    self.weight = weight
    self.discussion = discussion
    self.checkContent = checkContent
    self.checkReference = checkReference
    self.checkExports = checkExports
    self.fixText = fixText
    self.fixID = fixID
    self.idents = idents
    self.references = references
  }

  /// The rule id without its XCCDF 1.2 prefix: `SV-235787r960912_rule` for DISA rules.
  public var shortID: String { XCCDFIdentifier.shortForm(of: id) }

  /// The rule id without the `_rule` suffix, as CKLB's `rule_id` holds it: `SV-235787r960912`.
  public var shortIDWithoutSuffix: String {
    shortID.hasSuffix("_rule") ? String(shortID.dropLast(5)) : shortID
  }

  /// The group id in short form, `V-235787` for DISA rules.
  public var shortGroupID: String? { groupID.map(XCCDFIdentifier.shortForm) }

  /// The checklist's vulnerability number: DISA's group id (`V-235787`), or one made from the rule number, or
  /// the rule's own short id, so that it is never empty (STIG Viewer refuses a VULN without one).
  public var vulnerabilityNumber: String {
    if let group = shortGroupID, group.hasPrefix("V-") { return group }
    if let number = XCCDFIdentifier.disaRuleNumber(of: id) { return "V-" + number.dropFirst(3) }
    return shortID
  }

  /// CCI identifiers, such as `CCI-000139`.
  public var ccis: [String] {
    idents.filter { $0.system.contains("cyber.mil/cci") || $0.value.hasPrefix("CCI-") }.map(\.value)
  }

  /// DISA's earlier ids of the rule (`V-95607`, `SV-104745`).
  public var legacyIDs: [String] {
    idents.filter { $0.system.contains("cyber.mil/legacy") }.map(\.value)
  }

  /// NIST SP 800-53 controls the rule's references name, such as `AU-5 a` or `CM-6(a)`.
  public var nistControls: [String] {
    references.compactMap(\.nistControl)
  }

  /// The STIG Viewer "target key" of the rule: the `dc:identifier` of DISA's DPMS reference.
  public var referenceIdentifier: String? {
    references.first { $0.identifier != nil }?.identifier
  }
}

/// An identifier of a rule in another system: a CCI, a CCE, a legacy DISA id.
public struct ReportedIdent: Sendable, Hashable {
  public let system: String
  public let value: String

  public init(system: String, value: String) {
    self.system = system
    self.value = value
  }
}

/// A rule's `reference`: plain text with an href, or DISA's Dublin Core block.
public struct ReportedReference: Sendable {
  public let href: String?
  public let text: String
  /// The Dublin Core `dc:identifier`, when the reference has one.
  public let identifier: String?

  public init(href: String?, text: String, identifier: String? = nil) {
    self.href = href
    self.text = text
    self.identifier = identifier
  }

  /// The NIST SP 800-53 control a reference names: SSG writes the control with an href to SP 800-53, Palisade's
  /// content writes `NIST SP 800-53 AU-5 a`.
  public var nistControl: String? {
    let mentionsNIST = (href ?? "").contains("800-53") || text.hasPrefix("NIST SP 800-53")
    guard mentionsNIST else { return nil }
    let control = text.hasPrefix("NIST SP 800-53 ") ? String(text.dropFirst("NIST SP 800-53 ".count)) : text
    let trimmed = control.trimmingCharacters(in: .whitespaces)
    guard let first = trimmed.first, first.isLetter, trimmed.contains("-") else { return nil }
    return trimmed
  }
}
