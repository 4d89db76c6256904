import OVAL
import XMLSupport

/// `password_object`: accounts of `/etc/passwd` (OVAL 5.11.2 unix schema), one `password_item` per user the
/// `username` entity selects, with `last_login` from `/var/log/lastlog` (-1 when unknown), as OpenSCAP reports them.
struct PasswordProbe: Probe {
  let objectName = XMLName(OVALNamespace.definitions("unix"), "password_object")

  func collect(_ request: ObjectRequest, in context: ProbeContext) -> CollectedObject {
    do {
      let username = try request.requiredSelection(of: "username")
      let root = context.root
      guard let users = context.session.table("passwd", { AccountDatabase.users(in: root) }) else {
        return .error("/etc/passwd: cannot read file")
      }
      var outcome = context.outcome(for: request)
      for user in users where try username.selects(user.name) {
        outcome.add(
          Item(
            type: "password_item", family: "unix",
            entities: [
              ItemEntity("username", user.name), ItemEntity("password", user.password),
              ItemEntity("user_id", user.userID, datatype: .int), ItemEntity("group_id", user.groupID, datatype: .int),
              ItemEntity("gcos", user.gcos), ItemEntity("home_dir", user.home), ItemEntity("login_shell", user.shell),
              ItemEntity(
                "last_login", String(AccountDatabase.lastLogin(userID: user.userID, in: root)), datatype: .int),
            ]))
      }
      return outcome.collectedObject
    } catch {
      return error.outcome
    }
  }
}
