#!/usr/bin/env bash
# Validates `tuanthu check --format sarif` against the SARIF 2.1.0 schema.
#
#   .ci/validate-sarif.sh [RULES [DOSSIERS]]     default: Rules/kl81-cantho Examples/
#   .ci/validate-sarif.sh --file REPORT.sarif    validate an existing document only
#
# Builds the package, checks DOSSIERS against RULES with --format sarif, then
# validates the document with Python's jsonschema (draft-04, as the schema
# declares) against the OASIS schema file SARIF_SCHEMA (default: the outside
# test data beside the project, ../shared/testdata/sarif/sarif-schema-2.1.0.json,
# read in place; `.ci/outside-suites.sh` runs this only when it is there). Beyond the schema it checks what the
# schema cannot: `columnKind` is unicodeCodePoints and every result's region,
# counted in code points, covers the JSON value its logical location names
# (the result's location and each evidence value's related location).
# Exits non-zero on an invalid document or a failed run.
set -euo pipefail
cd "$(dirname "$0")/.."

schema="${SARIF_SCHEMA:-../shared/testdata/sarif/sarif-schema-2.1.0.json}"
[[ -f "$schema" ]] || { echo "validate-sarif: schema not found: $schema" >&2; exit 2; }
python3 -c "import jsonschema" 2>/dev/null || { echo "validate-sarif: python3 module jsonschema is missing" >&2; exit 2; }

if [[ "${1:-}" == "--file" ]]; then
  report="${2:?usage: validate-sarif.sh --file REPORT.sarif}"
else
  rules="${1:-Rules/kl81-cantho}"
  dossiers="${2:-Examples/}"
  swift build >/dev/null
  report="$(mktemp "${TMPDIR:-/tmp}/tuanthu-sarif.XXXXXX")"
  trap 'rm -f "$report"' EXIT
  status=0
  .build/debug/tuanthu check --rules "$rules" --format sarif --fail-on never --as-of 2025-01-15 \
    --output "$report" "$dossiers" || status=$?
  # 3 = some dossier was unreadable: still a report to validate.
  if [[ $status -ne 0 && $status -ne 3 ]]; then
    echo "validate-sarif: tuanthu check exited $status" >&2
    exit 1
  fi
fi

python3 - "$schema" "$report" <<'PY'
import json, sys
import jsonschema

schema_path, report_path = sys.argv[1], sys.argv[2]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
try:
    with open(report_path, encoding="utf-8") as f:
        doc = json.load(f)
except ValueError as e:
    print(f"validate-sarif: {report_path}: not JSON: {e}", file=sys.stderr)
    sys.exit(1)

validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
for e in errors[:20]:
    path = "/".join(str(p) for p in e.absolute_path)
    print(f"validate-sarif: /{path}: {e.message}", file=sys.stderr)
if errors:
    print(f"validate-sarif: {report_path}: {len(errors)} schema error(s)", file=sys.stderr)
    sys.exit(1)

def resolve(value, pointer):
    if pointer == "":
        return value
    for raw in pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        value = value[int(token)] if isinstance(value, list) else value[token]
    return value

problems = 0
results = 0
for run in doc.get("runs", []):
    if run.get("columnKind") != "unicodeCodePoints":
        print("validate-sarif: run.columnKind is not unicodeCodePoints", file=sys.stderr)
        problems += 1
    cache = {}
    for r in run.get("results", []):
        results += 1
        # Evidence values (related locations) are held to the same test as the result's own.
        for loc in r.get("locations", []) + r.get("relatedLocations", []):
            phys = loc.get("physicalLocation", {})
            uri = phys.get("artifactLocation", {}).get("uri", "")
            region = phys.get("region")
            logical = loc.get("logicalLocations", [{}])[0]
            if not region or uri.startswith("file:") or "%" in uri or r.get("ruleId", "").startswith("tuanthu."):
                continue
            if uri not in cache:
                try:
                    with open(uri, encoding="utf-8-sig") as f:
                        text = f.read()
                    cache[uri] = (text.splitlines(), json.loads(text))
                except (OSError, ValueError):
                    cache[uri] = None
            if cache[uri] is None or region.get("endLine") != region.get("startLine"):
                continue
            lines, dossier = cache[uri]
            line = lines[region["startLine"] - 1]
            covered = line[region["startColumn"] - 1 : region["endColumn"] - 1]
            try:
                expected = resolve(dossier, logical.get("fullyQualifiedName", ""))
                ok = covered == covered.strip() and json.loads(covered) == expected
            except (KeyError, IndexError, ValueError):
                ok = False
            if not ok:
                problems += 1
                print(f"validate-sarif: {uri}:{region['startLine']}:{region['startColumn']}: region covers {covered!r}, "
                      f"not the value at {logical.get('fullyQualifiedName')!r}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"validate-sarif: ok: {report_path} is valid SARIF 2.1.0 ({results} results)")
PY
