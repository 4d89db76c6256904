import OVAL
import XMLSupport
import Yams

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
      let list: Node
      do {
        list = try api.document(at: "/containers/json?all=1")
      } catch {
        return .error(error.description)
      }
      for container in list.sequence ?? [] {
        guard let id = container["Id"]?.string else { continue }
        // The API lists names with a leading slash; OVAL content names containers as `docker ps` shows them.
        let name = (container["Names"]?.sequence?.first?.string ?? id).trimmingPrefix("/")
        guard try names.selects(String(name)) else { continue }
        let inspect: Node
        do {
          inspect = try api.document(at: "/containers/\(id)/json")
        } catch {
          outcome.fail(error.description)
          continue
        }
        let image = container["Image"]?.string ?? ""
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
                  ItemEntity("id", id), ItemEntity("name", String(name)), ItemEntity("image", image),
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
