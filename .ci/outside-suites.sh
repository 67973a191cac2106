#!/usr/bin/env bash
# Test suites from outside the project, run only when their data is present.
#
#   .ci/outside-suites.sh            data in ../shared/testdata (override with TUANTHU_OUTSIDE_TESTDATA)
#
# The project's own tests never need them (`swift test` passes in a fresh
# clone with nothing beside it); these are extra evidence when a checkout
# sits beside the shared test data:
#   - Nicolas Seriot's JSONTestSuite (test_parsing) through the built
#     `tuanthu json-check`: every y_ accepted (exit 0), every n_ rejected
#     (exit 3), every i_ either way — never a crash or another exit code;
#   - the OASIS SARIF 2.1.0 schema, through `.ci/validate-sarif.sh`.
# When the folder is absent, prints a notice and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

data="${TUANTHU_OUTSIDE_TESTDATA:-../shared/testdata}"
if [[ ! -d "$data" ]]; then
  echo "notice: outside test data not found at $data: JSONTestSuite and SARIF schema checks SKIPPED"
  exit 0
fi

tuanthu=.build/debug/tuanthu
[[ -x "$tuanthu" ]] || swift build >/dev/null

suite="$data/JSONTestSuite/test_parsing"
if [[ -d "$suite" ]]; then
  declare -A ok=([y]=0 [n]=0 [i]=0) bad=([y]=0 [n]=0 [i]=0)
  wrong=0
  for f in "$suite"/[yni]_*.json; do
    name="$(basename "$f")"
    class="${name:0:1}"
    status=0
    "$tuanthu" json-check "$f" >/dev/null 2>&1 || status=$?
    case "$class:$status" in
      y:0 | n:3 | i:0 | i:3) ok[$class]=$((ok[$class] + 1)) ;;
      *)
        bad[$class]=$((bad[$class] + 1))
        wrong=$((wrong + 1))
        if [[ $status -ge 128 ]]; then why="crashed (exit $status)"
        elif [[ $class == y ]]; then why="rejected a valid document (exit $status)"
        elif [[ $class == n ]]; then why="accepted an invalid document (exit $status)"
        else why="exit $status"; fi
        echo "outside-suites: JSONTestSuite $name: $why" >&2
        ;;
    esac
  done
  echo "JSONTestSuite: y accepted ${ok[y]}/$((ok[y] + bad[y])), n rejected ${ok[n]}/$((ok[n] + bad[n])), i without a crash ${ok[i]}/$((ok[i] + bad[i]))"
  if [[ $wrong -ne 0 ]]; then
    echo "outside-suites: $wrong wrong answer(s) on JSONTestSuite" >&2
    exit 1
  fi
else
  echo "notice: $suite not found: JSONTestSuite SKIPPED"
fi

schema="$data/sarif/sarif-schema-2.1.0.json"
if [[ -f "$schema" ]]; then
  SARIF_SCHEMA="$schema" .ci/validate-sarif.sh Rules/kl81-cantho Examples/
else
  echo "notice: $schema not found: SARIF schema validation SKIPPED"
fi
