#!/usr/bin/env bash
# Renders the page of `palisade fleet` as a browser shows it, with headless Chromium (Debian's `chromium` package):
# the host table and the rule table.
#
#   docs/fleet-screenshots.sh [FLEET.html] [OUTPUT-FOLDER]
#
# With no page given, it scans four fake hosts (web01 and web02 compliant, db01 whose daemon.json sets log-driver
# to json-file, build01 scanned twice: compliant first, then without daemon.json), with the bundled content and their
# HTML reports, and runs `palisade fleet` over their results folder. Screenshot: OUTPUT-FOLDER/fleet-1400.png (default
# OUTPUT-FOLDER: a new temporary folder, printed at the end). What to check: one line per host with its status,
# score, counts and last scan; build01's changes since its previous run; each failing rule with its hosts linked.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium > /dev/null; then
  echo "$0: chromium is not installed (apt-get install -y chromium)" >&2
  exit 1
fi

page="${1:-}"
output="${2:-$(mktemp -d)}"
mkdir -p "$output"

if [ -z "$page" ]; then
  palisade=.build/release/palisade
  [ -x "$palisade" ] || palisade=.build/debug/palisade
  trees="$(mktemp -d)"
  scan() { # NAME DAEMON-JSON (empty: none)
    mkdir -p "$trees/$1/etc/docker" "$trees/$1/usr/bin"
    echo "$1" > "$trees/$1/etc/hostname"
    : > "$trees/$1/usr/bin/dockerd" && chmod 755 "$trees/$1/usr/bin/dockerd"
    rm -f "$trees/$1/etc/docker/daemon.json"
    [ -z "$2" ] || echo "$2" > "$trees/$1/etc/docker/daemon.json"
    "$palisade" scan --root "$trees/$1" --output-dir "$output/results" --format html --quiet > /dev/null || true
  }
  compliant='{"log-driver": "syslog", "icc": false, "live-restore": true, "userland-proxy": false}'
  scan web01 "$compliant"
  scan web02 "$compliant"
  scan db01 '{"log-driver": "json-file"}'
  scan build01 "$compliant"
  sleep 1.1 # run folders are named by the second
  scan build01 ''
  rm -rf "$trees"
  page="$output/fleet.html"
  "$palisade" fleet "$output/results" --output "$page"
fi

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --screenshot="$output/fleet-1400.png" --window-size="1400,1500" "file://$(realpath "$page")" 2> /dev/null
echo "screenshot of $page:"
ls "$output"/fleet-*.png
