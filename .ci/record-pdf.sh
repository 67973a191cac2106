#!/usr/bin/env bash
# Prints the inspection records (`tuanthu record`) of the Examples to PDF with
# headless Chromium and checks the pages (item 3.6 of the letter: inspection records):
#   - every page is A4 (595 x 842 pt);
#   - the foot of each page reads "Trang N / M", N = 1..M, M = the PDF's page count;
#   - the text of every finding (its message, from `tuanthu check --format json`)
#     appears whole, and on one page: no finding is cut by a page break.
#
#   .ci/record-pdf.sh [OUT_DIR]        default: .build/record-pdf
#
# Uses $TUANTHU (default .build/debug/tuanthu, built when missing). Installs
# Debian's chromium and poppler-utils when absent and apt-get can; otherwise it
# prints a SKIPPED notice and exits 0. Exit 1 when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-.build/record-pdf}"
tuanthu="${TUANTHU:-.build/debug/tuanthu}"
[[ -x "$tuanthu" ]] || swift build >/dev/null

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" || -z "$(command -v pdfinfo || true)" ]]; then
  if command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
    echo "record-pdf: installing chromium and poppler-utils" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium poppler-utils fonts-dejavu-core >/dev/null 2>&1 || true
    browser="$(command -v chromium || true)"
  fi
fi
if [[ -z "$browser" || -z "$(command -v pdfinfo || true)" || -z "$(command -v pdftotext || true)" ]]; then
  echo "record-pdf: SKIPPED — no headless Chromium or poppler-utils (apt-get install -y chromium poppler-utils)"
  exit 0
fi

rm -rf "$out"
mkdir -p "$out"
status=0
"$tuanthu" record Examples/ --agency .ci/record-agency.json --as-of 2026-11-29 --fail-on never --output "$out" 2>/dev/null || status=$?
[[ $status -eq 0 ]] || { echo "record-pdf: tuanthu record exited $status" >&2; exit 1; }
# The records check as an inspection (record's default): the same messages.
"$tuanthu" check Examples/ --as-of 2026-11-29 --purpose inspection --fail-on never --format json > "$out/check.json"

for html in "$out"/*.html; do
  "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="${html%.html}.pdf" "file://$(realpath "$html")" >/dev/null 2>&1
done

python3 - "$out" <<'PY'
import json, re, subprocess, sys
from pathlib import Path

out = Path(sys.argv[1])
report = json.loads((out / "check.json").read_text(encoding="utf-8"))
failures = 0

def fail(msg):
    global failures
    failures += 1
    print("record-pdf: FAIL " + msg)

def squash(s):
    return re.sub(r"\s+", "", s)

for d in report["dossiers"]:
    if d["outcome"] == "error":
        continue
    name = "bien-ban-" + re.sub(r"[^A-Za-z0-9._-]", "-", d["id"]) + ".pdf"
    pdf = out / name
    if not pdf.exists():
        fail(f"{name}: no PDF")
        continue
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
    if len(sizes) != pages or any(round(float(w)) != 595 or round(float(h)) != 842 for w, h in sizes):
        fail(f"{name}: pages are not all A4 (595 x 842 pt): {sorted(set(sizes))}")
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout
    page_texts = text.split("\f")[:pages]
    for k, t in enumerate(page_texts, 1):
        if f"Trang {k} / {pages}" not in t:
            fail(f"{name}: page {k} has no footer 'Trang {k} / {pages}'")
    # Footers removed, so a finding cut by a page break cannot match across them.
    squashed_pages = [squash(re.sub(r"Trang \d+ / \d+", "", t)) for t in page_texts]
    shown = 0
    for f in d["findings"]:
        msg = squash(f["message"].get("vi") or f["message"].get("en") or "")
        if len(msg) > 1900:
            msg = msg[:1900]
        if not any(msg in p for p in squashed_pages):
            whole = msg in "".join(squashed_pages)
            fail(f"{name}: finding {f['rule']} " + ("is cut across a page break" if whole else "is not in the PDF"))
        else:
            shown += 1
    print(f"record-pdf: {name}: {pages} page(s), A4, footers 'Trang N / {pages}', {shown}/{len(d['findings'])} findings whole on one page")

if failures:
    print(f"record-pdf: {failures} check(s) failed")
    sys.exit(1)
print("record-pdf: ok")
PY
