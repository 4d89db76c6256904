import Foundation
import Synchronization

/// What the fake daemon does with one request.
enum FakeDockerReply: Sendable {
  /// Sends these bytes and closes the connection.
  case bytes([UInt8])
  /// Sends the first bytes, then the second ones again and again until the client goes away.
  case endless([UInt8], repeating: [UInt8])
  /// Accepts and never answers: the client must give up on its own.
  case silence
}

/// A unix-socket server in a temporary folder that answers each connection, on a thread of its own, as `reply` says
/// for the request line, for testing the Engine API client without a daemon. It counts the connections it held at
/// once.
final class FakeDockerSocket: @unchecked Sendable {
  // The descriptor and threads are owned by this object; `stop()` shuts the socket down, which ends the accept loop.
  let path: String
  private let listener: Int32
  private let folder: URL
  private let counts = Mutex((open: 0, most: 0))

  /// The most requests that were waiting for their answer at the same time.
  var mostConcurrentConnections: Int { counts.withLock { $0.most } }

  /// - Parameters:
  ///   - delay: how long to wait before answering each request.
  ///   - reply: the answer to a request line; nil to accept and never answer.
  convenience init(delay: Duration = .zero, reply: @escaping @Sendable (String) -> [UInt8]?) throws {
    try self.init(delay: delay, answer: { reply($0).map(FakeDockerReply.bytes) ?? .silence })
  }

  init(delay: Duration = .zero, answer: @escaping @Sendable (String) -> FakeDockerReply) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("docker-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("docker.sock").path
    listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
      buffer[bytes.count] = 0
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0, listen(listener, 64) == 0 else { throw CocoaError(.fileWriteUnknown) }
    let thread = Thread { [self, listener] in
      while true {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else {
          // Closed here, not in stop(): a descriptor number freed while this loop could still use it might be
          // reused by another test's socket.
          close(listener)
          return
        }
        self.counts.withLock {
          $0.open += 1
          $0.most = max($0.most, $0.open)
        }
        Thread {
          // Counted until the answer goes out: the client may open its next connection as soon as it has it.
          Self.serve(connection, delay: delay, answer: answer) { self.counts.withLock { $0.open -= 1 } }
        }.start()
      }
    }
    thread.start()
  }

  private static func serve(
    _ connection: Int32, delay: Duration, answer: (String) -> FakeDockerReply, answering: () -> Void
  ) {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(connection, &buffer, buffer.count)
    let request = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    let requestLine = request.components(separatedBy: "\r\n").first ?? ""
    if delay > .zero {
      Thread.sleep(forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18)
    }
    func send(_ bytes: [UInt8]) -> Bool {
      bytes.withUnsafeBytes { Foundation.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        == bytes.count
    }
    answering()
    switch answer(requestLine) {
    case .bytes(let bytes):
      _ = send(bytes)
    case .endless(let first, let repeating):
      guard send(first) else { break }
      while send(repeating) {}
    case .silence:
      // Held open until the client gives up.
      while read(connection, &buffer, buffer.count) > 0 {}
    }
    close(connection)
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
      for chunk in chunks {
        text += String(chunk.count, radix: 16) + "\r\n" + String(decoding: chunk, as: UTF8.self) + "\r\n"
      }
      return Array((text + "0\r\n\r\n").utf8)
    }
    return Array(
      "HTTP/1.1 \(status) OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        .utf8)
  }
}
