"""The fixes of Palisade's Docker STIG content, written once as templates and expanded into XCCDF fix elements.

A rule's source declares what its fix changes with one shorthand element (namespace urn:x-palisade:compose):
  <c:fix kind="daemon-json" key="userland-proxy" value="false"/>     merge one setting into /etc/docker/daemon.json
  <c:fix kind="file-mode" paths="/a /b" max="0644"/>                 drop every permission bit outside the mask
  <c:fix kind="file-owner" paths="/a /b" owner="0" group="0"/>       set the owner and group (numeric ids)
  <c:fix kind="container-advice" inspect="{{.HostConfig.Privileged}}" finding="true" advice="..."/>
                                 name each container whose inspected value is the finding and say what to recreate it
                                 with; it never stops or changes a container, and fails while one is left; when the
                                 rule's check leaves out excluded_container_names, so does the fix
and compose.py replaces it with a bash fix (urn:xccdf:fix:script:sh) and an Ansible fix
(urn:xccdf:fix:script:ansible). Paths may hold shell globs (bash) and are tried one by one (Ansible).

The Ansible fixes that change files take the variable palisade_root (-e palisade_root=/mnt/host) as the bash fixes
take PALISADE_ROOT. The bash fixes honour two variables that `palisade scan --remediate` sets:
  PALISADE_ROOT        the host tree the fix works on, prefixed to every path ("" for this host)
  PALISADE_BACKUP_DIR  where each file is copied (daemon.json) or its mode and owner recorded (other files) first
"""

import json
import os
import pathlib
import re

SH = "urn:xccdf:fix:script:sh"
ANSIBLE = "urn:xccdf:fix:script:ansible"

# The folders systemd reads units from, as the checks look in them (oval-shared.xml, var:14).
UNIT_FOLDERS = ["/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]

BACKUP_STATUS = '''record_status() {
  if [ -n "${PALISADE_BACKUP_DIR:-}" ]; then
    mkdir -p "$PALISADE_BACKUP_DIR" && stat -c '%a %u:%g %n' "$1" >> "$PALISADE_BACKUP_DIR/file-status-before.txt"
  fi
}
'''

DAEMON_JSON = "/etc/docker/daemon.json"
CONFIG_FILE_VALUE = "xccdf_dev.palisade_value_docker_daemon_configuration_file"
DOCKERD_SETTINGS = (pathlib.Path(__file__).resolve().parent / "dockerd_settings.py").read_text(encoding="utf-8")


def value_of(identifier):
    """A placeholder that compose.py turns into an XCCDF sub element naming the Value."""
    return f"@@value:{identifier}@@"


VALUE_PLACEHOLDER = re.compile(r"@@value:([A-Za-z0-9_.-]+)@@")


def dockerd(spec_text, summary, dropin):
    """A change to dockerd's settings made by dockerd_settings.py: daemon.json and docker.service's ExecStart."""
    if not dropin or not re.fullmatch(r"palisade-[a-z0-9-]+\.conf", dropin):
        raise ValueError(f"dropin '{dropin}' is not palisade-NAME.conf")
    try:
        spec = json.loads(VALUE_PLACEHOLDER.sub("0", spec_text))
    except ValueError as error:
        raise ValueError(f"the spec is not JSON ({error})") from None
    unknown = set(spec) - {"set", "unset", "filter", "flags", "replace", "only_driver", "print_files", "require", "require_hint"}
    if unknown:
        raise ValueError(f"unknown spec keys {sorted(unknown)}")
    spec_line = " ".join(spec_text.split())
    if "'" in spec_line or "{{" in spec_line:
        raise ValueError("the spec may hold no single quote and no '{{'")
    config = value_of(CONFIG_FILE_VALUE)
    flags = [name for flag in spec.get("flags", []) for name in flag["names"]]
    bash = f'''# {summary}
# In the daemon's configuration file ({DAEMON_JSON} unless tailored), keeping every other setting and the file's
# owner and mode; a file that is not a JSON object is left unchanged.{f"""
# {", ".join(flags)} come off docker.service's ExecStart through the drop-in
# /etc/systemd/system/docker.service.d/{dropin}, which resets ExecStart and keeps the rest of the command line
# (dockerd refuses to start when a setting is both a flag and in daemon.json).""" if flags else ""}
# Takes effect when the Docker daemon restarts: this fix does not restart it. Needs python3.
if ! command -v python3 > /dev/null; then
  echo "this fix needs python3 to edit dockerd's configuration" >&2
  exit 1
fi
python3 - "${{PALISADE_ROOT:-}}" '{config}' '{{"dropin": "{dropin}", {spec_line[1:]}' << 'PALISADE_PYTHON'
{DOCKERD_SETTINGS}PALISADE_PYTHON
'''
    program = "\n".join(("      " + line) if line else "" for line in DOCKERD_SETTINGS.splitlines())
    ansible = f'''- name: {json.dumps(summary)}
  command:
    argv:
      - python3
      - "-"
      - "{{{{ palisade_root | default('') }}}}"
      - "{config}"
      - !unsafe '{{"dropin": "{dropin}", {spec_line[1:]}'
    stdin: |
{program}
  register: palisade_dockerd_settings
  changed_when: "'nothing to change' not in palisade_dockerd_settings.stdout"

- name: Restart the Docker daemon to apply it (this playbook does not restart it)
  debug:
    msg: "{{{{ palisade_dockerd_settings.stdout }}}}"
'''
    return bash, ansible


def daemon_json(key, value, flags, boolean):
    """One daemon.json key, and the dockerd flag that sets the same thing taken off ExecStart."""
    parsed = json.loads(value)
    spec = {"set": {key: parsed}}
    if flags:
        spec["flags"] = [{"names": flags.split(), **({"boolean": True} if boolean == "true" else {})}]
    return dockerd(json.dumps(spec), f"Sets \"{key}\": {json.dumps(parsed)} in dockerd's configuration.", f"palisade-{key}.conf")


def expanded_paths(paths):
    """Unit files are looked for in each of systemd's unit folders."""
    result = []
    for path in paths.split():
        if path.startswith("units/"):
            result += [f"{folder}/{path[len('units/'):]}" for folder in UNIT_FOLDERS]
        else:
            result.append(path)
    return result


def symbolic_mode(maximum):
    """The chmod symbolic mode that drops every permission bit outside the octal mask."""
    allowed = int(maximum, 8)
    symbolic = []
    for who, shift in (("u", 6), ("g", 3), ("o", 0)):
        removed = "".join(letter for letter, bit in (("r", 4), ("w", 2), ("x", 1)) if not (allowed >> shift) & bit)
        if removed:
            symbolic.append(f"{who}-{removed}")
    symbolic.append("u-s,g-s,o-t")
    return ",".join(symbolic)


# What a path of a file-mode or file-owner fix stands for: itself, it and everything below it, or the files below it.
BELOW = {"": ("-maxdepth 0", "the path itself"), "all": ("", "everything below"), "files": ("-type f", "the files below")}


def each_target(paths, below, action):
    """A bash loop that records each target's status and runs the action on it, PALISADE_ROOT prefixed."""
    if below not in BELOW:
        raise ValueError(f"below '{below}' is none of {sorted(BELOW)}")
    listed = " ".join(expanded_paths(paths))
    return f"""{BACKUP_STATUS}for path in {listed}; do
  top="${{PALISADE_ROOT:-}}$path"
  [ -e "$top" ] || continue
  while IFS= read -r -d '' target; do
    record_status "$target"
    {action}
  done < <(find "$top" {BELOW[below][0]} -print0) || exit 1
done
"""


def ansible_targets(paths, below, register, what):
    """Ansible tasks that register the existing targets of the paths (item.path, or item.item with item.stat)."""
    if not below:
        return f"""- name: Find the files that must have {what}
  stat:
    path: "{{{{ palisade_root | default('') }}}}{{{{ item }}}}"
  loop: {json.dumps(expanded_paths(paths))}
  register: {register}
""", f"{register}.results", "palisade_root | default('') ~ item.item", "item.stat.exists"
    file_type = "file" if below == "files" else "any"
    return f"""- name: Find {BELOW[below][1]} {" ".join(expanded_paths(paths))}, which must have {what}
  find:
    paths: "{{{{ [{", ".join(repr(path) for path in expanded_paths(paths))}] | map('regex_replace', '^', palisade_root | default('')) | list }}}}"
    recurse: true
    file_type: {file_type}
    hidden: true
  register: {register}
""", f"{register}.files", "item.path", "true"


def file_mode(paths, maximum, below):
    action = f"chmod \"$(printf '%o' $(( 8#$(stat -c '%a' \"$target\") & 8#{maximum} )))\" \"$target\" || exit 1"
    bash = f"# Drops every permission bit outside {maximum} from {BELOW[below][1] if below in BELOW else below}: {paths}\n"
    bash += each_target(paths, below, action)
    find, results, path, condition = ansible_targets(paths, below, "palisade_mode_files", f"mode {maximum} or stricter")
    ansible = f"""{find}
- name: Drop every permission bit outside {maximum}
  file:
    path: "{{{{ {path} }}}}"
    mode: "{symbolic_mode(maximum)}"
  loop: "{{{{ {results} }}}}"
  when: {condition}
"""
    return bash, ansible


def file_owner(paths, owner, group, below):
    bash = f"# Sets owner {owner} and group {group} on {BELOW[below][1] if below in BELOW else below}: {paths}\n"
    bash += each_target(paths, below, f"chown -h {owner}:{group} \"$target\" || exit 1")
    find, results, path, condition = ansible_targets(paths, below, "palisade_owner_files", f"owner {owner}:{group}")
    ansible = f"""{find}
- name: Set owner {owner} and group {group}
  file:
    path: "{{{{ {path} }}}}"
    owner: "{owner}"
    group: "{group}"
  loop: "{{{{ {results} }}}}"
  when: {condition}
"""
    return bash, ansible


INSPECTED_OBJECTS = {
    "container": ("container", "docker ps --all --quiet", "docker inspect"),
    "overlay-network": ("overlay network", "docker network ls --quiet --filter driver=overlay", "docker network inspect"),
}


EXCLUDED_NAMES_VALUE = "xccdf_dev.palisade_value_docker_excluded_container_names"


def container_advice(template, pattern, advice, objects, skips_excluded):
    """Names each container (or overlay network) whose inspected value matches the pattern, with the advice; with
    skips_excluded (the rule's check leaves out the containers EXCLUDED_NAMES_VALUE matches), not those."""
    if objects not in INSPECTED_OBJECTS:
        raise ValueError(f"objects '{objects}' is none of {sorted(INSPECTED_OBJECTS)}")
    if not template or not pattern or not advice or "'" in template + pattern + advice:
        raise ValueError("inspect, pattern and advice are needed, without single quotes")
    re.compile(pattern)
    noun, listing, inspect = INSPECTED_OBJECTS[objects]
    excluded = value_of(EXCLUDED_NAMES_VALUE)
    bash_skip = f"""
  # Left out, as the check leaves it out: its name matches the XCCDF Value (a Perl regular expression, any case).
  if printf '%s\\n' "$name" | grep -Piq -- '{excluded}'; then continue; fi""" if skips_excluded else ""
    bash_leaves_out = ("\n# Leaves out the containers whose names match the XCCDF Value of excluded container names, as the "
                       "check does." if skips_excluded else "")
    bash = f"""# Names every {noun} for which {inspect} --format '{template}' matches the extended regular
# expression '{pattern}', and says what to recreate it with: {advice}.{bash_leaves_out}
# It stops and changes nothing: recreating is the owner's decision. Uses the docker client (DOCKER_HOST when set);
# fails while such a {noun} is left.
left=0
for id in $({listing}); do
  name=$({inspect} --format '{{{{.Name}}}}' "$id") || exit 1
  name=${{name#/}}{bash_skip}
  value=$({inspect} --format '{template}' "$id") || exit 1
  if printf '%s\\n' "$value" | grep -Eq -- '{pattern}'; then
    echo "{noun} $name ($id): {advice}" >&2
    left=1
  fi
done
[ "$left" = 0 ]
"""
    ansible_skip = (" and not (item.stdout.split()[0] | regex_replace('^/', '')) is search(palisade_excluded, "
                    "ignorecase=True)") if skips_excluded else ""
    ansible_excluded = f"\n    palisade_excluded: '{excluded}'" if skips_excluded else ""
    ansible = f"""- name: List every {noun}
  command: {listing}
  register: palisade_listed
  changed_when: false

- name: Inspect each
  command: {inspect} --format '{{% raw %}}{{{{.Name}}}} {template}{{% endraw %}}' {{{{ item }}}}
  loop: "{{{{ palisade_listed.stdout_lines }}}}"
  register: palisade_inspected
  changed_when: false

- name: Name each {noun} to recreate ({advice}); none is stopped
  debug:
    msg: "{noun} {{{{ item.stdout.split()[0] | regex_replace('^/', '') }}}}: {advice}"
  loop: "{{{{ palisade_inspected.results }}}}"
  when: item.stdout.partition(' ')[2] is search(palisade_pattern){ansible_skip}
  vars:
    palisade_pattern: '{pattern}'{ansible_excluded}
"""
    return bash, ansible


AUDITED_PATHS = [
    "/usr/bin/docker", "/usr/bin/dockerd", "/usr/sbin/dockerd", "/var/lib/docker", "/etc/docker",
    "/etc/docker/daemon.json", "/etc/default/docker", "/usr/bin/containerd", "/usr/bin/docker-containerd",
    "/usr/bin/runc", "/usr/sbin/runc", "/usr/bin/docker-runc",
] + [f"{folder}/docker.{unit}" for folder in UNIT_FOLDERS for unit in ("service", "socket")]


def audit_watch(rules_file):
    """Writes an audit rules file that watches each Docker path that exists, with the key docker."""
    listed = " ".join(AUDITED_PATHS)
    bash = f"""# Writes {rules_file}: an audit watch (-w PATH -p wa -k docker) for each of these paths that exists:
# {listed}
# The rules are loaded at the next start of auditd, or now with augenrules --load (this fix does not load them).
file="${{PALISADE_ROOT:-}}{rules_file}"
if [ -n "${{PALISADE_BACKUP_DIR:-}}" ] && [ -e "$file" ]; then
  mkdir -p "$PALISADE_BACKUP_DIR$(dirname {rules_file})" && cp -p "$file" "$PALISADE_BACKUP_DIR{rules_file}" || exit 1
fi
mkdir -p "$(dirname "$file")" || exit 1
{{
  echo "# Written by Palisade's fix of DKER-EE-001050: Docker's programs, configuration and data"
  for path in {listed}; do
    if [ -e "${{PALISADE_ROOT:-}}$path" ]; then echo "-w $path -p wa -k docker"; fi
  done
}} > "$file.palisade-new" && chmod 0640 "$file.palisade-new" && mv "$file.palisade-new" "$file" || exit 1
echo "wrote {rules_file}; load it with augenrules --load (or restart auditd)" >&2
"""
    ansible = f"""- name: Find the Docker paths to audit
  stat:
    path: "{{{{ palisade_root | default('') }}}}{{{{ item }}}}"
  loop: {json.dumps(AUDITED_PATHS)}
  register: palisade_audited

- name: Make the folder of {rules_file}
  file:
    path: "{{{{ palisade_root | default('') }}}}{os.path.dirname(rules_file)}"
    state: directory

- name: Write the audit rules
  copy:
    dest: "{{{{ palisade_root | default('') }}}}{rules_file}"
    mode: "0640"
    backup: true
    content: |
      # Written by Palisade's fix of DKER-EE-001050: Docker's programs, configuration and data
      {{% for found in palisade_audited.results if found.stat.exists %}}
      -w {{{{ found.item }}}} -p wa -k docker
      {{% endfor %}}

- name: Load the audit rules (this playbook does not load them)
  debug:
    msg: "wrote {rules_file}; load it with augenrules --load (or restart auditd)"
"""
    return bash, ansible


def named_files(setting, flag, owner, group, maximum):
    """Owner and mode of the files that a daemon.json setting or its dockerd flag names (the TLS files)."""
    program = DOCKERD_SETTINGS
    config = value_of(CONFIG_FILE_VALUE)
    spec = json.dumps({"print_files": {"key": setting, "flag": flag}})
    change = f'chown {owner}:{group} "$target" || exit 1' if owner else (
        f"chmod \"$(printf '%o' $(( 8#$(stat -c '%a' \"$target\") & 8#{maximum} )))\" \"$target\" || exit 1")
    what = f"owner {owner} and group {group}" if owner else f"no permission bit outside {maximum}"
    bash = f"""# Gives {what} to the files that "{setting}" in dockerd's configuration file or {flag} on
# docker.service's ExecStart names. Needs python3 to read them.
{BACKUP_STATUS}if ! command -v python3 > /dev/null; then
  echo "this fix needs python3 to read dockerd's configuration" >&2
  exit 1
fi
files=$(python3 - "${{PALISADE_ROOT:-}}" '{config}' '{spec}' << 'PALISADE_PYTHON'
{program}PALISADE_PYTHON
) || exit 1
while IFS= read -r path; do
  target="${{PALISADE_ROOT:-}}$path"
  [ -n "$path" ] && [ -e "$target" ] || continue
  record_status "$target"
  {change}
done <<< "$files"
"""
    indented = "\n".join(("      " + line) if line else "" for line in program.splitlines())
    settings = f'owner: "{owner}"\n    group: "{group}"' if owner else f'mode: "{symbolic_mode(maximum)}"'
    ansible = f"""- name: Read the files that {setting} or {flag} names
  command:
    argv: [python3, "-", "{{{{ palisade_root | default('') }}}}", "{config}", !unsafe '{spec}']
    stdin: |
{indented}
  register: palisade_named_files
  changed_when: false

- name: Give them {what}
  file:
    path: "{{{{ palisade_root | default('') }}}}{{{{ item }}}}"
    {settings}
  loop: "{{{{ palisade_named_files.stdout_lines }}}}"
"""
    return bash, ansible


def swarm_cert_expiry():
    """Sets the swarm's node certificate lifetime from its XCCDF Value, on a manager."""
    hours = value_of("xccdf_dev.palisade_value_docker_node_cert_expiry_hours")
    bash = f"""# Sets the lifetime of the certificates the swarm's certificate authority issues to its nodes to the hours of the
# XCCDF Value (docker swarm update --cert-expiry). Runs on a manager; nodes take it as they renew their certificates.
# Uses the docker client (DOCKER_HOST when set).
docker swarm update --cert-expiry '{hours}h' > /dev/null || exit 1
echo 'set the swarm node certificate lifetime to {hours} hours; nodes take it when they renew their certificates' >&2
"""
    ansible = f"""- name: Set the swarm node certificate lifetime to {hours} hours (on a manager)
  command: docker swarm update --cert-expiry '{hours}h'
"""
    return bash, ansible


def fix_texts(element, exported_values=frozenset()):
    """(bash, ansible) for a c:fix element of a rule whose checks export exported_values (XCCDF Value ids);
    ValueError with the reason when it is malformed."""
    kind = element.get("kind")
    if kind == "daemon-json":
        return daemon_json(element.get("key"), element.get("value"), element.get("flags"), element.get("boolean"))
    if kind == "dockerd":
        return dockerd(element.text or "", element.get("summary"), element.get("dropin"))
    if kind == "file-mode":
        return file_mode(element.get("paths"), element.get("max"), element.get("below", ""))
    if kind == "file-owner":
        return file_owner(element.get("paths"), element.get("owner", "0"), element.get("group", "0"),
                          element.get("below", ""))
    if kind == "container-advice":
        finding = element.get("finding")
        pattern = element.get("pattern") or (finding and "^" + re.escape(finding) + "$")
        return container_advice(element.get("inspect"), pattern, element.get("advice"), element.get("objects", "container"),
                                EXCLUDED_NAMES_VALUE in exported_values)
    if kind == "swarm-cert-expiry":
        return swarm_cert_expiry()
    if kind == "audit-watch":
        return audit_watch(element.get("file", "/etc/audit/rules.d/palisade-docker.rules"))
    if kind == "named-files":
        return named_files(element.get("setting"), element.get("flag"), element.get("owner"), element.get("group", "0"),
                           element.get("max"))
    raise ValueError(f"unknown fix kind '{kind}'")
