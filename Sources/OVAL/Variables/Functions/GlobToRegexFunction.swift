/// glob_to_regex: a shell glob as an anchored Perl regular expression (OVAL 5.11.2, GlobToRegexFunctionType).
/// `*` and `?` never match `/`, and at the start of a path component they do not match a leading `.`, as a shell
/// hides dotfiles; bracket expressions pass through; with `noEscape` a backslash is an ordinary character.
enum GlobToRegexFunction {
  static func apply(noEscape: Bool, _ values: [String]) throws(FunctionError) -> [String] {
    var results: [String] = []
    for value in values { results.append(try convert(value, noEscape: noEscape)) }
    return results
  }

  static func convert(_ glob: String, noEscape: Bool) throws(FunctionError) -> String {
    let characters = Array(glob)
    var regex = "^"
    var index = 0
    var atComponentStart = true
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "*":
        regex += atComponentStart ? "(?=[^.])[^/]*" : "[^/]*"
        atComponentStart = false
      case "?":
        regex += atComponentStart ? "[^./]" : "[^/]"
        atComponentStart = false
      case "[":
        guard let (expression, next) = bracketExpression(characters, from: index, noEscape: noEscape) else {
          throw FunctionError("glob '\(glob)' has a '[' without its ']'")
        }
        regex += expression
        index = next
        atComponentStart = false
        continue
      case "\\" where !noEscape:
        if index + 1 < characters.count {
          regex += escaped(characters[index + 1])
          index += 2
        } else {
          regex += "\\\\"
          index += 1
        }
        atComponentStart = false
        continue
      case "/":
        regex += "/"
        atComponentStart = true
      default:
        regex += escaped(character)
        atComponentStart = false
      }
      index += 1
    }
    return regex + "$"
  }

  /// The bracket expression starting at `start` and the index after its `]`; nil when it is not closed.
  private static func bracketExpression(
    _ characters: [Character], from start: Int, noEscape: Bool
  ) -> (String, Int)? {
    var expression = "["
    var index = start + 1
    if index < characters.count, characters[index] == "!" || characters[index] == "^" {
      expression += "^"
      index += 1
    }
    var first = true
    while index < characters.count {
      let character = characters[index]
      if character == "]" && !first { return (expression + "]", index + 1) }
      first = false
      if character == "[", index + 1 < characters.count, characters[index + 1] == ":",
        let close = classEnd(characters, from: index + 2)
      {
        expression += String(characters[index...close])
        index = close + 1
        continue
      }
      if character == "\\" {
        if noEscape {
          expression += "\\\\"
        } else if index + 1 < characters.count {
          expression += "\\" + String(characters[index + 1])
          index += 1
        } else {
          expression += "\\\\"
        }
      } else {
        expression.append(character)
      }
      index += 1
    }
    return nil
  }

  /// The index of the `]` ending a `[:class:]` whose name starts at `start`.
  private static func classEnd(_ characters: [Character], from start: Int) -> Int? {
    var index = start
    while index + 1 < characters.count {
      if characters[index] == ":" && characters[index + 1] == "]" { return index + 1 }
      guard characters[index].isLetter else { return nil }
      index += 1
    }
    return nil
  }

  private static func escaped(_ character: Character) -> String {
    "^$\\.[](){}*+?|".contains(character) ? "\\" + String(character) : String(character)
  }
}
