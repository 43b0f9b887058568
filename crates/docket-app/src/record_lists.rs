//! The lists the 一周一通报 carries from the register: the listed cases of the campaigns standing
//! in the week not yet cleared, and the rectification items overdue or due within seven days —
//! for the court (and its lower courts with `rollup`), as of the week's last day.

use chrono::{Days, NaiveDate};
use docket_domain::management::{Campaign, CampaignScope};
use docket_domain::{CaseNumber, CloseMethod, CourtCode};
use docket_reports::{DueItem, Names, RecordLists, UnclearedCase};
use docket_store::{Store, StoredCase};

use crate::{AppError, Docket, NameBook};

impl<S: Store> Docket<S> {
    /// What decides whether a case listed in `campaign` is cleared: the listed case itself for a
    /// clean-up of pending cases, the cases resumed from it (执恢) for 终本清仓; with the closings
    /// `Campaign::clears_any` reads.
    pub async fn listed_progress(
        &self,
        campaign: &Campaign,
        row: Option<&StoredCase>,
    ) -> Result<(Vec<StoredCase>, Vec<(NaiveDate, Option<CloseMethod>)>), AppError> {
        let counted = match (campaign.scope, row) {
            (_, None) => Vec::new(),
            (CampaignScope::Pending, Some(r)) => vec![r.clone()],
            (CampaignScope::Terminated, Some(r)) => {
                let mut out = Vec::new();
                for n in self.store.derived_cases(&r.case_no).await? {
                    let Ok(n) = CaseNumber::parse(&n) else { continue };
                    if let Some(c) = self.store.case(&n).await? {
                        out.push(c);
                    }
                }
                out
            }
        };
        let closings = counted.iter().filter_map(|c| c.closed_on.map(|d| (d, c.close_method))).collect();
        Ok((counted, closings))
    }

    /// The lists for a bulletin of `court` over `period`; a listed case `may_read` refuses is
    /// counted, not named.
    pub async fn record_lists(
        &self,
        names: &NameBook,
        court: &str,
        period: &str,
        rollup: bool,
        may_read: impl Fn(&docket_store::StoredCase) -> bool,
    ) -> Result<RecordLists, AppError> {
        let code = CourtCode::parse(court).map_err(|e| AppError::Invalid(format!("法院代字 {court}：{e}")))?;
        let period = docket_reports::ReportPeriod::parse(period).map_err(|e| AppError::Invalid(e.to_string()))?;
        let as_of = period.period.to;
        let in_scope = |c: &CourtCode| *c == code || (rollup && c.is_within(&code));
        let register = self.register().await?;
        let mut out = RecordLists::default();
        for state in register.campaigns.values() {
            let c = &state.campaign;
            if c.from > as_of || c.to < period.period.from {
                continue;
            }
            for l in state.cases.iter().filter(|l| in_scope(l.case_no.court()) && l.listed_on <= as_of) {
                let row = self.store.case(&l.case_no).await?;
                let (_, closings) = self.listed_progress(c, row.as_ref()).await?;
                if c.clears_any(closings, as_of) {
                    continue;
                }
                if !row.as_ref().is_some_and(&may_read) {
                    out.uncleared_unnamed += 1;
                    continue;
                }
                let leader = l.leader.as_deref().map_or_else(
                    || "—".into(),
                    |j| {
                        let here = names.judge(c.court.as_str(), j);
                        if here != j { here } else { names.judge(l.case_no.court().as_str(), j) }
                    },
                );
                out.uncleared.push(UnclearedCase {
                    campaign: c.name.clone(),
                    case_no: l.case_no.to_string(),
                    court: names.court(l.case_no.court().as_str()),
                    leader,
                    target_on: l.target_on,
                    overdue: l.target_on.is_some_and(|t| t < as_of),
                });
            }
        }
        out.uncleared.sort_by(|a, b| (!a.overdue, a.target_on, &a.case_no).cmp(&(!b.overdue, b.target_on, &b.case_no)));
        let soon = as_of + Days::new(7);
        for s in register.ledger.values().filter(|s| in_scope(&s.item.court)) {
            let due = s.due_on_at(as_of);
            if s.item.opened_on > as_of || s.closed_at(as_of).is_some() || due > soon {
                continue;
            }
            out.items.push(DueItem {
                court: names.court(s.item.court.as_str()),
                ledger: s.item.ledger.clone(),
                no: s.item.no,
                problem: s.item.problem.clone(),
                lead: s.item.lead.as_deref().map_or_else(|| "—".into(), |j| names.judge(s.item.court.as_str(), j)),
                due_on: due,
                overdue: due < as_of,
            });
        }
        out.items.sort_by(|a, b| (!a.overdue, a.due_on, &a.ledger, a.no).cmp(&(!b.overdue, b.due_on, &b.ledger, b.no)));
        Ok(out)
    }
}

impl<S: Store> Docket<S> {
    /// 涉府案件 of `court` (and its lower courts with `rollup`) over `period`, for the annual
    /// draft: enforcement cases where a government body owes, filed, closed and pending, with
    /// what was recovered in the period.
    pub async fn government_cases(
        &self,
        court: &str,
        period: &str,
        rollup: bool,
    ) -> Result<docket_reports::GovernmentCases, AppError> {
        let code = CourtCode::parse(court).map_err(|e| AppError::Invalid(format!("法院代字 {court}：{e}")))?;
        let period = docket_reports::ReportPeriod::parse(period).map_err(|e| AppError::Invalid(e.to_string()))?;
        let (from, to) = (period.period.from, period.period.to);
        let courts: Vec<String> = self
            .store
            .courts()
            .await?
            .into_iter()
            .filter(|c| c.code == code || (rollup && c.code.is_within(&code)))
            .map(|c| c.code.to_string())
            .collect();
        let rows = self.store.enforcement_cases(&courts, docket_store::EnforcementList::Government).await?;
        let within = |d: chrono::NaiveDate| d >= from && d <= to;
        Ok(docket_reports::GovernmentCases {
            filed: rows.iter().filter(|r| within(r.filed_on)).count(),
            closed: rows.iter().filter(|r| r.closed_on.is_some_and(within)).count(),
            pending: rows.iter().filter(|r| r.filed_on <= to && r.closed_on.is_none_or(|d| d > to)).count(),
            recovered_fen: rows
                .iter()
                .flat_map(|r| r.recoveries.iter())
                .filter(|x| within(x.on))
                .map(|x| x.amount.fen())
                .sum(),
        })
    }
}
