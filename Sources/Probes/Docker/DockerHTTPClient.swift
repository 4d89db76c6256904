import CCurl
import Foundation
import XMLSupport

/// GET requests to a Docker daemon through libcurl, over its unix socket or TCP (with TLS when the host says so).
///
/// libcurl parses HTTP: any reply it cannot read whole (a malformed status line or chunk size, a negative or
/// oversized Content-Length, a body cut short) is an error of that request. Each request has a deadline that holds
/// on every read, a bounded body and bounded headers. Several paths are fetched at once over libcurl's multi
/// interface, a bounded number at a time, on the calling thread: probes are synchronous, and waiting on sockets in one
/// `poll` keeps the other threads free for the rest of the scan.
struct DockerHTTPClient: Sendable {
  let host: DockerHost
  /// How long connecting may take.
  let connectTimeout: Duration
  /// The largest body accepted; a larger one is an error.
  let maximumBodySize: Int
  /// The most header bytes accepted (a reply of endless header lines stops here).
  let maximumHeaderSize: Int
  /// The most requests in flight at once.
  let width: Int

  init(
    host: DockerHost, connectTimeout: Duration = .seconds(2), maximumBodySize: Int = 64 << 20,
    maximumHeaderSize: Int = 1 << 20, width: Int = 16
  ) {
    self.host = host
    self.connectTimeout = connectTimeout
    self.maximumBodySize = maximumBodySize
    self.maximumHeaderSize = maximumHeaderSize
    self.width = max(width, 1)
  }

  struct Response: Sendable {
    let status: Int
    let body: [UInt8]
  }

  /// GETs each path (with its query), `width` at a time, each within `timeout` from its start.
  /// - Returns: one result per path, in the order of `paths`.
  func get(_ paths: [String], timeout: Duration) -> [Result<Response, HTTPClientError>] {
    guard Self.libraryIsReady else {
      return paths.map { _ in .failure(HTTPClientError(.cannotConnect, "libcurl could not be initialized")) }
    }
    guard let multi = curl_multi_init() else {
      return paths.map { _ in .failure(HTTPClientError(.cannotConnect, "libcurl could not start a transfer")) }
    }
    defer { curl_multi_cleanup(multi) }
    var results = [Result<Response, HTTPClientError>?](repeating: nil, count: paths.count)
    var running: [UnsafeMutableRawPointer: (index: Int, transfer: Transfer)] = [:]
    var next = 0
    while next < paths.count || !running.isEmpty {
      while running.count < width && next < paths.count {
        let transfer = Transfer(maximumBodySize: maximumBodySize, maximumHeaderSize: maximumHeaderSize)
        if let handle = transfer.handle, configure(handle, for: paths[next], transfer: transfer, timeout: timeout),
          curl_multi_add_handle(multi, handle) == CURLM_OK
        {
          running[handle] = (next, transfer)
        } else {
          results[next] = .failure(HTTPClientError(.cannotConnect, "libcurl could not prepare the request"))
        }
        next += 1
      }
      var active: Int32 = 0
      guard curl_multi_perform(multi, &active) == CURLM_OK else { break }
      var left: Int32 = 0
      while let message = curl_multi_info_read(multi, &left) {
        guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
          let (index, transfer) = running.removeValue(forKey: handle)
        else { continue }
        results[index] = transfer.result(of: message.pointee.data.result, timeout: timeout)
        curl_multi_remove_handle(multi, handle)
      }
      if !running.isEmpty && active > 0 {
        var ready: Int32 = 0
        curl_multi_poll(multi, nil, 0, 1000, &ready)
      }
    }
    for (handle, _) in running { curl_multi_remove_handle(multi, handle) }
    return results.map { $0 ?? .failure(HTTPClientError(.cannotConnect, "libcurl stopped the transfer")) }
  }

  /// GETs `path` and writes a successful answer's body to `descriptor` as it arrives (an export or a saved image is
  /// far larger than any JSON document), up to `maximumBodySize` bytes; an error answer's body is kept in the
  /// response instead. There is no total deadline: the transfer fails when no byte arrives for `stallTimeout`.
  func download(_ path: String, into descriptor: Int32, stallTimeout: Duration) -> Result<Response, HTTPClientError> {
    guard Self.libraryIsReady else {
      return .failure(HTTPClientError(.cannotConnect, "libcurl could not be initialized"))
    }
    let transfer = Transfer(maximumBodySize: maximumBodySize, maximumHeaderSize: maximumHeaderSize, sink: descriptor)
    guard let handle = transfer.handle, configure(handle, for: path, transfer: transfer, timeout: stallTimeout) else {
      return .failure(HTTPClientError(.cannotConnect, "libcurl could not prepare the request"))
    }
    let stalled = max(Self.milliseconds(stallTimeout) / 1000, 1)
    guard palisade_curl_set_long(handle, CURLOPT_TIMEOUT_MS, 0) == CURLE_OK,
      palisade_curl_set_long(handle, CURLOPT_MAXFILESIZE, 0) == CURLE_OK,
      palisade_curl_set_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1) == CURLE_OK,
      palisade_curl_set_long(handle, CURLOPT_LOW_SPEED_TIME, stalled) == CURLE_OK
    else { return .failure(HTTPClientError(.cannotConnect, "libcurl could not prepare the request")) }
    return transfer.result(of: curl_easy_perform(handle), timeout: stallTimeout)
  }

  /// Sets the request's options; false when libcurl refuses one.
  private func configure(
    _ handle: UnsafeMutableRawPointer, for path: String, transfer: Transfer, timeout: Duration
  ) -> Bool {
    var ok = true
    func set(_ option: CURLoption, _ value: Int) {
      ok = ok && palisade_curl_set_long(handle, option, value) == CURLE_OK
    }
    func set(_ option: CURLoption, _ value: String) {
      ok = ok && palisade_curl_set_string(handle, option, value) == CURLE_OK
    }
    let base: String
    switch host.address {
    case .unixSocket(let socketPath):
      base = "http://localhost"
      set(CURLOPT_UNIX_SOCKET_PATH, socketPath)
    case .tcp(let name, let port):
      let authority = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
      base = (host.tls == nil ? "http://" : "https://") + authority
    }
    set(CURLOPT_URL, base + path)
    set(CURLOPT_PROTOCOLS_STR, host.tls == nil ? "http" : "https")
    // A proxy from http_proxy and friends must not see a request meant for the daemon.
    set(CURLOPT_PROXY, "")
    set(CURLOPT_USERAGENT, "palisade")
    set(CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1)
    set(CURLOPT_NOSIGNAL, 1)
    set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(min(connectTimeout, timeout)))
    set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
    set(CURLOPT_MAXFILESIZE, maximumBodySize)
    if let tls = host.tls {
      set(CURLOPT_SSL_VERIFYPEER, tls.verify ? 1 : 0)
      set(CURLOPT_SSL_VERIFYHOST, tls.verify ? 2 : 0)
      if let caFile = tls.caFile { set(CURLOPT_CAINFO, caFile) }
      if let certificateFile = tls.certificateFile { set(CURLOPT_SSLCERT, certificateFile) }
      if let keyFile = tls.keyFile { set(CURLOPT_SSLKEY, keyFile) }
    }
    let context = Unmanaged.passUnretained(transfer).toOpaque()
    ok = ok && palisade_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, transfer.errorBuffer) == CURLE_OK
    ok = ok && palisade_curl_set_pointer(handle, CURLOPT_WRITEDATA, context) == CURLE_OK
    ok = ok && palisade_curl_set_pointer(handle, CURLOPT_HEADERDATA, context) == CURLE_OK
    ok =
      ok
      && palisade_curl_set_data_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
      } == CURLE_OK
    ok =
      ok
      && palisade_curl_set_data_function(handle, CURLOPT_HEADERFUNCTION) { _, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        return transfer.receiveHeader(size * count)
      } == CURLE_OK
    return ok
  }

  private static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return max(Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000), 1)
  }

  /// libcurl's one-time set-up, done before the first request (it is not safe to run on several threads at once).
  private static let libraryIsReady = palisade_curl_global_init() == CURLE_OK
}

/// One request in flight: its libcurl handle, the body as it arrives, and why libcurl was told to stop, if it was.
private final class Transfer {
  let handle: UnsafeMutableRawPointer?
  /// Where libcurl writes a readable reason for a failure.
  let errorBuffer: UnsafeMutablePointer<CChar>
  private let maximumBodySize: Int
  private let maximumHeaderSize: Int
  private var body: [UInt8] = []
  private var headerSize = 0
  private var refusal: String?
  /// Whether the refusal is a body over `maximumBodySize`.
  private var refusedAsTooLarge = false
  /// Where a successful answer's body goes instead of `body` (a download), and how much of it went there.
  private let sink: Int32?
  private var written = 0

  init(maximumBodySize: Int, maximumHeaderSize: Int, sink: Int32? = nil) {
    handle = curl_easy_init()
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    self.maximumBodySize = maximumBodySize
    self.maximumHeaderSize = maximumHeaderSize
    self.sink = sink
  }

  deinit {
    if let handle { curl_easy_cleanup(handle) }
    errorBuffer.deallocate()
  }

  /// Keeps a piece of the body; returning less than its size makes libcurl stop with CURLE_WRITE_ERROR.
  func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Int {
    if let sink, let handle {
      var status = 0
      _ = palisade_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
      if (200..<300).contains(status) { return write(bytes, to: sink) }
    }
    guard body.count + bytes.count <= maximumBodySize else {
      refusal = "the answer is larger than \(maximumBodySize) bytes"
      refusedAsTooLarge = true
      return 0
    }
    body.append(contentsOf: bytes)
    return bytes.count
  }

  /// Writes a piece of a download's body to `sink`, within `maximumBodySize`.
  private func write(_ bytes: UnsafeRawBufferPointer, to sink: Int32) -> Int {
    guard written + bytes.count <= maximumBodySize else {
      refusal = "the answer is larger than \(maximumBodySize) bytes"
      refusedAsTooLarge = true
      return 0
    }
    var offset = 0
    while offset < bytes.count {
      let count = Glibc.write(sink, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        refusal = "cannot write the answer to a temporary file: \(errnoReason())"
        return 0
      }
      offset += count
    }
    written += bytes.count
    return bytes.count
  }

  func receiveHeader(_ size: Int) -> Int {
    headerSize += size
    guard headerSize <= maximumHeaderSize else {
      refusal = "the answer's headers are larger than \(maximumHeaderSize) bytes"
      return 0
    }
    return size
  }

  func result(of code: CURLcode, timeout: Duration) -> Result<DockerHTTPClient.Response, HTTPClientError> {
    guard let handle else { return .failure(HTTPClientError(.cannotConnect, "libcurl could not start a transfer")) }
    if code == CURLE_OK {
      var status = 0
      _ = palisade_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
      return .success(DockerHTTPClient.Response(status: status, body: body))
    }
    if let refusal { return .failure(HTTPClientError(refusedAsTooLarge ? .tooLarge : .badReply, refusal)) }
    let detail = Self.lowercasingFirst(
      errorBuffer.pointee == 0 ? String(cString: curl_easy_strerror(code)) : String(cString: errorBuffer))
    switch code {
    case CURLE_COULDNT_CONNECT:
      var number = 0
      _ = palisade_curl_get_long(handle, CURLINFO_OS_ERRNO, &number)
      let reason = number == 0 ? detail : errnoReason(Int32(number))
      return .failure(HTTPClientError(.cannotConnect, "cannot connect: \(reason)"))
    case CURLE_COULDNT_RESOLVE_HOST:
      return .failure(HTTPClientError(.cannotConnect, "cannot connect: \(detail)"))
    case CURLE_OPERATION_TIMEDOUT:
      if headerSize == 0 { return .failure(HTTPClientError(.timedOut, "no answer within \(timeout.secondsText)")) }
      return .failure(HTTPClientError(.timedOut, "the answer did not complete within \(timeout.secondsText)"))
    case CURLE_FILESIZE_EXCEEDED:
      return .failure(HTTPClientError(.tooLarge, "the answer is larger than \(maximumBodySize) bytes"))
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE,
      CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CLIENTCERT:
      return .failure(HTTPClientError(.cannotConnect, "TLS failed: \(detail)"))
    case CURLE_GOT_NOTHING:
      return .failure(HTTPClientError(.badReply, "the daemon closed the connection without answering"))
    default:
      return .failure(HTTPClientError(.badReply, "malformed HTTP answer: \(detail)"))
    }
  }

  /// `Couldn't connect` becomes `couldn't connect`; `SSL certificate problem` stays as it is.
  private static func lowercasingFirst(_ text: String) -> String {
    guard let first = text.first, text.dropFirst().first?.isLowercase == true else { return text }
    return first.lowercased() + text.dropFirst()
  }
}

extension Duration {
  /// `5 s`, `2.96 s`: a deadline as messages write it.
  var secondsText: String {
    let (seconds, attoseconds) = components
    return String(format: "%.3g s", Double(seconds) + Double(attoseconds) / 1e18)
  }
}

/// Why a request to the daemon failed.
struct HTTPClientError: Error, Sendable, CustomStringConvertible {
  enum Kind: Sendable {
    /// The daemon could not be reached (no socket, refused, TLS refused).
    case cannotConnect
    /// The daemon did not answer in time.
    case timedOut
    /// The daemon answered something that is not a complete HTTP reply within the bounds.
    case badReply
    /// The answer's body is larger than the client accepts.
    case tooLarge
  }

  let kind: Kind
  let reason: String

  init(_ kind: Kind, _ reason: String) {
    self.kind = kind
    self.reason = reason
  }

  var description: String { reason }
}
