#!/usr/bin/env bash
# Renders Palisade's HTML report the way an auditor sees it, on a desktop and on a phone, with headless
# Chromium (Debian's `chromium` package), so a change to the report can be looked at before it ships.
#
#   docs/html-report-screenshots.sh [REPORT.html] [OUTPUT-FOLDER]
#
# With no report given, it builds palisade, scans a fake host whose daemon.json sets log-driver to json-file
# (so SV-235787 fails), and renders that scan's report.html. Screenshots: OUTPUT-FOLDER/report-1200.png and
# report-390.png (default OUTPUT-FOLDER: a new temporary folder, printed at the end). What to check: the
# failed rule is open and shows the file read (/etc/docker/daemon.json), the value found (json-file) and the
# values allowed; nothing overflows at 390 px; the counts and score are at the top.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium > /dev/null; then
  echo "$0: chromium is not installed (apt-get install -y chromium)" >&2
  exit 1
fi

report="${1:-}"
output="${2:-$(mktemp -d)}"
mkdir -p "$output"

if [ -z "$report" ]; then
  swift build --scratch-path .build-reports --product palisade > /dev/null
  host="$(mktemp -d)"
  mkdir -p "$host/etc/docker"
  echo '{"log-driver": "json-file"}' > "$host/etc/docker/daemon.json"
  .build-reports/debug/palisade scan --root "$host" --output-dir "$output/results" --format html > /dev/null || true
  report="$(ls "$output"/results/*/latest/report.html)"
  rm -rf "$host"
fi

for width in 1200 390; do
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --screenshot="$output/report-$width.png" --window-size="$width,1600" "file://$(realpath "$report")" 2> /dev/null
done
echo "screenshots of $report:"
ls "$output"/report-*.png
