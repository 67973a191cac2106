#!/usr/bin/env bash
# Proves the project stands on its own: clones the committed HEAD into an
# empty temporary folder (nothing beside it, so no ../shared) and runs the
# README's test command, `swift test`, there. Uncommitted changes are not in
# the clone: commit before trusting the result.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "$(git status --porcelain)" ]]; then
  echo "notice: the working tree has uncommitted changes; the fresh clone tests HEAD without them"
fi
head="$(git rev-parse HEAD)"
fresh="$(mktemp -d "${TMPDIR:-/tmp}/tuanthu-fresh.XXXXXX")"
trap 'rm -rf "$fresh"' EXIT
git clone --quiet --no-checkout . "$fresh/tuanthu"
git -C "$fresh/tuanthu" checkout --quiet --detach "$head"
if [[ -e "$fresh/shared" ]]; then
  echo "fresh-clone: $fresh/shared exists; the check would not be fresh" >&2
  exit 1
fi
(cd "$fresh/tuanthu" && swift test)
echo "fresh clone of ${head:0:12}: swift test passed with nothing beside the project"
