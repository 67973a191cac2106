#!/usr/bin/env bash
# Peer comparison (the speed target): tuanthu, OPA and regorus on the same generated
# dossiers and the same typical 25-rule policy (.ci/peer/policy/*.rules and its
# Rego mirror .ci/peer/policy.rego); prints dossiers/s, MB/s, the ratio of each
# to tuanthu's whole command, and per-engine agreement counts. A benchmark:
# not part of CI (.ci/run does not run it). See .ci/peer/compare.py --help.
#
#   .ci/peer-compare.sh                  2,000 dossiers, 5 rounds
#   .ci/peer-compare.sh --quick          200 dossiers, 3 rounds (under a minute)
#   .ci/peer-compare.sh --documents N    another corpus size
#   .ci/peer-compare.sh --no-bench       agreement only
#   .ci/peer-compare.sh --format json    figures for programs
#
# Uses .build/release/tuanthu ($TUANTHU overrides it; build it with
# `swift build -c release --static-swift-stdlib`). Makes a venv in .build/peer-venv on first use and
# installs regorus there (PyPI gordon-to-regorus 0.13.0); OPA (v1.20.2, the Go
# library in the PyPI wheel opa-golib-python-bindings 0.4.4, as
# .ci/opa-compare.sh uses it) is downloaded with pip into .build/peer-venv/opa.
# Nothing is committed. Exit status: 0 every engine agrees with tuanthu on every
# dossier, 1 a disagreement, 2 a setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

tuanthu="${TUANTHU:-.build/release/tuanthu}"
if [[ ! -x "$tuanthu" ]]; then
  echo "peer-compare: no tuanthu at $tuanthu (swift build -c release --static-swift-stdlib, or set TUANTHU)" >&2
  exit 2
fi

venv=.build/peer-venv
if ! "$venv/bin/python" -c "import regorus" 2>/dev/null; then
  echo "peer-compare: making $venv (regorus from PyPI gordon-to-regorus 0.13.0)" >&2
  python3 -m venv "$venv" >&2 || exit 2
  "$venv/bin/pip" install --quiet "gordon-to-regorus==0.13.0" >&2 || exit 2
fi

exec "$venv/bin/python" .ci/peer/compare.py --tuanthu "$tuanthu" "$@"
