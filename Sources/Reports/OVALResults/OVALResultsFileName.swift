import Foundation

/// oscap's name for the OVAL results of one OVAL document written beside XCCDF results (`--oval-results`): the
/// document's file name, without its folder, followed by `.result.xml`. `xccdf eval --oval-results` writes these
/// names and `ResultDocumentReader` finds them beside a plain XCCDF result.
public enum OVALResultsFileName {
  /// The results file name of the OVAL document `href` (a path or a check's `href`).
  public static func name(forDefinitions href: String) -> String {
    URL(fileURLWithPath: href).lastPathComponent + ".result.xml"
  }
}
