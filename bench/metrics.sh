#!/usr/bin/env bash
# Indicator benchmark: ≈2,000,000 generated cases over three years; every indicator for every
# court by month with 同比 and 环比 in Docket's engine, then 22 of them with DuckDB's SQL over the
# same facts (the Python package from PyPI, installed in a virtualenv under the bench directory).
# Usage: bench/metrics.sh [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-2000000}
work=${BENCH_DIR:-/tmp/docket-metrics-bench}
mkdir -p "$work"
cargo build --release -p docket --example metrics_bench --quiet
target/release/examples/metrics_bench "$cases" "$work" | tee "$work/docket.txt"
if ! python3 -c 'import duckdb' 2>/dev/null; then
  [ -x "$work/venv/bin/python" ] || python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet duckdb
  py="$work/venv/bin/python"
else
  py=python3
fi
"$py" bench/metrics_duckdb.py "$work" | tee "$work/duckdb.txt"
docket_ms=$(sed -n 's/^docket:.*median \([0-9.]*\) ms.*/\1/p' "$work/docket.txt" | head -1)
rows_ms=$(sed -n 's/^docket, passing over the rows:.*median \([0-9.]*\) ms.*/\1/p' "$work/docket.txt" | head -1)
duck_ms=$(sed -n 's/^DUCKDB_MS=//p' "$work/duckdb.txt")
python3 -c "print(f'ratio: DuckDB / Docket = {float($duck_ms)/float($docket_ms):.1f}x (from the month cube); {float($duck_ms)/float($rows_ms):.1f}x passing over the rows')"
