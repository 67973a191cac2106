#!/usr/bin/env bash
# Side by side with the Open Policy Agent engine, on the same rules and
# dossiers (PRODUCT.md: "at least 10x the throughput of the Open Policy Agent
# engine"): every rule outcome of tuanthu and of a hand translation of the
# bundled pack into Rego (.ci/opa/kl81.rego) must agree, then both are timed
# on one core. See .ci/opa/compare.py --help.
#
#   .ci/opa-compare.sh [compare.py options]    default: 1,000 dossiers, 5 rounds
#   .ci/opa-compare.sh --no-bench              agreement only
#   .ci/opa-compare.sh --format json           figures for programs
#
# Uses .build/release/tuanthu ($TUANTHU overrides it), building it with
# `swift build -c release --static-swift-stdlib` when it is missing. OPA itself (v1.20.2, the Go
# c-shared library in the PyPI wheel opa-golib-python-bindings 0.4.4) is
# downloaded with pip into .build/opa on first use ($OPA_BRIDGE_CACHE
# overrides where). Exit status: 0 when every outcome agrees, 1 on a
# disagreement, 2 on a setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

tuanthu="${TUANTHU:-.build/release/tuanthu}"
if [[ ! -x "$tuanthu" ]]; then
  echo "opa-compare: building $tuanthu (swift build -c release --static-swift-stdlib)" >&2
  swift build -c release --static-swift-stdlib >&2
fi

exec python3 .ci/opa/compare.py --tuanthu "$tuanthu" --documents 1000 --rounds 5 "$@"
