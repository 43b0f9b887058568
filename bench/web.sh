#!/usr/bin/env bash
# Web load benchmark: p99 latency of 首页, 我的案件 and 案件详情 at 50 concurrent connections
# (wrk, from Debian's packages) against `docket serve` on the province demo, on SQLite and on
# PostgreSQL.
#
#   bench/web.sh [CASES] [COURTS]        defaults: 1006000 cases, 38 basic courts
#
# The databases are kept (/tmp/docket-web-bench.db and the PostgreSQL database docket_web_bench)
# and reused by later runs; delete them to regenerate. PostgreSQL comes from DOCKET_TEST_PG_URL or
# is started with .ci/pg-up (SKIP_PG=1 measures SQLite only, SKIP_SQLITE=1 PostgreSQL only). Every request is signed in as one judge of 内0203 (nm0203-j002).
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1006000}
courts=${2:-38}
duration=${DURATION:-20s}
port=18090
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q -p docket
bin=target/release/docket
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT

run() {
  local url=$1 label=$2
  "$bin" --db "$url" serve --listen "127.0.0.1:$port" > "/tmp/docket-web-bench-$label.log" 2>&1 &
  server=$!
  local started=$SECONDS
  until curl -sf "http://127.0.0.1:$port/login" >/dev/null; do sleep 1; done
  echo "== $label: serving after $((SECONDS - started)) s (indicator engine loaded)"
  local cookie
  cookie=$(curl -s -D - -o /dev/null -d 'username=nm0203-j002&password=docket-demo' "http://127.0.0.1:$port/login" \
    | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
  local case_path
  case_path=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/my" | grep -m1 -o 'href="/cases/[^"]*"' | sed 's/href="//; s/"$//')
  for path in / /my "$case_path"; do
    local name
    case $path in /) name="首页";; /my) name="我的案件";; *) name="案件详情";; esac
    curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port$path"   # warm
    wrk -t2 -c50 -d"$duration" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$path" > /tmp/wrk.out
    printf '%s %-8s %s  p50 %s  p99 %s  %s req/s\n' "$label" "$name" "$path" \
      "$(awk '/^ +50%/ {print $2}' /tmp/wrk.out)" "$(awk '/^ +99%/ {print $2}' /tmp/wrk.out)" \
      "$(awk '/Requests\/sec/ {print $2}' /tmp/wrk.out)"
    if grep -q "Non-2xx" /tmp/wrk.out; then grep "Non-2xx" /tmp/wrk.out; fi
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

sqlite=/tmp/docket-web-bench.db
if [ "${SKIP_SQLITE:-0}" = 1 ]; then :; elif [ ! -f "$sqlite" ]; then
  echo "== generating the province demo into $sqlite"
  "$bin" --db "$sqlite" demo --cases "$cases" --courts "$courts" --no-serve | tail -3
fi
[ "${SKIP_SQLITE:-0}" = 1 ] || run "$sqlite" sqlite
[ "${SKIP_PG:-0}" = 1 ] && exit 0

pg=${DOCKET_TEST_PG_URL:-$(.ci/pg-up)}
pgdb="${pg%/*}/docket_web_bench"
if ! psql "$pgdb" -c 'select 1' >/dev/null 2>&1; then
  psql "$pg" -qc 'CREATE DATABASE docket_web_bench'
  echo "== generating the province demo into PostgreSQL"
  "$bin" --db "$pgdb" demo --cases "$cases" --courts "$courts" --no-serve | tail -3
fi
run "$pgdb" postgres
