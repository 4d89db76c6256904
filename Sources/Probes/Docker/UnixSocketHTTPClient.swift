import Foundation

/// A minimal HTTP/1.1 client for GET requests over a unix socket, with a deadline on connecting and on the whole
/// exchange, so a daemon that accepts and never answers costs seconds, not a hung scan. Bodies may be sent with a
/// Content-Length, chunked, or until the connection closes; they are bounded in size.
struct UnixSocketHTTPClient: Sendable {
  let socketPath: String
  let connectTimeout: Duration
  let responseTimeout: Duration
  /// The largest body accepted; a larger one is an error.
  let maximumBodySize: Int

  init(
    socketPath: String, connectTimeout: Duration = .seconds(2), responseTimeout: Duration = .seconds(5),
    maximumBodySize: Int = 64 * 1024 * 1024
  ) {
    self.socketPath = socketPath
    self.connectTimeout = connectTimeout
    self.responseTimeout = responseTimeout
    self.maximumBodySize = maximumBodySize
  }

  struct Response: Sendable {
    let status: Int
    let body: Data
  }

  /// GETs `path` (with its query) and returns the status and body.
  /// - Throws: `HTTPClientError` naming the socket and what failed.
  func get(_ path: String) throws(HTTPClientError) -> Response {
    let descriptor = try connect()
    defer { close(descriptor) }
    let deadline = ContinuousClock.now + responseTimeout
    let request = "GET \(path) HTTP/1.1\r\nHost: docker\r\nUser-Agent: palisade\r\nAccept: application/json\r\n"
      + "Connection: close\r\n\r\n"
    try send(Array(request.utf8), on: descriptor, before: deadline)
    let raw = try receiveAll(from: descriptor, before: deadline)
    return try Self.parse(raw, socketPath: socketPath, maximumBodySize: maximumBodySize)
  }

  private func connect() throws(HTTPClientError) -> Int32 {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw failure("cannot create a socket") }
    let flags = fcntl(descriptor, F_GETFL)
    _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let pathBytes = Array(socketPath.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard pathBytes.count < capacity else {
      close(descriptor)
      throw HTTPClientError(socketPath: socketPath, reason: "the socket path is too long")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
      buffer[pathBytes.count] = 0
    }
    let length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(descriptor, $0, length) }
    }
    if result != 0 {
      guard errno == EINPROGRESS || errno == EAGAIN else {
        let error = failure("cannot connect")
        close(descriptor)
        throw error
      }
      guard wait(for: Int16(POLLOUT), on: descriptor, before: ContinuousClock.now + connectTimeout) else {
        close(descriptor)
        throw HTTPClientError(socketPath: socketPath, reason: "no connection within \(connectTimeout)")
      }
      var code: Int32 = 0
      var size = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &size)
      if code != 0 {
        close(descriptor)
        throw HTTPClientError(socketPath: socketPath, reason: "cannot connect: \(String(cString: strerror(code)).lowercased())")
      }
    }
    return descriptor
  }

  private func send(_ bytes: [UInt8], on descriptor: Int32, before deadline: ContinuousClock.Instant) throws(HTTPClientError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if written > 0 {
        offset += written
      } else if errno == EAGAIN || errno == EINTR {
        guard wait(for: Int16(POLLOUT), on: descriptor, before: deadline) else { throw timedOut() }
      } else {
        throw failure("cannot send the request")
      }
    }
  }

  private func receiveAll(from descriptor: Int32, before deadline: ContinuousClock.Instant) throws(HTTPClientError) -> [UInt8] {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        received.append(contentsOf: buffer[0..<count])
        guard received.count <= maximumBodySize + 64 * 1024 else {
          throw HTTPClientError(socketPath: socketPath, reason: "the response is larger than \(maximumBodySize) bytes")
        }
        if Self.isComplete(received) { return received }
      } else if count == 0 {
        return received
      } else if errno == EAGAIN || errno == EINTR {
        guard wait(for: Int16(POLLIN), on: descriptor, before: deadline) else { throw timedOut() }
      } else {
        throw failure("cannot read the response")
      }
    }
  }

  /// Whether a response with a Content-Length or a chunked body has fully arrived (no need to wait for close).
  private static func isComplete(_ bytes: [UInt8]) -> Bool {
    guard let headerEnd = headerEnd(in: bytes) else { return false }
    let headers = parseHeaders(bytes[..<headerEnd])
    let bodyStart = headerEnd + 4
    if let length = headers["content-length"].flatMap(Int.init) { return bytes.count - bodyStart >= length }
    if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
      return bytes.count >= bodyStart + 5 && Array(bytes.suffix(5)) == Array("0\r\n\r\n".utf8)
    }
    return false
  }

  private func wait(for events: Int16, on descriptor: Int32, before deadline: ContinuousClock.Instant) -> Bool {
    while true {
      let remaining = deadline - ContinuousClock.now
      guard remaining > .zero else { return false }
      let milliseconds = Int32(min(remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000, 60_000))
      var entry = pollfd(fd: descriptor, events: events, revents: 0)
      let ready = poll(&entry, 1, max(milliseconds, 1))
      if ready > 0 { return true }
      if ready < 0 && errno != EINTR { return false }
    }
  }

  private func failure(_ what: String) -> HTTPClientError {
    HTTPClientError(socketPath: socketPath, reason: "\(what): \(String(cString: strerror(errno)).lowercased())")
  }

  private func timedOut() -> HTTPClientError {
    HTTPClientError(socketPath: socketPath, reason: "no answer within \(responseTimeout)")
  }

  static func headerEnd(in bytes: [UInt8]) -> Int? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard bytes.count >= 4 else { return nil }
    for index in 0...(bytes.count - 4) where bytes[index] == 13 && Array(bytes[index..<index + 4]) == separator {
      return index
    }
    return nil
  }

  static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [String: String] {
    var headers: [String: String] = [:]
    for line in String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return headers
  }

  /// The status and body of a raw response; chunked bodies are decoded.
  static func parse(_ raw: [UInt8], socketPath: String, maximumBodySize: Int) throws(HTTPClientError) -> Response {
    guard let headerEnd = headerEnd(in: raw) else {
      throw HTTPClientError(socketPath: socketPath, reason: raw.isEmpty ? "the daemon closed the connection without answering" : "malformed HTTP response")
    }
    let statusLine = String(decoding: raw[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    let parts = statusLine.split(separator: " ")
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
      throw HTTPClientError(socketPath: socketPath, reason: "malformed HTTP status line '\(statusLine)'")
    }
    let headers = parseHeaders(raw[..<headerEnd])
    var body = Array(raw[(headerEnd + 4)...])
    if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
      body = try dechunk(body, socketPath: socketPath)
    } else if let length = headers["content-length"].flatMap(Int.init), body.count > length {
      body = Array(body[0..<length])
    }
    return Response(status: status, body: Data(body))
  }

  private static func dechunk(_ bytes: [UInt8], socketPath: String) throws(HTTPClientError) -> [UInt8] {
    var output: [UInt8] = []
    var index = 0
    while index < bytes.count {
      guard let lineEnd = (index..<bytes.count - 1).first(where: { bytes[$0] == 13 && bytes[$0 + 1] == 10 }) else { break }
      let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
      guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
        throw HTTPClientError(socketPath: socketPath, reason: "malformed chunked body")
      }
      if size == 0 { break }
      let start = lineEnd + 2
      guard start + size <= bytes.count else {
        throw HTTPClientError(socketPath: socketPath, reason: "truncated chunked body")
      }
      output.append(contentsOf: bytes[start..<start + size])
      index = start + size + 2
    }
    return output
  }
}

/// Why a request to the daemon failed, naming its socket.
struct HTTPClientError: Error, Sendable, CustomStringConvertible {
  let socketPath: String
  let reason: String
  var description: String { "Docker Engine API at \(socketPath): \(reason)" }
}
