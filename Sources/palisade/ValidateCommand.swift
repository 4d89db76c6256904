import ArgumentParser
import Foundation
import SCAPContent
import XMLSupport

extension Palisade {
  /// `palisade validate`: a content or result file against its official schema.
  struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Validate a SCAP document against its official XML Schema.",
      discussion: """
        The schema is chosen by the document's root element (data stream, XCCDF, OVAL, ARF, CPE dictionary, OCIL) from \
        the schemas openscap-common installs under /usr/share/openscap/schemas, or from --schemas DIR laid out the \
        same way. Exit 0 when the document is valid, 2 when it is not (each problem printed as \
        file:line:col: error: message), 1 when it cannot be checked.
        """)

    @Option(name: .long, help: ArgumentHelp("A folder of schemas laid out as openscap-common's.", valueName: "dir"))
    var schemas: String = SchemaCatalog.defaultFolder

    @Argument(help: ArgumentHelp("The document to validate.", valueName: "file"))
    var file: String

    func run() async throws {
      let problems = try await CommandFailure.reported {
        let root = try XMLDocument(contentsOf: file).rootElement()
        guard let schema = SchemaCatalog(folder: schemas).schemaPath(for: root) else {
          throw ValidationError("no schema is known for '\(root.name)'")
        }
        guard FileManager.default.fileExists(atPath: schema) else {
          throw LocatedError(
            "schema not found (install openscap-common, or give --schemas)",
            at: SourceLocation(file: schema, line: 0, column: 0))
        }
        return try SchemaValidator(schemaPath: schema).problems(inDocumentAt: file)
      }
      for problem in problems {
        StandardStreams.write(Diagnostic(error: problem))
      }
      if !problems.isEmpty { throw ExitStatus.findings }
      print("\(file): valid")
    }
  }
}
