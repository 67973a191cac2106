#!/usr/bin/env bash
# The long fuzz run: `tuanthu fuzz` once per target, each in its own process,
# so that a crash (a signal) is seen from outside and the input that caused
# it, saved by `--save`, is named. Not part of .ci/run (it takes long).
#
#   .ci/fuzz.sh                      # 100,000 cases per target in-process, then 2,000
#                                    # dossiers (and 500 rules, 500 waivers files) through
#                                    # the executable, one process each; seed 1, release build
#   .ci/fuzz.sh --cases 5000 --seed 7
#   TUANTHU=.build/debug/tuanthu .ci/fuzz.sh --cases 2000
#
# Prints per target: cases, crashes, hangs and time; exit 1 if any crash or hang.
set -uo pipefail
cd "$(dirname "$0")/.."

cases=100000
cli_cases=2000
seed=1
budget=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --cli-cases) cli_cases="$2"; shift 2 ;;
    *) echo "usage: .ci/fuzz.sh [--cases N] [--cli-cases N] [--seed N] [--budget SECONDS]" >&2; exit 2 ;;
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
  # In English, for the patterns below.
  out=$("$tuanthu" fuzz --target "$target" --cases "$cases" --seed "$seed" --budget "$budget" --save "$save" --lang en 2>"$save/stderr-$target.txt")
  status=$?
  out=${out//,/}   # figures are grouped (`100,000 cases`)
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
# The executable itself, one process per case: mutants written by `fuzz --emit`
# are fed to `check`, `explain` and `lint`; a signal is a crash, `timeout` a hang.
cli_dir="$save/cli"
rm -rf "$cli_dir"
"$tuanthu" fuzz --target dossier --cases "$cli_cases" --seed "$seed" --emit "$cli_dir" >/dev/null
"$tuanthu" fuzz --target rules --cases "$((cli_cases / 4))" --seed "$seed" --emit "$cli_dir" >/dev/null
"$tuanthu" fuzz --target waivers --cases "$((cli_cases / 4))" --seed "$seed" --emit "$cli_dir" >/dev/null
crashes=0; hangs=0; runs=0
start=$(date +%s.%N)
run_case() {
  local status=0
  timeout "$((budget * 10))" "$tuanthu" "$@" >/dev/null 2>&1 || status=$?
  runs=$((runs + 1))
  if [[ $status -eq 124 ]]; then hangs=$((hangs + 1)); echo "  hang: tuanthu $*" >&2
  elif [[ $status -ge 128 || ( $status -gt 5 ) ]]; then crashes=$((crashes + 1)); echo "  crash (exit $status): tuanthu $*" >&2; fi
}
rules=(KL81-2-PLAN-01 KL81-3.5-WW-01 KL81-3.4-SAND-01 KL81-3.3-FLD-01)
k=0
for f in "$cli_dir"/dossier-*.json; do
  run_case check "$f" --as-of 2026-11-29
  run_case explain "${rules[$((k % 4))]}" "$f" --as-of 2026-11-29
  k=$((k + 1))
done
for f in "$cli_dir"/rules-*.rules; do run_case lint "$f"; done
for f in "$cli_dir"/waivers-*.waivers.json; do run_case check Examples/ --waivers "$f" --as-of 2026-11-29; done
secs=$(echo "$(date +%s.%N) - $start" | bc)
printf '%-8s %10s %8s %6s %9.1f\n' "cli" "$runs" "$crashes" "$hangs" "$secs"
if [[ $crashes -ne 0 || $hangs -ne 0 ]]; then failed=1; fi
exit $failed
