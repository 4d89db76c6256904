import Foundation

/// What end-to-end tests need from outside the repository, each looked up once. A test that needs one carries
/// `.enabled(if: Prerequisites.x != nil, "reason")`, so where it is missing the test shows as skipped with its reason;
/// inside the test, `try #require(Prerequisites.x)` takes the value.
///
/// `PALISADE_TEST_WITHOUT_SHARED=1` makes the tests behave as in a clone without ../shared.
enum Prerequisites {
  /// ../shared beside the package: present on the team's machines and in CI, absent in a user's clone.
  static let hasShared: Bool =
    ProcessInfo.processInfo.environment["PALISADE_TEST_WITHOUT_SHARED"] != "1"
    && FileManager.default.fileExists(atPath: ProjectPaths.shared.path)

  static let oscap = CommandRun.which("oscap")
  static let xmllint = CommandRun.which("xmllint")
  static let python3 = CommandRun.which("python3")
  static let bash = CommandRun.which("bash")
  static let docker = CommandRun.which("docker")
  static let openssl = CommandRun.which("openssl")
  static let cCompiler = CommandRun.which("cc") ?? CommandRun.which("gcc") ?? CommandRun.which("clang")
  static let isRoot = geteuid() == 0

  /// python3 when it can import jsonschema (python3-jsonschema).
  static let pythonWithJSONSchema: String? = {
    guard let python3, (try? CommandRun.run(python3, ["-c", "import jsonschema"]))?.status == 0 else { return nil }
    return python3
  }()

  /// Whether a test may start its own dockerd: installed, and run as root.
  static let canStartDockerd = CommandRun.which("dockerd") != nil && isRoot

  /// openscap-common's official schemas.
  static let officialSchemas = FileManager.default.fileExists(
    atPath: "\(SchemaOverlay.officialFolder)/oval/5.11.3/oval-definitions-schema.xsd")

  /// The schema overlay folder (openscap-common's schemas plus Palisade's extension), or nil when it cannot be built.
  static let schemaOverlay: String? = SchemaOverlay.built

  /// The SCAP Security Guide's Debian 11 data stream (ssg-debian).
  static let ssgDebian11 = "/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml"
  static let hasSSGDebian11 = FileManager.default.fileExists(atPath: ssgDebian11)

  /// The SCAP Security Guide's Ubuntu 22.04 data stream (ssg-debderived).
  static let ssgUbuntu2204 = "/usr/share/xml/scap/ssg/content/ssg-ubuntu2204-ds.xml"
  static let hasSSGUbuntu2204 = FileManager.default.fileExists(atPath: ssgUbuntu2204)

  /// debootstrap, and a Debian mirror whose name resolves (as the machine's apt uses it), for building a Debian tree.
  static let debootstrap: String? = {
    guard isRoot, let debootstrap = CommandRun.which("debootstrap") else { return nil }
    var answer: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo("deb.debian.org", "80", nil, &answer) == 0 else { return nil }
    freeaddrinfo(answer)
    return debootstrap
  }()

  /// Debian's ansible, for checking generated playbooks.
  static let ansiblePlaybook = CommandRun.which("ansible-playbook")
}
