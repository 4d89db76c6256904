import Testing

/// One rootless dockerd for a whole suite: started before the suite's first test, stopped after its last, and read by
/// its tests from `SharedRootlessDaemon.current`. Its daemon.json limits json-file logs (`configuration`).
struct SharedRootlessDaemon: SuiteTrait, TestScoping {
  static let configuration = #"{"log-driver": "json-file", "log-opts": {"max-size": "10m", "max-file": "3"}}"#

  /// The daemon of the suite being run; nil outside it.
  @TaskLocal static var current: RootlessDockerDaemonProcess?

  func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    let daemon = try RootlessDockerDaemonProcess(configuration: Self.configuration)
    defer { daemon.stop() }
    try await Self.$current.withValue(daemon, operation: function)
  }
}

extension Trait where Self == SharedRootlessDaemon {
  /// Starts one rootless dockerd for the suite (`SharedRootlessDaemon`).
  static var sharedRootlessDaemon: Self { Self() }
}
