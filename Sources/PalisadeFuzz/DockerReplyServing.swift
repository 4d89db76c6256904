import Foundation
import Probes
import Synchronization

/// Fuzz inputs that begin with `HTTP/` are also served as the raw reply of a fake Docker daemon on a unix socket, to
/// the Engine API client's GET (libcurl): the reply must be read as a document or end in an error of the request,
/// never crash or hang. The server sends the input, then ends its side of the connection, so a reply that promises
/// more than it holds ends at once instead of at the deadline.
enum DockerReplyServing {
  /// The mark of an input served as a reply; others skip this check, which keeps its cost to inputs that look like
  /// HTTP (the seeds under fuzz/make-seed-corpus and what the fuzzer makes of them).
  static let mark = Array("HTTP/".utf8)
  /// The deadline of the GET: a reply that is complete arrives at once, so only a client bug waits this long.
  static let timeout = Duration.seconds(2)

  static func check(_ data: [UInt8]) {
    guard data.starts(with: mark), let server = FakeDaemon.shared else { return }
    server.reply.withLock { $0 = data }
    if let problem = DockerReplyFuzzCheck.problem(gettingFrom: server.path, timeout: timeout), problem.isEmpty {
      // A broken invariant of our own code, which the fuzzer must report as a crash.
      fatalError("the Engine API client refused a reply without saying why")
    }
  }

  /// A listening unix socket in a temporary folder, answered by a thread of its own for the life of the process:
  /// each connection gets the current reply.
  final class FakeDaemon: Sendable {
    static let shared = FakeDaemon()
    let path: String
    let reply = Mutex<[UInt8]>([])

    private init?() {
      let folder = NSTemporaryDirectory() + "palisade-fuzz-\(getpid())"
      path = folder + "/docker.sock"
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      unlink(path)
      let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      // The path and its terminating zero, if they fit.
      let fits = path.withCString { name in
        withUnsafeMutableBytes(of: &address.sun_path) { field in
          let length = strlen(name) + 1
          guard length <= field.count else { return false }
          field.copyMemory(from: UnsafeRawBufferPointer(start: name, count: length))
          return true
        }
      }
      guard listener >= 0, fits else { return nil }
      let size = socklen_t(MemoryLayout<sockaddr_un>.size)
      let bound = withUnsafePointer(to: &address) {
        bind(listener, UnsafeRawPointer($0).assumingMemoryBound(to: sockaddr.self), size)
      }
      guard bound == 0, listen(listener, 8) == 0 else { return nil }
      let thread = Thread { [self] in
        while true {
          let connection = accept(listener, nil, nil)
          guard connection >= 0 else { continue }
          answer(connection)
        }
      }
      thread.start()
    }

    /// Reads the request's head, sends the reply, ends the sending side and waits for the client to close.
    private func answer(_ connection: Int32) {
      var request: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 4096)
      while !request.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
        let count = read(connection, &buffer, buffer.count)
        guard count > 0 else { break }
        request += buffer[..<count]
      }
      let bytes = reply.withLock { $0 }
      var sent = 0
      while sent < bytes.count {
        let count = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard count > 0 else { break }
        sent += count
      }
      shutdown(connection, Int32(SHUT_WR))
      while read(connection, &buffer, buffer.count) > 0 {}
      close(connection)
    }
  }
}
