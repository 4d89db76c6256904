/// The items and flag of a set operation over its operands (OVAL 5.11.2 specification, SetOperatorEnumeration and
/// its flag tables).
struct SetCombination {
  let flag: CollectedObjectFlag
  let itemIDs: [Int]

  init(_ setOperator: ObjectSet.Operator, _ operands: [(flag: CollectedObjectFlag, itemIDs: [Int])]) {
    guard let first = operands.first else {
      flag = .doesNotExist
      itemIDs = []
      return
    }
    var ids: [Int]
    switch setOperator {
    case .union:
      var seen: Set<Int> = []
      ids = operands.flatMap(\.itemIDs).filter { seen.insert($0).inserted }
    case .intersection:
      let others = operands.dropFirst().map { Set($0.itemIDs) }
      ids = first.itemIDs.filter { id in others.allSatisfy { $0.contains(id) } }
    case .complement:
      let removed = Set(operands.dropFirst().flatMap(\.itemIDs))
      ids = first.itemIDs.filter { !removed.contains($0) }
    }
    itemIDs = ids
    flag = Self.flag(setOperator, operands.map(\.flag), hasItems: !ids.isEmpty)
  }

  private static func flag(
    _ setOperator: ObjectSet.Operator, _ flags: [CollectedObjectFlag], hasItems: Bool
  ) -> CollectedObjectFlag {
    if flags.contains(.error) { return .error }
    switch setOperator {
    case .union:
      if flags.contains(.notCollected) { return hasItems ? .incomplete : .notCollected }
      if flags.contains(.incomplete) { return .incomplete }
      if flags.allSatisfy({ $0 == .notApplicable }) { return .notApplicable }
    case .intersection:
      // One empty operand empties the intersection whatever the others hold.
      if flags.contains(.doesNotExist) { return .doesNotExist }
      if flags.contains(.notCollected) { return .notCollected }
      if flags.contains(.incomplete) { return .incomplete }
      if flags.contains(.notApplicable) { return .notApplicable }
    case .complement:
      let (left, right) = (flags[0], flags.dropFirst().first ?? .doesNotExist)
      if left == .doesNotExist { return .doesNotExist }
      if left == .notCollected || right == .notCollected { return .notCollected }
      if left == .notApplicable || right == .notApplicable { return .notApplicable }
      if left == .incomplete || right == .incomplete { return .incomplete }
    }
    return hasItems ? .complete : .doesNotExist
  }
}
