#!/usr/bin/env bash
# Scale-out on Apache Spark, tested (README "Scaling out"): a generated corpus
# split into partitions on local[2], each piped through
# `tuanthu check - --mapper --format ndjson`, must give exactly the records of
# one single-process run — same id, same outcome, same findings, none lost or
# duplicated — a broken line included. See .ci/spark/check_on_spark.py --help.
#
#   .ci/spark.sh                         2,000 dossiers in 4 partitions
#   .ci/spark.sh --documents 500 --partitions 6
#
# Uses .build/debug/tuanthu ($TUANTHU overrides it). pyspark is installed from
# PyPI into .build/spark/venv on first use and kept there. Without `java` the
# test is skipped with a notice (exit 0); exit 1 when the runs disagree, 2 on
# a setup error.
set -euo pipefail
cd "$(dirname "$0")/.."

tuanthu="${TUANTHU:-.build/debug/tuanthu}"
if [[ ! -x "$tuanthu" ]]; then
  echo "spark: building $tuanthu (swift build)" >&2
  swift build >&2
fi
if ! command -v java > /dev/null 2>&1; then
  echo "spark: SKIPPED — \`java\` is not installed; pyspark needs a Java runtime (17)"
  exit 0
fi

venv=.build/spark/venv
pyspark_version=3.5.3
if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" > /dev/null 2>&1; then
  echo "spark: installing pyspark $pyspark_version from PyPI into $venv" >&2
  python3 -m venv "$venv" >&2 || exit 2
  "$venv/bin/pip" install --quiet "pyspark==$pyspark_version" >&2 || exit 2
fi

exec "$venv/bin/python" .ci/spark/check_on_spark.py --tuanthu "$tuanthu" "$@"
