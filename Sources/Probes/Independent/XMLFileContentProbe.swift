import OVAL
import XMLSupport

/// `xmlfilecontent_object`: the value of an XPath 1.0 expression in XML files (OVAL 5.11.2 independent schema), one
/// `xmlfilecontent_item` (`filepath`, `path`, `filename`, `xpath`, `value_of`...) per regular file the object names.
///
/// As in OpenSCAP, namespaces are removed from the document first (expressions name elements by local name); a
/// node-set gives the values of its attribute and text nodes, a number its integer part, a boolean `true` or
/// `false`. An expression that selects nothing gives no item. A file that is not XML, or an expression that is not
/// XPath, is an error naming it. Documents are parsed without network access, DTD loading or entity substitution.
struct XMLFileContentProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "xmlfilecontent_object")

  /// The largest XML file read; XML is parsed whole.
  static let maximumFileSize = 64 << 20

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      guard request.object.entity("xpath") != nil else { return .error("\(request.objectLabel): needs an 'xpath'") }
      let expressions = try request.exactValues(of: "xpath", needing: "a search of every expression")
      var outcome = context.outcome(for: request)
      search.forEachRegularFile(in: context, outcome: &outcome) { found, file, outcome in
        let document: XPathDocument
        do {
          guard file.size <= Int64(Self.maximumFileSize) else {
            outcome.fail("\(found.hostPath): the file is larger than \(Self.maximumFileSize >> 20) MiB")
            return
          }
          document = try XPathDocument(data: try file.readAll(limit: Self.maximumFileSize), path: found.hostPath)
          document.removeNamespaces()
        } catch let error as HostFileError {
          outcome.fail(error.description)
          return
        } catch {
          outcome.fail("\(found.hostPath): cannot parse XML: \(error)")
          return
        }
        for expression in expressions {
          let values: [String]
          do {
            switch try document.evaluate(expression) {
            case .boolean(let value): values = [value ? "true" : "false"]
            case .number(let value): values = [Self.integerText(value)]
            case .string(let value): values = [value]
            case .nodes(let nodes): values = nodes
            }
          } catch {
            outcome.fail("\(found.hostPath): invalid XPath expression '\(expression)'")
            continue
          }
          guard !values.isEmpty else { continue }
          var entities = found.itemEntities
          entities.append(ItemEntity("xpath", expression))
          entities += values.map { ItemEntity("value_of", $0) }
          outcome.add(Item(type: "xmlfilecontent_item", family: "independent", entities: entities))
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  /// A number as OpenSCAP reports it: truncated to an integer (NaN as 0).
  static func integerText(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    return String(Int64(max(min(value, Double(Int64.max)), Double(Int64.min))))
  }
}
