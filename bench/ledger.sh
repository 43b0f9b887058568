#!/usr/bin/env bash
# Merkle log benchmark: appends LEAVES log entries (default 10,000,000) with the tree kept current,
# then times inclusion and consistency proofs at that size; on SQLite, then PostgreSQL.
# Usage: bench/ledger.sh [LEAVES]    (SKIP_SQLITE=1 / SKIP_PG=1 to run one backend)
set -euo pipefail
cd "$(dirname "$0")/.."
leaves=${1:-10000000}
work=${BENCH_DIR:-/tmp/docket-ledger-bench}
mkdir -p "$work"
cargo build --release -p docket-store --example ledger_bench --quiet
bin=target/release/examples/ledger_bench
if [ -z "${SKIP_SQLITE:-}" ]; then
  echo "== SQLite"
  rm -f "$work/ledger.db"*
  $bin "$work/ledger.db" "$leaves"
  du -h "$work/ledger.db" | cut -f1 | sed 's/^/database size: /'
  rm -f "$work/ledger.db"*
fi
if [ -z "${SKIP_PG:-}" ]; then
  echo "== PostgreSQL"
  url=${DOCKET_TEST_PG_URL:-$(.ci/pg-up)}
  db="docket_ledger_bench_$$"
  psql "$url" -qc "CREATE DATABASE $db" >/dev/null
  trap 'psql "$url" -qc "DROP DATABASE IF EXISTS $db" >/dev/null' EXIT
  $bin "${url%/*}/$db" "$leaves"
  psql "$url" -Atc "SELECT pg_size_pretty(pg_database_size('$db'))" | sed 's/^/database size: /'
fi
