import OVAL
import XMLSupport

/// `symlink_object`: where a symbolic link leads (OVAL 5.11.2 unix schema), one `symlink_item` (`filepath`,
/// `canonical_path`) per link the `filepath` entity names.
///
/// The canonical path is the link's target with every link resolved, inside the root. A path that is missing, or is
/// not a link, does not exist (with an info message); a link whose target is missing or that loops is an error, as in
/// OpenSCAP.
struct SymlinkProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "symlink_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let filepath = try request.requiredSelection(of: "filepath")
      var outcome = context.outcome(for: request)
      var paths: [String] = []
      if let exact = filepath.exactValues {
        paths = exact
      } else {
        let search = try FileSearch(request)
        let problems = search.run(in: context.session) { found in
          if found.status.isSymbolicLink { paths.append(found.hostPath) }
          return true
        }
        for problem in problems { outcome.fail("\(request.objectLabel): \(problem)") }
      }
      for path in paths {
        do {
          let (_, status) = try context.root.linkStatus(ofHostPath: path)
          guard status.isSymbolicLink else {
            outcome.note("File '\(HostFileName.visible(path))' is not a symlink.")
            continue
          }
        } catch {
          if error.kind == .doesNotExist {
            outcome.note("File '\(HostFileName.visible(path))' does not exist.")
          } else {
            outcome.fail(error.description)
          }
          continue
        }
        do {
          let canonicalPath = try context.root.canonicalHostPath(of: path)
          outcome.add(
            Item(
              type: "symlink_item", family: "unix",
              entities: [
                ItemEntity("filepath", HostFileName.visible(path)),
                ItemEntity("canonical_path", HostFileName.visible(canonicalPath)),
              ]))
        } catch {
          outcome.fail(
            error.kind == .doesNotExist
              ? "Link target of symlink '\(HostFileName.visible(path))' does not exist."
              : "Link '\(HostFileName.visible(path))' cannot be resolved: \(error.reason)")
        }
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
