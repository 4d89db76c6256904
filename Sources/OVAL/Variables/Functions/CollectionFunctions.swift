/// The functions that combine several components: concat, count and unique (OVAL 5.11.2).
enum CollectionFunctions {
  /// Every concatenation of one value from each component, in component order.
  static func concat(_ components: [[String]]) -> [String] {
    cartesianProduct(components).map { $0.joined() }
  }

  /// How many values the components hold together.
  static func count(_ components: [[String]]) -> [String] {
    [String(components.reduce(0) { $0 + $1.count })]
  }

  /// The components' values without repeats, in first-seen order.
  static func unique(_ components: [[String]]) -> [String] {
    var seen: Set<String> = []
    return components.flatMap { $0 }.filter { seen.insert($0).inserted }
  }
}
