import Foundation
import TestSupport

/// A unix socket that takes connections and never answers: a Docker daemon that hangs. Connections wait in the
/// listen backlog, so nothing has to serve them. Call `close()` when the test is done (a `defer` keeps the socket
/// alive until then).
final class SilentDockerSocket {
  let path: String
  private var descriptor: Int32

  /// What `--docker-host` takes.
  var dockerHost: String { "unix://\(path)" }

  init(at path: String) throws {
    self.path = path
    descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw FakeHostError("socket: \(String(cString: strerror(errno)))") }
    guard bindUnixSocket(descriptor, to: path), listen(descriptor, 128) == 0 else {
      let reason = String(cString: strerror(errno))
      Glibc.close(descriptor)
      throw FakeHostError("cannot listen on \(path): \(reason)")
    }
  }

  func close() {
    guard descriptor >= 0 else { return }
    Glibc.close(descriptor)
    unlink(path)
    descriptor = -1
  }

  deinit { close() }
}
