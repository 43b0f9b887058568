#!/usr/bin/env bash
# 诉讼服务 load benchmark: p50/p99 of a party's case page (/portal/cases/{案号}: the case replayed
# from its log, said in plain words, its served documents, fee and evidence) at 50 concurrent
# connections (wrk) against `docket serve` on the province demo in SQLite. 50 parties of cases in
# different courts get a portal account (`docket user add-portal`, linked by their ID number) and
# sign in, each with their own session; the connections take them in turn, request by request.
#
#   bench/portal.sh [CASES] [COURTS]        defaults: 1006000 cases, 38 basic courts
#
# The database (/tmp/docket-web-bench.db, shared with bench/web.sh) is kept and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1006000}
courts=${2:-38}
duration=${DURATION:-20s}
port=18091
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q -p docket
bin=target/release/docket
db=/tmp/docket-web-bench.db
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null || true' EXIT
if [ ! -f "$db" ]; then
  echo "== generating the province demo into $db"
  "$bin" --db "$db" demo --cases "$cases" --courts "$courts" --no-serve | tail -3
fi
# 50 persons with an ID number, first party of a case, spread over the courts; an account each.
python3 - "$db" > /tmp/docket-portal-bench.parties <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
seen, out = set(), []
for number, name, court in db.execute(
    "SELECT id_number, name, court FROM parties WHERE kind = 'person' AND idx = 0 AND id_number IS NOT NULL "
    "AND rowid % 211 = 0 ORDER BY court, case_no"):
    if number in seen or sum(1 for o in out if o[2] == court) >= 2:
        continue
    seen.add(number)
    out.append((number, name, court))
for i, (number, name, court) in enumerate(out[:50]):
    print(f"bench-party-{i}\t{number}\t{name}\t{court}")
PY
while IFS=$'\t' read -r user number name court; do
  if ! python3 -c "import sqlite3,sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute('SELECT 1 FROM accounts WHERE username=?',(sys.argv[2],)).fetchone() else 1)" "$db" "$user"; then
    echo 'docket-bench-portal' | "$bin" --db "$db" user add-portal "$user" --court "$court" --identity "$number" --name "$name" --consent > /dev/null
  fi
done < /tmp/docket-portal-bench.parties
"$bin" --db "$db" serve --listen "127.0.0.1:$port" > /tmp/docket-portal-bench.log 2>&1 &
server=$!
started=$SECONDS
until curl -sf "http://127.0.0.1:$port/login" >/dev/null; do sleep 1; done
echo "== serving after $((SECONDS - started)) s"
lua=/tmp/docket-portal-bench.lua
{
  echo 'local cookies, cases = {}, {}'
  while IFS=$'\t' read -r user number name court; do
    cookie=$(curl -s -D - -o /dev/null --data-urlencode "username=$user" -d 'password=docket-bench-portal' \
      "http://127.0.0.1:$port/login" | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r' || true)
    [ -n "$cookie" ] || continue
    case_path=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/portal" | grep -m1 -o 'href="/portal/cases/[^"]*"' \
      | sed 's/href="//; s/"$//' || true)
    [ -n "$case_path" ] || continue
    echo "cookies[#cookies + 1] = '$cookie'; cases[#cases + 1] = '$case_path'"
  done < /tmp/docket-portal-bench.parties
  cat <<'LUA'
local page = os.getenv("PAGE")
local i = math.random(#cookies)
request = function()
  i = i % #cookies + 1
  local path = cases[i]
  if page == "home" then path = "/portal" end
  return wrk.format("GET", path, { ["Cookie"] = cookies[i] })
end
LUA
} > "$lua"
echo "== $(grep -c '^cookies' "$lua") parties signed in, one session each"
for page in case home; do
  name=$([ "$page" = case ] && echo "当事人案件页" || echo "我的案件(诉讼服务)")
  PAGE=$page wrk -t2 -c50 -d5s -s "$lua" "http://127.0.0.1:$port" > /dev/null
  PAGE=$page wrk -t2 -c50 -d"$duration" --latency -s "$lua" "http://127.0.0.1:$port" > /tmp/wrk-portal.out
  printf 'sqlite %-10s p50 %s  p99 %s  %s req/s\n' "$name" \
    "$(awk '/^ +50%/ {print $2}' /tmp/wrk-portal.out)" "$(awk '/^ +99%/ {print $2}' /tmp/wrk-portal.out)" \
    "$(awk '/Requests\/sec/ {print $2}' /tmp/wrk-portal.out)"
  if grep -q "Non-2xx" /tmp/wrk-portal.out; then grep "Non-2xx" /tmp/wrk-portal.out; fi
done
