#!/usr/bin/env bash
# Web load benchmark: p99 latency of 首页, 我的案件, 案件详情 and 案件查询 (a party's name, a 案号
# prefix; PAGES=name_all with the courts below, PAGES=list the court's latest cases without a
# text) at 50 concurrent connections
# (wrk, from Debian's packages) against `docket serve` on the province demo, on SQLite and on
# PostgreSQL.
#
#   bench/web.sh [CASES] [COURTS]        defaults: 1006000 cases, 38 basic courts
#
# The databases are kept (/tmp/docket-web-bench.db and the PostgreSQL database docket_web_bench)
# and reused by later runs; delete them to regenerate. PostgreSQL comes from DOCKET_TEST_PG_URL or
# is started with .ci/pg-up (SKIP_PG=1 measures SQLite only, SKIP_SQLITE=1 PostgreSQL only).
# 50 judges of different courts sign in, each with their own session; the 50 connections take
# them in turn, so every page is measured across users and courts, not one user's cached page.
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

# The demo's judge accounts, spread over the courts (every seventh by name).
judges() {
  local url=$1 q="SELECT username FROM accounts WHERE role = 'judge' ORDER BY username"
  case $url in
    postgres*) psql "$url" -At -c "$q" ;;
    *) python3 -c "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(\"$q\")]" "$url" ;;
  esac | awk 'NR % 7 == 1'
}

# Party names to search for: 200 of them, spread over the table.
names() {
  local url=$1 q="SELECT name FROM parties WHERE kind = 'person' AND idx % 97 = 0 LIMIT 200"
  case $url in
    postgres*) psql "$url" -At -c "$q" ;;
    *) python3 -c "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(\"$q\")]" "$url" ;;
  esac
}

run() {
  local url=$1 label=$2
  "$bin" --db "$url" serve --listen "127.0.0.1:$port" > "/tmp/docket-web-bench-$label.log" 2>&1 &
  server=$!
  local started=$SECONDS
  until curl -sf "http://127.0.0.1:$port/login" >/dev/null; do sleep 1; done
  echo "== $label: serving after $((SECONDS - started)) s (indicator engine loaded)"
  # 50 users: judges spread over the courts, each signed in with their own session, each with a
  # case of their own for 案件详情; wrk's 50 connections take them in turn, request by request.
  local lua=/tmp/docket-web-bench-$label.lua
  {
    echo 'local cookies, cases, prefixes, names = {}, {}, {}, {}'
    names "$url" | while read -r name; do
      echo "names[#names + 1] = '$(python3 -c "import sys,urllib.parse as u; print(u.quote(sys.argv[1]))" "$name")'"
    done
    local n=0 user cookie case_path
    for user in $(judges "$url"); do
      cookie=$(curl -s -D - -o /dev/null --data-urlencode "username=$user" -d 'password=docket-demo' \
        "http://127.0.0.1:$port/login" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r' || true)
      [ -n "$cookie" ] || continue
      case_path=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/my" | grep -m1 -o 'href="/cases/[^"]*"' \
        | sed 's/href="//; s/"$//' || true)
      [ -n "$case_path" ] || continue
      echo "cookies[#cookies + 1] = '$cookie'; cases[#cases + 1] = '$case_path'"
      # A 案号 prefix: the user's case number without its last digit and 号 (e.g. （2025）内0203民初12).
      echo "prefixes[#prefixes + 1] = '$(python3 -c "import sys,urllib.parse as u; n=u.unquote(sys.argv[1].rsplit('/',1)[1]); print(u.quote(n[:-2]))" "$case_path")'"
      n=$((n + 1))
      [ "$n" -lt 50 ] || break
    done
    cat <<'LUA'
local page = os.getenv("PAGE")
local i = math.random(#cookies)
request = function()
  i = i % #cookies + 1
  local path = page
  if page == "case" then path = cases[i] end
  if page == "name" then path = "/api/v1/cases?q=" .. names[math.random(#names)] end
  if page == "name_all" then path = "/api/v1/cases?rollup=true&q=" .. names[math.random(#names)] end
  if page == "prefix" then path = "/api/v1/cases?q=" .. prefixes[i] end
  if page == "list" then path = "/api/v1/cases" end
  return wrk.format("GET", path, { ["Cookie"] = cookies[i] })
end
LUA
  } > "$lua"
  echo "== $label: $(grep -c '^cookies' "$lua") judges signed in, one session each"
  for page in ${PAGES:-/ /my case name prefix}; do
    local name
    case $page in /) name="首页";; /my) name="我的案件";; case) name="案件详情";; name) name="查询:当事人";; name_all) name="查询:当事人(含下级)";; list) name="案件列表";; *) name="查询:案号";; esac
    PAGE=$page wrk -t2 -c50 -d5s -s "$lua" "http://127.0.0.1:$port" > /dev/null   # warm every user's caches
    PAGE=$page wrk -t2 -c50 -d"$duration" --latency -s "$lua" "http://127.0.0.1:$port" > /tmp/wrk.out
    printf '%s %-8s p50 %s  p99 %s  %s req/s\n' "$label" "$name" \
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
