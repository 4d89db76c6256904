import Foundation
import PackagePlugin

/// Gives the `palisade` target a `BuildStamp` source naming the release (VERSION) and the git commit it is built
/// from, by running packaging/stamp-build before every build: a plain `swift build` and packaging/build-deb alike.
@main
struct BuildStamp: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let checkout = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appending(path: "stamp")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    return [
      .prebuildCommand(
        displayName: "Stamping the release and commit",
        executable: URL(filePath: "/bin/sh"),
        arguments: [
          checkout.appending(path: "packaging/stamp-build").path, checkout.path,
          output.appending(path: "BuildStamp.swift").path,
        ],
        outputFilesDirectory: output)
    ]
  }
}
