#!/usr/bin/env python3
"""tuanthu on Apache Spark, checked against a single-process run.

Generates a corpus with `tuanthu bench corpus`, puts one broken line in it,
splits it into partitions on local[2], pipes each partition through
`tuanthu check - --mapper --format ndjson` (RDD.pipe, exit code checked), and
asserts that the merged records equal those of one `tuanthu check -` run over
the whole corpus: the same records by dossier id (none lost, none duplicated),
each with the same outcome, verdict, rule outcomes and findings. Only the
place of a record in its input differs (`line`, each finding's line and each
evidence value's), since each partition counts its own lines.

Prints partitions, records, agreement and time. Exit 0 on full agreement,
1 on any difference, 2 on a setup error.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import time

AS_OF = "2026-11-29"
BROKEN = '{"id": "BROKEN-LINE", "kind": "investment_project",'


def command(tuanthu, rules):
    return [tuanthu, "check", "-", "--mapper", "--format", "ndjson", "--jobs", "1",
            "--as-of", AS_OF, "--rules", rules]


def normalised(record):
    """A record without its place in the input, which each partition counts
    from 1: its `line`, each finding's `line` and each evidence value's
    `line`, and a line number quoted in a message ("first at line 4" of a
    duplicate key). Columns and all else stay."""
    r = dict(record)
    r.pop("line", None)

    def placeless(f):
        f = {k: v for k, v in f.items() if k != "line"}
        if "evidence" in f:
            f["evidence"] = [{k: v for k, v in e.items() if k != "line"} for e in f["evidence"]]
        return f

    r["findings"] = [placeless(f) for f in r.get("findings", [])]
    return re.sub(r"(line|dòng) [0-9]+", r"\1 N", json.dumps(r, sort_keys=True, ensure_ascii=False))


def key(record):
    if record.get("id") is not None:
        return record["id"]
    error = record.get("error") or {}
    return "<no id: %s>" % error.get("code")


def by_key(records, where):
    out = {}
    duplicated = []
    for r in records:
        k = key(r)
        if k in out:
            duplicated.append(k)
        out[k] = normalised(r)
    if duplicated:
        print("spark: %d duplicated record(s) in the %s run, e.g. %s" % (len(duplicated), where, duplicated[:3]))
    return out, duplicated


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tuanthu", default=".build/debug/tuanthu")
    parser.add_argument("--rules", default="Rules/kl81-cantho")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.partitions < 4:
        parser.error("--partitions must be at least 4")
    tuanthu = os.path.abspath(args.tuanthu)
    rules = os.path.abspath(args.rules)

    corpus = subprocess.run([tuanthu, "bench", "corpus", "--documents", str(args.documents), "--seed", str(args.seed)],
                            check=True, capture_output=True).stdout.decode("utf-8").splitlines()
    if len(corpus) != args.documents:
        print("spark: the corpus has %d lines, expected %d" % (len(corpus), args.documents))
        return 2
    # A broken line in the middle of the first partition: it must come out as
    # one unreadable record, and the rest of its partition must still be checked.
    lines = corpus[:]
    lines.insert(len(lines) // args.partitions // 2, BROKEN)

    started = time.monotonic()
    single = subprocess.run(command(tuanthu, rules), input="\n".join(lines).encode("utf-8") + b"\n", capture_output=True)
    single_seconds = time.monotonic() - started
    if single.returncode != 0:
        print("spark: the single-process run exited %d: %s" % (single.returncode, single.stderr.decode()[:500]))
        return 1
    single_records = [json.loads(l) for l in single.stdout.decode("utf-8").splitlines()]

    from pyspark import SparkConf, SparkContext
    conf = (SparkConf().setMaster("local[2]").setAppName("tuanthu-check")
            .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1").set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        rdd = sc.parallelize(lines, args.partitions)
        sizes = rdd.glom().map(len).collect()
        started = time.monotonic()
        # checkCode: a partition whose process exits non-zero fails the job (the
        # mapper's exit is 0 even with a broken line).
        piped = rdd.pipe(" ".join(shlex.quote(a) for a in command(tuanthu, rules)), checkCode=True).collect()
        spark_seconds = time.monotonic() - started
    finally:
        sc.stop()
    spark_records = [json.loads(l) for l in piped]

    single_map, single_dups = by_key(single_records, "single-process")
    spark_map, spark_dups = by_key(spark_records, "Spark")
    lost = sorted(set(single_map) - set(spark_map))
    extra = sorted(set(spark_map) - set(single_map))
    differ = sorted(k for k in set(single_map) & set(spark_map) if single_map[k] != spark_map[k])
    agreeing = len(set(single_map) & set(spark_map)) - len(differ)
    broken = [r for r in spark_records if r.get("outcome") == "error"]

    print("spark: %d partitions on local[2] (records per partition: %s)" % (len(sizes), ", ".join(map(str, sizes))))
    print("spark: %d input lines (%d dossiers + 1 broken line); records: %d single-process, %d Spark"
          % (len(lines), len(corpus), len(single_records), len(spark_records)))
    print("spark: agreement %.1f %% (%d of %d records by id: same outcome, verdict, rule outcomes and findings); "
          "%d lost, %d extra, %d duplicated, %d different; unreadable records: %d"
          % (100.0 * agreeing / max(1, len(single_map)), agreeing, len(single_map), len(lost), len(extra),
             len(spark_dups) + len(single_dups), len(differ), len(broken)))
    print("spark: time %.1f s through Spark (%.0f dossiers/s), %.1f s in one process (%.0f dossiers/s)"
          % (spark_seconds, len(lines) / spark_seconds, single_seconds, len(lines) / single_seconds))
    ok = (not lost and not extra and not differ and not spark_dups and not single_dups
          and len(spark_records) == len(lines) and len(broken) == 1 and len(sizes) >= 4)
    if not ok:
        for k in (lost + extra + differ)[:3]:
            print("  e.g. %s:\n    single: %s\n    spark:  %s" % (k, single_map.get(k, "-")[:300], spark_map.get(k, "-")[:300]))
        print("spark: FAILED — the Spark run does not give the single-process records")
        return 1
    print("spark: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
