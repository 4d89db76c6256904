import OVAL
import XMLSupport

/// `filehash_object` (deprecated in OVAL 5.8): the MD5 and SHA-1 digests of files, one `filehash_item` (`filepath`,
/// `path`, `filename`, `md5`, `sha1`) per regular file the object names (see `FileSearch`).
struct FileHashProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "filehash_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      var outcome = context.outcome(for: request)
      search.forEachRegularFile(in: context, outcome: &outcome) { found, file, outcome in
        var entities = found.itemEntities
        do {
          let digests = try FileDigest.digests(of: file, [.md5, .sha1])
          entities.append(ItemEntity("md5", digests[.md5] ?? ""))
          entities.append(ItemEntity("sha1", digests[.sha1] ?? ""))
          outcome.add(Item(type: "filehash_item", family: "independent", entities: entities))
        } catch {
          outcome.add(Item(type: "filehash_item", family: "independent", status: .error, entities: entities))
          outcome.note("\(found.hostPath): \(error)", level: .error)
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
