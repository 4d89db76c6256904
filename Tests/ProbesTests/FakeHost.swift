import Foundation
import OVAL
import Testing
import XMLSupport

@testable import Probes

/// A scanned host built in a temporary folder, removed when the value goes away.
final class FakeHost {
  let folder: String
  let root: SystemRoot

  init() throws {
    var template = Array((NSTemporaryDirectory() + "/palisade-probes-XXXXXX").utf8CString)
    guard let created = mkdtemp(&template) else { throw FakeHostError("mkdtemp failed: \(errno)") }
    root = SystemRoot(String(cString: created))
    folder = root.path
  }

  deinit {
    // A test may leave a folder unreadable; make it removable first.
    if let walker = FileManager.default.enumerator(atPath: folder) {
      for case let relative as String in walker { chmod(folder + "/" + relative, 0o755) }
    }
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// The scanner's path for a host path, without any resolution.
  func scannerPath(_ hostPath: String) -> String { folder + hostPath }

  /// Writes a file at a host path, creating its folders.
  @discardableResult
  func write(_ hostPath: String, _ contents: String) throws -> FakeHost {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    try Data(contents.utf8).write(to: URL(fileURLWithPath: scannerPath(hostPath)))
    return self
  }

  /// Makes a folder at a host path, with its parents.
  func makeFolder(_ hostPath: String) throws {
    try FileManager.default.createDirectory(atPath: scannerPath(hostPath), withIntermediateDirectories: true)
  }

  /// Makes a symbolic link at a host path whose target is `target`, exactly as written.
  func link(_ hostPath: String, to target: String) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    guard symlink(target, scannerPath(hostPath)) == 0 else { throw FakeHostError("symlink failed: \(errno)") }
  }

  /// Makes a FIFO at a host path; reading it must not block.
  func makeFIFO(_ hostPath: String) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    guard mkfifo(scannerPath(hostPath), 0o644) == 0 else { throw FakeHostError("mkfifo failed: \(errno)") }
  }

  /// Changes the permissions of a host path.
  func setPermissions(_ hostPath: String, _ mode: mode_t) throws {
    guard chmod(scannerPath(hostPath), mode) == 0 else { throw FakeHostError("chmod failed: \(errno)") }
  }

  /// Sets the access time of a host path, as reading it would move it.
  func setAccessTime(_ hostPath: String, secondsSinceEpoch seconds: Int) throws {
    var status = stat()
    guard lstat(scannerPath(hostPath), &status) == 0 else { throw FakeHostError("lstat failed: \(errno)") }
    let times = [timespec(tv_sec: seconds, tv_nsec: 0), status.st_mtim]
    guard utimensat(AT_FDCWD, scannerPath(hostPath), times, AT_SYMLINK_NOFOLLOW) == 0 else {
      throw FakeHostError("utimensat failed: \(errno)")
    }
  }

  /// Collects an object, written as the XML of one object element, through `SystemCollector` on this host.
  func collect(_ objectXML: String, values: [String: [String]] = [:]) async throws -> CollectedObject {
    let request = try objectRequest(objectXML, values: values)
    return await SystemCollector(root: root).collect(request)
  }

  /// Writes bytes at a host path, creating its folders.
  func write(_ hostPath: String, bytes: [UInt8]) throws {
    try makeFolder((hostPath as NSString).deletingLastPathComponent)
    try Data(bytes).write(to: URL(fileURLWithPath: scannerPath(hostPath)))
  }
}

struct FakeHostError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

let independentNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
let unixNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
let linuxNamespace = "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux"

/// An OVAL definitions document around the given sections, with the `ind` prefix bound.
func definitionsDocument(definitions: String = "", tests: String = "", objects: String, states: String = "") -> String {
  """
  <oval_definitions xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
      xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5" xmlns:ind="\(independentNamespace)"
      xmlns:unix="\(unixNamespace)" xmlns:linux="\(linuxNamespace)"
      xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <definitions>\(definitions)</definitions>
    <tests>\(tests)</tests>
    <objects>\(objects)</objects>
    <states>\(states)</states>
  </oval_definitions>
  """
}

/// Loads OVAL definitions from text.
func loadDefinitions(_ text: String) throws -> OVALDefinitions {
  let root = try XMLSupport.XMLDocument(parsing: text, path: "test.xml").rootElement()
  return try OVALDefinitions(parsing: root, path: "test.xml")
}

/// The request for one object element: literal entity values, as the evaluator would resolve them, and `values` for
/// entities that refer to variables.
func objectRequest(_ objectXML: String, values extra: [String: [String]] = [:]) throws -> ObjectRequest {
  let definitions = try loadDefinitions(definitionsDocument(objects: objectXML))
  let object = try #require(definitions.objects.values.first)
  var values: [String: [String]] = [:]
  for entity in object.entities {
    if let value = entity.value { values[entity.name] = [value] }
  }
  values.merge(extra) { _, new in new }
  return ObjectRequest(object: object, values: values)
}

extension CollectedObject {
  /// The values of one entity across the items, in order.
  func values(of name: String) -> [String] { items.compactMap { $0.value(of: name) } }
}

extension Item {
  /// The value of the first entity with this name.
  func value(of name: String) -> String? { entities(named: name).first?.value }
}

extension CollectedObject {
  /// The text of every message, joined for `#expect(... .contains(...))`.
  var messageText: String { messages.map(\.text).joined(separator: "\n") }
}
