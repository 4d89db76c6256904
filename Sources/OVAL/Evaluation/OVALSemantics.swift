/// Whose answers the evaluator gives in the few places where OpenSCAP departs from the OVAL specification.
///
/// Content written against OpenSCAP (SCAP Security Guide above all) relies on OpenSCAP's answers, so they are the
/// default; docs/parity.md lists each difference with the section of the specification it departs from.
public enum OVALSemantics: String, Sendable, CaseIterable {
  /// OpenSCAP 1.3's answers:
  /// - an object entity whose variable has no value (an object_component over an object that does not exist, an
  ///   external variable not supplied) makes the object `does not exist` (the specification, section 5.3.5.3.2.2.1
  ///   and table 5.3.3.3.4: `error`);
  /// - a variable_object of an external variable not supplied collects one variable_item without a value (the
  ///   specification: `error`);
  /// - a state entity the item lacks makes the comparison `unknown` when the item has entities that exist (the
  ///   specification: the entity's check_existence decides, so the default at_least_one_exists gives `false`).
  ///
  /// A variable that could not be computed (an object it reads could not be collected, a function failed) keeps
  /// the objects that use it an `error`, as in the specification: OpenSCAP takes them as not existing, which would
  /// turn a collection error into a passing rule.
  case openSCAP = "openscap"
  /// The OVAL 5.11.2 specification's answers, which are also ovaldi's.
  case specification = "spec"

  /// Whether an object whose variable has no value for this reason is an error, as the specification says, rather
  /// than OpenSCAP's answer (an object that does not exist, or a variable_item without value).
  func makesObjectsAnError(_ reason: VariableError.Kind) -> Bool {
    self == .specification || reason == .failed
  }
}
