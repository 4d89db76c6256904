"""The fixes of Palisade's Docker STIG content, written once as templates and expanded into XCCDF fix elements.

A rule's source declares what its fix changes with one shorthand element (namespace urn:x-palisade:compose):
  <c:fix kind="daemon-json" key="userland-proxy" value="false"/>     merge one setting into /etc/docker/daemon.json
  <c:fix kind="file-mode" paths="/a /b" max="0644"/>                 drop every permission bit outside the mask
  <c:fix kind="file-owner" paths="/a /b" owner="0" group="0"/>       set the owner and group (numeric ids)
  <c:fix kind="container-advice" inspect="{{.HostConfig.Privileged}}" finding="true" advice="..."/>
                                 name each container whose inspected value is the finding and say what to recreate it
                                 with; it never stops or changes a container, and fails while one is left
and compose.py replaces it with a bash fix (urn:xccdf:fix:script:sh) and an Ansible fix
(urn:xccdf:fix:script:ansible). Paths may hold shell globs (bash) and are tried one by one (Ansible).

The bash fixes honour two variables that `palisade scan --remediate` sets:
  PALISADE_ROOT        the host tree the fix works on, prefixed to every path ("" for this host)
  PALISADE_BACKUP_DIR  where each file is copied (daemon.json) or its mode and owner recorded (other files) first
"""

import json

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

DAEMON_JSON_MERGE = r'''import json, os, sys, tempfile
path, key, value = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
settings, status = {}, None
if os.path.exists(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        settings = json.loads(text) if text.strip() else {}
    except ValueError as error:
        sys.exit(f"{path} is not valid JSON ({error}); it was left unchanged")
    if not isinstance(settings, dict):
        sys.exit(f"{path} does not hold a JSON object; it was left unchanged")
    status = os.stat(path)
else:
    os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
settings[key] = value
descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".daemon.json.")
with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
    json.dump(settings, handle, indent=2)
    handle.write("\n")
if status is None:
    os.chmod(temporary, 0o644)
else:
    os.chown(temporary, status.st_uid, status.st_gid)
    os.chmod(temporary, status.st_mode & 0o7777)
os.rename(temporary, path)
'''


def daemon_json(key, value):
    parsed = json.loads(value)
    shown = json.dumps(parsed)
    bash = f'''# Sets "{key}": {shown} in /etc/docker/daemon.json, keeping every other setting and the file's owner and mode;
# a file that is not a JSON object is left unchanged. Needs python3.
# Takes effect when the Docker daemon restarts (systemctl restart docker): this fix does not restart it.
file="${{PALISADE_ROOT:-}}/etc/docker/daemon.json"
if ! command -v python3 > /dev/null; then
  echo "this fix needs python3 to edit $file" >&2
  exit 1
fi
if [ -n "${{PALISADE_BACKUP_DIR:-}}" ] && [ -e "$file" ]; then
  mkdir -p "$PALISADE_BACKUP_DIR/etc/docker" && cp -p "$file" "$PALISADE_BACKUP_DIR/etc/docker/daemon.json" || exit 1
fi
python3 - "$file" '{key}' '{shown}' << 'PALISADE_PYTHON'
{DAEMON_JSON_MERGE}PALISADE_PYTHON
echo 'Set "{key}": {shown} in /etc/docker/daemon.json; restart the Docker daemon (systemctl restart docker) to apply it' >&2
'''
    ansible = f'''- name: Read /etc/docker/daemon.json
  slurp:
    src: /etc/docker/daemon.json
  register: palisade_daemon_json
  failed_when: false

- name: Set "{key}" in /etc/docker/daemon.json, keeping the other settings (a file that is not JSON fails here)
  copy:
    dest: /etc/docker/daemon.json
    content: "{{{{ (palisade_daemon_json.content | default('e30=') | b64decode | from_json) | combine({{'{key}': {shown}}}) | to_nice_json }}}}\\n"
    backup: true

- name: Restart the Docker daemon to apply "{key}" (this playbook does not restart it)
  debug:
    msg: "Set {key} in /etc/docker/daemon.json; run systemctl restart docker to apply it"
'''
    return bash, ansible


def expanded_paths(paths):
    """Unit files are looked for in each of systemd's unit folders."""
    result = []
    for path in paths.split():
        if path.startswith("units/"):
            result += [f"{folder}/{path[len('units/'):]}" for folder in UNIT_FOLDERS]
        else:
            result.append(path)
    return result


def file_mode(paths, maximum):
    allowed = int(maximum, 8)
    listed = " ".join(expanded_paths(paths))
    bash = f'''# Drops every permission bit outside {maximum} from: {listed}
{BACKUP_STATUS}for path in {listed}; do
  target="${{PALISADE_ROOT:-}}$path"
  [ -e "$target" ] || continue
  record_status "$target"
  current=$(stat -c '%a' "$target")
  chmod "$(printf '%o' $(( 8#$current & 8#{maximum} )))" "$target" || exit 1
done
'''
    symbolic = []
    for who, shift in (("u", 6), ("g", 3), ("o", 0)):
        removed = "".join(letter for letter, bit in (("r", 4), ("w", 2), ("x", 1)) if not (allowed >> shift) & bit)
        if removed:
            symbolic.append(f"{who}-{removed}")
    symbolic.append("u-s,g-s,o-t")
    ansible = f'''- name: Find the files whose mode must be {maximum} or stricter
  stat:
    path: "{{{{ item }}}}"
  loop: {json.dumps(expanded_paths(paths))}
  register: palisade_mode_files

- name: Drop every permission bit outside {maximum}
  file:
    path: "{{{{ item.item }}}}"
    mode: "{','.join(symbolic)}"
  loop: "{{{{ palisade_mode_files.results }}}}"
  when: item.stat.exists
'''
    return bash, ansible


def file_owner(paths, owner, group):
    listed = " ".join(expanded_paths(paths))
    bash = f'''# Sets owner {owner} and group {group} on: {listed}
{BACKUP_STATUS}for path in {listed}; do
  target="${{PALISADE_ROOT:-}}$path"
  [ -e "$target" ] || continue
  record_status "$target"
  chown -h {owner}:{group} "$target" || exit 1
done
'''
    ansible = f'''- name: Find the files that must belong to {owner}:{group}
  stat:
    path: "{{{{ item }}}}"
  loop: {json.dumps(expanded_paths(paths))}
  register: palisade_owner_files

- name: Set owner {owner} and group {group}
  file:
    path: "{{{{ item.item }}}}"
    owner: "{owner}"
    group: "{group}"
  loop: "{{{{ palisade_owner_files.results }}}}"
  when: item.stat.exists
'''
    return bash, ansible


def container_advice(template, finding, advice):
    bash = f'''# Names every container (running or not) for which docker inspect --format '{template}' gives '{finding}',
# and says what to recreate it with. It stops and changes nothing: recreating a container is the owner's decision.
# Uses the docker client (DOCKER_HOST when set); fails while such a container is left.
left=0
for id in $(docker ps --all --quiet); do
  if [ "$(docker inspect --format '{template}' "$id")" = '{finding}' ]; then
    name=$(docker inspect --format '{{{{.Name}}}}' "$id")
    echo "container ${{name#/}} ($id): {advice}" >&2
    left=1
  fi
done
[ "$left" = 0 ]
'''
    ansible = f'''- name: List the containers
  command: docker ps --all --quiet
  register: palisade_containers
  changed_when: false

- name: Inspect them
  command: docker inspect --format '{{% raw %}}{{{{.Name}}}} {template}{{% endraw %}}' {{{{ item }}}}
  loop: "{{{{ palisade_containers.stdout_lines }}}}"
  register: palisade_inspected
  changed_when: false

- name: Name each container to recreate ({advice}); none is stopped
  debug:
    msg: "container {{{{ item.stdout.split()[0] | regex_replace('^/', '') }}}}: {advice}"
  loop: "{{{{ palisade_inspected.results }}}}"
  when: item.stdout.split()[-1] == '{finding}'
'''
    return bash, ansible


def fix_texts(element):
    """(bash, ansible) for a c:fix element; ValueError with the reason when it is malformed."""
    kind = element.get("kind")
    if kind == "daemon-json":
        return daemon_json(element.get("key"), element.get("value"))
    if kind == "file-mode":
        return file_mode(element.get("paths"), element.get("max"))
    if kind == "file-owner":
        return file_owner(element.get("paths"), element.get("owner", "0"), element.get("group", "0"))
    if kind == "container-advice":
        return container_advice(element.get("inspect"), element.get("finding"), element.get("advice"))
    raise ValueError(f"unknown fix kind '{kind}'")
