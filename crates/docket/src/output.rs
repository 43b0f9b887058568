//! Text the command prints, in Chinese.

use std::fmt::Write;

use docket_app::{CaseView, ImportReport, VerifyReport};
use docket_domain::{Court, CourtLevel};
use docket_store::Summary;

pub fn import_summary(r: &ImportReport, secs: f64) -> String {
    let rate = if secs > 0.0 { r.events as f64 / secs } else { 0.0 };
    format!(
        "已导入：法院 {}，庭室 {}，法官 {}，案件 {}，事件 {}，管理记录 {}（日志条目 {}）；用时 {:.2} 秒，{:.0} 事件/秒",
        r.courts, r.departments, r.judges, r.cases, r.events, r.records, r.entries, secs, rate
    )
}

pub fn verify_report(r: &VerifyReport) -> String {
    let mut s = String::new();
    if r.broken.is_empty() {
        let _ = writeln!(s, "哈希链完好：{} 条法院链，共 {} 条记录", r.chains, r.entries);
    } else {
        let _ = writeln!(s, "哈希链被破坏（{} 条法院链，共 {} 条记录）：", r.chains, r.entries);
        for p in &r.broken {
            let _ = writeln!(s, "  {p}");
        }
    }
    if r.projection_mismatches.is_empty() {
        let _ = writeln!(s, "案件投影与事件日志一致：{} 件", r.cases);
    } else {
        let _ = writeln!(s, "案件投影与事件日志不一致（{} 处）：", r.projection_mismatches.len());
        for m in r.projection_mismatches.iter().take(50) {
            let _ = writeln!(s, "  {m}");
        }
        if r.projection_mismatches.len() > 50 {
            let _ = writeln!(s, "  ……另有 {} 处", r.projection_mismatches.len() - 50);
        }
    }
    match &r.audit_problem {
        None => {
            let _ = writeln!(s, "审计日志完好：{} 条记录，链接无断点", r.audit_lines);
        }
        Some(p) => {
            let _ = writeln!(s, "审计日志被破坏（{} 条记录）：{p}", r.audit_lines);
        }
    }
    s
}

pub fn case_view(v: &CaseView) -> String {
    let r = &v.row;
    let st = &v.state;
    let rec = &st.record;
    let mut s = String::new();
    let _ = writeln!(s, "{}", r.case_no);
    let _ = writeln!(s, "  法院：{}（{}）", v.court_name.as_deref().unwrap_or(""), r.court);
    let _ = writeln!(s, "  类型：{}（{}）  程序：{}", rec.case_type().name, r.case_type().code, st.procedure.label());
    let _ = writeln!(s, "  案由：{}", r.cause);
    let received = r.received_on.map(|d| format!("  收案：{d}")).unwrap_or_default();
    let _ = writeln!(s, "  立案：{}{}{}", r.filed_on, received, if r.online { "  网上立案" } else { "" });
    if let Some(claim) = r.claim {
        let _ = writeln!(s, "  标的额：{claim} 元");
    }
    if !rec.tags.is_empty() {
        let tags: Vec<&str> = rec.tags.iter().map(|t| t.label()).collect();
        let _ = writeln!(s, "  标签：{}", tags.join("、"));
    }
    if r.sealed {
        let _ = writeln!(s, "  不公开：仅承办法官和院庭领导可见");
    }
    let status = match (st.status, st.closed_on, st.close_method) {
        (docket_domain::Status::Closed, Some(d), Some(m)) => format!("已结（{d}，{}）", m.label()),
        (docket_domain::Status::Suspended, _, _) => match st.suspended_since {
            Some((d, reason)) => format!("扣除审限中（自 {d}，{}）", reason.label()),
            None => st.status.label().to_owned(),
        },
        _ => st.status.label().to_owned(),
    };
    let _ = writeln!(s, "  状态：{status}{}", st.archived_on.map(|d| format!("，{d} 归档")).unwrap_or_default());
    if let Some(j) = &r.judge {
        let name = v.judge_name.as_ref().map(|n| format!("{n}（{j}）")).unwrap_or_else(|| j.clone());
        let department = v.department_name.as_ref().or(r.department.as_ref());
        let _ = writeln!(s, "  承办法官：{name}{}", department.map(|d| format!("，{d}")).unwrap_or_default());
    }
    match v.deadline.deadline_on {
        Some(d) => {
            let _ = writeln!(s, "  审限届满：{d}");
        }
        None if v.deadline.base.suspended_since.is_some() => {
            let _ = writeln!(s, "  审限：扣除审限期间，暂停计算");
        }
        None => {
            let _ = writeln!(s, "  审限：无法定审限");
        }
    }
    let _ = writeln!(s, "  审限计算：{}", v.deadline.explain());
    if let Some(rule) = v.deadline.base.rule {
        let _ = writeln!(s, "  依据：{}", rule.source);
    }
    for w in &v.warnings {
        let _ = writeln!(s, "  ⚠ {}", w.describe());
    }
    if r.deducted_days > 0 || r.extensions > 0 {
        let _ = writeln!(s, "  扣除审限：{} 天  延长审限：{} 次", r.deducted_days, r.extensions);
    }
    if r.recovered > docket_domain::Amount::ZERO {
        let _ = writeln!(s, "  执行到位：{} 元", r.recovered);
    }
    if let Some(o) = &r.origin {
        let _ = writeln!(s, "  原审/来源案件：{o}");
    }
    if !v.derived.is_empty() {
        let _ = writeln!(s, "  派生案件：{}", v.derived.join("、"));
    }
    let _ = writeln!(s, "当事人：");
    for p in &v.parties {
        let id = p.id_number.as_deref().map(|n| format!("  {n}")).unwrap_or_default();
        let _ = writeln!(s, "  {}：{}{id}", p.role.label(), p.name);
    }
    let _ = writeln!(s, "时间线：");
    for t in &v.timeline {
        let on = t.on.map(|d| d.to_string()).unwrap_or_default();
        let _ =
            writeln!(s, "  #{:<3} {on}  {}  [链 {} · {}…]", t.case_seq, t.description, t.court_seq, &t.hash_hex[..16]);
    }
    s
}

pub fn demo_summary(courts: &[Court], s: &Summary, url: &str, sample: Option<&str>) -> String {
    let mut out = String::new();
    let count = |l: CourtLevel| courts.iter().filter(|c| c.level == l).count();
    let _ = writeln!(out, "演示法院系统已载入 {url}：");
    let _ = writeln!(
        out,
        "  法院 {} 个（高级法院 {}，中级法院 {}，基层法院 {}），庭室 {} 个，法官 {} 名",
        courts.len(),
        count(CourtLevel::High),
        count(CourtLevel::Intermediate),
        count(CourtLevel::Basic),
        s.departments,
        s.judges
    );
    let _ = writeln!(out, "  案件 {} 件（未结 {} 件），事件日志 {} 条", s.cases, s.open_cases, s.log_entries);
    let mix: Vec<String> = s.cases_by_type.iter().take(8).map(|(t, n)| format!("{t} {n}")).collect();
    let _ = writeln!(out, "  案件构成：{}", mix.join("，"));
    let sample = sample.unwrap_or("<案号>");
    let _ = writeln!(out, "  查看案件：docket --db {url} case show '{sample}'");
    let _ = writeln!(out, "  校验哈希链：docket --db {url} verify；导出：docket --db {url} export");
    // The first basic court and the last full year of the demo, for the indicators.
    if let Some(basic) = courts.iter().find(|c| c.level == CourtLevel::Basic) {
        let _ = writeln!(
            out,
            "  审判质效：docket --db {url} metrics --court {} --from 2025-01-01 --to 2025-12-31",
            basic.code
        );
    }
    let _ = writeln!(out, "  审限预警：docket --db {url} due");
    out
}

pub fn due_list(due: &[docket_app::DueCase], as_of: chrono::NaiveDate, within: i64) -> String {
    let mut s = String::new();
    let overdue = due.iter().filter(|d| d.days_left < 0).count();
    let _ = writeln!(
        s,
        "截至 {as_of}：{} 件未结案件审限在 {within} 天内届满或已超期（其中已超审限 {overdue} 件）",
        due.len()
    );
    for d in due {
        let deadline = d.deadline.deadline_on.map(|x| x.to_string()).unwrap_or_default();
        let when =
            if d.days_left < 0 { format!("超期 {} 天", -d.days_left) } else { format!("剩 {} 天", d.days_left) };
        let judge = d.row.judge.as_deref().unwrap_or("未分案");
        let notes: Vec<String> = d
            .warnings
            .iter()
            .filter(|w| {
                !matches!(
                    w,
                    docket_domain::deadline::Warning::DueSoon { .. } | docket_domain::deadline::Warning::Overdue { .. }
                )
            })
            .map(|w| w.describe())
            .collect();
        let _ = writeln!(
            s,
            "  {deadline}  {when:<8}  {}  {}  承办 {judge}{}{}",
            d.row.case_no,
            d.row.cause,
            if d.row.tags.is_empty() {
                String::new()
            } else {
                let labels: Vec<&str> = d.row.tags.iter().map(|t| t.label()).collect();
                format!("  [{}]", labels.join("、"))
            },
            if notes.is_empty() { String::new() } else { format!("  {}", notes.join("；")) }
        );
    }
    s
}

/// The demo's accounts, one per role (of the first basic court that has it), and the password.
pub fn demo_accounts(staff: &[docket_demo::StaffAccount], password: &str) -> String {
    let mut out = String::from("\n演示账户（共 ");
    let _ = writeln!(out, "{} 个，密码均为 {password}）：", staff.len());
    for role in docket_domain::Role::STAFF {
        let pick = staff.iter().filter(|s| s.role == role).min_by_key(|s| {
            (s.court.level() != docket_domain::CourtLevel::Basic, s.court.to_string(), s.username.clone())
        });
        if let Some(s) = pick {
            let _ = writeln!(out, "  {:<10} {:<28} {}（{}）", role.label(), s.username, s.name, s.court);
        }
    }
    out
}

/// The demo's portal accounts (诉讼服务), with the same password.
pub fn demo_portal_accounts(portal: &[docket_demo::PortalAccount]) -> String {
    let mut out = String::from("诉讼服务账户（/portal，已确认电子送达）：\n");
    for p in portal {
        let kind = if p.lawyer { "律师" } else { "当事人" };
        let _ = writeln!(out, "  {kind:<10} {:<28} {}（{}）", p.username, p.name, p.court);
    }
    out
}

/// `docket user list`: one account a line.
pub fn account_list(statuses: &[docket_app::AccountStatus]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{:<24} {:<10} {:<8} {:<8} {:>4}  最近改密", "用户名", "姓名", "角色", "状态", "会话");
    for a in statuses {
        let state = if a.disabled {
            "已停用"
        } else if a.locked_until.is_some() {
            "已锁定"
        } else {
            "正常"
        };
        let _ = writeln!(
            s,
            "{:<24} {:<10} {:<8} {:<8} {:>4}  {}",
            a.account.username,
            a.account.name,
            a.account.role.label(),
            state,
            a.sessions,
            a.password_changed_at.as_deref().map_or("—", |t| t.get(..10).unwrap_or(t))
        );
    }
    s
}

/// 数据核查 findings as text: a count per detector, then each finding.
pub fn findings(findings: &[docket_domain::integrity::Finding]) -> String {
    let mut s = String::from(
        "以下为数据核查发现的线索，不是结论：撤诉后重新起诉等可能合法（民诉法解释第二百一十四条），请逐条核实。\n",
    );
    for d in docket_domain::integrity::Detector::ALL {
        let mine: Vec<_> = findings.iter().filter(|f| f.detector == d).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{}（{}）：{} 条", d.label(), d.id(), mine.len());
        for f in mine {
            let case = f.case_no.as_ref().map_or_else(|| f.court.to_string(), ToString::to_string);
            let related = if f.related.is_empty() {
                String::new()
            } else {
                format!("；关联 {}", f.related.iter().map(ToString::to_string).collect::<Vec<_>>().join("、"))
            };
            let _ = writeln!(s, "  {} {case}：{}{related}", f.on, f.detail);
        }
    }
    if findings.is_empty() {
        s.push_str("未发现线索。\n");
    }
    s
}

/// `docket appraisal`'s table: one line per subject (by total when the court ranks, otherwise in
/// the court's order), then each item's value and score.
pub fn appraisal(a: &docket_app::Appraisal, ranking: bool) -> String {
    use std::fmt::Write as _;
    let mut out = format!("考核方案 {}　期间 {}\n", a.scheme.id, a.period);
    let mut order: Vec<usize> = (0..a.subjects.len()).collect();
    if ranking {
        order.sort_by(|x, y| a.subjects[*y].total.total_cmp(&a.subjects[*x].total));
    }
    let places = docket_metrics::appraisal::places(&a.subjects);
    for i in order {
        let s = &a.subjects[i];
        let place = if ranking { format!("第 {} 名　", places[i]) } else { String::new() };
        let _ = writeln!(out, "{place}{} {}　总分 {:.2}", s.subject, a.names[i], s.total);
        for item in &s.items {
            let value = item.value.map_or_else(|| "—".to_owned(), |v| format!("{v:.4}"));
            let _ = writeln!(
                out,
                "    {}·{}（权重 {}）值 {value}　得分 {:.2}",
                item.category, item.item, item.weight, item.score
            );
        }
    }
    out
}
