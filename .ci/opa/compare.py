#!/usr/bin/env python3
"""Side by side: tuanthu and the Open Policy Agent engine, on the same rules and dossiers.

PRODUCT.md asks for "at least 10x the throughput of the Open Policy Agent
engine, side by side, on the same rules and dossiers". This script

  1. gets OPA: the PyPI wheel opa-golib-python-bindings 0.4.4 holds
     opa_bindings/libopabridge.so, a Go c-shared build of OPA v1.20.2 (Rego
     engine, github.com/open-policy-agent/opa/v1/rego). It is downloaded with
     pip into a cache folder, checked against a pinned SHA-256 and loaded with
     ctypes (the wheel's own Python wrapper wants Python 3.14; the library
     needs only libc);
  2. makes the corpus: `tuanthu bench corpus --documents N` (NDJSON, seeded:
     the same N gives the same bytes on every machine);
  3. checks it with tuanthu (`check - --format ndjson --jobs 1 --as-of DATE`)
     and with OPA (one prepared query, data.kl81.outcomes of .ci/opa/kl81.rego,
     a hand translation of the 51 rules, input = the raw dossier line), and
     compares every rule's outcome; the same on Examples/*.json, on the
     `given` dossiers of the pack's own tests, and on mutants of the corpus
     (fields deleted, nulled, retyped or set to rule-relevant values) that
     exercise the three-valued logic;
  4. times both on one core (the process and its children pinned to one CPU,
     GOMAXPROCS=1 for the Go runtime): OPA dossiers/s over the corpus (median
     of rounds), the per-call cost of the ctypes bridge itself (a trivial
     policy), tuanthu's in-process engine rate (`bench check`) and the wall
     time of `tuanthu check - --format ndjson --jobs 1` on the corpus file.

Exit status: 0 when every compared outcome agrees, 1 on any disagreement, 2 on
a setup error. Standard library only.
"""

import argparse
import ctypes
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

WHEEL_NAME = "opa-golib-python-bindings"
WHEEL_VERSION = "0.4.4"
WHEEL_FILE = "opa_golib_python_bindings-0.4.4-py3-none-manylinux_2_34_x86_64.whl"
WHEEL_SHA256 = "d411c901e14b8c7c3023e23e4a944f4cf429c1d31baf80e959e57d11efbfd24a"
OPA_VERSION = "v1.20.2"  # the OPA module the bridge in that wheel is built from
LIB_MEMBER = "opa_bindings/libopabridge.so"

QUERY = b"data.kl81.outcomes"

# tuanthu lists this check of the dossier itself among the rules. OPA cannot
# make it: Go's JSON decoder keeps the last copy of a repeated key (as tuanthu
# does for the rules) and says nothing, so it is counted apart, not compared.
NOT_COMPARABLE = {"tuanthu.duplicate-key"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    """A setup error: exit status 2 (1 is kept for disagreements)."""
    log(msg)
    sys.exit(2)


# ---------------------------------------------------------------------------
# OPA through the bridge's C ABI


def fetch_library(cache: Path) -> Path:
    """The bridge library, downloaded into `cache` on first use."""
    lib = cache / "libopabridge.so"
    wheel = cache / WHEEL_FILE
    if lib.exists() and wheel.exists() and sha256_file(wheel) == WHEEL_SHA256:
        return lib
    cache.mkdir(parents=True, exist_ok=True)
    if not wheel.exists() or sha256_file(wheel) != WHEEL_SHA256:
        log(f"downloading {WHEEL_NAME}=={WHEEL_VERSION} (OPA {OPA_VERSION}) into {cache}")
        cmd = [sys.executable, "-m", "pip", "download", f"{WHEEL_NAME}=={WHEEL_VERSION}",
               "--python-version", "3.14", "--only-binary=:all:", "--no-deps", "-d", str(cache)]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            die(f"error: pip download failed:\n{r.stdout}")
    got = sha256_file(wheel)
    if got != WHEEL_SHA256:
        die(f"error: {wheel} has SHA-256 {got}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as z, z.open(LIB_MEMBER) as src, open(lib.with_suffix(".tmp"), "wb") as dst:
        shutil.copyfileobj(src, dst)
    lib.with_suffix(".tmp").replace(lib)
    return lib


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class Opa:
    """One OPA engine of the bridge: OpaNew, OpaAddPolicy, OpaAddData,
    OpaEvalQuery (which prepares a query once and caches it), OpaFreeString."""

    def __init__(self, lib_path: Path):
        self.lib = lib = ctypes.CDLL(str(lib_path))
        lib.OpaNew.restype = ctypes.c_uint64
        lib.OpaNew.argtypes = []
        lib.OpaDestroy.restype = None
        lib.OpaDestroy.argtypes = [ctypes.c_uint64]
        lib.OpaFreeString.restype = None
        lib.OpaFreeString.argtypes = [ctypes.c_void_p]
        for name in ("OpaAddPolicy", "OpaAddData"):
            f = getattr(lib, name)
            f.restype = ctypes.c_void_p
            f.argtypes = [ctypes.c_uint64, ctypes.c_char_p, ctypes.c_char_p]
        lib.OpaEvalQuery.restype = ctypes.c_void_p
        lib.OpaEvalQuery.argtypes = [ctypes.c_uint64, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]

    def new(self):
        return self.lib.OpaNew()

    def _envelope(self, ptr):
        if not ptr:
            raise RuntimeError("the OPA bridge returned NULL")
        try:
            raw = ctypes.string_at(ptr)
        finally:
            self.lib.OpaFreeString(ptr)
        return json.loads(raw)

    def add_policy(self, h, path: str, source: str):
        env = self._envelope(self.lib.OpaAddPolicy(h, path.encode(), source.encode()))
        if env.get("error"):
            die(f"error: OPA rejects {path}: {env['error'].get('message')}")

    def add_data(self, h, value):
        env = self._envelope(self.lib.OpaAddData(h, b"", json.dumps(value).encode()))
        if env.get("error"):
            die(f"error: OPA rejects the data: {env['error'].get('message')}")

    def eval(self, h, query: bytes, input_json: bytes):
        """The value of `query` for this input, None when undefined; raises on an evaluation error."""
        env = self._envelope(self.lib.OpaEvalQuery(h, query, input_json, 0, 0))
        if env.get("error"):
            raise EvalError(env["error"].get("message", ""))
        rs = env.get("result") or []
        if not rs or not rs[0].get("expressions"):
            return None
        return rs[0]["expressions"][0]["value"]

    def eval_raw(self, h, query: bytes, input_json: bytes) -> bytes:
        """Evaluates and frees the result unparsed (the timing loop): returns its first bytes."""
        ptr = self.lib.OpaEvalQuery(h, query, input_json, 0, 0)
        head = ctypes.string_at(ptr)[:9]
        self.lib.OpaFreeString(ptr)
        return head


class EvalError(Exception):
    pass


def opa_outcomes(opa: Opa, h, line: bytes):
    """OPA's rule outcomes for one dossier: a dict, or "error" when OPA cannot
    read it (not JSON, not an object)."""
    try:
        v = opa.eval(h, QUERY, line)
    except EvalError as e:
        if "invalid_json" in str(e) or "unmarshal" in str(e) or "invalid character" in str(e):
            return "error"
        raise
    return "error" if v is None else v


# ---------------------------------------------------------------------------
# tuanthu


def run_tuanthu_check(tuanthu: Path, args, stdin_bytes=None, paths=None):
    """tuanthu's results (one dict per dossier) from `check --format ndjson --jobs 1`."""
    cmd = [str(tuanthu), "check"] + (paths or ["-"]) + ["--format", "ndjson", "--jobs", "1",
                                                      "--as-of", args.as_of, "--fail-on", "never"]
    r = subprocess.run(cmd, input=stdin_bytes, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode not in (0, 3):
        die(f"error: {' '.join(cmd)} exited {r.returncode}:\n{r.stderr.decode(errors='replace')}")
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]


def tuanthu_outcomes(result):
    if result.get("outcome") == "error":
        return "error"
    return {r["rule"]: r["outcome"] for r in result["rules"]}


# ---------------------------------------------------------------------------
# Dossier sets


def ndjson_lines(data: bytes):
    """The dossier lines of an NDJSON stream (tuanthu skips blank lines)."""
    return [l for l in data.split(b"\n") if l.strip()]


def rule_test_dossiers(rules_dir: Path):
    """The `given` dossiers of the pack's tests, one JSON text each (comments removed)."""
    out = []
    for f in sorted(rules_dir.glob("*.rules")):
        text = f.read_text(encoding="utf-8")
        for m in re.finditer(r'\bgiven\s+(file\s+"([^"]*)"|\{)', text):
            if m.group(2) is not None:
                body = (f.parent / m.group(2)).read_text(encoding="utf-8")
            else:
                body = strip_comments(balanced(text, m.end() - 1))
            name = f"{f.name}:{text.count(chr(10), 0, m.start()) + 1}"
            out.append((name, " ".join(body.splitlines()).encode("utf-8")))
    return out


def balanced(text: str, start: int) -> str:
    """The `{ ... }` starting at text[start], skipping strings and comments."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif text.startswith("//", i):
            i = text.index("\n", i)
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 1
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
        i += 1
    raise ValueError("unbalanced given block")


def strip_comments(s: str) -> str:
    out, i, n = [], 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            out.append(s[i:j + 1])
            i = j + 1
        elif s.startswith("//", i):
            i = s.find("\n", i)
            i = n if i < 0 else i
        elif s.startswith("/*", i):
            i = s.index("*/", i) + 2
            out.append(" ")
        else:
            out.append(c)
            i += 1
    return "".join(out)


# Values the rules test for, so that mutants reach the rules' branches, and
# values of the wrong type or shape for the three-valued logic.
MUTANT_VALUES = [
    None, "", "1.200", 0, -1, 1, 7.5, 50, 100, 300, 499, 500, 1000, 3000, 5000, True, False, [], {}, [None], ["x", 1],
    {"a": 1}, "high", "medium", "low", "none", "I", "II", "III", "IV", "V", "A", "B", "C", "key", "name", "unit",
    "factory", "industrial_cluster", "industrial_park", "residential", "urban_development", "agriculture_aquaculture",
    "sand_mining", "sector_plan", "sand_mining_licence", "investment_project", "public_works", "operation",
    "investment_policy", "large", "medium", "05:00", "04:30", "19:00", "20:00", "5:00", "05:00\n",
    "2024-02-29", "2025-02-29", "2025-09-01", "2025-08-31", "01/09/2025", "31/08/2025", "2026-11-29", "9999-12-31",
    "0000-01-01", "2025-1-1", "UBND thành phố Cần Thơ", "Ủy ban nhân dân", "Sở Tài nguyên", "QCVN 40:2025/BTNMT",
    "QCVN 40:2011/BTNMT", "Quyết định 1519/QĐ-TTg", "1519/QD-TTG", "Xâm nhập mặn", "chống mặn", "MAN",
    ["rice_land_2crop"], "rice_land_2crop", ["recyclable", "food", "other"], ["recyclable"],
    ["origin", "conformity", "technology", "baseline", "impacts", "consultation", "waste_measures", "monitoring", "costs"],
    [{"gps": True}, {"gps": None}], [{"remedied": False}, "x"], [{"climate": {"adaptation_measures": ["mặn"]}}],
    # `mentions` folds case, diacritics, NFD and whitespace.
    unicodedata.normalize("NFD", "UBND thành phố"), unicodedata.normalize("NFD", "Ủy ban nhân dân"),
    "ỦY  BAN\u00a0NHÂN\tDÂN", unicodedata.normalize("NFD", "Quyết định 1519/QĐ-TTg"), "QĐ 1519/qđ-ttg",
    unicodedata.normalize("NFD", "nhiễm mặn"), " qcvn  40:2025 ", "QCVN\u200940:2025", ["x", unicodedata.normalize("NFD", "mặn")],
]

# Fields the rules read that a corpus dossier may lack: mutants add them too.
MUTANT_EXTRA_PATHS = [
    ["wastewater", "receiving_water", "domestic_supply_use"], ["wastewater", "column"], ["wastewater", "effluent", "cod_mg_l"],
    ["location", "in_industrial_cluster"], ["location", "flood_risk_zone"], ["location", "erosion_zone"],
    ["location", "salinity_risk"], ["location", "design_tide_m"], ["sand_mining", "vessels"],
    ["sand_mining", "operating_hours", "start"], ["sand_mining", "licence", "expires_on"], ["resettlement", "households"],
    ["resettlement", "from_high_risk_area"], ["ghg", "est_tco2e_year"], ["energy", "toe_year"], ["energy", "last_audit_on"],
    ["solid_waste", "shares_pct"], ["solid_waste", "hazardous_kg_year"], ["water_supply", "groundwater_m3_day"],
    ["eia", "decision_date"], ["eia", "sections"], ["env_permit", "expires_on"], ["compliance_history"],
    ["project", "polluting_type"], ["project", "capacity_class"], ["submitted_on"], ["kind"], ["project", "type"],
    ["land_use", "rice_land_2crop_converted_ha"], ["plan", "items"], ["emissions", "flow_m3_h"],
]


def leaf_paths(v, path=()):
    """Every path of a JSON value, containers included, with list indices."""
    yield path
    if isinstance(v, dict):
        for k, x in v.items():
            yield from leaf_paths(x, path + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from leaf_paths(x, path + (i,))


def set_path(doc, path, value, delete=False):
    cur = doc
    for k in path[:-1]:
        if isinstance(cur, dict):
            if not isinstance(cur.get(k), (dict, list)):
                cur[k] = {}
            cur = cur[k]
        elif isinstance(cur, list) and isinstance(k, int) and k < len(cur):
            cur = cur[k]
        else:
            return
    k = path[-1]
    if isinstance(cur, dict):
        if delete:
            cur.pop(k, None)
        else:
            cur[k] = value
    elif isinstance(cur, list) and isinstance(k, int) and k < len(cur):
        if delete:
            del cur[k]
        else:
            cur[k] = value


def mutants(lines, count, seed):
    """`count` mutated dossiers: 1-4 changes each to a corpus dossier."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        base = json.loads(lines[n % len(lines)])
        shapes = {}
        for p in leaf_paths(base):
            if p:
                shapes.setdefault(tuple("*" if isinstance(k, int) else k for k in p), []).append(p)
        keys = sorted(shapes, key=str)
        for _ in range(rng.randint(1, 4)):
            if rng.random() < 0.25:
                path = tuple(rng.choice(MUTANT_EXTRA_PATHS))
            else:
                path = rng.choice(shapes[rng.choice(keys)])
            if rng.random() < 0.2:
                set_path(base, path, None, delete=True)
            else:
                set_path(base, path, json.loads(json.dumps(rng.choice(MUTANT_VALUES))))
        out.append((f"mutant {n + 1} (of corpus line {n % len(lines) + 1})",
                    json.dumps(base, ensure_ascii=False).encode("utf-8")))
    return out


# ---------------------------------------------------------------------------
# Agreement


def compare_sets(name, items, tuanthu_results, opa, h, report, show):
    """items: [(label, bytes)]; tuanthu_results: the matching tuanthu results."""
    if len(items) != len(tuanthu_results):
        die(f"error: {name}: {len(items)} dossiers but {len(tuanthu_results)} tuanthu results")
    dossiers = rules = agree = 0
    errors_both = skipped = 0
    per_rule = {}
    bad = []
    for (label, raw), tr in zip(items, tuanthu_results):
        t = tuanthu_outcomes(tr)
        o = opa_outcomes(opa, h, raw)
        dossiers += 1
        if t == "error" or o == "error":
            if t == o:
                errors_both += 1
            else:
                bad.append((label, tr.get("id"), "(dossier)", t if t == "error" else "outcomes", o if o == "error" else "outcomes"))
            continue
        for rule, outcome in t.items():
            if rule in NOT_COMPARABLE or rule.startswith("tuanthu."):
                # The checker's own checks (duplicate keys, schema validation) are not rules.
                skipped += 1
                continue
            rules += 1
            got = o.get(rule, "(absent)")
            key = per_rule.setdefault(rule, [0, 0])
            key[1] += 1
            if got == outcome:
                agree += 1
                key[0] += 1
            else:
                bad.append((label, tr.get("id"), rule, outcome, got))
        for rule in o:
            if rule not in t:
                bad.append((label, tr.get("id"), rule, "(absent)", o[rule]))
    entry = {"set": name, "dossiers": dossiers, "unreadable_both": errors_both, "rule_outcomes": rules,
             "not_compared": {"tuanthu.duplicate-key": skipped},  # every tuanthu.* check, counted together
             "agree": agree, "disagreements": len(bad), "first_disagreements": [
                 {"dossier": l, "id": i, "rule": r, "tuanthu": a, "opa": b} for (l, i, r, a, b) in bad[:show]]}
    report["agreement"].append(entry)
    return entry


def outcome_histogram(results):
    hist = {}
    for r in results:
        if r.get("outcome") == "error":
            continue
        for x in r["rules"]:
            if x["rule"] not in NOT_COMPARABLE and not x["rule"].startswith("tuanthu."):
                hist[x["outcome"]] = hist.get(x["outcome"], 0) + 1
    return hist


# ---------------------------------------------------------------------------
# Timing


def time_opa(opa, h, query, inputs, rounds):
    """Median seconds of one pass over `inputs` (after one warm-up pass), and CPU/wall."""
    for x in inputs:
        if opa.eval_raw(h, query, x).startswith(b'{"error"'):
            die(f"error: OPA fails to evaluate {query.decode()} while timing")
    walls, cpus = [], []
    for _ in range(rounds):
        c0, t0 = time.process_time(), time.perf_counter()
        for x in inputs:
            opa.eval_raw(h, query, x)
        t1, c1 = time.perf_counter(), time.process_time()
        walls.append(t1 - t0)
        cpus.append(c1 - c0)
    return statistics.median(walls), sum(cpus) / sum(walls)


def time_command(cmd, stdin_path, rounds):
    walls = []
    for i in range(rounds + 1):
        with open(stdin_path, "rb") as f:
            t0 = time.perf_counter()
            r = subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t1 = time.perf_counter()
        if r.returncode not in (0, 1):
            die(f"error: {' '.join(cmd)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        if i > 0:  # the first run warms the page cache
            walls.append(t1 - t0)
    return statistics.median(walls)


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\nExit status")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="`tuanthu bench corpus` makes dossier k from seed --corpus-seed + k, so the same --documents and\n"
               "--corpus-seed give the same bytes (their SHA-256 is printed). "
               "Exit status: 0 all outcomes agree,\n1 a disagreement, 2 a setup error.")
    ap.add_argument("--tuanthu", type=Path, default=REPO / ".build/release/tuanthu",
                    help="the tuanthu binary (default: .build/release/tuanthu)")
    ap.add_argument("--documents", type=int, default=1000, help="dossiers in the corpus (default 1000)")
    ap.add_argument("--corpus-seed", type=int, default=1, help="first seed of the corpus (default 1)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds, median reported (default 5)")
    ap.add_argument("--as-of", default="2026-11-29", help="as-of date for both engines (default 2026-11-29)")
    ap.add_argument("--rego", type=Path, default=HERE / "kl81.rego", help="the Rego translation")
    ap.add_argument("--examples", type=Path, default=REPO / "Examples", help="example dossiers (*.json)")
    ap.add_argument("--rules", type=Path, default=REPO / "Rules/kl81-cantho",
                    help="the rule pack whose test dossiers are compared too")
    ap.add_argument("--mutants", type=int, default=3000, help="mutated corpus dossiers to compare (default 3000; 0: none)")
    ap.add_argument("--seed", type=int, default=81, help="seed of the mutants (default 81)")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get("OPA_BRIDGE_CACHE", REPO / ".build/opa")),
                    help="where the OPA wheel is downloaded (default .build/opa, or $OPA_BRIDGE_CACHE)")
    ap.add_argument("--cpu", type=int, default=None, help="the CPU to pin to (default: the last one allowed)")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the process and tuanthu to one CPU")
    ap.add_argument("--no-bench", action="store_true", help="compare outcomes only, no timing")
    ap.add_argument("--show", type=int, default=10, help="disagreements shown per set (default 10)")
    ap.add_argument("--format", choices=["text", "json"], default="text", help="report format (default text)")
    args = ap.parse_args()

    # One core for the Go runtime; it reads GOMAXPROCS when the library loads,
    # so the variable is set before (and the interpreter restarted if it was not).
    if os.environ.get("GOMAXPROCS") != "1":
        os.environ["GOMAXPROCS"] = "1"
        os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve())] + sys.argv[1:])
    cpu = None
    if not args.no_pin:
        allowed = sorted(os.sched_getaffinity(0))
        cpu = args.cpu if args.cpu is not None else allowed[-1]
        os.sched_setaffinity(0, {cpu})  # inherited by the Go threads and by tuanthu

    tuanthu = args.tuanthu.resolve()
    if not tuanthu.exists():
        die(f"error: no tuanthu binary at {tuanthu} (swift build -c release)")
    lib_path = fetch_library(args.cache.resolve())
    opa = Opa(lib_path)
    rego = args.rego.read_text(encoding="utf-8")

    report = {"format": "tuanthu-opa-compare/1", "opa": {"engine": f"OPA {OPA_VERSION}", "bridge": f"{WHEEL_NAME} {WHEEL_VERSION}",
                                                         "library": str(lib_path), "GOMAXPROCS": os.environ["GOMAXPROCS"]},
              "tuanthu": str(tuanthu), "cpu": cpu, "as_of": args.as_of, "documents": args.documents, "corpus_seed": args.corpus_seed,
              "rounds": args.rounds, "agreement": [], "throughput": None}

    work = Path(tempfile.mkdtemp(prefix="tuanthu-opa-"))
    try:
        # The corpus.
        corpus_path = work / "corpus.ndjson"
        with open(corpus_path, "wb") as f:
            subprocess.run([str(tuanthu), "bench", "corpus", "--documents", str(args.documents),
                            "--seed", str(args.corpus_seed)], stdout=f, check=True)
        corpus = corpus_path.read_bytes()
        lines = ndjson_lines(corpus)
        report["corpus"] = {"dossiers": len(lines), "bytes": len(corpus), "sha256": hashlib.sha256(corpus).hexdigest()}
        log(f"corpus: {len(lines)} dossiers, {len(corpus):,} bytes")

        h = opa.new()
        opa.add_policy(h, "kl81.rego", rego)
        opa.add_data(h, {"config": {"as_of": args.as_of}})

        # Agreement.
        t_results = run_tuanthu_check(tuanthu, args, stdin_bytes=corpus)
        report["corpus"]["tuanthu_outcomes"] = outcome_histogram(t_results)
        sets = [("corpus", [(f"corpus line {i + 1}", l) for i, l in enumerate(lines)], t_results)]
        examples = sorted(args.examples.glob("*.json")) if args.examples.is_dir() else []
        if examples:
            by_file = {r["file"]: r for r in run_tuanthu_check(tuanthu, args, paths=[str(p) for p in examples])}
            sets.append(("Examples", [(p.name, p.read_bytes()) for p in examples], [by_file[str(p)] for p in examples]))
        if args.rules.is_dir():
            given = rule_test_dossiers(args.rules)
            if given:
                stream = b"\n".join(raw for _, raw in given) + b"\n"
                sets.append(("rule tests (given)", given, run_tuanthu_check(tuanthu, args, stdin_bytes=stream)))
        if args.mutants > 0:
            muts = mutants(lines, args.mutants, args.seed)
            stream = b"\n".join(raw for _, raw in muts) + b"\n"
            m_results = run_tuanthu_check(tuanthu, args, stdin_bytes=stream)
            sets.append((f"mutants (seed {args.seed})", muts, m_results))
        for name, items, results in sets:
            e = compare_sets(name, items, results, opa, h, report, args.show)
            e["tuanthu_outcomes"] = outcome_histogram(results)
            log(f"agreement, {name}: {e['agree']}/{e['rule_outcomes']} rule outcomes over {e['dossiers']} dossiers")
        all_agree = all(e["disagreements"] == 0 for e in report["agreement"])
        report["all_agree"] = all_agree

        # Throughput.
        if not args.no_bench:
            log("timing OPA ...")
            opa_s, opa_cpu = time_opa(opa, h, QUERY, lines, args.rounds)
            th = opa.new()
            opa.add_policy(th, "t.rego", "package t\n\nx := 1\n")
            call_empty, _ = time_opa(opa, th, b"data.t.x", [b""] * len(lines), args.rounds)
            call_input, _ = time_opa(opa, th, b"data.t.x", lines, args.rounds)
            n = len(lines)
            per_call = call_empty / n
            opa_raw = n / opa_s
            opa_adj = n / (opa_s - call_empty)
            # Rego evaluation alone: less the bridge and Go's decoding of the input too.
            opa_eval = n / (opa_s - call_input) if opa_s > call_input else None

            log("timing tuanthu ...")
            r = subprocess.run([str(tuanthu), "bench", "check", "--documents", str(args.documents),
                                "--rounds", str(args.rounds), "--format", "json"], stdout=subprocess.PIPE, check=True)
            bench = json.loads(r.stdout)
            engine_rate = bench["one_worker"]["dossiers_per_s"]
            cli_cmd = [str(tuanthu), "check", "-", "--format", "ndjson", "--jobs", "1", "--as-of", args.as_of,
                       "--output", "/dev/null"]
            cli_s = time_command(cli_cmd, corpus_path, args.rounds)
            cli_rate = n / cli_s
            report["throughput"] = {
                "opa": {"dossiers_per_s": round(opa_raw), "median_s": round(opa_s, 4), "cpu_per_wall": round(opa_cpu, 3),
                        "dossiers_per_s_less_bridge": round(opa_adj),
                        "dossiers_per_s_evaluation_only": round(opa_eval) if opa_eval else None,
                        "bridge_call_us": round(per_call * 1e6, 2),
                        "trivial_policy_with_dossier_input_us": round(call_input / n * 1e6, 2)},
                "tuanthu": {"engine_dossiers_per_s": engine_rate, "engine_bytes": bench.get("bytes"),
                            "load_ms": bench.get("load_ms"),
                            "cli_dossiers_per_s": round(cli_rate), "cli_median_s": round(cli_s, 4),
                            "cli": " ".join(cli_cmd[1:]) + " < corpus.ndjson"},
                "ratio": {"engine_vs_opa": round(engine_rate / opa_raw, 1),
                          "engine_vs_opa_less_bridge": round(engine_rate / opa_adj, 1),
                          "cli_vs_opa": round(cli_rate / opa_raw, 1),
                          "cli_vs_opa_less_bridge": round(cli_rate / opa_adj, 1),
                          "engine_vs_opa_evaluation_only": round(engine_rate / opa_eval, 1) if opa_eval else None},
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_text(report)
    return 0 if report["all_agree"] else 1


def print_text(rep):
    c = rep["corpus"]
    print(f"tuanthu vs {rep['opa']['engine']} ({rep['opa']['bridge']}, ctypes), as of {rep['as_of']}, "
          + (f"pinned to CPU {rep['cpu']}" if rep["cpu"] is not None else "not pinned")
          + f", GOMAXPROCS={rep['opa']['GOMAXPROCS']}")
    print(f"corpus: tuanthu bench corpus --documents {rep['documents']} --seed {rep.get('corpus_seed', 1)}: {c['dossiers']} dossiers, "
          f"{c['bytes']:,} bytes, sha256 {c['sha256'][:16]}")
    print()
    print("Agreement (every rule outcome, tuanthu check --format ndjson vs data.kl81.outcomes):")
    for e in rep["agreement"]:
        pct = 100.0 * e["agree"] / e["rule_outcomes"] if e["rule_outcomes"] else 100.0
        hist = ", ".join(f"{k} {v}" for k, v in sorted(e.get("tuanthu_outcomes", {}).items()))
        extra = f", {e['unreadable_both']} unreadable by both" if e["unreadable_both"] else ""
        dup = e["not_compared"]["tuanthu.duplicate-key"]
        extra += f", {dup} tuanthu.* checks not compared" if dup else ""
        print(f"  {e['set']:<24} {e['dossiers']:>6} dossiers {e['agree']:>8}/{e['rule_outcomes']:<8} agree "
              f"({pct:.2f} %){extra}   [{hist}]")
        for d in e["first_disagreements"]:
            print(f"      DISAGREE {d['dossier']} ({d['id']}) {d['rule']}: tuanthu {d['tuanthu']}, opa {d['opa']}")
    print("  => " + ("100 % agreement" if rep["all_agree"] else "DISAGREEMENTS"))
    t = rep["throughput"]
    if not t:
        return
    o, u, r = t["opa"], t["tuanthu"], t["ratio"]
    print()
    print(f"Throughput on one core, {c['dossiers']} dossiers, median of {rep['rounds']} rounds:")
    rows = [
        ("OPA, ctypes call per dossier (raw)", f"{o['dossiers_per_s']:,}", f"cpu/wall {o['cpu_per_wall']}"),
        ("OPA, less the bridge's per-call cost", f"{o['dossiers_per_s_less_bridge']:,}",
         f"bridge call {o['bridge_call_us']} us (trivial policy, no input)"),
        ("OPA, evaluation only (also less input decoding)", f"{o['dossiers_per_s_evaluation_only'] or 0:,}" if o['dossiers_per_s_evaluation_only'] else "n/a",
         f"trivial policy with the dossier as input: {o['trivial_policy_with_dossier_input_us']} us a call"),
        ("tuanthu engine (bench check, one worker)", f"{u['engine_dossiers_per_s']:,}", f"ruleset load {u['load_ms']} ms"),
        ("tuanthu CLI (check - --format ndjson --jobs 1)", f"{u['cli_dossiers_per_s']:,}",
         f"wall {u['cli_median_s']} s, process start and ruleset load included"),
    ]
    print(f"  {'':<48} {'dossiers/s':>12}")
    for a, b, note in rows:
        print(f"  {a:<48} {b:>12}   {note}")
    print("  (raw: OPA as a caller gets it through the bridge - JSON text in, JSON text out. 'less the bridge'")
    print("   subtracts a call of a trivial policy without input; 'evaluation only' subtracts a call of the trivial")
    print("   policy with the dossier as input, i.e. also Go's JSON decoding of the dossier, which tuanthu's own")
    print("   figures include: it is a lower bound of OPA's cost, shown so the reader can see where the time goes)")
    print()
    print(f"  ratio tuanthu engine / OPA raw:              {r['engine_vs_opa']}x")
    print(f"  ratio tuanthu engine / OPA less bridge:      {r['engine_vs_opa_less_bridge']}x")
    print(f"  ratio tuanthu CLI / OPA raw:                 {r['cli_vs_opa']}x")
    print(f"  ratio tuanthu CLI / OPA less bridge:         {r['cli_vs_opa_less_bridge']}x")
    print(f"  ratio tuanthu engine / OPA evaluation only:  {r['engine_vs_opa_evaluation_only']}x")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception as e:  # a setup problem, not a disagreement
        log(f"error: {type(e).__name__}: {e}")
        sys.exit(2)
