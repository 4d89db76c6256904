// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Palisade",
  // Linux only (Debian 12): the probes and the C shims read Linux interfaces (/proc, statx, capabilities), and
  // SwiftPM has no Linux entry for `platforms`, so none is declared.
  products: [
    .executable(name: "palisade", targets: ["palisade"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    .systemLibrary(
      name: "CLibCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    .systemLibrary(
      name: "CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    .systemLibrary(name: "CLinux"),
    // Each target declares exactly the modules it imports; with InternalImportsByDefault (swiftSettings below) a
    // bare `import` is internal, and `public import` marks a module whose types a public declaration exposes.
    .target(name: "XMLSupport", dependencies: ["CLibXML2", "CLibCrypto"]),
    .target(name: "SCAPContent", dependencies: ["XMLSupport"]),
    .target(name: "OVAL", dependencies: ["XMLSupport", "CPCRE2"]),
    .target(
      name: "Probes",
      dependencies: ["OVAL", "XMLSupport", "CLinux", "CCurl", .product(name: "Yams", package: "Yams")]),
    .target(name: "Engine", dependencies: ["SCAPContent", "OVAL", "Probes", "XMLSupport"]),
    .target(name: "Reports", dependencies: ["Engine", "SCAPContent", "OVAL", "Probes", "XMLSupport"]),
    // Run control of unattended scans: result folders, the lock, the deadline, retention and syslog alerts.
    .target(name: "RunControl", dependencies: ["Reports", "Engine", "Probes", "SCAPContent", "XMLSupport"]),
    // Reviewers' answers kept across scans (docs/reviews.md): the review file, and the answers a scan applies.
    .target(name: "Reviews", dependencies: ["Engine", "Reports", "Probes", "SCAPContent", "XMLSupport"]),
    .target(name: "Remediation", dependencies: ["Engine", "Probes", "SCAPContent", "OVAL", "XMLSupport"]),
    .executableTarget(
      name: "palisade",
      dependencies: [
        "Engine", "Reports", "RunControl", "Reviews", "Probes", "Remediation", "SCAPContent", "OVAL", "XMLSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // `palisade --version`: the release (VERSION) and the commit, stamped at build time.
      plugins: ["BuildStamp"]
    ),
    .plugin(name: "BuildStamp", capability: .buildTool()),
    // libFuzzer target over the content loader and the evaluators (docs/fuzzing.md); without the sanitizer it
    // builds as a replayer of saved inputs.
    .executableTarget(
      name: "PalisadeFuzz", dependencies: ["Engine", "Reports", "OVAL", "Probes", "SCAPContent", "XMLSupport"]),
    // What the test targets share: fake hosts, temporary folders, running commands, the project's paths and the
    // prerequisites a test may need from outside the repository (Tests/README.md).
    .target(name: "TestSupport", dependencies: ["Engine", "SCAPContent", "OVAL"], path: "Tests/TestSupport"),
    .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport"]),
    .testTarget(name: "SCAPContentTests", dependencies: ["SCAPContent", "XMLSupport", "TestSupport"]),
    .testTarget(name: "OVALTests", dependencies: ["OVAL", "XMLSupport", "TestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "ProbesTests",
      dependencies: ["Probes", "OVAL", "XMLSupport", "TestSupport", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "SCAPContent", "OVAL", "XMLSupport", "TestSupport"]),
    .testTarget(name: "ReviewsTests", dependencies: ["Reviews", "Engine", "XMLSupport"]),
    // Fixtures are read by path (`ProjectPaths.fixture`), next to the tests that use them.
    .testTarget(
      name: "ReportsTests", dependencies: ["Reports", "Engine", "SCAPContent", "OVAL", "XMLSupport", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "RunControlTests", dependencies: ["RunControl", "Reports", "Engine", "XMLSupport", "TestSupport"]),
    .testTarget(
      name: "RemediationTests", dependencies: ["Remediation", "Engine", "SCAPContent", "XMLSupport", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "PalisadeEndToEndTests",
      dependencies: ["palisade", "XMLSupport", "TestSupport", .product(name: "Yams", package: "Yams")],
      exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)

// A bare `import` is internal in every Swift target.
for target in package.targets where target.type != .system && target.type != .plugin {
  target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("InternalImportsByDefault")]
}
