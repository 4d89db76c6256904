import OVAL
import XMLSupport

/// `dockerapi_object`: values the Docker Engine API reports, addressed by a GET path (`/info`, `/version`,
/// `/plugins`, ...; several endpoints are fetched together) and a YAML-path-like expression on its JSON
/// (`.LoggingDriver`), as yamlfilecontent addresses
/// a file. Items `dockerapi_item` carry the endpoint, the path and one `value` record per selection, shaped like
/// yamlfilecontent's. A daemon that cannot be reached makes the object `error`, naming the socket, unless the
/// behavior `absent_when_unreachable` is true and nothing accepted the connection: then the object does not exist,
/// which lets content tell a daemon that answers (and so runs, whatever its pid file says) from none. A daemon that
/// accepts and does not answer in time runs, and stays an `error`.
struct DockerAPIProbe: Probe {
  let objectName = DockerNamespace.object("dockerapi_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let endpoints = try request.exactValues(of: "endpoint", needing: "a list of every API endpoint")
      guard !endpoints.isEmpty else { return .error("\(request.objectLabel): needs an 'endpoint'") }
      let paths = try DockerJSONSelection.paths(of: request)
      let absentWhenUnreachable = try request.behavior("absent_when_unreachable", default: false)
      var outcome = context.outcome(for: request)
      for endpoint in endpoints where !endpoint.hasPrefix("/") {
        outcome.fail("\(request.objectLabel): endpoint '\(endpoint)' must be an API path such as /info")
      }
      let apiPaths = endpoints.filter { $0.hasPrefix("/") }
      for (endpoint, result) in zip(apiPaths, context.session.dockerAPI.documents(at: apiPaths)) {
        let document: JSONValue
        switch result {
        case .success(let fetched): document = fetched
        case .failure(let error) where error.noDaemon && absentWhenUnreachable:
          outcome.note(error.description)
          continue
        case .failure(let error):
          outcome.fail(error.description)
          continue
        }
        for path in paths {
          do {
            let records = try YAMLValueRecords.records(selectedBy: path, in: [document])
            guard !records.isEmpty else { continue }
            outcome.add(
              Item(
                type: "dockerapi_item", family: "docker",
                entities: [ItemEntity("endpoint", endpoint), ItemEntity("path", path.description)]
                  + records.map(\.itemEntity)))
          } catch {
            outcome.fail("GET \(endpoint) \(path): \(error.description)")
          }
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}

/// Reading the `path` entity of the Docker objects.
enum DockerJSONSelection {
  static func paths(of request: ObjectRequest) throws(CollectionStop) -> [YAMLPath] {
    guard request.object.entity("path") != nil else { throw .error("\(request.objectLabel): needs a 'path'") }
    var paths: [YAMLPath] = []
    for source in try request.exactValues(of: "path", needing: "a search of every path in the JSON") {
      do {
        paths.append(try YAMLPath(parsing: source))
      } catch {
        throw .error("\(request.objectLabel): \(error.description)")
      }
    }
    return paths
  }
}
