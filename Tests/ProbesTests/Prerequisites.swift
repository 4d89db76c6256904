import Foundation

// What probe tests need from the machine, each looked up once. A test that needs one carries
// `.enabled(if: condition, "reason")`, so where it is missing the test shows as skipped with its reason.

/// Whether the tests run as root, who reads files whatever their permissions.
let runsAsRoot = geteuid() == 0

/// Debian's dockerd (docker.io), or nil when it is not installed.
let dockerdPath = ["/usr/sbin/dockerd", "/usr/bin/dockerd"].first(where: FileManager.default.isExecutableFile)

/// Whether a test may start its own dockerd: installed, and run as root.
let canStartDockerd = dockerdPath != nil && runsAsRoot
