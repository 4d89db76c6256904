import json, os, re, shlex, shutil, sys

# Changes one setting of dockerd where dockerd reads it: /etc/docker/daemon.json and the ExecStart of docker.service.
# Embedded by content/fixes.py into the bash and Ansible fixes of Palisade's Docker content; run as
#   python3 - ROOT DAEMON_JSON SPEC
# ROOT is the host tree ("" for this host), DAEMON_JSON the file's path on that host, SPEC a JSON object:
#   set          {key: value} merged into daemon.json (an object value is merged into the object already there)
#   replace      {key: {old: new}} a daemon.json key that holds old gets new
#   unset        {key: [names]} names removed from an object in daemon.json (log-opts a new driver does not take)
#   filter       {key: pattern} entries of a list in daemon.json that match the pattern are removed
#   flags        [{names, boolean, value, carry}] flags taken off docker.service's ExecStart: every occurrence of
#                one of the names (--name=V, --name V, -XV; a boolean one has no separate value) whose value matches
#                the pattern "value" (any value when absent); "carry": a daemon.json key that gets the removed
#                KEY=VALUE values (--log-opt) unless the fix sets that name itself
#   require      {key: [names]} fail unless the object has one of the names (require_hint says what to do)
#   only_driver  [drivers] change nothing unless the configured log driver is one of them
#   print_files  {key, flag}: print the paths that the daemon.json key and the dockerd flag name, change nothing
#   dropin       the drop-in to write: /etc/systemd/system/docker.service.d/palisade-NAME.conf
# dockerd refuses to start when a setting is both a flag and in daemon.json, so a fix that writes a key to
# daemon.json also takes its flags off ExecStart, in a drop-in that resets ExecStart and keeps the rest of the line.
# Every file is copied to $PALISADE_BACKUP_DIR (same path below it) before it changes; nothing is restarted.
root, config, spec = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
UNIT_FOLDERS = ["/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system"]
DROPIN_FOLDER = "/etc/systemd/system/docker.service.d"
backup_folder = os.environ.get("PALISADE_BACKUP_DIR", "")
notes = []


def fail(message):
    sys.exit(message + "; nothing was changed")


def back_up(path):
    if backup_folder and os.path.exists(root + path):
        copy = backup_folder + path
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copy2(root + path, copy)


def write(path, text, like=None):
    """Writes a file whole through a temporary file, keeping the owner and mode of the file it replaces."""
    full = root + path
    back_up(path)
    os.makedirs(os.path.dirname(full), mode=0o755, exist_ok=True)
    status = os.stat(full) if os.path.exists(full) else None
    temporary = full + ".palisade-new"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    if status is None:
        os.chmod(temporary, 0o644)
    else:
        os.chown(temporary, status.st_uid, status.st_gid)
        os.chmod(temporary, status.st_mode & 0o7777)
    os.rename(temporary, full)


def unit_lines(path):
    """The logical lines of a unit file, continuation lines joined, with the section each is in."""
    section, pending = "", ""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for raw in handle.read().splitlines():
            line = pending + raw.strip()
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            if line.startswith("[") and line.endswith("]"):
                section = line[1:-1]
            elif line and line[0] not in "#;":
                yield section, line


def exec_start():
    """The ExecStart that systemd runs: the unit file, then its drop-ins in name order; '' empties the list."""
    unit = next((root + f + "/docker.service" for f in UNIT_FOLDERS if os.path.isfile(root + f + "/docker.service")), None)
    if unit is None:
        return None, None, []
    dropins = {}
    for folder in reversed(UNIT_FOLDERS):
        full = root + folder + "/docker.service.d"
        if os.path.isdir(full):
            for name in os.listdir(full):
                if name.endswith(".conf"):
                    dropins[name] = full + "/" + name
    command, source = None, None
    for path in [unit] + [dropins[name] for name in sorted(dropins)]:
        for section, line in unit_lines(path):
            key, _, value = line.partition("=")
            if section == "Service" and key.strip() == "ExecStart":
                value = value.strip()
                command, source = (value, path) if value else (None, None)
    return command, source, sorted(dropins)


def unquoted(token):
    return token if re.fullmatch(r"[A-Za-z0-9_@%+=:,./${}-]+", token) else shlex.quote(token)


def take_flags(arguments, flag):
    """arguments without the flag's matching occurrences, and the values taken off."""
    kept, taken, index = [], [], 0
    pattern = flag.get("value")
    while index < len(arguments):
        token, value, width = arguments[index], None, 0
        for name in flag["names"]:
            if token == name:
                if flag.get("boolean"):
                    value, width = "true", 1
                elif index + 1 < len(arguments):
                    value, width = arguments[index + 1], 2
            elif token.startswith(name + "="):
                value, width = token[len(name) + 1 :], 1
            elif len(name) == 2 and token.startswith(name) and not flag.get("boolean"):
                value, width = token[2:], 1
            if width:
                break
        if width and (pattern is None or re.search(pattern, value)):
            taken.append(value)
            index += width
        else:
            kept.append(token)
            index += 1
    return kept, taken


settings = {}
if os.path.exists(root + config):
    with open(root + config, encoding="utf-8") as handle:
        text = handle.read()
    try:
        settings = json.loads(text) if text.strip() else {}
    except ValueError as error:
        fail(f"{config} is not valid JSON ({error})")
    if not isinstance(settings, dict):
        fail(f"{config} does not hold a JSON object")
changed = dict(settings)

command, source, dropins = exec_start()
prefix, arguments = "", []
if command is not None:
    prefix = re.match(r"[-@:+!]*", command).group(0)
    try:
        arguments = shlex.split(command[len(prefix) :])
    except ValueError as error:
        fail(f"cannot read docker.service's ExecStart in {source} ({error})")

if "print_files" in spec:
    named = spec["print_files"]
    files = take_flags(arguments, {"names": [named["flag"]]})[1]
    if isinstance(settings.get(named["key"]), str):
        files.append(settings[named["key"]])
    print("\n".join(files))
    sys.exit(0)

if "only_driver" in spec:
    drivers = take_flags(arguments, {"names": ["--log-driver"]})[1]
    driver = drivers[-1] if drivers else settings.get("log-driver", "json-file")
    if driver not in spec["only_driver"]:
        print(f"the log driver is {driver}, which keeps no log files on the host: nothing to change")
        sys.exit(0)

removed = []
for flag in spec.get("flags", []):
    arguments, taken = take_flags(arguments, flag)
    removed += [f"{flag['names'][-1]} {value}" for value in taken]
    carry = flag.get("carry")
    for value in taken if carry else []:
        name, _, option = value.partition("=")
        options = dict(changed.get(carry) or {})
        options.setdefault(name, option)
        changed[carry] = options
for key, value in spec.get("set", {}).items():
    if isinstance(value, dict) and isinstance(changed.get(key), dict):
        changed[key] = {**changed[key], **value}
    else:
        changed[key] = value
for key, replacements in spec.get("replace", {}).items():
    if changed.get(key) in replacements:
        changed[key] = replacements[changed[key]]
for key, names in spec.get("unset", {}).items():
    if isinstance(changed.get(key), dict):
        changed[key] = {name: value for name, value in changed[key].items() if name not in names}
for key, pattern in spec.get("filter", {}).items():
    if isinstance(changed.get(key), list):
        changed[key] = [entry for entry in changed[key] if not re.search(pattern, str(entry))]

for key, names in spec.get("require", {}).items():
    if not any(name in (changed.get(key) or {}) for name in names):
        fail(f'"{key}" in {config} needs one of {", ".join(names)}: {spec.get("require_hint", "")}')

if removed:
    dropin = f"{DROPIN_FOLDER}/{spec['dropin']}"
    later = [name for name in dropins if name > spec["dropin"] and not name.startswith("palisade-")]
    if source and os.path.basename(source) in later:
        fail(f"{source} sets ExecStart after {dropin} would; take {', '.join(removed)} off it there")
    line = prefix + " ".join(unquoted(argument) for argument in arguments)
    text = (
        "# Written by Palisade: ExecStart without " + ", ".join(removed) + ".\n"
        "# Remove this file, then systemctl daemon-reload, to go back.\n"
        f"[Service]\nExecStart=\nExecStart={line}\n"
    )
    write(dropin, text)
    # The last drop-in's ExecStart wins: Palisade's other drop-ins get the line too, which holds their changes.
    for name in dropins:
        if name.startswith("palisade-") and name != spec["dropin"] and os.path.isfile(root + DROPIN_FOLDER + "/" + name):
            with open(root + DROPIN_FOLDER + "/" + name, encoding="utf-8") as handle:
                other = handle.read()
            write(DROPIN_FOLDER + "/" + name, re.sub(r"(?m)^ExecStart=.+$", lambda _: f"ExecStart={line}", other))
    notes.append(f"took {', '.join(removed)} off docker.service's ExecStart in {dropin}")
if changed != settings or (spec.get("set") and not os.path.exists(root + config)):
    write(config, json.dumps(changed, indent=2) + "\n")
    shown = ", ".join(f'"{key}": {json.dumps(changed.get(key))}' for key in {**spec.get("set", {}), **spec.get("replace", {}), **spec.get("unset", {}), **spec.get("filter", {})})
    notes.append(f"set {shown} in {config}")
if not notes:
    print("dockerd's configuration already has this setting: nothing to change")
    sys.exit(0)
restart = "systemctl daemon-reload && systemctl restart docker" if removed else "systemctl restart docker"
print("; ".join(notes) + f". Takes effect when dockerd restarts ({restart}): this fix does not restart it")
