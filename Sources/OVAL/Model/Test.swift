public import XMLSupport

/// An OVAL test: an object to collect and the states its items are compared with.
public struct OVALTest: Sendable {
  public let id: String
  public let version: String
  /// The element name, such as `{...#independent}yamlfilecontent_test`.
  public let name: XMLName
  public let comment: String?
  public let check: CheckEnumeration
  public let checkExistence: ExistenceEnumeration
  public let stateOperator: LogicalOperator
  /// The object to collect; empty for an unknown_test, which has none.
  public let objectRef: String
  public let stateRefs: [String]
  public let location: SourceLocation
}
