"""The OVAL that reads docker.service's ExecStart as systemd applies it, in standard OVAL 5.11 only.

systemd takes the first docker.service of its unit folders, then the drop-ins docker.service.d/*.conf of all of
them, merged by file name (a drop-in masks one of the same name in a later folder) and applied in file-name order
(strcmp); an empty "ExecStart=" clears the commands set before it. A line of ExecStart therefore counts when its
file is not masked, no later line of the same file resets ExecStart, and no drop-in whose name sorts after the file
resets it. OVAL cannot order files, so the content computes the files to leave out with variables (compose.py
expands the two shorthands of namespace urn:x-palisade:compose below):

  <c:effective-unit-files namespace="oval:NS" first="50" folders="oval:NS:var:14" folder-list="oval:NS:var:19"/>
      the objects, states and variables (ids first .. first+4): `folders` has the unit folders in systemd's order
      (one value each), `folder-list` the same as one comma-separated string; the states ste:<first> (a unit file in
      its place), ste:<first+1> (masked) and ste:<first+3> (applied before a drop-in that resets ExecStart) filter
      the unit files
  <c:execstart-object id="..." folders="oval:NS:var:14" unit-files="oval:NS:50" comment="...">PATTERN
  </c:execstart-object>
      a textfilecontent54_object of the ExecStart lines matching PATTERN that systemd applies: in the unit files of
      the folders, filtered by those states, and no later line of the same file resetting ExecStart

The files are always collected from the folders and filtered, never opened again by a path a variable holds, so a
name that is not UTF-8 (whose items show it escaped) is read like any other. The order of names is decided by regular
expressions over pairs of values (concat of multi-valued components gives every combination, OVAL 5.11.2 section
5.3.5.3.2): two unit file paths and the folder list for masking, and a path, the name of a resetting drop-in and the
printable ASCII characters in order for "sorts before". A name with a character outside printable ASCII (or escaped)
is not ordered against one that differs there, so its ExecStart lines count.
"""

import xml.etree.ElementTree as ET

OVAL_DEF = "http://oval.mitre.org/XMLSchema/oval-definitions-5"
IND = OVAL_DEF + "#independent"
UNIX = OVAL_DEF + "#unix"
COMPOSE = "urn:x-palisade:compose"

# Delimits the values combined into one string: neither a path in the folder list nor a unit's file name has one.
DELIMITER = "|"
# Printable ASCII but the delimiter and '/', in byte order: a name sorts before another when, after their common
# beginning, its next character comes earlier here (or it has none).
ALPHABET = "".join(chr(code) for code in range(0x21, 0x7F) if chr(code) not in DELIMITER + "/")

# docker.service outside a drop-in folder, or a .conf file inside docker.service.d.
UNIT_FILE_NAMES = r"^(docker\.service|.*\.conf)$"
UNIT_FILE_PLACES = r"^(?:.*/docker\.service\.d/[^/]+\.conf|(?!.*/docker\.service\.d/[^/]*$).*/docker\.service)$"
# "path|other path|,folder,folder,...,": the path, when the other has the same file name in an earlier folder.
MASKED = (r"^((?<d>[^|]*)/(?<n>[^/|]+))\|(?<e>[^|]*)/\k<n>\|(?:[^|]*,)?\k<e>,(?:[^|]*,)?\k<d>,")
# "path|name of a drop-in that resets ExecStart|alphabet": the path, when its file is applied before that drop-in
# (docker.service before every drop-in; a drop-in whose name sorts before the other's).
SHADOWED = (r"^([^|]*/(?:docker\.service(?=\|)|(?<p>[^/|]*?)(?:(?<a>[^/|])[^/|]*)?))\|"
            r"(?(<p>)\k<p>(?<b>[^|])[^|]*\|(?(<a>).*?\k<a>.*?\k<b>)|[^|])")
RESET = r"^[ \t]*ExecStart[ \t]*=[ \t]*$"
# Appended to an ExecStart pattern: no line after the match resets ExecStart.
NOT_RESET_LATER = r"(?![\s\S]*" + RESET + ")"
DROP_IN_NAME = r"/([^/]+\.conf)$"


def _element(parent, namespace, name, text=None, **attributes):
    element = ET.Element("{%s}%s" % (namespace, name), attributes) if parent is None else ET.SubElement(
        parent, "{%s}%s" % (namespace, name), attributes)
    if text is not None:
        element.text = text
    return element


def _literal(parent, text):
    return _element(parent, OVAL_DEF, "literal_component", text)


def _paths_of(parent, object_id):
    return _element(parent, OVAL_DEF, "object_component", object_ref=object_id, item_field="filepath")


def _captured_from_pairs(identifier, comment, pattern, parts, namespace):
    """A variable: the first group `pattern` captures in each combination of the values of `parts` (variable ids of
    `namespace`, or literal text) joined."""
    variable = _variable(identifier, comment)
    joined = _element(_element(variable, OVAL_DEF, "regex_capture", pattern=pattern), OVAL_DEF, "concat")
    for part in parts:
        if part.startswith(namespace + ":var:"):
            _element(joined, OVAL_DEF, "variable_component", var_ref=part)
        else:
            _literal(joined, part)
    return variable


def _path_state(identifier, comment, paths):
    state = _element(None, UNIX, "file_state", id=identifier, version="1", comment=comment)
    _element(state, UNIX, "filepath", var_ref=paths, var_check="at least one")
    return state


def _unit_lines_object(identifier, version, comment, folders, unit_files, pattern, applied_only):
    """A textfilecontent54_object: every match of the pattern in the unit files of the folders that are in their
    place and not masked, and with `applied_only` not applied before a drop-in that resets ExecStart either."""
    namespace, first = unit_files.rsplit(":", 1)
    found = _element(None, IND, "textfilecontent54_object", id=identifier, version=version, comment=comment)
    _element(found, IND, "path", var_ref=folders, var_check="at least one")
    _element(found, IND, "filename", UNIT_FILE_NAMES, operation="pattern match")
    _element(found, IND, "pattern", pattern, operation="pattern match")
    _element(found, IND, "instance", "1", datatype="int", operation="greater than or equal")
    _element(found, OVAL_DEF, "filter", f"{namespace}:ste:{first}", action="include")
    _element(found, OVAL_DEF, "filter", f"{namespace}:ste:{int(first) + 1}", action="exclude")
    if applied_only:
        _element(found, OVAL_DEF, "filter", f"{namespace}:ste:{int(first) + 3}", action="exclude")
    return found


def _variable(identifier, comment):
    return _element(None, OVAL_DEF, "local_variable", id=identifier, version="1", datatype="string", comment=comment)


def effective_unit_files(shorthand):
    """The OVAL elements of c:effective-unit-files (see the module's description)."""
    namespace, folders, folder_list = (shorthand.get(name) for name in ("namespace", "folders", "folder-list"))
    try:
        first = int(shorthand.get("first", ""))
    except ValueError:
        raise ValueError("effective-unit-files needs a numeric 'first'") from None
    if not (namespace and folders and folder_list):
        raise ValueError("effective-unit-files needs 'namespace', 'folders' and 'folder-list'")

    def ref(kind, offset):
        return f"{namespace}:{kind}:{first + offset}"

    candidates = _element(None, UNIX, "file_object", id=ref("obj", 0), version="1",
                          comment="docker.service and its drop-ins in every unit folder")
    _element(candidates, UNIX, "path", var_ref=folders, var_check="at least one")
    _element(candidates, UNIX, "filename", UNIT_FILE_NAMES, operation="pattern match")
    _element(candidates, OVAL_DEF, "filter", ref("ste", 0), action="include")
    places = _element(None, UNIX, "file_state", id=ref("ste", 0), version="1",
                      comment="docker.service outside a drop-in folder, or a .conf file in docker.service.d")
    _element(places, UNIX, "filepath", UNIT_FILE_PLACES, operation="pattern match")
    candidate_paths = _variable(ref("var", 0), "the paths of docker.service and its drop-ins in every unit folder")
    _paths_of(candidate_paths, ref("obj", 0))
    elements = [candidates, places, candidate_paths]

    elements.append(_captured_from_pairs(
        ref("var", 1), "the unit files a file of the same name in an earlier unit folder masks", MASKED,
        [ref("var", 0), DELIMITER, ref("var", 0), DELIMITER + ",", folder_list, ","], namespace))
    elements.append(_path_state(ref("ste", 1), "a masked unit file", ref("var", 1)))
    read = _element(None, UNIX, "file_object", id=ref("obj", 1), version="1",
                    comment="the unit files systemd reads: the first docker.service, and each drop-in not masked")
    kept = _element(read, OVAL_DEF, "set")
    _element(kept, OVAL_DEF, "object_reference", ref("obj", 0))
    _element(kept, OVAL_DEF, "filter", ref("ste", 1), action="exclude")
    read_paths = _variable(ref("var", 2), "the paths of the unit files systemd reads")
    _paths_of(read_paths, ref("obj", 1))
    elements += [read, read_paths]

    elements.append(_unit_lines_object(ref("obj", 2), "1", "the unit files systemd reads that reset ExecStart (an "
                                       "empty ExecStart=)", folders, f"{namespace}:{first}", RESET, False))
    reset_names = _variable(ref("var", 3), "the names of the drop-ins that reset ExecStart")
    _paths_of(_element(reset_names, OVAL_DEF, "regex_capture", pattern=DROP_IN_NAME), ref("obj", 2))
    elements.append(reset_names)
    elements.append(_captured_from_pairs(
        ref("var", 4), "the unit files applied before a drop-in that resets ExecStart", SHADOWED,
        [ref("var", 2), DELIMITER, ref("var", 3), DELIMITER + ALPHABET], namespace))
    elements.append(_path_state(ref("ste", 3), "a unit file applied before a drop-in that resets ExecStart",
                                ref("var", 4)))
    return elements


def execstart_object(shorthand):
    """The textfilecontent54_object of c:execstart-object (see the module's description)."""
    identifier, folders, unit_files = (shorthand.get(name) for name in ("id", "folders", "unit-files"))
    pattern = (shorthand.text or "").strip()
    if not (identifier and folders and unit_files and pattern):
        raise ValueError("execstart-object needs 'id', 'folders', 'unit-files' and a pattern")
    return _unit_lines_object(identifier, shorthand.get("version", "1"),
                              shorthand.get("comment") or "ExecStart lines of docker.service that count", folders,
                              unit_files, pattern + NOT_RESET_LATER, True)
