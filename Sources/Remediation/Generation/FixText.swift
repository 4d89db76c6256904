public import Engine
public import SCAPContent
public import XMLSupport

/// Why a fix's text could not be made: an XCCDF `sub` that names nothing, or an element that is not one to substitute
/// (running a script with an unresolved element in it would be unsafe).
public struct FixTextError: Error, Sendable, CustomStringConvertible {
  public let description: String
}

extension Fix {
  /// The fix's script with every XCCDF `sub` replaced (XCCDF 1.2 specification, section 6.4.4.4 and 7.2.3.6.2): a
  /// `sub` naming a Value gives the value the profile binds (its title when `use="title"`; `legacy` and no `use` mean
  /// `value` when documents are generated and checks run), one naming a `plain-text` gives that text. Comments are
  /// dropped; character data (CDATA included) is kept as written.
  /// - Throws: `FixTextError` for a `sub` that names nothing, or any other element inside the fix.
  public func resolvedText(in benchmark: Benchmark, values: ValueBinding) throws(FixTextError) -> String {
    var text = ""
    for child in content {
      switch child {
      case .text(let characters): text += characters
      case .comment: break
      case .element(let element):
        guard element.localName == "sub", element.name.namespace == benchmark.namespace else {
          throw FixTextError(description: "the fix contains an element '\(element.localName)' that is not a 'sub'")
        }
        guard let idref = element[attribute: "idref"], !idref.isEmpty else {
          throw FixTextError(description: "a 'sub' in the fix has no 'idref'")
        }
        if let value = benchmark.values[idref] {
          if element[attribute: "use"] == "title" {
            text += value.title
          } else if let bound = values.values[idref] {
            text += bound
          } else {
            throw FixTextError(description: "the Value '\(idref)' that a 'sub' names has no value")
          }
        } else if let plainText = benchmark.plainTexts[idref] {
          text += plainText
        } else {
          throw FixTextError(description: "a 'sub' names '\(idref)', which is no Value or plain-text")
        }
      }
    }
    return text
  }
}
