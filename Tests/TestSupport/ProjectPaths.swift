public import Foundation

/// Where the package, its built `palisade` binary, its content, the tests' fixtures and the team's shared reference
/// material are.
public enum ProjectPaths {
  /// The package root, two folders above this file.
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The folder SwiftPM built the products into (the test bundle sits beside the executable).
  public static let productsFolder: URL = {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
  }()

  public static var palisade: String { productsFolder.appendingPathComponent("palisade").path }

  /// One of the project's checking scripts in Tests/Tools.
  public static func testTool(_ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/Tools/\(name)").path
  }

  /// A file of a test target's Fixtures folder, such as `fixture("PalisadeEndToEndTests", "docker-log-driver-ds.xml")`.
  public static func fixture(_ target: String, _ name: String) -> String {
    packageRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)").path
  }

  public static var bundledContent: String {
    packageRoot.appendingPathComponent("content/palisade-docker-stig-ds.xml").path
  }

  /// ../shared beside the package: present on the team's machines and in CI, absent in a user's clone
  /// (`Prerequisites.hasShared`).
  public static var shared: URL { packageRoot.deletingLastPathComponent().appendingPathComponent("shared") }

  /// A file under ../shared/reference; tests that read one are enabled only where `Prerequisites.hasShared`.
  public static func reference(_ relativePath: String) -> String {
    shared.appendingPathComponent("reference").appendingPathComponent(relativePath).path
  }
}
