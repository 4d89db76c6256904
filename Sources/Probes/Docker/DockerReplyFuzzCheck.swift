/// The Engine API client as the fuzz target (Sources/PalisadeFuzz) takes it: whatever a daemon on `socketPath`
/// answers, a GET gives a JSON document or an error of the request, within the request's deadline; a crash or a
/// hang is a bug.
public enum DockerReplyFuzzCheck {
  /// GETs `/info` from a daemon listening on `socketPath`.
  /// - Returns: the error's message, or nil when the answer was a JSON document.
  public static func problem(gettingFrom socketPath: String, timeout: Duration) -> String? {
    let api = DockerEngineAPI(host: DockerHost(socketPath: socketPath), requestTimeout: timeout)
    switch api.documents(at: ["/info"])[0] {
    case .success: return nil
    case .failure(let error): return error.description
    }
  }
}
