import Foundation
import OVAL
import TestSupport
import Testing

@testable import Probes

@Suite("file_object and the shared filesystem walk")
struct FileProbeTests {
  /// A file_object with the given entities and behaviors.
  static func object(_ entities: String, behaviors: String = "") -> String {
    """
    <unix:file_object id="oval:t:obj:1" version="1">\(behaviors)\(entities)</unix:file_object>
    """
  }

  static func recurse(
    direction: String = "down", depth: Int = -1, recurse: String = "symlinks and directories",
    fileSystem: String = "all"
  ) -> String {
    #"<unix:behaviors recurse="\#(recurse)" recurse_direction="\#(direction)" max_depth="\#(depth)" recurse_file_system="\#(fileSystem)"/>"#
  }

  /// /etc with a few files, a nested folder, and /usr/lib with a symbolic link to it from /lib, as on Debian 12.
  private func tree() throws -> FakeHost {
    let host = try FakeHost()
    try host.write("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
    try host.write("/etc/ssh/sshd_config", "Port 22\n")
    try host.write("/etc/ssh/ssh_config.d/local.conf", "x\n")
    try host.write("/usr/lib/libc.so.6", "elf")
    try host.write("/usr/lib/x86_64/libm.so.6", "elf")
    try host.link("/lib", to: "usr/lib")
    return host
  }

  @Test("filepath names one file; the item reports lstat with every file_item entity OpenSCAP writes")
  func exactFilepath() async throws {
    let host = try tree()
    try host.setPermissions("/etc/passwd", 0o4755)
    let collected = try await host.collect(Self.object("<unix:filepath>/etc/passwd</unix:filepath>"))
    #expect(collected.flag == .complete)
    let item = try #require(collected.items.first)
    #expect(item.type == "file_item" && item.family == "unix")
    #expect(
      item.entities.map(\.name) == [
        "filepath", "path", "filename", "type", "group_id", "user_id", "a_time", "c_time", "m_time", "size", "suid",
        "sgid", "sticky", "uread", "uwrite", "uexec", "gread", "gwrite", "gexec", "oread", "owrite", "oexec",
        "has_extended_acl",
      ])
    #expect(item.value(of: "path") == "/etc" && item.value(of: "filename") == "passwd")
    #expect(item.value(of: "type") == "regular" && item.value(of: "size") == "26")
    #expect(item.value(of: "suid") == "true" && item.value(of: "owrite") == "false")
    #expect(item.entities(named: "size").first?.datatype == .int)
    #expect(item.entities(named: "suid").first?.datatype == .boolean)
    #expect(item.value(of: "has_extended_acl") == "false")
  }

  @Test("a missing file does not exist; a folder is not a filepath match, as in OpenSCAP")
  func missingAndFolder() async throws {
    let host = try tree()
    #expect(try await host.collect(Self.object("<unix:filepath>/etc/nope</unix:filepath>")).flag == .doesNotExist)
    #expect(try await host.collect(Self.object("<unix:filepath>/etc/ssh</unix:filepath>")).flag == .doesNotExist)
  }

  @Test("path and a filename pattern give the folder's own files, not those of subfolders, without recursion")
  func folderChildren() async throws {
    let host = try tree()
    let collected = try await host.collect(
      Self.object(#"<unix:path>/etc/ssh</unix:path><unix:filename operation="pattern match">^.*$</unix:filename>"#))
    #expect(collected.values(of: "filepath") == ["/etc/ssh/sshd_config"])
  }

  @Test("recursion down finds files at every depth, or down to max_depth")
  func recursionDown() async throws {
    let host = try tree()
    let entities = #"<unix:path>/etc</unix:path><unix:filename operation="pattern match">conf</unix:filename>"#
    let all = try await host.collect(Self.object(entities, behaviors: Self.recurse()))
    #expect(all.values(of: "filepath").sorted() == ["/etc/ssh/ssh_config.d/local.conf", "/etc/ssh/sshd_config"])
    let one = try await host.collect(Self.object(entities, behaviors: Self.recurse(depth: 1)))
    #expect(one.values(of: "filepath") == ["/etc/ssh/sshd_config"])
    let none = try await host.collect(Self.object(entities, behaviors: Self.recurse(depth: 0)))
    #expect(none.flag == .doesNotExist)
  }

  @Test("a nil filename finds folders: the starting one, then each one below down to max_depth")
  func folders() async throws {
    let host = try tree()
    let entities = #"<unix:path>/etc</unix:path><unix:filename xsi:nil="true"/>"#
    let itself = try await host.collect(Self.object(entities))
    #expect(itself.values(of: "path") == ["/etc"])
    #expect(itself.items.first?.value(of: "filename") == "")
    #expect(itself.items.first?.entities(named: "filepath").isEmpty == true)
    let all = try await host.collect(Self.object(entities, behaviors: Self.recurse()))
    #expect(all.values(of: "path").sorted() == ["/etc", "/etc/ssh", "/etc/ssh/ssh_config.d"])
    let one = try await host.collect(Self.object(entities, behaviors: Self.recurse(depth: 1)))
    #expect(one.values(of: "path").sorted() == ["/etc", "/etc/ssh"])
  }

  @Test("a path that is a link is followed and reported as given; the starting folder's item is the link itself")
  func linkedStart() async throws {
    let host = try tree()
    let files = try await host.collect(
      Self.object(
        #"<unix:path>/lib</unix:path><unix:filename operation="pattern match">\.so</unix:filename>"#,
        behaviors: Self.recurse()))
    #expect(files.values(of: "filepath").sorted() == ["/lib/libc.so.6", "/lib/x86_64/libm.so.6"])
    let folders = try await host.collect(
      Self.object(#"<unix:path>/lib</unix:path><unix:filename xsi:nil="true"/>"#, behaviors: Self.recurse()))
    let start = try #require(folders.items.first { $0.value(of: "path") == "/lib" })
    #expect(start.value(of: "type") == "symbolic link")
    #expect(folders.values(of: "path").contains("/lib/x86_64"))
  }

  @Test("recursion up reports each folder above, up to max_depth")
  func recursionUp() async throws {
    let host = try tree()
    let folders = try await host.collect(
      Self.object(
        #"<unix:path>/etc/ssh/ssh_config.d</unix:path><unix:filename xsi:nil="true"/>"#,
        behaviors: Self.recurse(direction: "up", depth: 1)))
    #expect(folders.values(of: "path") == ["/etc/ssh/ssh_config.d", "/etc/ssh"])
    let files = try await host.collect(
      Self.object(
        "<unix:path>/etc/ssh/ssh_config.d</unix:path><unix:filename>passwd</unix:filename>",
        behaviors: Self.recurse(direction: "up")))
    #expect(files.values(of: "filepath") == ["/etc/passwd"])
  }

  @Test("a pattern on path walks from its fixed folder and keeps the folders that match")
  func pathPattern() async throws {
    let host = try tree()
    let collected = try await host.collect(
      Self.object(#"<unix:path operation="pattern match">^/etc/ss.$</unix:path><unix:filename xsi:nil="true"/>"#))
    #expect(collected.values(of: "path") == ["/etc/ssh"])
  }

  @Test("a pattern on filepath finds files below the fixed folder, through links to folders")
  func filepathPattern() async throws {
    let host = try tree()
    let collected = try await host.collect(
      Self.object(#"<unix:filepath operation="pattern match">^/lib/.*\.so\.6$</unix:filepath>"#))
    #expect(collected.values(of: "filepath").sorted() == ["/lib/libc.so.6", "/lib/x86_64/libm.so.6"])
  }

  @Test(
    "the fixed folder of an anchored pattern",
    arguments: [
      (#"^/etc/ssh/sshd_config$"#, "/etc/ssh"), (#"^/etc/sudoers\.d/.*$"#, "/etc/sudoers.d"),
      (#"^/etc/(a|b)/x"#, "/"), ("^/e?tc/x", "/"), ("^/etc/x?/y", "/etc"), (#"^/var/log/\w+"#, "/var/log"),
      ("^/", "/"),
    ])
  func fixedFolder(pattern: String, folder: String) {
    #expect(PathPruning.fixedFolder(of: pattern) == folder)
  }

  @Test("a pattern that starts with a slash is walked from its fixed folder, as OpenSCAP walks it")
  func slashPattern() async throws {
    let host = try tree()
    try host.write("/srv/etc/ssh/decoy", "")
    let collected = try await host.collect(
      Self.object(
        #"<unix:path operation="pattern match">/etc/ss.</unix:path><unix:filename operation="pattern match">.</unix:filename>"#
      ))
    // The comparison itself stays a search: /etc/ssh/ssh_config.d matches too; /srv/etc/ssh is never walked.
    #expect(collected.values(of: "filepath").sorted() == ["/etc/ssh/ssh_config.d/local.conf", "/etc/ssh/sshd_config"])
  }

  @Test("operations other than equals and pattern match walk the whole host")
  func otherOperations() async throws {
    let host = try tree()
    let collected = try await host.collect(
      Self.object(#"<unix:path>/etc/ssh</unix:path><unix:filename operation="not equal">sshd_config</unix:filename>"#))
    #expect(collected.flag == .doesNotExist)
    let everywhere = try await host.collect(
      Self.object(#"<unix:filepath operation="case insensitive equals">/ETC/PASSWD</unix:filepath>"#))
    #expect(everywhere.values(of: "filepath") == ["/etc/passwd"])
  }

  @Test("a link out of the root is resolved inside it, never outside")
  func linkOutOfTheRoot() async throws {
    let host = try tree()
    try host.link("/etc/escape", to: "../../../../../../../../usr")
    try host.link("/etc/absolute", to: "/usr")
    let collected = try await host.collect(
      Self.object(
        #"<unix:path>/etc</unix:path><unix:filename operation="pattern match">\.so</unix:filename>"#,
        behaviors: Self.recurse()))
    // Both links lead to the fake host's own /usr: its files are found there, the scanner's are not.
    #expect(
      Set(collected.values(of: "filepath")) == [
        "/etc/escape/lib/libc.so.6", "/etc/escape/lib/x86_64/libm.so.6", "/etc/absolute/lib/libc.so.6",
        "/etc/absolute/lib/x86_64/libm.so.6",
      ])
  }

  @Test("a link back to a folder above is noticed and left, so the walk ends")
  func linkLoop() async throws {
    let host = try tree()
    try host.link("/etc/ssh/loop", to: "/etc")
    try host.link("/etc/ssh/self", to: ".")
    let collected = try await host.collect(
      Self.object(
        #"<unix:path>/etc</unix:path><unix:filename>passwd</unix:filename>"#, behaviors: Self.recurse()))
    #expect(collected.values(of: "filepath") == ["/etc/passwd"])
  }

  @Test("recurse='directories' does not follow links; 'symlinks' follows only links")
  func recurseKinds() async throws {
    let host = try tree()
    try host.link("/etc/linked", to: "/usr/lib")
    let entities = #"<unix:path>/etc</unix:path><unix:filename operation="pattern match">\.so|conf</unix:filename>"#
    let directories = try await host.collect(Self.object(entities, behaviors: Self.recurse(recurse: "directories")))
    #expect(Set(directories.values(of: "filename")) == ["sshd_config", "local.conf"])
    let links = try await host.collect(Self.object(entities, behaviors: Self.recurse(recurse: "symlinks")))
    #expect(Set(links.values(of: "filename")) == ["libc.so.6"])
  }

  @Test("/proc and /sys are not entered from above, but are when the object starts inside them")
  func pseudoFileSystems() async throws {
    let host = try tree()
    try host.write("/proc/1/status", "Name: init\n")
    try host.write("/sys/kernel/x", "1\n")
    let fromTop = try await host.collect(
      Self.object(
        #"<unix:path>/</unix:path><unix:filename operation="pattern match">^(status|x)$</unix:filename>"#,
        behaviors: Self.recurse()))
    #expect(fromTop.flag == .doesNotExist)
    let inside = try await host.collect(
      Self.object(
        #"<unix:path>/proc</unix:path><unix:filename>status</unix:filename>"#, behaviors: Self.recurse()))
    #expect(inside.values(of: "filepath") == ["/proc/1/status"])
  }

  @Test("FIFOs, sockets and links are reported with their type, never opened")
  func specialFiles() async throws {
    let host = try tree()
    try host.makeFIFO("/etc/fifo")
    try host.link("/etc/dangling", to: "/nowhere")
    let collected = try await host.collect(
      Self.object(
        #"<unix:path>/etc</unix:path><unix:filename operation="pattern match">^(fifo|dangling)$</unix:filename>"#))
    let types = Dictionary(
      uniqueKeysWithValues: collected.items.map { ($0.value(of: "filename") ?? "", $0.value(of: "type") ?? "") })
    #expect(types == ["fifo": "fifo", "dangling": "symbolic link"])
    let dangling = try #require(collected.items.first { $0.value(of: "filename") == "dangling" })
    #expect(dangling.entities(named: "has_extended_acl").first?.status == .doesNotExist)
  }

  @Test("one walk serves every recursive object of a scan: folders are read once")
  func sharedWalk() async throws {
    let host = try tree()
    let session = CollectionSession(root: host.systemRoot, itemLimit: 1000)
    let collector = SystemCollector(session: session)
    let first = try objectRequest(
      Self.object(#"<unix:path>/</unix:path><unix:filename xsi:nil="true"/>"#, behaviors: Self.recurse()))
    _ = await collector.collect(first)
    let afterFirst = session.fileTree.folderReads
    let second = try objectRequest(
      Self.object(
        #"<unix:path>/</unix:path><unix:filename operation="pattern match">.</unix:filename>"#,
        behaviors: Self.recurse()))
    let third = try objectRequest(
      Self.object(
        #"<unix:path>/lib</unix:path><unix:filename operation="pattern match">.</unix:filename>"#,
        behaviors: Self.recurse()))
    _ = await collector.collect(second)
    _ = await collector.collect(third)
    #expect(afterFirst > 0)
    #expect(session.fileTree.folderReads == afterFirst)
  }

  @Test("a file collected again later in the scan keeps the times first read, so it stays one item")
  func timesReadOncePerScan() async throws {
    let host = try tree()
    let collector = SystemCollector(session: CollectionSession(root: host.systemRoot, itemLimit: 1000))
    let byPattern = try objectRequest(
      Self.object(
        #"<unix:path operation="pattern match">^/etc/ss.$</unix:path><unix:filename>sshd_config</unix:filename>"#))
    let first = await collector.collect(byPattern)
    // Another object reading the file in between moves its access time.
    try host.setAccessTime("/etc/ssh/sshd_config", secondsSinceEpoch: 1_000_000_000)
    let byFilepath = try objectRequest(Self.object("<unix:filepath>/etc/ssh/sshd_config</unix:filepath>"))
    let second = await collector.collect(byFilepath)
    #expect(first.values(of: "a_time").count == 1)
    #expect(second.values(of: "a_time") == first.values(of: "a_time"))
    #expect(
      try await host.collect(Self.object("<unix:filepath>/etc/ssh/sshd_config</unix:filepath>")).values(of: "a_time")
        == ["1000000000"])
  }

  @Test("filters applied while collecting keep only the items the evaluator would keep")
  func earlyFilters() async throws {
    let host = try tree()
    try host.setPermissions("/etc/ssh/sshd_config", 0o4755)
    let document = definitionsDocument(
      objects: """
        <unix:file_object id="oval:t:obj:1" version="1">\(Self.recurse())
          <unix:path>/</unix:path><unix:filename operation="pattern match">.</unix:filename>
          <filter action="include">oval:t:ste:1</filter>
        </unix:file_object>
        """,
      states:
        #"<unix:file_state id="oval:t:ste:1" version="1"><unix:suid datatype="boolean">true</unix:suid></unix:file_state>"#
    )
    let definitions = try loadDefinitions(document)
    let object = try #require(definitions.objects["oval:t:obj:1"])
    let filter = try #require(ItemFilter(object.filters, states: definitions.states))
    #expect(filter.entityNames == ["suid"])
    let request = ObjectRequest(object: object, values: ["path": ["/"], "filename": ["."]])
    let collected = await SystemCollector(root: host.systemRoot).collect(request, keeping: filter)
    #expect(collected.values(of: "filepath") == ["/etc/ssh/sshd_config"])
    #expect(collected.items.first?.entities.count == 23)
  }

  @Test("an object with more items than the limit is incomplete, with a message")
  func itemLimit() async throws {
    let host = try tree()
    let request = try objectRequest(
      Self.object(
        #"<unix:path>/</unix:path><unix:filename operation="pattern match">.</unix:filename>"#,
        behaviors: Self.recurse()))
    let collected = await SystemCollector(root: host.systemRoot, itemLimit: 2).collect(request)
    #expect(collected.flag == .incomplete)
    #expect(collected.items.count == 2)
    #expect(collected.messageText.contains("collection stopped at 2 items"))
  }

  @Test("invalid behaviors are errors naming the attribute")
  func invalidBehaviors() async throws {
    let host = try tree()
    let collected = try await host.collect(
      Self.object(
        "<unix:path>/etc</unix:path><unix:filename>passwd</unix:filename>",
        behaviors: #"<unix:behaviors recurse_direction="sideways"/>"#))
    #expect(collected.flag == .error)
    #expect(collected.messageText.contains("recurse_direction must be none, down or up, not 'sideways'"))
  }
}
