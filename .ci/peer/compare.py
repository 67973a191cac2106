#!/usr/bin/env python3
"""Peer comparison: tuanthu, OPA and regorus on the same dossiers and the same policy.

A benchmark, not a test: CI does not run it (.ci/run runs only the bundled
pack's OPA agreement). Run it through .ci/peer-compare.sh, which makes the
venv. It

  1. generates N ordinary project dossiers (.ci/peer/corpus.py, seeded) and
     takes a typical policy of 25 rules written twice: in tuanthu's language
     (.ci/peer/policy/*.rules) and in Rego (.ci/peer/policy.rego);
  2. checks every dossier with each engine and compares, per dossier, the
     rules that fail and the rules that are missing (cannot tell) with
     tuanthu's: the three outcomes fail / missing / neither (pass or not
     applicable) must be the same for every rule, tuanthu's schema checks
     (tuanthu.schema.*, tuanthu.invalid-date) included; the same on the
     `given` dossiers of the policy's tests;
  3. times each on one pinned core (GOMAXPROCS=1 for OPA), median of rounds:
       - tuanthu check, the whole command: `tuanthu check --jobs 1 --format
         ndjson --rules POLICY - < corpus.ndjson > /dev/null`, wall time, with
         process start, ruleset load, SHA-256 of each dossier and the output;
       - tuanthu's engine in-process (`tuanthu bench check --corpus FILE
         --rules POLICY`, one worker, no digest);
       - OPA v1.20.2 in-process: the Go library of the PyPI wheel
         opa-golib-python-bindings (as .ci/opa-compare.sh uses it), one
         prepared query per dossier through its C ABI (ctypes): JSON text in,
         JSON text out. That wheel is the only OPA build reachable here, so its
         bridge is what is timed (its per-call cost is printed apart);
       - regorus 0.13 (PyPI gordon-to-regorus) in-process, the interpreter:
         Engine.set_input_json + eval_rule_as_json per dossier;
       - regorus's RVM: the policy compiled once to bytecode
         (Program.compile_from_modules), then Rvm.set_input_json +
         execute_entry_point per dossier, on the 25 rules alone
         (data.peer.rule_outcomes): the RVM stops an evaluation after 25,000
         instructions, a limit its Python binding cannot raise, and the schema
         checks go over it on the larger dossiers (how many dossiers the whole
         policy ran on is printed); the interpreter is timed on the rules
         alone too, for comparison;
     only the loop over the dossiers is timed for the in-process engines (the
     dossiers already in memory, input setting included);
  4. prints one table: dossiers/s, MB/s (10^6 bytes of dossier JSON), the
     ratio of each to tuanthu's whole command, and the agreement counts.

Exit status: 0 when every engine agrees with tuanthu on every dossier, 1 on a
disagreement, 2 on a setup error.
"""

import argparse
import atexit
import ctypes
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

def _load_opa_compare():
    """.ci/opa/compare.py, which fetches OPA (pinned wheel, SHA-256) and drives it through ctypes."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("opa_compare", REPO / ".ci" / "opa" / "compare.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


opa_compare = _load_opa_compare()

QUERY = "data.peer.result"
# The 25 rules alone, without the schema checks: what regorus's RVM can run (below).
RULES_QUERY = "data.peer.rule_outcomes"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def die(msg):
    log(msg)
    sys.exit(2)


# ---------------------------------------------------------------------------
# Verdicts: per dossier, (sorted failing rules, sorted missing rules)


def tuanthu_verdicts(tuanthu, policy, corpus_path, as_of):
    cmd = [str(tuanthu), "check", "-", "--format", "ndjson", "--jobs", "1", "--rules", str(policy),
           "--as-of", as_of, "--fail-on", "never"]
    with open(corpus_path, "rb") as f:
        r = subprocess.run(cmd, stdin=f, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        die(f"error: {' '.join(cmd)} exited {r.returncode}:\n{r.stderr.decode(errors='replace')}")
    out = []
    for line in r.stdout.splitlines():
        d = json.loads(line)
        if d.get("outcome") == "error":
            out.append(("error", d.get("error")))
            continue
        fail = sorted(x["rule"] for x in d["rules"] if x["outcome"] == "fail")
        missing = sorted(x["rule"] for x in d["rules"] if x["outcome"] == "missing")
        out.append((fail, missing))
    return out


def rego_verdict(value):
    if not isinstance(value, dict) or "fail" not in value:
        return ("error", value)
    return (sorted(value["fail"]), sorted(value["missing"]))


def rules_only(verdict):
    """A verdict restricted to the policy's own rules (tuanthu's schema checks left out)."""
    if verdict[0] == "error":
        return verdict
    return tuple(sorted(r for r in rules if not r.startswith("tuanthu.")) for rules in verdict)


def outcomes_verdict(value):
    """(failing, missing) from an object rule id -> outcome."""
    if not isinstance(value, dict):
        return ("error", value)
    return (sorted(k for k, o in value.items() if o == "fail"), sorted(k for k, o in value.items() if o == "missing"))


class Engines:
    """The Rego engines, loaded with the policy."""

    def __init__(self, rego_source, opa_lib):
        import regorus  # from the venv of .ci/peer-compare.sh
        self.opa = opa_compare.Opa(opa_lib)
        self.opa_h = self.opa.new()
        self.opa.add_policy(self.opa_h, "policy.rego", rego_source)
        self.engine = regorus.Engine()
        self.engine.add_policy("policy.rego", rego_source)
        self.program = regorus.Program.compile_from_modules("{}", [("policy.rego", rego_source)], [QUERY, RULES_QUERY])
        self.vm = regorus.Rvm()
        self.vm.load_program(self.program)
        self.vm.set_data_json("{}")

    def opa_verdict(self, line: bytes):
        try:
            return rego_verdict(self.opa.eval(self.opa_h, QUERY.encode(), line))
        except opa_compare.EvalError as e:
            return ("error", str(e))

    def regorus_verdict(self, text: str, query=QUERY):
        try:
            self.engine.set_input_json(text)
            value = json.loads(self.engine.eval_rule_as_json(query))
            return rego_verdict(value) if query == QUERY else outcomes_verdict(value)
        except Exception as e:  # regorus raises RuntimeError with a backtrace
            return ("error", str(e).split("Stack backtrace")[0].strip())

    def rvm_verdict(self, text: str, query=RULES_QUERY):
        try:
            self.vm.set_input_json(text)
            value = json.loads(self.vm.execute_entry_point(query))
            return rego_verdict(value) if query == QUERY else outcomes_verdict(value)
        except Exception as e:
            return ("error", str(e).split("Stack backtrace")[0].strip())


def differences(t, o):
    """What differs between tuanthu's verdict t and an engine's o, as text."""
    if t[0] == "error" or o[0] == "error":
        return f"tuanthu {t}, engine {o}"
    parts = []
    for kind, a, b in (("fail", t[0], o[0]), ("missing", t[1], o[1])):
        only_t, only_o = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        if only_t:
            parts.append(f"{kind} only in tuanthu: {', '.join(only_t)}")
        if only_o:
            parts.append(f"{kind} only in the engine: {', '.join(only_o)}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------
# Timing


def median_loop(fn, items, rounds):
    """Median seconds of one pass of fn over items, after a warm-up pass."""
    for x in items:
        fn(x)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for x in items:
            fn(x)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_command(cmd, stdin_path, rounds):
    times = []
    for i in range(rounds + 1):
        with open(stdin_path, "rb") as f:
            t0 = time.perf_counter()
            r = subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            t1 = time.perf_counter()
        if r.returncode not in (0, 1):
            die(f"error: {' '.join(cmd)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        if i > 0:  # the first run warms the page cache
            times.append(t1 - t0)
    return statistics.median(times)


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\nExit status")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tuanthu", type=Path, default=REPO / ".build/release/tuanthu", help="the tuanthu binary")
    ap.add_argument("--documents", type=int, default=2000, help="dossiers in the corpus (default 2000)")
    ap.add_argument("--quick", action="store_true", help="a small run: 200 dossiers, 3 rounds")
    ap.add_argument("--seed", type=int, default=1, help="seed of the corpus (default 1)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds, median reported (default 5)")
    ap.add_argument("--as-of", default="2026-11-29", help="tuanthu's --as-of (the policy reads no today())")
    ap.add_argument("--policy", type=Path, default=HERE / "policy", help="the tuanthu policy (default .ci/peer/policy)")
    ap.add_argument("--rego", type=Path, default=HERE / "policy.rego", help="the same policy in Rego")
    ap.add_argument("--opa-cache", type=Path, default=REPO / ".build/peer-venv/opa",
                    help="where the OPA wheel is downloaded (default .build/peer-venv/opa)")
    ap.add_argument("--cpu", type=int, default=None, help="the CPU to pin to (default: the last one allowed)")
    ap.add_argument("--no-bench", action="store_true", help="agreement only, no timing")
    ap.add_argument("--show", type=int, default=10, help="disagreements listed per engine (default 10)")
    ap.add_argument("--format", choices=["text", "json"], default="text", help="report format (default text)")
    args = ap.parse_args()
    if args.quick:
        args.documents, args.rounds = 200, 3

    # One core: the Go runtime reads GOMAXPROCS when the library loads.
    if os.environ.get("GOMAXPROCS") != "1":
        os.environ["GOMAXPROCS"] = "1"
        os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve())] + sys.argv[1:])
    cpu = args.cpu if args.cpu is not None else sorted(os.sched_getaffinity(0))[-1]
    os.sched_setaffinity(0, {cpu})  # inherited by tuanthu and by the engines' threads

    tuanthu = args.tuanthu.resolve()
    if not tuanthu.exists():
        die(f"error: no tuanthu binary at {tuanthu}")
    rego_source = args.rego.read_text(encoding="utf-8")
    engines = Engines(rego_source, opa_compare.fetch_library(args.opa_cache.resolve()))

    work = Path(tempfile.mkdtemp(prefix="tuanthu-peer-"))
    atexit.register(shutil.rmtree, work, True)
    corpus_path = work / "corpus.ndjson"
    with open(corpus_path, "wb") as f:
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--documents", str(args.documents), "--seed", str(args.seed)],
                       stdout=f, check=True)
    corpus = corpus_path.read_bytes()
    lines = [l for l in corpus.split(b"\n") if l.strip()]
    texts = [l.decode("utf-8") for l in lines]
    n, size = len(lines), len(corpus)
    log(f"corpus: {n} dossiers, {size:,} bytes")

    # Agreement.
    t_verdicts = tuanthu_verdicts(tuanthu, args.policy, corpus_path, args.as_of)
    if len(t_verdicts) != n:
        die(f"error: tuanthu gave {len(t_verdicts)} results for {n} dossiers")
    failing = sum(1 for v in t_verdicts if v[0] == "error" or v[0] or v[1])
    # name -> (verdict of one dossier, its input form, whether only the 25 rules are compared)
    checks = {
        "opa": (engines.opa_verdict, lines, False),
        "regorus": (engines.regorus_verdict, texts, False),
        "regorus-rules": (lambda x: engines.regorus_verdict(x, RULES_QUERY), texts, True),
        "regorus-rvm-rules": (engines.rvm_verdict, texts, True),
    }
    agreement = {}
    for name, (verdict, items, only_rules) in checks.items():
        bad = []
        for i, x in enumerate(items):
            v, t = verdict(x), t_verdicts[i]
            if only_rules:
                t = rules_only(t)
            if v != t:
                bad.append({"line": f"line {i + 1}", "id": json.loads(lines[i]).get("id"), "differs": differences(t, v)})
        agreement[name] = {"agree": n - len(bad), "dossiers": n, "rules_only": only_rules, "disagreements": bad}
        log(f"agreement, {name}: {n - len(bad)}/{n}")
    # The same on the `given` dossiers of the policy's own tests (edge cases: a
    # value absent, null, of the wrong type, outside its list).
    given = opa_compare.rule_test_dossiers(args.policy)
    given_path = work / "given.ndjson"
    given_path.write_bytes(b"".join(raw + b"\n" for _, raw in given))
    g_verdicts = tuanthu_verdicts(tuanthu, args.policy, given_path, args.as_of)
    for name, (verdict, _, only_rules) in checks.items():
        bad = []
        for (where, raw), t in zip(given, g_verdicts):
            v = verdict(raw if name == "opa" else raw.decode("utf-8"))
            t = rules_only(t) if only_rules else t
            if v != t:
                bad.append({"line": where, "id": None, "differs": differences(t, v)})
        agreement[name]["tests_agree"] = len(given) - len(bad)
        agreement[name]["tests"] = len(given)
        agreement[name]["disagreements"] += bad
        log(f"agreement on the policy's test dossiers, {name}: {len(given) - len(bad)}/{len(given)}")

    # The RVM on the whole policy: regorus 0.13's RVM stops an evaluation after
    # 25,000 instructions, a limit its Python binding cannot raise (Rust's
    # RegoVM::set_max_instructions is not exposed); say on how many it ran.
    rvm_whole = 0
    for x in texts:
        if engines.rvm_verdict(x, QUERY)[0] != "error":
            rvm_whole += 1

    report = {"format": "tuanthu-peer-compare/1", "documents": n, "bytes": size, "sha256": hashlib.sha256(corpus).hexdigest(),
              "seed": args.seed, "rounds": args.rounds, "cpu": cpu, "tuanthu": str(tuanthu),
              "dossiers_with_findings": failing, "agreement": agreement, "rows": None,
              "rvm_whole_policy_evaluated": rvm_whole}

    if not args.no_bench:
        cli_cmd = [str(tuanthu), "check", "--jobs", "1", "--format", "ndjson", "--rules", str(args.policy),
                   "--as-of", args.as_of, "-"]
        log("timing tuanthu check ...")
        cli_s = median_command(cli_cmd, corpus_path, args.rounds)
        log("timing tuanthu's engine (bench check --corpus) ...")
        r = subprocess.run([str(tuanthu), "bench", "check", "--corpus", str(corpus_path), "--rules", str(args.policy),
                            "--rounds", str(args.rounds), "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            die(f"error: tuanthu bench check --corpus exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        engine_s = json.loads(r.stdout)["one_worker"]["median_ns"] / 1e9
        log("timing OPA ...")
        query = QUERY.encode()
        opa_s = median_loop(lambda x: engines.opa.eval_raw(engines.opa_h, query, x), lines, args.rounds)
        # The bridge's own cost per call: a trivial policy, no input.
        th = engines.opa.new()
        engines.opa.add_policy(th, "t.rego", "package t\n\nx := 1\n")
        bridge_s = median_loop(lambda x: engines.opa.eval_raw(th, b"data.t.x", b""), lines, args.rounds)
        log("timing regorus ...")
        e, vm = engines.engine, engines.vm
        reg_s = median_loop(lambda x: (e.set_input_json(x), e.eval_rule_as_json(QUERY)), texts, args.rounds)
        reg_rules_s = median_loop(lambda x: (e.set_input_json(x), e.eval_rule_as_json(RULES_QUERY)), texts, args.rounds)
        rvm_s = median_loop(lambda x: (vm.set_input_json(x), vm.execute_entry_point(RULES_QUERY)), texts, args.rounds)
        rows = [
            ("tuanthu check, whole command", "tuanthu check --jobs 1 --format ndjson - < corpus.ndjson", cli_s, None),
            ("tuanthu engine, in-process", "tuanthu bench check --corpus (one worker, no digest)", engine_s, None),
            ("regorus interpreter, in-process", "Engine.set_input_json + eval_rule_as_json", reg_s, "regorus"),
            ("OPA 1.20.2, in-process", "prepared query through the wheel's C ABI", opa_s, "opa"),
            ("regorus interpreter, 25 rules only*", "the same, data.peer.rule_outcomes", reg_rules_s, "regorus-rules"),
            ("regorus RVM, 25 rules only*", "Rvm.set_input_json + execute_entry_point", rvm_s, "regorus-rvm-rules"),
        ]
        report["rows"] = [{"engine": a, "how": b, "seconds": round(sec, 4), "dossiers_per_s": round(n / sec),
                           "mb_per_s": round(size / 1e6 / sec, 1), "vs_tuanthu_check": round(cli_s / sec, 3),
                           "agreement": None if k is None else
                           f"{agreement[k]['agree']}/{n}, tests {agreement[k]['tests_agree']}/{agreement[k]['tests']}"}
                          for a, b, sec, k in rows]
        report["opa_bridge_call_us"] = round(bridge_s / n * 1e6, 1)

    if args.format == "json":
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print_text(report, args.show)
    return 0 if all(not a["disagreements"] for a in agreement.values()) else 1


def print_text(rep, show):
    n = rep["documents"]
    print(f"Peer comparison: {n} dossiers ({rep['bytes'] / 1e6:.1f} MB, .ci/peer/corpus.py --seed {rep['seed']}, "
          f"sha256 {rep['sha256'][:16]}), {rep['dossiers_with_findings']} with findings; "
          f"the 25-rule policy of .ci/peer; one core (CPU {rep['cpu']}); median of {rep['rounds']} rounds")
    print()
    if rep["rows"]:
        print(f"| {'engine':<36} | {'dossiers/s':>10} | {'MB/s':>6} | {'ratio':>6} | {'agreement':>22} |")
        print(f"|{'-' * 38}|{'-' * 11}:|{'-' * 7}:|{'-' * 7}:|{'-' * 23}:|")
        for r in rep["rows"]:
            agree = r["agreement"] or "(reference)"
            print(f"| {r['engine']:<36} | {r['dossiers_per_s']:>10,} | {r['mb_per_s']:>6} | {r['vs_tuanthu_check']:>5}x | {agree:>22} |")
        print()
        print("ratio: the engine's dossiers/s over tuanthu check's (the whole command, process start, ruleset load,")
        print("SHA-256 and NDJSON output included; the in-process rows time only their loop over dossiers in memory).")
        print(f"OPA's C-ABI bridge alone costs {rep['opa_bridge_call_us']} us a call (a trivial policy, no input).")
        print("agreement: dossiers on which the engine's failing and missing rules are tuanthu's, in the corpus and")
        print("among the `given` dossiers of the policy's tests.")
        print("* without the schema checks (the rows above them validate every dossier, as tuanthu does): regorus 0.13's")
        print("  RVM stops an evaluation after 25,000 instructions and its Python binding cannot raise the limit; the")
        print(f"  whole policy ran on {rep['rvm_whole_policy_evaluated']}/{n} dossiers in the RVM. Compared on P01-P25 only.")
    else:
        for k, a in rep["agreement"].items():
            print(f"agreement, {k}: {a['agree']}/{a['dossiers']}")
    for k, a in rep["agreement"].items():
        for d in a["disagreements"][:show]:
            print(f"DISAGREE {k}: {d['line']} ({d['id']}): {d['differs']}")
    all_agree = all(not a["disagreements"] for a in rep["agreement"].values())
    tests = next(iter(rep["agreement"].values()))["tests"]
    print("=> " + (f"every engine agrees with tuanthu on {n}/{n} dossiers and on the {tests} test dossiers of the policy"
                   if all_agree else "DISAGREEMENTS"))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except Exception as e:
        log(f"error: {type(e).__name__}: {str(e).split('Stack backtrace')[0].strip()}")
        sys.exit(2)
