#!/usr/bin/env bash
# The long fuzz run: `tuanthu fuzz` once per target, each in its own process,
# so that a crash (a signal) is seen from outside and the input that caused
# it, saved by `--save`, is named. Not part of .ci/run (it takes long).
#
#   .ci/fuzz.sh                      # 100,000 cases per target, seed 1 (release build)
#   .ci/fuzz.sh --cases 5000 --seed 7
#   TUANTHU=.build/debug/tuanthu .ci/fuzz.sh --cases 2000
#
# Prints per target: cases, crashes, hangs and time; exit 1 if any crash or hang.
set -uo pipefail
cd "$(dirname "$0")/.."

cases=100000
seed=1
budget=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    *) echo "usage: .ci/fuzz.sh [--cases N] [--seed N] [--budget SECONDS]" >&2; exit 2 ;;
  esac
done

tuanthu="${TUANTHU:-.build/release/tuanthu}"
if [[ -z "${TUANTHU:-}" ]]; then
  swift build -c release >/dev/null || { echo "the release build failed" >&2; exit 2; }
fi
save=.build/fuzz
mkdir -p "$save"

failed=0
printf '%-8s %10s %8s %6s %9s\n' target cases crashes hangs seconds
for target in dossier rules waivers explain; do
  start=$(date +%s.%N)
  out=$("$tuanthu" fuzz --target "$target" --cases "$cases" --seed "$seed" --budget "$budget" --save "$save" 2>"$save/stderr-$target.txt")
  status=$?
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  if [[ $status -eq 0 || $status -eq 5 ]] && [[ -n "$out" ]]; then
    hangs=$(sed -E 's/.* ([0-9]+) hangs.*/\1/' <<<"$out")
    done_cases=$(sed -E 's/^[a-z]+: ([0-9]+) cases.*/\1/' <<<"$out")
    printf '%-8s %10s %8s %6s %9.1f\n' "$target" "$done_cases" 0 "$hangs" "$secs"
    if [[ $status -eq 5 || $hangs -ne 0 ]]; then
      failed=1
      echo "  hang inputs: $save/hang-$target-*.bin" >&2
    fi
  elif [[ $status -eq 5 ]]; then
    printf '%-8s %10s %8s %6s %9.1f\n' "$target" "?" 0 1 "$secs"
    cat "$save/stderr-$target.txt" >&2
    failed=1
  else
    # Killed by a signal (status > 128) or another failure: a crash.
    printf '%-8s %10s %8s %6s %9.1f\n' "$target" "?" 1 0 "$secs"
    echo "  $target crashed (exit $status); the input is $save/current-$target.bin" >&2
    tail -5 "$save/stderr-$target.txt" >&2
    failed=1
  fi
done
exit $failed
