import ArgumentParser
import Foundation
import Reports
import SCAPContent

extension Palisade {
  /// `palisade info`: what a content file holds.
  struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "info",
      abstract: "Show what a content file holds: data streams, checklists, profiles and check files.")

    @Argument(help: ArgumentHelp("A data stream, XCCDF benchmark or OVAL definitions file.", valueName: "content"))
    var content: String

    func run() async throws {
      try await CommandFailure.reported {
        print(ContentInfo(document: try SCAPDocument(contentsOf: content)).text, terminator: "")
      }
    }
  }
}
