// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Palisade",
  platforms: [.macOS(.v13)],
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
    .target(name: "XMLSupport", dependencies: ["CLibXML2"]),
    .target(name: "SCAPContent", dependencies: ["XMLSupport"]),
    .target(name: "OVAL", dependencies: ["XMLSupport", "CPCRE2"]),
    .target(
      name: "Probes",
      dependencies: ["OVAL", "XMLSupport", "CLibCrypto", "CLinux", "CCurl", .product(name: "Yams", package: "Yams")]),
    .target(name: "Engine", dependencies: ["SCAPContent", "OVAL", "Probes"]),
    .target(name: "Reports", dependencies: ["Engine", "XMLSupport"]),
    .executableTarget(
      name: "palisade",
      dependencies: [
        "Engine", "Reports", "Probes", "SCAPContent", "XMLSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // libFuzzer target over the content loader and the evaluators (docs/fuzzing.md); without the sanitizer it
    // builds as a replayer of saved inputs.
    .executableTarget(
      name: "PalisadeFuzz", dependencies: ["Engine", "Reports", "OVAL", "Probes", "SCAPContent", "XMLSupport"]),
    .testTarget(name: "XMLSupportTests", dependencies: ["XMLSupport"]),
    .testTarget(name: "OVALTests", dependencies: ["OVAL"]),
    .testTarget(name: "ProbesTests", dependencies: ["Probes"]),
    .testTarget(name: "EngineTests", dependencies: ["Engine", "SCAPContent"]),
    // Fixtures are read by path, next to the tests that use them.
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Engine", "XMLSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "PalisadeEndToEndTests", dependencies: ["palisade", "XMLSupport"], exclude: ["Fixtures"]),
  ],
  swiftLanguageModes: [.v6]
)
