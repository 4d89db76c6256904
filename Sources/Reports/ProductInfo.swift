/// The scanner's name and version as results report them.
public enum ProductInfo {
  public static let name = "Palisade"
  public static let version = "0.1.0"
  /// The CPE name results use for the test system.
  public static let cpe = "cpe:/a:palisade:palisade:\(version)"
}
