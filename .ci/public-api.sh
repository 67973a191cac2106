#!/usr/bin/env bash
# Counts the declarations marked `public` or `open`, per module, and their
# total over the modules the `TuanThu` library product ships (every Swift
# target but the CLI and the test-only ones).
#
#   .ci/public-api.sh            one line per module, then the library total
#   .ci/public-api.sh --list M   the public declarations of module M
#
# A declaration is counted when `public` or `open` is its access modifier
# (after any attributes): `public struct`, `public init`, `public private(set)
# var`. Members that are public only implicitly (enum cases, members of a
# `public extension`) are not counted; `public import` is not a declaration.
set -euo pipefail
cd "$(dirname "$0")/.."

pattern='^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*(public|open)[[:space:]]'
# Targets not in the library product: the executable and code only `bench`
# and the tests link.
not_shipped=" CLI Corpus Fuzz "

if [[ "${1:-}" == "--list" ]]; then
  grep -rnE "$pattern" "Sources/${2:?module}" --include='*.swift' | grep -vE '(public|open) import ' || true
  exit 0
fi

total=0
for dir in Sources/*/; do
  m=$(basename "$dir")
  compgen -G "$dir*.swift" >/dev/null || compgen -G "$dir**/*.swift" >/dev/null || continue
  n=$( (grep -rhE "$pattern" "$dir" --include='*.swift' || true) | grep -vcE '(public|open) import ' || true)
  if [[ "$not_shipped" == *" $m "* ]]; then
    printf '%-12s %4d  (not in the library)\n' "$m" "$n"
  else
    printf '%-12s %4d\n' "$m" "$n"
    total=$((total + n))
  fi
done
printf '%-12s %4d\n' "library" "$total"
