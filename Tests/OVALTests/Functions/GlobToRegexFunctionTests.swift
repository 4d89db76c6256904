import Testing

@testable import OVAL

/// glob_to_regex on the cases OpenSCAP's own test suite lists, both with and without backslash escapes.
@Suite struct GlobToRegexFunctionTests {
  static let cases: [(glob: String, escaped: String?, noEscape: String?)] = [
    ("list.?", #"^list\.[^/]$"#, #"^list\.[^/]$"#),
    ("project.*", #"^project\.[^/]*$"#, #"^project\.[^/]*$"#),
    ("*old", #"^(?=[^.])[^/]*old$"#, #"^(?=[^.])[^/]*old$"#),
    ("type*.[ch]", #"^type[^/]*\.[ch]$"#, #"^type[^/]*\.[ch]$"#),
    ("*.*", #"^(?=[^.])[^/]*\.[^/]*$"#, #"^(?=[^.])[^/]*\.[^/]*$"#),
    ("*", #"^(?=[^.])[^/]*$"#, #"^(?=[^.])[^/]*$"#),
    ("?", #"^[^./]$"#, #"^[^./]$"#),
    (#"\*"#, #"^\*$"#, #"^\\[^/]*$"#),
    (#"\?"#, #"^\?$"#, #"^\\[^/]$"#),
    (#"\[hello\]"#, #"^\[hello\]$"#, #"^\\[hello\\]$"#),
    (#"x[[:digit:]]\*"#, #"^x[[:digit:]]\*$"#, #"^x[[:digit:]]\\[^/]*$"#),
    ("", "^$", "^$"),
    ("~/files/*.txt", #"^~/files/(?=[^.])[^/]*\.txt$"#, #"^~/files/(?=[^.])[^/]*\.txt$"#),
    (#"\"#, #"^\\$"#, #"^\\$"#),
    ("[ab", nil, nil),
    (".*.conf", #"^\.[^/]*\.conf$"#, #"^\.[^/]*\.conf$"#),
    ("docs/?b", #"^docs/[^./]b$"#, #"^docs/[^./]b$"#),
    ("xy/??z", #"^xy/[^./][^/]z$"#, #"^xy/[^./][^/]z$"#),
  ]

  @Test(arguments: cases.indices)
  func convertsLikeAShell(_ index: Int) {
    let (glob, escaped, noEscape) = Self.cases[index]
    #expect((try? GlobToRegexFunction.convert(glob, noEscape: false)) == escaped, "glob \(glob)")
    #expect((try? GlobToRegexFunction.convert(glob, noEscape: true)) == noEscape, "glob \(glob), no escape")
  }

  @Test func theRegexMatchesWhatTheGlobMeans() throws {
    let regex = try PCREPattern(try GlobToRegexFunction.convert("/etc/*.conf", noEscape: false))
    #expect(try regex.matches("/etc/sysctl.conf"))
    #expect(try !regex.matches("/etc/.hidden.conf"))
    #expect(try !regex.matches("/etc/sub/dir.conf"))
  }
}
