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
}

extension Dictionary where Key == String, Value == Any {
  /// The value at a path of keys through nested mappings.
  fileprivate subscript(path keys: String...) -> Any? {
    var current: Any? = self
    for key in keys { current = (current as? [String: Any])?[key] }
    return current
  }
}
