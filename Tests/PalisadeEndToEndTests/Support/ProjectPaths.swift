import Foundation

/// Where the package, its built `palisade` binary, its content and the team's shared reference material are.
enum ProjectPaths {
  /// The package root, three folders above this file.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The folder SwiftPM built the products into (the test bundle sits beside the executable).
  static let productsFolder: URL = {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
  }()

  static var palisade: String { productsFolder.appendingPathComponent("palisade").path }

  /// One of the project's checking scripts in Tests/Tools.
  static func testTool(_ name: String) -> String { packageRoot.appendingPathComponent("Tests/Tools/\(name)").path }

  static var bundledContent: String { packageRoot.appendingPathComponent("content/palisade-docker-stig-ds.xml").path }

  /// ../shared beside the package: present on the team's machines and in CI, absent in a user's clone
  /// (`Prerequisites.hasShared`).
  static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }
}
