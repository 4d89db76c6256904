import ArgumentParser
import Foundation
import Reports
import SCAPContent

extension Palisade {
  /// `palisade info`: what a content file holds.
  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show what a content file holds: data streams, checklists, profiles and check files.")

    @Argument(help: ArgumentHelp("A data stream, XCCDF benchmark or OVAL definitions file.", valueName: "content"))
    var content: String

    func run() throws {
      do {
        print(ContentInfo(document: try SCAPDocument(contentsOf: content)).text, terminator: "")
      } catch {
        StandardStreams.writeError(Palisade.Scan.diagnostic(for: error))
        throw ExitStatus.scanFailed
      }
    }
  }
}
