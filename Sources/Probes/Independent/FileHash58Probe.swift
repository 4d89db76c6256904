import OVAL
import XMLSupport

/// `filehash58_object`: digests of files (OVAL 5.11.2 independent schema), one `filehash58_item` (`filepath`,
/// `path`, `filename`, `hash_type`, `hash`) per regular file the object names and per `hash_type` it selects
/// (MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512; see `DigestAlgorithm`). Each file is read once for all its digests.
struct FileHash58Probe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("independent"), "filehash58_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let search = try FileSearch(request)
      let hashType = try request.requiredSelection(of: "hash_type")
      let algorithms = try hashType.selected(DigestAlgorithm.allCases, by: \.rawValue)
      var outcome = context.outcome(for: request)
      guard !algorithms.isEmpty else { return outcome.collectedObject }
      search.forEachRegularFile(in: context, outcome: &outcome) { found, file, outcome in
        do {
          let digests = try FileDigest.digests(of: file, algorithms)
          for algorithm in algorithms {
            var entities = found.itemEntities
            entities.append(ItemEntity("hash_type", algorithm.rawValue))
            entities.append(ItemEntity("hash", digests[algorithm] ?? ""))
            outcome.add(Item(type: "filehash58_item", family: "independent", entities: entities))
          }
        } catch {
          for algorithm in algorithms {
            var entities = found.itemEntities
            entities.append(ItemEntity("hash_type", algorithm.rawValue))
            outcome.add(Item(type: "filehash58_item", family: "independent", status: .error, entities: entities))
          }
          outcome.note("\(found.hostPath): \(error)", level: .error)
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
