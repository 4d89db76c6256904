internal import CLibCrypto
import Foundation

/// The docker CLI's contexts, read from its configuration folder (`$DOCKER_CONFIG`, else `~/.docker`) as the CLI
/// writes them with `docker context create`: `contexts/meta/<SHA-256 of the name>/meta.json` holds the endpoint
/// (`Endpoints.docker.Host`, `SkipTLSVerify`), `contexts/tls/<SHA-256 of the name>/docker/` its TLS files (ca.pem,
/// cert.pem, key.pem), and `config.json`'s `currentContext` names the one `docker context use` chose.
public struct DockerContextStore: Sendable {
  /// The docker CLI's configuration folder.
  public let configFolder: String

  /// The name of the context that stands for `DOCKER_HOST`, the TLS flags and the default socket.
  public static let defaultContextName = "default"

  /// - Parameter environment: where `DOCKER_CONFIG` and `HOME` are read.
  public init(environment: [String: String]) {
    if let folder = environment["DOCKER_CONFIG"], !folder.isEmpty {
      configFolder = folder
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      configFolder = (home as NSString).appendingPathComponent(".docker")
    }
  }

  public init(configFolder: String) {
    self.configFolder = configFolder
  }

  /// The context `docker context use` made current (`currentContext` in config.json); nil when none is, or there
  /// is no config.json.
  /// - Throws: `DockerContextError` when config.json cannot be read or is not JSON.
  public func currentContextName() throws(DockerContextError) -> String? {
    let path = (configFolder as NSString).appendingPathComponent("config.json")
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let name = try Self.json(at: path)["currentContext"]?.string
    return name.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// The daemon the context named `name` points at, with its TLS settings.
  /// - Throws: `DockerContextError` for a context that does not exist, a meta.json that is not JSON or has no
  ///   Docker endpoint, or an endpoint Palisade cannot use (ssh://).
  public func host(ofContext name: String) throws(DockerContextError) -> DockerHost {
    let identifier = Self.identifier(of: name)
    let metaPath = "\(configFolder)/contexts/meta/\(identifier)/meta.json"
    guard FileManager.default.fileExists(atPath: metaPath) else {
      throw DockerContextError(
        description: "docker context '\(name)' does not exist (no \(metaPath); 'docker context ls' lists them)")
    }
    let meta = try Self.json(at: metaPath)
    guard let endpoint = meta["Endpoints"]?["docker"], let address = endpoint["Host"]?.string else {
      throw DockerContextError(description: "\(metaPath): error: docker context '\(name)' has no Endpoints.docker.Host")
    }
    let skipVerify = endpoint["SkipTLSVerify"] == .bool(true)
    let tlsFolder = "\(configFolder)/contexts/tls/\(identifier)/docker"
    func file(_ fileName: String) -> String? {
      let path = "\(tlsFolder)/\(fileName)"
      return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    let (ca, certificate, key) = (file("ca.pem"), file("cert.pem"), file("key.pem"))
    // As the docker CLI: TLS when the context holds TLS files or skips verification; plain HTTP otherwise.
    let tls =
      ca != nil || certificate != nil || key != nil || skipVerify
      ? DockerTLS(verify: !skipVerify, caFile: ca, certificateFile: certificate, keyFile: key) : nil
    do {
      return try DockerHost(parsing: address, tls: tls)
    } catch {
      throw DockerContextError(description: "\(metaPath): error: docker context '\(name)': \(error.description)")
    }
  }

  /// The folder name the docker CLI stores a context under: the SHA-256 digest of its name, in lowercase hex.
  static func identifier(of name: String) -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    let bytes = Array(name.utf8)
    var length: UInt32 = 0
    _ = bytes.withUnsafeBufferPointer { EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil) }
    return digest.map { String(format: "%02x", $0) }.joined()
  }

  private static func json(at path: String) throws(DockerContextError) -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DockerContextError(description: "\(path): error: cannot be read")
    }
    do {
      return try JSONParser.parse(Array(data))
    } catch {
      throw DockerContextError(description: "\(path):\(error.line):\(error.column): error: \(error.message)")
    }
  }
}

/// A docker context that cannot be used.
public struct DockerContextError: Error, Sendable, CustomStringConvertible {
  public let description: String
}
