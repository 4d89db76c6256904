/// Whether the benchmark, or one of its groups, applies to the target: the enclosing scope applies and so does one
/// of the item's own platforms (XCCDF 1.2, Item.Process). Decided the first time a rule inside asks, then kept:
/// only rules that are evaluated ask, so the platforms of a group without a selected rule are never checked, and
/// a group's are not checked when an enclosing scope does not apply. OpenSCAP decides platforms the same way, and
/// its OVAL results leave such platform definitions `not evaluated`.
final class PlatformScope {
  private let parent: PlatformScope?
  private let platforms: [String]
  private let applicability: PlatformApplicability
  private var decided: Bool?

  init(platforms: [String], parent: PlatformScope?, applicability: PlatformApplicability) {
    self.platforms = platforms
    self.parent = parent
    self.applicability = applicability
  }

  /// A scope for an item inside this one.
  func nested(platforms: [String]) -> PlatformScope {
    PlatformScope(platforms: platforms, parent: self, applicability: applicability)
  }

  /// The platforms of this scope and of every scope around it.
  var platformsWithEnclosing: [String] { (parent?.platformsWithEnclosing ?? []) + platforms }

  func applies() async -> Bool {
    if let decided { return decided }
    var result = true
    if let parent { result = await parent.applies() }
    if result { result = await applicability.applies(platforms) }
    decided = result
    return result
  }
}
