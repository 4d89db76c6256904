import Foundation
import TestSupport

/// The Debian package `packaging/build-deb` builds, built once per test run (into the build folder, so no run leaves
/// a package behind in /tmp) for the tests that install it.
enum DebianPackageBuild {
  static let script = ProjectPaths.packageRoot.appendingPathComponent("packaging/build-deb").path
  /// Whether the checkout has the script and this machine the tools it runs (dpkg-dev).
  static let isAvailable =
    FileManager.default.isExecutableFile(atPath: script) && CommandRun.which("dpkg-deb") != nil
    && CommandRun.which("dpkg-shlibdeps") != nil

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  private static let built: Result<String, Failure> = {
    let folder = ProjectPaths.productsFolder.appendingPathComponent("test-packages").path
    try? FileManager.default.removeItem(atPath: folder)
    do {
      let run = try CommandRun.run(script, [folder], timeout: 2400)
      guard run.status == 0 else { return .failure(Failure(description: "build-deb failed: \(run.standardError)")) }
      let files = try FileManager.default.contentsOfDirectory(atPath: folder)
      guard let deb = files.first(where: { $0.hasSuffix("_amd64.deb") }) else {
        return .failure(Failure(description: "build-deb wrote no _amd64.deb into \(folder): \(files)"))
      }
      return .success("\(folder)/\(deb)")
    } catch {
      return .failure(Failure(description: "build-deb: \(error)"))
    }
  }()

  /// The package's path; the first call builds it.
  static func deb() throws -> String { try built.get() }
}
