import Foundation
import Testing

@testable import Probes

/// Unpacking archives from a possibly hostile image (`TreeUnpacker`, `TarArchive`, `SavedImageArchive`): what they
/// hold lands inside the tree with its metadata, and nothing they say writes outside it.
@Suite struct TreeUnpackerTests {
  /// A folder holding the archive, the tree (`tree/`) and nothing else: whatever escapes the tree shows up here.
  final class Workspace {
    let folder: URL
    var tree: URL { folder.appendingPathComponent("tree") }

    init() throws {
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-unpack-\(UUID().uuidString)")
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent("tree"), withIntermediateDirectories: true)
    }

    deinit {
      try? FileManager.default.removeItem(at: folder)
    }

    /// Unpacks `layers` in order into the tree; returns the refusals.
    @discardableResult
    func unpack(_ layers: [TarBuilder], whiteouts: Bool = false) throws -> [String] {
      let unpacker = try TreeUnpacker(into: tree.path)
      for (index, layer) in layers.enumerated() {
        let (descriptor, length) = try layer.written(in: folder, name: "layer\(index).tar")
        defer { close(descriptor) }
        try unpacker.unpack(
          TarArchive(descriptor: descriptor, start: 0, length: length, name: "layer \(index)"),
          appliesWhiteouts: whiteouts)
      }
      unpacker.finish()
      return unpacker.refusals
    }

    /// The names beside the tree and the archives: anything an archive wrote outside the tree.
    var outside: [String] {
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
        $0 != "tree" && !$0.hasSuffix(".tar")
      }.sorted()
    }

    func status(_ path: String) -> stat? {
      var status = stat()
      return lstat(tree.appendingPathComponent(path).path, &status) == 0 ? status : nil
    }

    func text(_ path: String) -> String? {
      try? String(contentsOf: tree.appendingPathComponent(path), encoding: .utf8)
    }
  }

  @Test func filesKeepTheirModeOwnerGroupAndTime() throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("./", type: "5", mode: 0o755, modified: 1_500_000_000)
    tar.add("./etc/", type: "5", mode: 0o751, modified: 1_500_000_100)
    tar.add("./etc/shadow", data: Array("root:*:1::::::\n".utf8), mode: 0o640, user: 0, group: 42)
    tar.add("./usr/bin/su", data: [1, 2, 3], mode: 0o4755, user: 0, group: 0, modified: 1_400_000_000)
    tar.add("./bin/sh", type: "2", link: "/usr/bin/dash", modified: 1_300_000_000)
    try workspace.unpack([tar])
    let shadow = try #require(workspace.status("etc/shadow"))
    #expect(shadow.st_mode & 0o7777 == 0o640)
    #expect(workspace.text("etc/shadow") == "root:*:1::::::\n")
    #expect(shadow.st_mtim.tv_sec == 1_600_000_000)
    if geteuid() == 0 { #expect(shadow.st_gid == 42) }
    #expect(try #require(workspace.status("usr/bin/su")).st_mode & 0o7777 == 0o4755)
    let etc = try #require(workspace.status("etc"))
    #expect(etc.st_mode & 0o7777 == 0o751)
    #expect(etc.st_mtim.tv_sec == 1_500_000_100, "a folder's time is set after its files are created")
    // A folder no entry names is created as Docker creates one: 0755.
    #expect(try #require(workspace.status("usr")).st_mode & 0o7777 == 0o755)
    let link = try #require(workspace.status("bin/sh"))
    #expect(link.st_mode & S_IFMT == S_IFLNK)
    #expect(link.st_mtim.tv_sec == 1_300_000_000)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: workspace.tree.path + "/bin/sh") == "/usr/bin/dash")
    #expect(try #require(workspace.status(".")).st_mode & 0o7777 == 0o755)
  }

  @Test func anAbsolutePathIsTakenInsideTheTree() throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("/etc/passwd", data: Array("root:x:0:0::/root:/bin/sh\n".utf8))
    #expect(try workspace.unpack([tar]).isEmpty)
    #expect(workspace.text("etc/passwd") == "root:x:0:0::/root:/bin/sh\n")
    #expect(workspace.outside.isEmpty)
  }

  @Test(arguments: ["../escaped", "etc/../../escaped", "./../escaped"])
  func aPathClimbingOutIsRefused(_ path: String) throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add(path, data: Array("owned\n".utf8))
    let refusals = try workspace.unpack([tar])
    #expect(refusals.count == 1)
    #expect(refusals.first?.contains("'..'") == true, "\(refusals)")
    #expect(workspace.outside.isEmpty)
  }

  @Test(arguments: [("/", "escaped"), ("..", "escaped"), ("/tmp", "x"), ("../../..", "tmp/x")])
  func nothingIsWrittenThroughASymbolicLink(_ target: String, _ below: String) throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("link", type: "2", link: target)
    tar.add("link/\(below)", data: Array("owned\n".utf8))
    tar.add("link/", type: "5")
    let refusals = try workspace.unpack([tar])
    #expect(refusals.count == 1, "\(refusals)")
    #expect(refusals.first?.contains("symbolic link") == true, "\(refusals)")
    #expect(workspace.outside.isEmpty)
    // The folder entry replaced the link: the tree holds the folder, nothing was written through the link.
    #expect(try #require(workspace.status("link")).st_mode & S_IFMT == S_IFDIR)
  }

  @Test func deviceNodesAndUnknownTypesAreNotCreated() throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("dev/sda", type: "4", mode: 0o660)
    tar.add("dev/mem", type: "3", mode: 0o640)
    tar.add("sparse", type: "S")
    tar.add("dev/initctl", type: "6", mode: 0o600)
    let refusals = try workspace.unpack([tar])
    #expect(refusals.count == 3, "\(refusals)")
    #expect(workspace.status("dev/sda") == nil)
    #expect(workspace.status("dev/mem") == nil)
    #expect(workspace.status("sparse") == nil)
    #expect(try #require(workspace.status("dev/initctl")).st_mode & S_IFMT == S_IFIFO)
  }

  @Test func hardLinksMustNameAFileOfTheTree() throws {
    let workspace = try Workspace()
    try Data("outside\n".utf8).write(to: workspace.folder.appendingPathComponent("secret"))
    var tar = TarBuilder()
    tar.add("etc/passwd", data: Array("root\n".utf8))
    tar.add("etc/passwd-", type: "1", link: "/etc/passwd")
    tar.add("stolen", type: "1", link: "../secret")
    tar.add("missing", type: "1", link: "etc/nothing")
    let refusals = try workspace.unpack([tar])
    #expect(refusals.count == 2, "\(refusals)")
    #expect(workspace.text("etc/passwd-") == "root\n")
    #expect(try #require(workspace.status("etc/passwd-")).st_nlink == 2)
    #expect(workspace.status("stolen") == nil)
    #expect(workspace.status("missing") == nil)
  }

  @Test func whiteoutsRemoveWhatTheLayersBelowHold() throws {
    let workspace = try Workspace()
    var bottom = TarBuilder()
    bottom.add("a/keep", data: [1])
    bottom.add("a/gone", data: [2])
    bottom.add("a/tree/deep", data: [3])
    bottom.add("b/x", data: [4])
    bottom.add("b/y", data: [5])
    var top = TarBuilder()
    top.add("a/.wh.gone")
    top.add("a/.wh.tree")
    top.add("b/", type: "5")
    top.add("b/z", data: [6])
    top.add("b/.wh..wh..opq")
    top.add("a/.wh...")
    let refusals = try workspace.unpack([bottom, top], whiteouts: true)
    #expect(refusals.count == 1, "\(refusals)")
    #expect(workspace.status("a/keep") != nil)
    #expect(workspace.status("a/gone") == nil)
    #expect(workspace.status("a/tree") == nil)
    #expect(workspace.status("b/x") == nil)
    #expect(workspace.status("b/y") == nil)
    #expect(workspace.status("b/z") != nil, "an opaque folder keeps what its own layer put there")
    #expect(workspace.status("a/.wh.gone") == nil)
    #expect(workspace.outside.isEmpty)
  }

  @Test func aContainerExportKeepsFilesNamedLikeWhiteouts() throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("a/.wh.note", data: [1])
    try workspace.unpack([tar], whiteouts: false)
    #expect(workspace.status("a/.wh.note") != nil)
  }

  @Test func longNamesFromPaxRecordsAndGNUHeaders() throws {
    let workspace = try Workspace()
    let long = String(repeating: "d", count: 120) + "/" + String(repeating: "f", count: 120)
    var tar = TarBuilder()
    tar.addPAX([("path", "pax/" + long), ("mtime", "1234567890.5"), ("uid", "0")])
    tar.add("short", data: Array("pax\n".utf8))
    tar.add("././@LongLink", type: "L", data: Array(("gnu/" + long).utf8) + [0])
    tar.add("truncated", data: Array("gnu\n".utf8))
    #expect(try workspace.unpack([tar]).isEmpty)
    #expect(workspace.text("pax/" + long) == "pax\n")
    #expect(try #require(workspace.status("pax/" + long)).st_mtim.tv_sec == 1_234_567_890)
    #expect(workspace.text("gnu/" + long) == "gnu\n")
    #expect(workspace.status("short") == nil)
  }

  @Test func aDamagedArchiveIsAnErrorNamingThePlace() throws {
    let workspace = try Workspace()
    var tar = TarBuilder()
    tar.add("etc/passwd", data: Array("root\n".utf8))
    var damaged = tar
    damaged.add("etc/group", data: [1])
    var bytes = damaged.archive
    bytes[512 + 512 + 10] ^= 0xFF
    let (descriptor, _) = try TarBuilder().written(in: workspace.folder)
    close(descriptor)
    let url = workspace.folder.appendingPathComponent("damaged.tar")
    try Data(bytes).write(to: url)
    let file = open(url.path, O_RDONLY)
    defer { close(file) }
    let archive = TarArchive(descriptor: file, start: 0, length: Int64(bytes.count), name: "image 'x'")
    #expect {
      try archive.entries()
    } throws: { error in
      "\(error)" == "image 'x': at byte 1024: a header's checksum does not match (not a tar archive?)"
    }
    // An entry whose size runs past the end.
    let truncated = TarArchive(descriptor: file, start: 0, length: 512 + 2, name: "image 'x'")
    #expect {
      try truncated.entries()
    } throws: { error in
      "\(error)".contains("runs past the end")
    }
  }

  @Test func aSavedImageIsItsLayersInManifestOrder() throws {
    let workspace = try Workspace()
    var bottom = TarBuilder()
    bottom.add("etc/os-release", data: Array("ID=debian\n".utf8))
    bottom.add("etc/motd", data: Array("hello\n".utf8))
    var top = TarBuilder()
    top.add("etc/.wh.motd")
    top.add("etc/os-release", data: Array("ID=debian\nVERSION_ID=\"11\"\n".utf8))
    var saved = TarBuilder()
    saved.add("1111/", type: "5")
    saved.add("1111/layer.tar", data: bottom.archive)
    saved.add("2222/", type: "5")
    saved.add("2222/layer.tar", data: top.archive)
    saved.add("3333/layer.tar", type: "2", link: "../1111/layer.tar")
    saved.add(
      "manifest.json",
      data: Array(#"[{"Config":"c.json","RepoTags":["t:1"],"Layers":["1111/layer.tar","2222/layer.tar"]}]"#.utf8))
    let (descriptor, length) = try saved.written(in: workspace.folder, name: "saved.tar")
    defer { close(descriptor) }
    let image = SavedImageArchive(TarArchive(descriptor: descriptor, start: 0, length: length, name: "image 't:1'"))
    let layers = try image.layers()
    #expect(layers.count == 2)
    let unpacker = try TreeUnpacker(into: workspace.tree.path)
    for layer in layers { try unpacker.unpack(layer, appliesWhiteouts: true) }
    unpacker.finish()
    #expect(workspace.text("etc/os-release") == "ID=debian\nVERSION_ID=\"11\"\n")
    #expect(workspace.status("etc/motd") == nil)
  }

  @Test func aSavedImageWithoutItsManifestIsAnError() throws {
    let workspace = try Workspace()
    var saved = TarBuilder()
    saved.add("1111/layer.tar", data: TarBuilder().archive)
    let (descriptor, length) = try saved.written(in: workspace.folder, name: "saved.tar")
    defer { close(descriptor) }
    let image = SavedImageArchive(TarArchive(descriptor: descriptor, start: 0, length: length, name: "image 't:1'"))
    #expect {
      try image.layers()
    } throws: { error in
      "\(error)" == "image 't:1': at byte 0: no manifest.json (not a saved image?)"
    }
  }
}
