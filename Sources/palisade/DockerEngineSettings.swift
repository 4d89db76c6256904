import Engine
import Probes

extension DockerHostOption {
  /// `request` for this host, fitted to the engine that answers on `--docker-host`: a rootless daemon's
  /// configuration, pid file, unit files and data (the bundled content's XCCDF Values; a tailoring still wins), and,
  /// when podman answers, the Docker daemon's own rules made not applicable with why.
  /// - Parameter collector: the scan's collector; asking it which engine answers keeps the `/version` reply for the
  ///   content, so nothing is asked twice.
  func fitted(_ request: ScanRequest, to collector: SystemCollector) -> ScanRequest {
    var request = request
    if let rootless = RootlessDockerDaemon(listeningOn: host) {
      request.valueDefaults.merge(Self.valueDefaults(for: rootless)) { $1 }
    }
    if let engine = collector.answeringDockerEngine().map(ContainerEngine.init), engine.isPodman {
      request.platformsNotOnTarget[ContainerTargetOptions.dockerEnginePlatform] = Self.podmanAbsence(engine)
    }
    return request
  }

  /// The bundled content's XCCDF Values that name where the daemon keeps its configuration, pid file, unit files
  /// and data, set to where a rootless daemon (or a rootless podman's containers.conf) keeps them.
  static func valueDefaults(for rootless: RootlessDockerDaemon) -> [String: String] {
    [
      "xccdf_dev.palisade_value_docker_daemon_configuration_file": rootless.configurationFile,
      "xccdf_dev.palisade_value_docker_pid_files": rootless.pidFile,
      "xccdf_dev.palisade_value_docker_unit_folders": rootless.unitFolders.joined(separator: ","),
      "xccdf_dev.palisade_value_docker_data_root": rootless.dataRoot,
      "xccdf_dev.palisade_value_podman_last_configuration_folder": rootless.containersConfigurationFolder,
    ]
  }

  /// Why the rules that check the Docker daemon's own settings do not apply when podman answers the API.
  static func podmanAbsence(_ engine: ContainerEngine) -> String {
    "\(engine.summary) answers the Engine API: this rule checks a setting of the Docker daemon itself (daemon.json, "
      + "its units, socket, data or audit trail, swarm, UCP or DTR), which does not apply to podman"
  }
}
