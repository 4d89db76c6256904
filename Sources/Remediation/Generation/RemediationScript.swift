/// A generated remediation: the plan's fixes as a bash script or an Ansible playbook, by the plan's fix system.
public struct RemediationScript: Sendable {
  public let plan: RemediationPlan
  public let layout: RemediationLayout
  public let provenance: RemediationProvenance

  public init(plan: RemediationPlan, layout: RemediationLayout, provenance: RemediationProvenance) {
    self.plan = plan
    self.layout = layout
    self.provenance = provenance
  }

  /// The script or playbook.
  public var text: String {
    switch plan.system {
    case .bash: bashText
    case .ansible: ansibleText
    }
  }
}
