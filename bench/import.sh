#!/usr/bin/env bash
# Import benchmark: generates a court system of about 1,000,000 events with the demo generator,
# then times `docket import` of it into a fresh SQLite database and a fresh PostgreSQL database.
# Usage: bench/import.sh [CASES]   (default 175000 cases ≈ 1,000,000 events)
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-175000}
work=${BENCH_DIR:-/tmp/docket-bench}
rm -rf "$work" && mkdir -p "$work"
cargo build --release -p docket --quiet
bin=target/release/docket

$bin demo --cases "$cases" --courts 12 --export "$work/court.jsonl" --export-only
events=$(grep -c '"kind":"event"' "$work/court.jsonl")
echo "file: $(wc -l < "$work/court.jsonl") lines, $events events, $(du -h "$work/court.jsonl" | cut -f1)"

echo "== SQLite"
$bin --db "sqlite://$work/bench.db" import "$work/court.jsonl"

echo "== PostgreSQL"
url=${DOCKET_TEST_PG_URL:-$(.ci/pg-up)}
db="docket_bench_$$"
psql "$url" -qc "CREATE DATABASE $db" >/dev/null
pg_url="${url%/*}/$db"
$bin --db "$pg_url" --log-key "$work/pg.log-key" import "$work/court.jsonl"
psql "$url" -qc "DROP DATABASE $db" >/dev/null
