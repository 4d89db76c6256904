public import SCAPContent

extension Rule {
  /// The fix a generated script uses for this rule, among those written for `system`. XCCDF 1.2 has no default fix,
  /// so the choice follows OpenSCAP's (xccdf_policy_remediate.c): when any fix needs no reboot, those that need one
  /// are dropped; when any remaining fix has a low or medium `disruption`, only fixes with the level of the last such
  /// fix stay; the first one left wins.
  public func fix(for system: FixSystem) -> Fix? {
    var candidates = fixes.filter { $0.system == system.rawValue }
    if candidates.contains(where: { !$0.reboot }) { candidates.removeAll(where: \.reboot) }
    if let disruption = candidates.last(where: { ["low", "medium"].contains($0.disruption) })?.disruption {
      candidates.removeAll { $0.disruption != disruption }
    }
    return candidates.first
  }
}
