//! 审判监督管理 on the case page: the 四类案件 mark every reader of the case sees, where its 阅核
//! stands (waiting, returned with the note, approved, sent to the committee), the committee's
//! and the 专业法官会议's discussions, and the case's distinctions.

use docket_domain::supervision::ReadingResult;
use docket_domain::{CaseState, EventKind};
use docket_store::Store;

use crate::Web;
use crate::i18n::Lang;

/// (class, id, text) lines, in the user's language.
pub(super) fn supervision_lines<S: Store>(
    web: &Web<S>,
    state: &CaseState,
    lang: Lang,
) -> Vec<(&'static str, &'static str, String)> {
    let court = &state.record.court;
    let name = |code: &str| web.judge_name(court, code);
    let sup = state.supervision();
    let mut out = Vec::new();
    if let Some((category, on)) = sup.flagged {
        out.push(("warn", "supervision-flag", format!("{}{}（{on}）", lang.t("四类案件："), lang.t(category.label()))));
    } else if state.status != docket_domain::Status::Closed {
        // What the filing suggested, until someone marks the case (or decides not to).
        let rules = web.engine().map(|e| e.settings.supervision.clone()).unwrap_or_default();
        if let Some((category, why)) = rules.suggest(&state.record) {
            out.push((
                "notice",
                "supervision-suggested",
                format!("{}{}（{}）", lang.t("建议标记为四类案件："), lang.t(category.label()), lang.t_owned(&why)),
            ));
        }
    }
    if let Some((reviewer, on)) = &sup.pending {
        out.push(("notice", "reading-pending", format!("{}{}（{on}）", lang.t("待阅核："), name(reviewer))));
    }
    if sup.flagged.is_some()
        && let Some((result, on, note)) = &sup.last
    {
        let (class, id) = match result {
            ReadingResult::Approved => ("ok", "reading-approved"),
            ReadingResult::Returned => ("warn", "reading-returned"),
            ReadingResult::ToCommittee => ("notice", "reading-committee"),
        };
        let note = note.as_deref().map(|n| format!("：{n}")).unwrap_or_default();
        out.push((class, id, format!("{}（{on}）{note}", lang.t(result.label()))));
    }
    for e in &state.events {
        match &e.kind {
            EventKind::Deliberated { body } => {
                out.push(("muted", "deliberated", format!("{}{}（{}）", lang.t(body.label()), lang.t("讨论"), e.on)));
            }
            EventKind::Distinguished { honour, level } => out.push((
                "ok",
                "distinguished",
                format!("{}{}{}（{}）", lang.t("评为"), lang.t(level.label()), lang.t(honour.label()), e.on),
            )),
            _ => {}
        }
    }
    out
}
