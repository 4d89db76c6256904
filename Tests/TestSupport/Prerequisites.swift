import Foundation

/// What tests need from outside the repository, each looked up once. A test that needs one carries
/// `.enabled(if: Prerequisites.x != nil, "reason")`, so where it is missing the test shows as skipped with its reason;
/// inside the test, `try #require(Prerequisites.x)` takes the value.
///
/// `PALISADE_TEST_WITHOUT_SHARED=1` makes the tests behave as in a clone without ../shared.
public enum Prerequisites {
  /// ../shared beside the package: present on the team's machines and in CI, absent in a user's clone.
  public static let hasShared: Bool =
    ProcessInfo.processInfo.environment["PALISADE_TEST_WITHOUT_SHARED"] != "1"
    && FileManager.default.fileExists(atPath: ProjectPaths.shared.path)

  public static let oscap = CommandRun.which("oscap")
  public static let xmllint = CommandRun.which("xmllint")
  public static let python3 = CommandRun.which("python3")
  public static let bash = CommandRun.which("bash")
  public static let docker = CommandRun.which("docker")
  public static let openssl = CommandRun.which("openssl")
  public static let podman = CommandRun.which("podman")
  public static let cCompiler = CommandRun.which("cc") ?? CommandRun.which("gcc") ?? CommandRun.which("clang")
  /// Whether the tests run as root, who reads files whatever their permissions.
  public static let isRoot = geteuid() == 0
  /// A statically linked busybox (busybox-static), which runs inside a container made from a bare tree.
  public static let busybox = ["/bin/busybox", "/usr/bin/busybox"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// python3 when it can import jsonschema (python3-jsonschema).
  public static let pythonWithJSONSchema: String? = {
    guard let python3, (try? CommandRun.run(python3, ["-c", "import jsonschema"]))?.status == 0 else { return nil }
    return python3
  }()

  /// node, for the tools of Tests/Tools written in JavaScript.
  public static let node = CommandRun.which("node")

  /// A copy of NUWCDIVNPT/stig-manager-client-modules (STIG Manager's own checklist parser) that
  /// PALISADE_STIG_MANAGER_MODULES names; it is not part of the repository. nil when unset, or without ReviewParser.js.
  public static let stigManagerModules: String? = {
    guard let folder = ProcessInfo.processInfo.environment["PALISADE_STIG_MANAGER_MODULES"], !folder.isEmpty,
      FileManager.default.fileExists(
        atPath: URL(fileURLWithPath: folder).appendingPathComponent("ReviewParser.js").path)
    else { return nil }
    return folder
  }()

  /// Debian's dockerd (docker.io), or nil when it is not installed.
  public static let dockerd =
    CommandRun.which("dockerd")
    ?? ["/usr/sbin/dockerd", "/usr/bin/dockerd"].first(where: FileManager.default.isExecutableFile)

  /// Whether a test may start its own dockerd: installed, and run as root.
  public static let canStartDockerd = dockerd != nil && isRoot

  /// openscap-common's official schemas.
  public static let officialSchemas = FileManager.default.fileExists(
    atPath: "\(SchemaOverlay.officialFolder)/oval/5.11.3/oval-definitions-schema.xsd")

  /// The XCCDF 1.2 schema of openscap-common.
  public static let xccdf12Schema = "\(SchemaOverlay.officialFolder)/xccdf/1.2/xccdf_1.2.xsd"
  public static let hasXCCDF12Schema = FileManager.default.fileExists(atPath: xccdf12Schema)

  /// The schema overlay folder (openscap-common's schemas plus Palisade's extension), or nil when it cannot be built.
  public static let schemaOverlay: String? = SchemaOverlay.built

  /// The SCAP Security Guide's Debian 11 data stream (ssg-debian).
  public static let ssgDebian11 = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml"
  public static let hasSSGDebian11 = FileManager.default.fileExists(atPath: ssgDebian11)

  /// The SCAP Security Guide's Ubuntu 22.04 data stream (ssg-debderived).
  public static let ssgUbuntu2204 = "/usr/share/xml/scap/ssg/content/ssg-ubuntu2204-ds.xml"
  public static let hasSSGUbuntu2204 = FileManager.default.fileExists(atPath: ssgUbuntu2204)

  /// debootstrap, and a Debian mirror whose name resolves (as the machine's apt uses it), for building a Debian tree.
  public static let debootstrap: String? = {
    guard isRoot, let debootstrap = CommandRun.which("debootstrap") else { return nil }
    var answer: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo("deb.debian.org", "80", nil, &answer) == 0 else { return nil }
    freeaddrinfo(answer)
    return debootstrap
  }()

  /// Debian's ansible, for checking generated playbooks.
  public static let ansiblePlaybook = CommandRun.which("ansible-playbook")

  /// Debian's ansible-lint, for the Ansible role under deploy/ansible.
  public static let ansibleLint = CommandRun.which("ansible-lint")

  /// kubernetes-validate (`pip install kubernetes-validate`), which checks manifests against Kubernetes' OpenAPI
  /// schemas offline.
  public static let kubernetesValidate = CommandRun.which("kubernetes-validate")
}
