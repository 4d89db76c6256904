import Foundation

/// A unix-socket server in a temporary folder that answers every connection with a fixed reply (or never), for
/// testing the Engine API client without a daemon.
final class FakeDockerSocket: @unchecked Sendable {
  // The descriptor and thread are owned by this object; `stop()` closes the socket, which ends the accept loop.
  let path: String
  private let listener: Int32
  private let reply: @Sendable (String) -> [UInt8]?
  private let folder: URL

  /// - Parameter reply: the bytes to answer a request line with; nil to accept and never answer.
  init(reply: @escaping @Sendable (String) -> [UInt8]?) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("docker-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("docker.sock").path
    self.reply = reply
    listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
      buffer[bytes.count] = 0
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0, listen(listener, 8) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let thread = Thread { [listener, reply] in
      while true {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else {
          // Closed here, not in stop(): a descriptor number freed while this loop could still use it might be
          // reused by another test's socket.
          close(listener)
          return
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(connection, &buffer, buffer.count)
        let request = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
        let requestLine = request.components(separatedBy: "\r\n").first ?? ""
        if let answer = reply(requestLine) {
          _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
          close(connection)
        }
        // With no answer the connection is left open: the client must give up on its own.
      }
    }
    thread.start()
  }

  /// Stops accepting: the accept loop sees the shutdown, closes the socket and ends.
  func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    try? FileManager.default.removeItem(at: folder)
  }

  static func http(_ status: Int, _ body: String, chunked: Bool = false) -> [UInt8] {
    if chunked {
      let bytes = Array(body.utf8)
      let half = bytes.count / 2
      let chunks = [Array(bytes[..<half]), Array(bytes[half...])].filter { !$0.isEmpty }
      var text = "HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
      for chunk in chunks { text += String(chunk.count, radix: 16) + "\r\n" + String(decoding: chunk, as: UTF8.self) + "\r\n" }
      return Array((text + "0\r\n\r\n").utf8)
    }
    return Array("HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
  }
}
