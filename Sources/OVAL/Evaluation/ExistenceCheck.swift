extension ExistenceEnumeration {
  /// Decides `check_existence` from the statuses of the collected items
  /// (OVAL 5.11.2 specification, "Existence Enumeration" evaluation table).
  func evaluate(_ statuses: [ItemStatus]) -> OVALResult {
    var exists = 0
    var doesNotExist = 0
    var error = 0
    var notCollected = 0
    for status in statuses {
      switch status {
      case .exists: exists += 1
      case .doesNotExist: doesNotExist += 1
      case .error: error += 1
      case .notCollected: notCollected += 1
      }
    }
    switch self {
    case .allExist:
      if doesNotExist > 0 { return .false }
      if error > 0 { return .error }
      if notCollected > 0 { return .unknown }
      return exists > 0 ? .true : .false
    case .anyExist:
      if error > 0 && exists == 0 { return .error }
      return .true
    case .atLeastOneExists:
      if exists > 0 { return .true }
      if error > 0 { return .error }
      if notCollected > 0 { return .unknown }
      return .false
    case .noneExist:
      if exists > 0 { return .false }
      if error > 0 { return .error }
      if notCollected > 0 { return .unknown }
      return .true
    case .onlyOneExists:
      if exists > 1 { return .false }
      if error > 0 { return .error }
      if notCollected > 0 { return .unknown }
      return exists == 1 ? .true : .false
    }
  }
}
