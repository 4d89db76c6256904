#!/usr/bin/env python3
"""Composes Palisade's Docker STIG source data stream from the sources in content/src.

    python3 content/compose.py            writes content/palisade-docker-stig-ds.xml
    python3 content/compose.py --check    exits 1 when that file differs from what the sources give

Sources (content/src):
  benchmark.xml     the XCCDF 1.2 Benchmark without its rules: status, text, platforms, profiles (their select
                    lists are filled in here: DISA's nine profiles select every rule) and the XCCDF Values
  rules/V-*.xml     one file per STIG rule: its XCCDF Group, and the OVAL elements only it uses
  oval-shared.xml   OVAL elements several rules use
  cpe.xml           the CPE dictionary and the OVAL definitions behind its names and the rules' platforms

A rule file is a <source> element holding an XCCDF Group and any OVAL definition, test, object, state or variable
elements, in any order; they are sorted into the OVAL document's sections. These shorthands are expanded (namespace
urn:x-palisade:compose):
  <c:file-mode-state id="..." max="0644" comment="..."/>   a unix:file_state that allows no permission bit outside
                                                           the octal mask (a bit-by-bit check, not a numeric one)
  <c:profile-selects/>                                     (in benchmark.xml) nothing: selects are added to profiles
  <c:fix kind="..." .../>                                  (in a Rule) a bash and an Ansible fix (content/fixes.py)
  <c:effective-unit-files .../>, <c:execstart-object .../> the unit files and ExecStart lines systemd applies
                                                           (content/unit_files.py)
  <c:question type="boolean|choice" .../>                  (in a Rule's OCIL check) the rule's OCIL 2.0 questionnaire
                                                           (content/questionnaires.py); the check gets a
                                                           check-content-ref to it

The output only depends on the sources, so the composed file can be checked for being up to date.
"""

import argparse
import pathlib
import sys
import xml.etree.ElementTree as ET

import fixes
import questionnaires
import unit_files

HERE = pathlib.Path(__file__).resolve().parent
SOURCES = HERE / "src"
OUTPUT = HERE / "palisade-docker-stig-ds.xml"

NS = {
    "ds": "http://scap.nist.gov/schema/scap/source/1.2",
    "xlink": "http://www.w3.org/1999/xlink",
    "cat": "urn:oasis:names:tc:entity:xmlns:xml:catalog",
    "xccdf": "http://checklists.nist.gov/xccdf/1.2",
    "cpe-dict": "http://cpe.mitre.org/dictionary/2.0",
    "cpe-lang": "http://cpe.mitre.org/language/2.0",
    "oval": "http://oval.mitre.org/XMLSchema/oval-common-5",
    "oval-def": "http://oval.mitre.org/XMLSchema/oval-definitions-5",
    "ind": "http://oval.mitre.org/XMLSchema/oval-definitions-5#independent",
    "unix": "http://oval.mitre.org/XMLSchema/oval-definitions-5#unix",
    "linux": "http://oval.mitre.org/XMLSchema/oval-definitions-5#linux",
    "docker-def": "http://palisade.dev/XMLSchema/oval-definitions-5#docker",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ocil": questionnaires.NAMESPACE,
    "c": "urn:x-palisade:compose",
}
for prefix, uri in NS.items():
    if prefix not in ("c", "xccdf"):
        ET.register_namespace(prefix, uri)
ET.register_namespace("", NS["xccdf"])

COLLECTION_ID = "scap_dev.palisade_collection_docker-stig"
STREAM_ID = "scap_dev.palisade_datastream_docker-stig"
XCCDF_FILE = "docker-stig-xccdf.xml"
OVAL_FILE = "docker-stig-oval.xml"
CPE_DICTIONARY_FILE = "docker-stig-cpe-dictionary.xml"
CPE_OVAL_FILE = "docker-stig-cpe-oval.xml"
OCIL_FILE = questionnaires.FILE
OVAL_SECTIONS = ("definitions", "tests", "objects", "states", "variables")

# unix:file_state's permission entities and the bit each stands for, in schema order.
PERMISSION_BITS = [
    ("suid", 0o4000), ("sgid", 0o2000), ("sticky", 0o1000),
    ("uread", 0o400), ("uwrite", 0o200), ("uexec", 0o100),
    ("gread", 0o040), ("gwrite", 0o020), ("gexec", 0o010),
    ("oread", 0o004), ("owrite", 0o002), ("oexec", 0o001),
]


class SourceError(Exception):
    pass


def q(prefix, name):
    return "{%s}%s" % (NS[prefix], name)


def parse(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as error:
        raise SourceError(f"{path}: {error}") from None


def oval_section(element, path):
    """The OVAL section an element belongs in, from its local name."""
    name = element.tag.split("}")[-1]
    if name == "definition":
        return "definitions"
    for suffix, section in (("_test", "tests"), ("_object", "objects"), ("_state", "states"),
                            ("_variable", "variables")):
        if name.endswith(suffix):
            return section
    raise SourceError(f"{path}: <{name}> is neither an XCCDF Group nor an OVAL element")


def expand(element, path):
    """Shorthand elements expanded into OVAL elements; anything else as it is."""
    expanders = {q("c", "effective-unit-files"): unit_files.effective_unit_files,
                 q("c", "execstart-object"): lambda shorthand: [unit_files.execstart_object(shorthand)]}
    if element.tag in expanders:
        try:
            return expanders[element.tag](element)
        except ValueError as error:
            raise SourceError(f"{path}: {error}") from None
    if element.tag == q("c", "file-mode-state"):
        try:
            allowed = int(element.get("max"), 8)
        except (TypeError, ValueError):
            raise SourceError(f"{path}: file-mode-state needs an octal 'max'") from None
        state = ET.Element(q("unix", "file_state"), {
            "id": element.get("id"), "version": element.get("version", "1"),
            "comment": element.get("comment") or f"no permission bit outside {element.get('max')}"})
        for name, bit in PERMISSION_BITS:
            if not allowed & bit:
                entity = ET.SubElement(state, q("unix", name), {"datatype": "boolean"})
                entity.text = "false"
        return [state]
    return [element]


def fill_with_subs(fix, text):
    """The fix's text, each Value placeholder of fixes.py made an XCCDF sub element (XCCDF 1.2, 7.2.3.6.2)."""
    parts = fixes.VALUE_PLACEHOLDER.split(text)
    fix.text = parts[0]
    for identifier, following in zip(parts[1::2], parts[2::2]):
        sub = ET.SubElement(fix, q("xccdf", "sub"), {"idref": identifier, "use": "value"})
        sub.tail = following


def expand_fixes(group, path):
    """Each rule's c:fix shorthand (content/fixes.py) becomes a bash and an Ansible fix, where it stood."""
    for rule in group.iter(q("xccdf", "Rule")):
        exported = {export.get("value-id") for export in rule.iter(q("xccdf", "check-export"))}
        for index, shorthand in enumerate(list(rule)):
            if shorthand.tag != q("c", "fix"):
                continue
            try:
                bash, ansible = fixes.fix_texts(shorthand, exported)
            except (TypeError, ValueError) as error:
                raise SourceError(f"{path}: c:fix: {error}") from None
            rule.remove(shorthand)
            for offset, (system, text) in enumerate(((fixes.SH, bash), (fixes.ANSIBLE, ansible))):
                fix = ET.Element(q("xccdf", "fix"), {
                    "id": rule.get("id").split("_rule_")[-1] + "_palisade_" + system.rsplit(":", 1)[-1],
                    "system": system, "complexity": "low", "disruption": "low",
                    "reboot": "false", "strategy": "configure"})
                fill_with_subs(fix, text)
                fix.tail = shorthand.tail
                rule.insert(index + offset, fix)


def gather_oval(root, path, sections, seen):
    for child in root:
        if child.tag == q("xccdf", "Group") or child.tag == q("cpe-dict", "cpe-list"):
            continue
        if child.tag is ET.Comment:
            continue
        for element in expand(child, path):
            identifier = element.get("id")
            if not identifier:
                raise SourceError(f"{path}: <{element.tag}> has no id")
            if identifier in seen:
                raise SourceError(f"{path}: OVAL id {identifier} is also in {seen[identifier]}")
            seen[identifier] = path.name
            sections[oval_section(element, path)].append(element)


def oval_document(sections, comment):
    root = ET.Element(q("oval-def", "oval_definitions"))
    generator = ET.SubElement(root, q("oval-def", "generator"))
    ET.SubElement(generator, q("oval", "product_name")).text = "Palisade content"
    ET.SubElement(generator, q("oval", "schema_version")).text = "5.11.2"
    ET.SubElement(generator, q("oval", "timestamp")).text = TIMESTAMP
    for section in OVAL_SECTIONS:
        if sections[section]:
            holder = ET.SubElement(root, q("oval-def", section))
            holder.extend(sorted(sections[section], key=oval_sort_key))
    root.insert(0, ET.Comment(" " + comment + " "))
    return root


def oval_sort_key(element):
    """Ids in numeric order (oval:ns:tst:235787 before oval:ns:tst:1235787), shared ids first."""
    identifier = element.get("id", "")
    namespace, _, number = identifier.rpartition(":")
    return (namespace, int(number) if number.isdigit() else 0)


# XCCDF elements whose text people read: sources wrap it to fit the file; the data stream keeps it as tools show it,
# each paragraph on one line, paragraphs separated by a blank line.
PROSE = {q("xccdf", name) for name in ("title", "description", "fixtext", "check-content", "rationale")}


def normalize_prose(root):
    for element in root.iter():
        if element.tag in PROSE and element.text and len(element) == 0:
            paragraphs = [" ".join(part.split()) for part in element.text.strip().split("\n\n")]
            element.text = "\n\n".join(p for p in paragraphs if p)


def rule_number(group):
    identifier = group.get("id", "")
    return int(identifier.rsplit("V-", 1)[-1]) if "V-" in identifier else 0


def component(identifier, content):
    element = ET.Element(q("ds", "component"), {"id": identifier, "timestamp": TIMESTAMP})
    element.append(content)
    return element


def component_ref(identifier, target, catalog=None):
    element = ET.Element(q("ds", "component-ref"), {"id": identifier, q("xlink", "href"): "#" + target})
    if catalog:
        holder = ET.SubElement(element, q("cat", "catalog"))
        for name, uri in catalog:
            ET.SubElement(holder, q("cat", "uri"), {"name": name, "uri": "#" + uri})
    return element


def compose():
    global TIMESTAMP
    benchmark = parse(SOURCES / "benchmark.xml")
    TIMESTAMP = benchmark.get(q("c", "timestamp"))
    if not TIMESTAMP:
        raise SourceError("benchmark.xml: the Benchmark needs a c:timestamp attribute (the components' timestamp)")
    del benchmark.attrib[q("c", "timestamp")]

    sections = {name: [] for name in OVAL_SECTIONS}
    seen = {}
    gather_oval(parse(SOURCES / "oval-shared.xml"), SOURCES / "oval-shared.xml", sections, seen)

    groups = []
    ocil = questionnaires.Questionnaires()
    for path in sorted((SOURCES / "rules").glob("V-*.xml")):
        source = parse(path)
        found = source.findall(q("xccdf", "Group"))
        if len(found) != 1:
            raise SourceError(f"{path}: a rule file holds exactly one XCCDF Group")
        group = found[0]
        if group.get("id") != "xccdf_mil.disa.stig_group_" + path.stem:
            raise SourceError(f"{path}: the Group's id does not match the file name")
        expand_fixes(group, path)
        try:
            ocil.expand(group, rule_number(group))
        except ValueError as error:
            raise SourceError(f"{path}: {error}") from None
        groups.append(group)
        gather_oval(source, path, sections, seen)
    groups.sort(key=rule_number)

    rules = [rule.get("id") for group in groups for rule in group.findall(q("xccdf", "Rule"))]
    check_references(groups, sections, rules)
    for profile in benchmark.findall(q("xccdf", "Profile")):
        for placeholder in profile.findall(q("c", "profile-selects")):
            profile.remove(placeholder)
        for rule in rules:
            ET.SubElement(profile, q("xccdf", "select"), {"idref": rule, "selected": "true"})
    benchmark.extend(groups)
    normalize_prose(benchmark)

    cpe_source = parse(SOURCES / "cpe.xml")
    cpe_list = cpe_source.find(q("cpe-dict", "cpe-list"))
    if cpe_list is None:
        raise SourceError("cpe.xml: no cpe-list")
    cpe_sections = {name: [] for name in OVAL_SECTIONS}
    gather_oval(cpe_source, SOURCES / "cpe.xml", cpe_sections, {})

    prefix = "scap_dev.palisade_"
    names = {f: f"{prefix}comp_{f}" for f in (XCCDF_FILE, OVAL_FILE, OCIL_FILE, CPE_DICTIONARY_FILE, CPE_OVAL_FILE)}
    refs = {f: f"{prefix}cref_{f}" for f in names}

    collection = ET.Element(q("ds", "data-stream-collection"), {"id": COLLECTION_ID, "schematron-version": "1.3"})
    stream = ET.SubElement(collection, q("ds", "data-stream"), {
        "id": STREAM_ID, "scap-version": "1.3", "use-case": "CONFIGURATION", "timestamp": TIMESTAMP})
    ET.SubElement(stream, q("ds", "dictionaries")).append(component_ref(
        refs[CPE_DICTIONARY_FILE], names[CPE_DICTIONARY_FILE], [(CPE_OVAL_FILE, refs[CPE_OVAL_FILE])]))
    ET.SubElement(stream, q("ds", "checklists")).append(component_ref(
        refs[XCCDF_FILE], names[XCCDF_FILE],
        [(OVAL_FILE, refs[OVAL_FILE]), (OCIL_FILE, refs[OCIL_FILE]), (CPE_OVAL_FILE, refs[CPE_OVAL_FILE])]))
    checks = ET.SubElement(stream, q("ds", "checks"))
    checks.append(component_ref(refs[OVAL_FILE], names[OVAL_FILE]))
    checks.append(component_ref(refs[OCIL_FILE], names[OCIL_FILE]))
    checks.append(component_ref(refs[CPE_OVAL_FILE], names[CPE_OVAL_FILE]))

    collection.append(component(names[CPE_DICTIONARY_FILE], cpe_list))
    collection.append(component(names[XCCDF_FILE], benchmark))
    collection.append(component(names[OVAL_FILE], oval_document(
        sections, "The checks of the rules. Docker Engine API tests are in Palisade's namespace "
        "(content/schemas/palisade-docker-definitions.xsd).")))
    collection.append(component(names[OCIL_FILE], ocil.document(
        TIMESTAMP, "The questionnaires of the rules a person decides: what a reviewer answers, in OCIL 2.0.")))
    collection.append(component(names[CPE_OVAL_FILE], oval_document(
        cpe_sections, "The checks behind the CPE names of the dictionary and the rules' platforms.")))

    ET.indent(collection, space="  ")
    text = ET.tostring(collection, encoding="unicode")
    header = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<!--\n"
        "  Palisade's checks for the DISA Docker Enterprise 2.x Linux/UNIX STIG, as one SCAP 1.3 source data stream.\n"
        "  Rule, group and profile ids, severities, STIG ids and CCIs are DISA's; every sentence is Palisade's own.\n"
        "  Generated by content/compose.py from content/src: edit the sources, then run the script.\n"
        "-->\n")
    return header + text + "\n"


def check_references(groups, sections, rules):
    """Every OVAL check names a definition that exists, and every OVAL reference resolves (OCIL checks name the
    questionnaires questionnaires.py made from them)."""
    defined = {element.get("id") for section in sections.values() for element in section}
    problems = []
    for group in groups:
        for check in group.iter(q("xccdf", "check")):
            if check.get("system") == questionnaires.CHECK_SYSTEM:
                continue
            for ref in check.findall(q("xccdf", "check-content-ref")):
                name = ref.get("name")
                if name and name not in defined:
                    problems.append(f"{group.get('id')}: definition {name} does not exist")
    for section in sections.values():
        for element in section:
            for node in element.iter():
                for attribute in ("test_ref", "object_ref", "state_ref", "var_ref", "definition_ref"):
                    value = node.get(attribute)
                    if value and value not in defined:
                        problems.append(f"{element.get('id')}: {attribute} {value} does not exist")
                if node.tag == q("oval-def", "filter") and node.text and node.text.strip() not in defined:
                    problems.append(f"{element.get('id')}: filter {node.text.strip()} does not exist")
    if len(set(rules)) != len(rules):
        problems.append("a rule id appears twice")
    problems += missing_exports(groups, sections)
    if problems:
        raise SourceError("\n".join(problems))


def missing_exports(groups, sections):
    """Every external variable a check's definition reaches must be exported by that check: OpenSCAP binds only the
    values a rule's own check exports."""
    by_id = {element.get("id"): element for section in sections.values() for element in section}
    externals = {identifier for identifier, element in by_id.items()
                 if element.tag == q("oval-def", "external_variable")}

    def reached(identifier, seen):
        if identifier in seen or identifier not in by_id:
            return
        seen.add(identifier)
        for node in by_id[identifier].iter():
            for attribute in ("test_ref", "object_ref", "state_ref", "var_ref", "definition_ref"):
                if node.get(attribute):
                    reached(node.get(attribute), seen)
            if node.tag in (q("oval-def", "filter"), q("oval-def", "object_reference")) and node.text:
                reached(node.text.strip(), seen)
            if node.tag == q("ind", "var_ref") and node.text:
                reached(node.text.strip(), seen)

    problems = []
    for group in groups:
        for check in group.iter(q("xccdf", "check")):
            exported = {export.get("export-name") for export in check.findall(q("xccdf", "check-export"))}
            for ref in check.findall(q("xccdf", "check-content-ref")):
                seen = set()
                reached(ref.get("name"), seen)
                for variable in sorted((seen & externals) - exported):
                    problems.append(f"{group.get('id')}: the check does not export {variable}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the composed file instead of writing it")
    parser.add_argument("--output", type=pathlib.Path, default=OUTPUT, help="where to write (default: %(default)s)")
    arguments = parser.parse_args()
    try:
        text = compose()
    except SourceError as error:
        print(f"compose.py: {error}", file=sys.stderr)
        return 1
    if arguments.check:
        current = arguments.output.read_text(encoding="utf-8") if arguments.output.exists() else ""
        if current != text:
            print(f"compose.py: {arguments.output} is not up to date; run python3 content/compose.py",
                  file=sys.stderr)
            return 1
        return 0
    arguments.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
