#!/usr/bin/env bash
# Renders the HTML report to a PNG, to look at it (not run by CI).
#
#   .ci/render-html.sh [RULES [DOSSIERS [OUT.png [WIDTHxHEIGHT]]]]
#     default: Tests/Fixtures/reports/fixture.rules Tests/Fixtures/reports/dossiers /tmp/tuanthu-report.png 1280x2000
#
# Needs a headless Chromium (Debian: `apt-get install -y chromium`). Extra
# arguments for `tuanthu check` go in TUANTHU_ARGS, e.g.
#   TUANTHU_ARGS="--lang en --waivers Tests/Fixtures/reports/waivers.json" .ci/render-html.sh
# The HTML is kept next to the PNG (same name, .html) for a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

rules="${1:-Tests/Fixtures/reports/fixture.rules}"
dossiers="${2:-Tests/Fixtures/reports/dossiers}"
png="${3:-/tmp/tuanthu-report.png}"
size="${4:-1280x2000}"
html="${png%.png}.html"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[[ -n "$browser" ]] || { echo "render-html: no chromium found (apt-get install -y chromium)" >&2; exit 2; }

swift build >/dev/null
status=0
# shellcheck disable=SC2086
.build/debug/tuanthu check --rules "$rules" --format html --fail-on never --as-of 2025-01-15 \
  ${TUANTHU_ARGS:-} --output "$html" "$dossiers" || status=$?
[[ $status -eq 0 || $status -eq 3 ]] || { echo "render-html: tuanthu check exited $status" >&2; exit 1; }

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --screenshot="$png" --window-size="${size/x/,}" "file://$(realpath "$html")" 2>/dev/null
echo "render-html: $html -> $png"
