import Foundation

/// A syslog daemon stand-in: a datagram socket in a temporary folder, for `palisade scan --syslog-socket` and the
/// syslog client's tests. The socket is closed and removed when the listener goes.
public final class SyslogListener {
  public let path: String
  private let descriptor: Int32

  public init() throws {
    // sockaddr_un holds 107 bytes of path: keep it short.
    path = "/tmp/palisade-log-\(UUID().uuidString.prefix(8)).sock"
    descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    guard descriptor >= 0, bindUnixSocket(descriptor, to: path) else { throw POSIXError(.EADDRNOTAVAIL) }
    // The scan may run as another user (UnprivilegedScan); let it write.
    chmod(path, 0o666)
  }

  deinit {
    close(descriptor)
    unlink(path)
  }

  /// Every message waiting now, or arriving within `seconds` when none is waiting.
  public func messages(waitingUpTo seconds: Double = 2) -> [String] {
    var received: [String] = []
    var timeout = Int32(seconds * 1000)
    while true {
      var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&waiting, 1, timeout) == 1 else { return received }
      var buffer = [UInt8](repeating: 0, count: 65536)
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count > 0 { received.append(String(decoding: buffer.prefix(count), as: UTF8.self)) }
      timeout = 100
    }
  }

  /// The PRI of an RFC 5424 message: facility × 8 + severity.
  public static func priority(of message: String) -> Int? {
    guard message.hasPrefix("<"), let end = message.firstIndex(of: ">") else { return nil }
    return Int(message[message.index(after: message.startIndex)..<end])
  }
}
