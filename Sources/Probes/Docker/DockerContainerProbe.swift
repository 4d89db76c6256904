import OVAL
import XMLSupport

/// `dockercontainer_object`: a value of each container's inspect JSON (`GET /containers/{id}/json`) for the
/// containers whose name the `name` entity selects (every container with `pattern match` `.*`), running or not.
/// Items `dockercontainer_item` carry the container's id, name and image, the path and its `value` records. No
/// container means `does not exist`; an unreachable daemon, `error` naming the socket.
struct DockerContainerProbe: Probe {
  let objectName = DockerNamespace.object("dockercontainer_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let names = try request.requiredSelection(of: "name")
      let paths = try DockerJSONSelection.paths(of: request)
      var outcome = context.outcome(for: request)
      let api = context.session.dockerAPI
      let list: JSONValue
      do {
        list = try api.document(at: "/containers/json?all=1")
      } catch {
        return .error(error.description)
      }
      var selected: [(id: String, name: String, image: String)] = []
      for container in list.elements ?? [] {
        guard let id = container["Id"]?.string else { continue }
        // The API lists names with a leading slash; OVAL content names containers as `docker ps` shows them.
        let name = String((container["Names"]?.elements?.first?.string ?? id).trimmingPrefix("/"))
        guard try names.selects(name) else { continue }
        selected.append((id, name, container["Image"]?.string ?? ""))
      }
      // Each container's settings are fetched together, several at a time.
      let inspections = api.documents(at: selected.map { "/containers/\($0.id)/json" })
      for ((id, name, image), inspection) in zip(selected, inspections) {
        let inspect: JSONValue
        switch inspection {
        case .success(let document): inspect = document
        case .failure(let error):
          outcome.fail(error.description)
          continue
        }
        for path in paths {
          do {
            let records = try YAMLValueRecords.records(selectedBy: path, in: [inspect])
            // A container whose settings lack the path still has an item, with a value that does not exist, so a
            // state compares it (false) instead of finding no entity to compare (unknown, as OpenSCAP decides).
            let values =
              records.isEmpty
              ? [ItemEntity("value", "", datatype: .record, status: .doesNotExist)] : records.map(\.itemEntity)
            outcome.add(
              Item(
                type: "dockercontainer_item", family: "docker",
                entities: [
                  ItemEntity("id", id), ItemEntity("name", name), ItemEntity("image", image),
                  ItemEntity("path", path.description),
                ] + values))
          } catch {
            outcome.fail("container \(name) \(path): \(error.description)")
          }
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
