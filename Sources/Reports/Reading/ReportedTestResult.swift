import Engine

/// What a TestResult says about the scan: when, by what, as whom, against which target, with which values.
public struct ReportedTestResult: Sendable {
  public let id: String
  /// The scanner's CPE, such as `cpe:/a:palisade:palisade:0.1.0`.
  public let testSystem: String?
  /// xsd:dateTime as written.
  public let startTime: String?
  public let endTime: String?
  /// The `benchmark` element's `href` and `id`.
  public let benchmarkHref: String?
  public let benchmarkID: String?
  public let profileID: String?
  public let identity: String?
  public let isPrivileged: Bool
  public let target: ReportedTarget
  /// `set-value`: the value each XCCDF Value had in the scan, by Value id.
  public let setValues: [String: String]
  public let score: (value: String, maximum: String?)?

  public init(
    id: String, testSystem: String?, startTime: String?, endTime: String?, benchmarkHref: String?,
    benchmarkID: String?, profileID: String?, identity: String?, isPrivileged: Bool, target: ReportedTarget,
    setValues: [String: String], score: (value: String, maximum: String?)?
  ) {
    self.id = id
    self.testSystem = testSystem
    self.startTime = startTime
    self.endTime = endTime
    self.benchmarkHref = benchmarkHref
    self.benchmarkID = benchmarkID
    self.profileID = profileID
    self.identity = identity
    self.isPrivileged = isPrivileged
    self.target = target
    self.setValues = setValues
    self.score = score
  }
}

/// The scanned host: names, addresses and the facts the scanner recorded.
public struct ReportedTarget: Sendable {
  public let hostName: String
  public let fullyQualifiedName: String?
  public let addresses: [String]
  public let macAddresses: [String]
  /// `target-facts` in order, names as written (`urn:xccdf:fact:asset:identifier:fqdn`, ...).
  public let facts: [(name: String, value: String)]
  /// From the OVAL system characteristics, when the result has them.
  public let operatingSystem: String?
  public let operatingSystemVersion: String?
  public let architecture: String?

  public init(
    hostName: String, fullyQualifiedName: String?, addresses: [String], macAddresses: [String],
    facts: [(name: String, value: String)], operatingSystem: String?, operatingSystemVersion: String?,
    architecture: String?
  ) {
    self.hostName = hostName
    self.fullyQualifiedName = fullyQualifiedName
    self.addresses = addresses
    self.macAddresses = macAddresses
    self.facts = facts
    self.operatingSystem = operatingSystem
    self.operatingSystemVersion = operatingSystemVersion
    self.architecture = architecture
  }

  /// Addresses other than loopback and link-local ones, which say nothing about which host this is.
  public var routableAddresses: [String] {
    addresses.filter { address in
      !(address.hasPrefix("127.") || address == "::1" || address.hasPrefix("fe80:") || address == "0:0:0:0:0:0:0:1")
    }
  }

  /// The container engine whose API the scan read, as Palisade's facts name it: `Podman Engine 4.3.1 at
  /// unix:///run/podman/podman.sock`; nil when the result names none.
  public var containerEngine: String? {
    func fact(_ name: String) -> String? { facts.first { $0.name == name }?.value }
    guard let name = fact(ContainerEngine.FactName.name) else { return nil }
    return ContainerEngine(
      name: name, version: fact(ContainerEngine.FactName.version) ?? "",
      address: fact(ContainerEngine.FactName.address) ?? ""
    ).summary
  }

  /// Hardware addresses other than the loopback's all-zero one.
  public var hardwareAddresses: [String] {
    macAddresses.filter { $0 != "00:00:00:00:00:00" }
  }
}
