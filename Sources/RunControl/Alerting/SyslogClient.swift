import Foundation
public import XMLSupport

/// Sends RFC 5424 messages to the local syslog daemon over its datagram socket (`/dev/log`), where rsyslog,
/// syslog-ng or journald pick them up and forward them to the SIEM.
///
/// Sending never blocks the scan for long: a daemon whose queue is full gets one second to make room, then the
/// message is given up with an error. Each message opens its own socket, so a daemon restarted between two
/// messages is found again.
public struct SyslogClient: Sendable {
  /// The local syslog socket on Linux.
  public static let defaultSocketPath = "/dev/log"
  /// How long a full socket queue is waited on, in milliseconds.
  static let sendTimeoutMilliseconds: Int32 = 1000

  /// The daemon's datagram socket.
  public let socketPath: String
  /// The facility every message is sent with.
  public let facility: SyslogFacility

  /// - Parameters:
  ///   - socketPath: the daemon's datagram socket.
  ///   - facility: the facility every message is sent with.
  public init(socketPath: String = SyslogClient.defaultSocketPath, facility: SyslogFacility = .daemon) {
    self.socketPath = socketPath
    self.facility = facility
  }

  /// Sends one message.
  /// - Parameters:
  ///   - severity: `error` for a scan that failed, `warning` for findings, `informational` for a clean run.
  ///   - messageID: the RFC 5424 MSGID, such as `scan-summary`.
  ///   - text: the message.
  /// - Throws: `SyslogError` naming the socket when the message cannot be delivered.
  public func send(_ severity: SyslogSeverity, messageID: String, _ text: String) throws(SyslogError) {
    try send(SyslogMessage(facility: facility, severity: severity, messageID: messageID, text: text))
  }

  /// Sends a message built elsewhere (its own facility is kept).
  /// - Throws: `SyslogError` naming the socket when the message cannot be delivered.
  public func send(_ message: SyslogMessage) throws(SyslogError) {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let pathBytes = Array(socketPath.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard !pathBytes.isEmpty, pathBytes.count < capacity else {
      throw SyslogError(path: socketPath, reason: "the socket path is empty or longer than \(capacity - 1) bytes")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: pathBytes)
      buffer[pathBytes.count] = 0
    }
    let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw SyslogError(path: socketPath, reason: errnoReason()) }
    defer { close(descriptor) }
    // Connected, so that poll(2) below waits on the daemon's queue rather than on this socket's own buffer.
    let connected = withUnsafePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else { throw SyslogError(path: socketPath, reason: errnoReason()) }
    let bytes = message.bytes
    var attempts = 0
    while true {
      let sent = bytes.withUnsafeBytes { buffer in
        Foundation.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT | MSG_NOSIGNAL))
      }
      if sent >= 0 { return }
      let code = errno
      if code == EINTR { continue }
      // A full queue: wait once for room, then give up rather than hold the scan.
      guard code == EAGAIN || code == EWOULDBLOCK || code == ENOBUFS, attempts == 0 else {
        throw SyslogError(path: socketPath, reason: errnoReason(code))
      }
      attempts += 1
      var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      _ = poll(&waiting, 1, Self.sendTimeoutMilliseconds)
    }
  }

}

/// A syslog message that could not be delivered; its path is the socket the message was for.
public typealias SyslogError = PathError<SyslogSending>

/// Sending a message to the syslog socket, the operation of a `SyslogError`.
public enum SyslogSending: PathOperation {
  public static let failure = "cannot send to syslog socket"
}
