"""The same indicator figures with DuckDB's SQL, over the facts `metrics_bench` wrote.

Every court by month from 2024-01 to 2026-10 with 同比 (a self-join one year back): 受理/新收/
旧存/结案/未结, 结案率, 结收比, 平均审理天数 (plain and net), 审理天数中位数, 90/180/365 日内审结率,
调解率 and 调撤率 (民初), 执行到位率, 执行完毕率, 终本率 (执), 网上立案率, 法定期限内立案率,
诉前调解成功率, 电子送达成功率 — 22 of the catalogue's indicators. Then checks DuckDB's figures
for 内0203 against Docket's (docket_figures.csv). Usage: python3 metrics_duckdb.py DIR
"""
import sys
import time

import duckdb

d = sys.argv[1]
con = duckdb.connect()
con.execute(f"""
CREATE TABLE cases AS SELECT * FROM read_csv('{d}/cases.csv', header=true,
  columns={{'court':'VARCHAR','case_no':'VARCHAR','type_code':'VARCHAR','filed_on':'DATE','closed_on':'DATE',
           'close_method':'VARCHAR','online':'BOOLEAN','claim_fen':'BIGINT','recovered_fen':'BIGINT',
           'deducted_days':'INTEGER','received_on':'DATE'}});
CREATE TABLE eservice AS SELECT * FROM read_csv('{d}/eservice.csv', header=true,
  columns={{'court':'VARCHAR','on_date':'DATE','delivered':'BOOLEAN'}});
""")

SQL = """
WITH months AS (
  SELECT range::DATE AS ms, (range + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS me
  FROM range(DATE '2023-01-01', DATE '2026-11-01', INTERVAL 1 MONTH)),
te AS (SELECT * FROM cases WHERE type_code NOT IN ('民诉前调','诉前调确','诉前调书','执保','执恢','财保','行保','证保')),
flow AS (
  SELECT court, ms,
    count(*) FILTER (WHERE filed_on >= ms) AS filed,
    count(*) FILTER (WHERE filed_on < ms) AS carried_over,
    count(*) AS accepted,
    count(*) FILTER (WHERE closed_on <= me) AS closed,
    count(*) FILTER (WHERE closed_on IS NULL OR closed_on > me) AS pending,
    count(*) FILTER (WHERE filed_on >= ms AND online) AS online_n,
    count(*) FILTER (WHERE filed_on >= ms AND received_on IS NOT NULL) AS received_n,
    count(*) FILTER (WHERE filed_on >= ms AND received_on IS NOT NULL AND filed_on - received_on <= 7) AS in_time_n
  FROM te JOIN months ON te.filed_on <= months.me AND (te.closed_on IS NULL OR te.closed_on >= months.ms)
  GROUP BY court, ms),
closing AS (
  SELECT court, date_trunc('month', closed_on)::DATE AS ms,
    avg(closed_on - filed_on) AS avg_duration_days,
    avg(closed_on - filed_on - deducted_days) AS avg_net_duration_days,
    median(closed_on - filed_on) AS median_duration_days,
    avg(CASE WHEN closed_on - filed_on <= 90 THEN 1.0 ELSE 0.0 END) AS time_to_disposition_90,
    avg(CASE WHEN closed_on - filed_on <= 180 THEN 1.0 ELSE 0.0 END) AS time_to_disposition_180,
    avg(CASE WHEN closed_on - filed_on <= 365 THEN 1.0 ELSE 0.0 END) AS time_to_disposition_365
  FROM te WHERE closed_on IS NOT NULL GROUP BY ALL),
civil AS (
  SELECT court, date_trunc('month', closed_on)::DATE AS ms,
    avg(CASE WHEN close_method = 'mediation' THEN 1.0 ELSE 0.0 END) AS mediation_rate,
    avg(CASE WHEN close_method IN ('mediation','withdrawal','deemed_withdrawal') THEN 1.0 ELSE 0.0 END) AS mediation_withdrawal_rate
  FROM cases WHERE type_code = '民初' AND closed_on IS NOT NULL GROUP BY ALL),
enf AS (
  SELECT court, date_trunc('month', closed_on)::DATE AS ms,
    sum(recovered_fen) / nullif(sum(claim_fen), 0) AS recovery_rate,
    avg(CASE WHEN close_method = 'enforcement_completed' THEN 1.0 ELSE 0.0 END) AS completion_rate,
    avg(CASE WHEN close_method = 'enforcement_terminated' THEN 1.0 ELSE 0.0 END) AS termination_rate
  FROM cases WHERE type_code = '执' AND closed_on IS NOT NULL GROUP BY ALL),
pre AS (
  SELECT court, date_trunc('month', closed_on)::DATE AS ms,
    avg(CASE WHEN close_method = 'premediation_agreement' THEN 1.0 ELSE 0.0 END) AS premediation_success_rate
  FROM cases WHERE type_code = '民诉前调' AND closed_on IS NOT NULL GROUP BY ALL),
es AS (
  SELECT court, date_trunc('month', on_date)::DATE AS ms, avg(CASE WHEN delivered THEN 1.0 ELSE 0.0 END) AS eservice_success_rate
  FROM eservice GROUP BY ALL),
allm AS (
  SELECT f.court, f.ms, f.filed, f.carried_over, f.accepted, f.closed, f.pending,
    f.closed / f.accepted AS closure_rate, f.closed / nullif(f.filed, 0) AS clearance_ratio,
    f.online_n / nullif(f.filed, 0) AS online_filing_rate, f.in_time_n / nullif(f.received_n, 0) AS filing_within_limit_rate,
    c.avg_duration_days, c.avg_net_duration_days, c.median_duration_days,
    c.time_to_disposition_90, c.time_to_disposition_180, c.time_to_disposition_365,
    v.mediation_rate, v.mediation_withdrawal_rate, e.recovery_rate, e.completion_rate, e.termination_rate,
    p.premediation_success_rate, s.eservice_success_rate
  FROM flow f
  LEFT JOIN closing c USING (court, ms) LEFT JOIN civil v USING (court, ms) LEFT JOIN enf e USING (court, ms)
  LEFT JOIN pre p USING (court, ms) LEFT JOIN es s USING (court, ms))
SELECT cur.*, cur.closure_rate - prev.closure_rate AS closure_rate_yoy,
  (cur.filed - prev.filed) / nullif(prev.filed, 0) AS filed_yoy,
  (cur.closed - prev.closed) / nullif(prev.closed, 0) AS closed_yoy,
  cur.mediation_withdrawal_rate - prev.mediation_withdrawal_rate AS mediation_withdrawal_rate_yoy,
  (cur.avg_duration_days - prev.avg_duration_days) / nullif(prev.avg_duration_days, 0) AS avg_duration_days_yoy,
  cur.recovery_rate - prev.recovery_rate AS recovery_rate_yoy
FROM allm cur LEFT JOIN allm prev ON prev.court = cur.court AND prev.ms = cur.ms - INTERVAL 1 YEAR
WHERE cur.ms >= DATE '2024-01-01'
ORDER BY cur.court, cur.ms
"""

times = []
rows = None
for _ in range(11):
    t = time.perf_counter()
    rows = con.execute(SQL).fetchall()
    times.append((time.perf_counter() - t) * 1000)
times.sort()
cols = [c[0] for c in con.description]
print(f"duckdb {duckdb.__version__}: {len(rows)} court-months x 22 indicators with yoy: median {times[len(times)//2]:.1f} ms (min {times[0]:.1f}, max {times[-1]:.1f})")

# Cross-check with Docket's figures for 内0203.
docket = {}
for line in open(f"{d}/docket_figures.csv", encoding="utf-8").read().splitlines()[1:]:
    month, ind, value = line.split(",")
    docket[(month, ind)] = float(value)
compared = mismatched = 0
for r in rows:
    rec = dict(zip(cols, r))
    if rec["court"] != "内0203":
        continue
    month = rec["ms"].strftime("%Y-%m")
    for ind, v in rec.items():
        if ind in ("court", "ms") or ind.endswith("_yoy") or v is None or (month, ind) not in docket:
            continue
        compared += 1
        if abs(float(v) - docket[(month, ind)]) > 1e-9 * max(1.0, abs(float(v))):
            mismatched += 1
            if mismatched <= 10:
                print(f"  mismatch {month} {ind}: duckdb {v} docket {docket[(month, ind)]}")
print(f"cross-check 内0203: {compared} figures compared, {mismatched} differ")
print(f"DUCKDB_MS={times[len(times)//2]:.1f}")
