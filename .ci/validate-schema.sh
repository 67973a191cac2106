#!/usr/bin/env bash
# Validates the example dossiers against the JSON Schema that
# `tuanthu schema` exports for the bundled pack (2020-12, Python jsonschema).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import jsonschema" 2>/dev/null || { echo "validate-schema: python3 module jsonschema is missing" >&2; exit 2; }
schema="$(mktemp "${TMPDIR:-/tmp}/tuanthu-schema.XXXXXX")"
trap 'rm -f "$schema"' EXIT
.build/debug/tuanthu schema Rules/kl81-cantho --output "$schema"
python3 - "$schema" Examples/*.json <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path, encoding="utf-8"))
    for e in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
        bad += 1
        print(f"validate-schema: {path}: /{'/'.join(map(str, e.absolute_path))}: {e.message}", file=sys.stderr)
if bad:
    sys.exit(1)
print(f"validate-schema: {len(sys.argv) - 2} example dossiers valid against the exported schema")
PY
