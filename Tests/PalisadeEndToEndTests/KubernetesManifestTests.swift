import Foundation
import TestSupport
import Testing
import Yams

/// The manifests of deploy/kubernetes: valid against Kubernetes' OpenAPI schemas, the scan pods' least privilege as
/// the comments promise, and the scan command they run accepted by the built `palisade` as a node would run it.
@Suite struct KubernetesManifestTests {
  static let folder = ProjectPaths.packageRoot.appendingPathComponent("deploy/kubernetes")
  static let manifests = ["namespace.yaml", "serviceaccount.yaml", "daemonset.yaml", "cronjob.yaml"]

  static func manifest(_ name: String) throws -> [String: Any] {
    let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is not a YAML mapping")
  }

  /// The pod spec of the DaemonSet and of the CronJob's job.
  static func podSpecs() throws -> [(name: String, spec: [String: Any])] {
    let daemonSet = try manifest("daemonset.yaml")
    let cronJob = try manifest("cronjob.yaml")
    return [
      ("daemonset", try #require(daemonSet[path: "spec", "template", "spec"] as? [String: Any])),
      ("cronjob", try #require(cronJob[path: "spec", "jobTemplate", "spec", "template", "spec"] as? [String: Any])),
    ]
  }

  @Test(
    .enabled(
      if: Prerequisites.kubernetesValidate != nil, "needs kubernetes-validate (pip install kubernetes-validate)"),
    arguments: manifests)
  func validatesAgainstKubernetesSchemas(_ name: String) throws {
    let path = Self.folder.appendingPathComponent(name).path
    // The newest schemas the tool has, and 1.30, the first release with recursiveReadOnly mounts.
    for version in [nil, "1.30"] as [String?] {
      let run = try CommandRun.run(
        try #require(Prerequisites.kubernetesValidate),
        ["--strict"] + (version.map { ["--kubernetes-version", $0] } ?? []) + [path])
      #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
      #expect(run.standardOutput.contains("passed"), "\(run.standardOutput)\(run.standardError)")
      #expect(!run.standardOutput.contains("ERROR"), "\(run.standardOutput)")
    }
  }

  @Test func theScanPodsHoldLeastPrivilege() throws {
    let namespace = try Self.manifest("namespace.yaml")
    let namespaceName = try #require(namespace[path: "metadata", "name"] as? String)
    for name in ["serviceaccount.yaml", "daemonset.yaml", "cronjob.yaml"] {
      #expect(try Self.manifest(name)[path: "metadata", "namespace"] as? String == namespaceName, "\(name)")
    }
    #expect(try Self.manifest("serviceaccount.yaml")["automountServiceAccountToken"] as? Bool == false)
    for (kind, pod) in try Self.podSpecs() {
      #expect(pod["automountServiceAccountToken"] as? Bool == false, "\(kind)")
      for shared in ["hostNetwork", "hostPID", "hostIPC"] {
        #expect(pod[shared] as? Bool == false, "\(kind) \(shared)")
      }
      #expect(pod[path: "securityContext", "seccompProfile", "type"] as? String == "RuntimeDefault", "\(kind)")
      let containers = try #require(pod["containers"] as? [[String: Any]])
      let volumes = try #require(pod["volumes"] as? [[String: Any]])
      for container in containers {
        let security = try #require(container["securityContext"] as? [String: Any], "\(kind)")
        #expect(security["readOnlyRootFilesystem"] as? Bool == true, "\(kind)")
        #expect(security["allowPrivilegeEscalation"] as? Bool == false, "\(kind)")
        #expect(security["privileged"] as? Bool == false, "\(kind)")
        #expect(security[path: "capabilities", "drop"] as? [String] == ["ALL"], "\(kind)")
        #expect(security[path: "capabilities", "add"] as? [String] == ["DAC_READ_SEARCH"], "\(kind)")
        #expect(security[path: "seccompProfile", "type"] as? String == "RuntimeDefault", "\(kind)")
        for limit in ["cpu", "memory"] {
          #expect(container[path: "resources", "limits", limit] != nil, "\(kind) has no \(limit) limit")
        }
        // Every host path is mounted read-only but the results folder.
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        for mount in mounts {
          let volume = volumes.first { $0["name"] as? String == mount["name"] as? String }
          guard let hostPath = volume?[path: "hostPath", "path"] as? String else { continue }
          if hostPath == "/var/lib/palisade" {
            #expect(mount["mountPath"] as? String == "/var/lib/palisade")
          } else {
            #expect(mount["readOnly"] as? Bool == true, "\(kind): \(hostPath) is writable")
          }
          if hostPath == "/" {
            #expect(mount["mountPath"] as? String == "/host")
            #expect(mount["recursiveReadOnly"] as? String == "IfPossible")
          }
        }
      }
    }
  }

  @Test func theDaemonSetAndTheCronJobScanAlike() throws {
    let specs = try Self.podSpecs()
    let arguments = try specs.map {
      try #require(($0.spec["containers"] as? [[String: Any]])?.first?["args"] as? [String])
    }
    #expect(arguments[0] == arguments[1])
    #expect(arguments[0].contains("--root=/host"))
    #expect(arguments[0].contains("--summary-format=json"))
  }

  /// The CronJob's command, run as its pod would run it, with the node's root, the results folder and the node's
  /// name a test gives: findings are a completed job (exit 0), the log is one line of JSON, and the results are
  /// in the node's results folder.
  @Test func theCronJobsCommandScansTheNodeAndLogsOneJSONLine() throws {
    let host = try FakeHost()
    let output = try TemporaryFolder()
    defer {
      host.remove()
      output.remove()
    }
    // A Docker host (dockerd installed) whose log driver keeps logs on the node: a finding.
    try host.write("/usr/bin/dockerd", "", mode: 0o755)
    try host.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let pod = try #require(try Self.podSpecs().first { $0.name == "cronjob" }?.spec)
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    let command = try #require(container["command"] as? [String])
    let nodeName = "node-a"
    // What the kubelet does with $(NODE_NAME), and where this test puts the node's root and the results.
    let arguments = try #require(container["args"] as? [String]).map {
      $0.replacingOccurrences(of: "$(NODE_NAME)", with: nodeName)
        .replacingOccurrences(of: "=/host", with: "=\(host.root.path)")
        .replacingOccurrences(of: "=/var/lib/palisade", with: "=\(output.path)")
        .replacingOccurrences(of: "unix:///var/run/docker.sock", with: "unix://\(output.path)/absent.sock")
    }
    let script = try #require(command.count >= 3 ? command[2] : nil)
      .replacingOccurrences(of: "/usr/bin/palisade", with: ProjectPaths.palisade)
    let run = try CommandRun.run(command[0], [command[1], script] + command.dropFirst(3) + arguments, timeout: 300)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.filter { $0 == "\n" }.count == 1, "\(run.standardOutput)")
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    #expect(summary["status"] as? String == "findings")
    let hostName = try #require(summary["host"] as? String)
    #expect(FileManager.default.fileExists(atPath: "\(output.path)/\(hostName)/latest/arf.xml"))
  }

  /// The image `build-image` makes from the package, run on a real dockerd with the CronJob pod's restrictions as
  /// docker run gives them (read-only root filesystem, no privilege escalation, its capabilities, user, limits and
  /// mounts): it scans a fake node's root at /host and the daemon through the mounted socket, logs one JSON line,
  /// and writes the results into the results mount.
  @Test(
    .enabled(if: Prerequisites.canStartDockerd && Prerequisites.docker != nil, "needs root, dockerd and docker"),
    .enabled(if: Prerequisites.debootstrap != nil, "needs debootstrap and a reachable Debian mirror"),
    .enabled(if: DebianPackageBuild.isAvailable, "needs packaging/build-deb"))
  func theImageScansANodeUnderThePodsRestrictions() throws {
    let deb = try DebianPackageBuild.deb()
    let daemon = try DockerDaemon.start(configuration: "{}")
    defer { daemon.stop() }
    let image = "palisade-test/scan:1"
    let built = try CommandRun.run(
      Self.folder.appendingPathComponent("build-image").path, [deb, image],
      environment: ["DOCKER_HOST": daemon.dockerHost], timeout: 1800)
    try #require(built.status == 0, "\(built.standardError)")

    let node = try FakeHost()
    let results = try TemporaryFolder()
    defer {
      node.remove()
      results.remove()
    }
    try node.write("/etc/hostname", "node-a\n")
    try node.write("/usr/bin/dockerd", "", mode: 0o755)
    try node.write("/etc/docker/daemon.json", #"{"log-driver": "json-file"}"#)
    let pod = try #require(try Self.podSpecs().first { $0.name == "cronjob" }?.spec)
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    let security = try #require(container["securityContext"] as? [String: Any])
    var options = ["--rm", "--network", "none"]
    if security["readOnlyRootFilesystem"] as? Bool == true { options.append("--read-only") }
    if security["allowPrivilegeEscalation"] as? Bool == false { options += ["--security-opt", "no-new-privileges"] }
    if let user = security["runAsUser"] as? Int { options += ["--user", String(user)] }
    for capability in security[path: "capabilities", "drop"] as? [String] ?? [] {
      options += ["--cap-drop", capability]
    }
    for capability in security[path: "capabilities", "add"] as? [String] ?? [] { options += ["--cap-add", capability] }
    let memory = try #require(container[path: "resources", "limits", "memory"] as? String)
    options += ["--memory", memory.replacingOccurrences(of: "Mi", with: "m")]
    let volumes = try #require(pod["volumes"] as? [[String: Any]])
    for mount in try #require(container["volumeMounts"] as? [[String: Any]]) {
      let name = try #require(mount["name"] as? String)
      let target = try #require(mount["mountPath"] as? String)
      let volume = try #require(volumes.first { $0["name"] as? String == name })
      if volume["emptyDir"] != nil {
        options += ["--tmpfs", target]
        continue
      }
      // Where this test keeps what the node has at each host path.
      let source: String =
        switch try #require(volume[path: "hostPath", "path"] as? String) {
        case "/": node.root.path
        case "/var/run/docker.sock": daemon.socketPath
        case "/var/lib/palisade": results.path
        case let other: throw DockerDaemonError(description: "no stand-in for the host path \(other)")
        }
      options += ["--volume", "\(source):\(target)\(mount["readOnly"] as? Bool == true ? ":ro" : "")"]
    }
    let command = try #require(container["command"] as? [String])
    let arguments = try #require(container["args"] as? [String])
    let run = try CommandRun.run(
      try #require(daemon.docker),
      ["-H", daemon.dockerHost, "run"] + options + ["--entrypoint", command[0], image] + command.dropFirst()
        + arguments, timeout: 600)
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.filter { $0 == "\n" }.count == 1, "\(run.standardOutput)")
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any], "\(run.standardOutput)")
    #expect(summary["status"] as? String == "findings")
    // The daemon answered through the mounted socket.
    #expect((summary["engine"] as? String)?.contains("unix:///var/run/docker.sock") == true, "\(summary)")
    let host = try #require(summary["host"] as? String)
    #expect(FileManager.default.fileExists(atPath: "\(results.path)/\(host)/latest/arf.xml"))
  }
}

extension Dictionary where Key == String, Value == Any {
  /// The value at a path of keys through nested mappings.
  fileprivate subscript(path keys: String...) -> Any? {
    var current: Any? = self
    for key in keys { current = (current as? [String: Any])?[key] }
    return current
  }
}
