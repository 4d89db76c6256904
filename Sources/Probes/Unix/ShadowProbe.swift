import OVAL
import XMLSupport

/// `shadow_object`: entries of `/etc/shadow` (OVAL 5.11.2 unix schema), one `shadow_item` per user the `username`
/// entity selects. Empty numeric fields are -1 and an empty flag is ULONG_MAX, as glibc reads them; `encrypt_method`
/// is named from the hash prefix as OpenSCAP names it (anything without a `$` prefix is DES).
struct ShadowProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "shadow_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let username = try request.requiredSelection(of: "username")
      let root = context.root
      guard let entries = context.session.table("shadow", { AccountDatabase.shadowEntries(in: root) }) else {
        return .found([])
      }
      var outcome = context.outcome(for: request)
      let names = ["chg_lst", "chg_allow", "chg_req", "exp_warn", "exp_inact", "exp_date"]
      for entry in entries where try username.selects(entry.name) {
        var entities = [ItemEntity("username", entry.name), ItemEntity("password", entry.password)]
        for (name, number) in zip(names, entry.numbers) {
          entities.append(ItemEntity(name, String(number), datatype: .int))
        }
        entities.append(ItemEntity("flag", String(entry.flag), datatype: .int))
        if let method = Self.encryptMethod(entry.password) { entities.append(ItemEntity("encrypt_method", method)) }
        outcome.add(Item(type: "shadow_item", family: "unix", entities: entities))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }

  /// OpenSCAP's reading of the hash prefix: `$1$` MD5, `$2$`/`$2a$` Blowfish, `$5$` SHA-256, `$6$` SHA-512,
  /// `$md5$` Sun MD5, `_` BSDi, anything else not starting with `$` DES; nil for another `$` prefix.
  static func encryptMethod(_ password: String) -> String? {
    if password.hasPrefix("_") { return "BSDi" }
    guard password.hasPrefix("$") else { return "DES" }
    let rest = password.dropFirst()
    return hashPrefixes.first { rest.hasPrefix($0.prefix) }?.method
  }

  /// What follows the first `$` of each hash method's prefix, up to and with the closing `$`.
  private static let hashPrefixes: [(prefix: String, method: String)] = [
    ("1$", "MD5"), ("2$", "Blowfish"), ("2a$", "Blowfish"), ("5$", "SHA-256"), ("6$", "SHA-512"), ("md5$", "Sun MD5"),
  ]
}
