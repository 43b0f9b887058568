#!/usr/bin/env bash
# 类案检索 benchmark: the demo's documents of a generated province (≈200,000 judgments, rulings
# and mediation documents; the published ones anonymised) in a tantivy index on disk; then 50
# users searching at once as the web does (关键词, 关键词 with a 案由, 相似案件), each a judge of
# one basic court. Three runs: one user (the time a query takes), 50 users pausing THINK_MS
# between queries (5000 and 1000 ms: reading the results), and 50 users not pausing at all (the
# machine saturated). Usage: bench/search.sh [DOCS]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-200000}
cargo build --release -p docket --example search_bench --quiet
bin=target/release/examples/search_bench
"$bin" "$docs" 1 1000 0
"$bin" "$docs" 50 16 5000 | tail -6
"$bin" "$docs" 50 40 1000 | tail -6
"$bin" "$docs" 50 100 0 | tail -6
