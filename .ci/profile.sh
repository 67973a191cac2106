#!/usr/bin/env bash
# The per-phase profile of the whole `check` command: where one run over an
# NDJSON corpus spends its CPU time, by phase — process start and exit,
# ruleset load, read (standard input split into records), digest (SHA-256),
# parse (JSON), validate (the schema), evaluate (the rules), render (each
# dossier's report text), emit (results in input order, summary), write
# (the report's bytes to their file), and the rest of the run loop.
#
# A benchmark, not a test: it is not part of CI's pass/fail.
#
#   .ci/profile.sh                       # 20,000 dossiers, --jobs 1, NDJSON in and out
#   .ci/profile.sh --documents 2000 --jobs 2 --format json
#   .ci/profile.sh --rules .ci/peer/policy --corpus peer.ndjson   # another rule set and corpus
#   TUANTHU=/path/to/tuanthu .ci/profile.sh
#
# Needs `perf` (linux-tools) allowed to sample the process (a software clock
# is enough: `perf record -e cpu-clock` works in VMs without hardware
# counters) and python3. Build in release first: `swift build -c release --static-swift-stdlib`.
#
# How samples are counted: a sample belongs to the phase whose entry point
# is on its call stack (inclusive cost: the allocation, reference counting
# and copies a phase causes are its own); the digest and the parse, which
# run inside checking a dossier, count as themselves, not as evaluation. A
# sample with no phase on its stack (the dynamic loader, runtime start-up,
# argument parsing, exit) is process start, unless it is inside malloc or
# free, whose callers perf often cannot see (glibc keeps no frame pointer):
# those are counted apart. Last, the samples by thread: with
# `--jobs N` above 1 the N workers do everything, the calling thread only
# loads the rules and waits, so its share should be process start and load.
set -euo pipefail
cd "$(dirname "$0")/.."

documents=20000
jobs=1
format=ndjson
rules=""
corpus=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --documents) documents="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --format) format="$2"; shift 2 ;;
        --rules) rules="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
        *) echo "profile.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

tool="${TUANTHU:-.build/release/tuanthu}"
if [[ ! -x "$tool" ]]; then
    echo "profile.sh: $tool is not built; run \`swift build -c release\` (or set TUANTHU)" >&2
    exit 2
fi
command -v perf >/dev/null || { echo "profile.sh: perf is not installed" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -n "$corpus" ]]; then
    cp "$corpus" "$work/corpus.ndjson"
    documents=$(grep -c . "$work/corpus.ndjson" || true)
else
    "$tool" bench corpus --documents "$documents" > "$work/corpus.ndjson"
fi
rules_args=()
[[ -n "$rules" ]] && rules_args=(--rules "$rules")
bytes=$(wc -c < "$work/corpus.ndjson")

status=0
perf record -q -e cpu-clock -F 4000 -g -o "$work/perf.data" -- \
    "$tool" check --jobs "$jobs" --format "$format" --as-of 2026-11-29 "${rules_args[@]}" - < "$work/corpus.ndjson" > /dev/null 2> "$work/stderr" || status=$?
# Exit 1 is expected (the corpus has defects); anything else is a failed run.
if [[ $status -ne 0 && $status -ne 1 ]]; then
    echo "profile.sh: tuanthu check exited $status" >&2
    cat "$work/stderr" >&2
    exit 1
fi

echo "tuanthu check --jobs $jobs --format $format - : $documents dossiers, $((bytes / 1000000)) MB; CPU time by phase (perf, cpu-clock)"
perf script -i "$work/perf.data" -F tid,ip,sym 2>/dev/null | python3 -c '
import re, sys
# The phase of a sample is the first phase of this list with a frame anywhere
# on its stack: an entry point counts everything it calls (allocation,
# reference counting, copies), and a phase nested in another (the digest and
# the parse inside checking a dossier) is counted as itself.
phases = [
    ("write",    re.compile(r"OutputSink|writeAll|OutputBuffer")),
    ("read",     re.compile(r"NDJSONReader|InputQueue|readFileBounded|RecordChunk")),
    ("digest",   re.compile(r"6Digest6SHA256|tuanthu_sha256")),
    ("parse",    re.compile(r"10JSONParserO5parse")),
    ("validate", re.compile(r"validateAgainstSchema")),
    ("emit",     re.compile(r"12BatchSummaryV3add|markUsed|OrderedResults")),
    ("render",   re.compile(r"9Reporters")),
    ("evaluate", re.compile(r"9EvaluatorAAC")),
    ("load",     re.compile(r"loadRuleSets|RulesetLoader")),
    ("run loop", re.compile(r"3Run")),
]
counts = {name: 0 for name, _ in phases}
counts["process start, exit"] = 0
counts["malloc, free (caller lost)"] = 0
total = 0
# glibc malloc and free keep no frame pointer: a sample inside them often
# has no caller on its stack. Such samples belong to the phases that
# allocate (in proportion, roughly), not to process start.
allocator = re.compile(r"^(_int_malloc|malloc|_int_free|cfree@.*|free|malloc_consolidate|unlink_chunk.*|__malloc_usable_size|tcache_.*|_int_realloc|realloc)$")
def classify(stack):
    for name, pattern in phases:
        if any(pattern.search(frame) for frame in stack):
            return name
    if stack and allocator.match(stack[0]):
        return "malloc, free (caller lost)"
    return "process start, exit"
stack = []
tid = None
threads = {}
def flush():
    global total
    if stack:
        counts[classify(stack)] += 1
        threads[tid] = threads.get(tid, 0) + 1
        total += 1
for raw in sys.stdin:
    line = raw.strip()
    if not line:
        flush(); stack = []
        continue
    if not raw.startswith("\t"):
        # A sample header: its thread id (perf pads it with spaces); the
        # frames follow, indented with a tab.
        tid = int(line.split()[0])
        continue
    parts = line.split(None, 1)
    stack.append(parts[1] if len(parts) > 1 else "")
flush()
if total == 0:
    sys.exit("profile.sh: no samples")
for name, n in sorted(counts.items(), key=lambda kv: -kv[1]):
    print(f"  {name:<28}{100.0 * n / total:6.1f} %")
print("  " + "(samples)".ljust(28) + str(total).rjust(6))
# The process is its lowest thread id: the calling (main) thread.
main = min(threads)
print("by thread:")
for t, n in sorted(threads.items(), key=lambda kv: (kv[0] != main, -kv[1])):
    name = "calling thread" if t == main else f"worker {t}"
    print(f"  {name:<28}{100.0 * n / total:6.1f} %")
'
