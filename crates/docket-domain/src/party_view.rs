//! What a party (当事人) or their lawyer is told of their case: where it stands, in one plain
//! sentence, and the steps that concern them, each in plain words — as the US Tax Court's DAWSON
//! explains each status to the public. Internal steps are never told: 四类案件 marks, 阅核,
//! 审判委员会 and 专业法官会议 discussions, distinctions, requests to extend the 审限, the
//! court's enforcement measures before they are carried out, and documents before they are
//! served.

use chrono::NaiveDate;

use crate::case_type::{Category, Stage};
use crate::event::{CloseMethod, EventKind};
use crate::lifecycle::{CaseState, Status};

/// One step of the case as the party sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub on: NaiveDate,
    pub text: String,
}

/// The steps of the case a party may know of, oldest first, with the filing first.
pub fn timeline(state: &CaseState) -> Vec<Line> {
    let r = &state.record;
    let mut out = vec![Line {
        on: r.filed_on,
        text: format!("法院已立案受理，案号为{}，案由为{}。", r.case_no, r.cause),
    }];
    for e in &state.events {
        let text = match &e.kind {
            EventKind::Assigned { .. } => "案件已分配承办法官。".to_owned(),
            EventKind::ProcedureChanged { procedure } => format!("案件改为适用{}审理。", procedure.label()),
            EventKind::HearingScheduled { hearing_on, room } => match room {
                Some(room) => format!("法院定于 {hearing_on} 在{room}开庭，请按时到庭。"),
                None => format!("法院定于 {hearing_on} 开庭，请按时到庭。"),
            },
            EventKind::HearingHeld { online: true, .. } => "案件已在线开庭审理。".to_owned(),
            EventKind::HearingHeld { .. } => "案件已开庭审理。".to_owned(),
            EventKind::HearingPostponed { .. } => "原定开庭延期，新的开庭日期另行通知。".to_owned(),
            EventKind::Suspended { reason } => {
                format!("案件因{}暂停，相关情形消除后继续审理或执行。", reason.label())
            }
            EventKind::Resumed => "案件恢复审理或执行。".to_owned(),
            EventKind::Extended { .. } => "案件审理期限经批准延长。".to_owned(),
            EventKind::Closed { method, .. } => closing_sentence(state, *method),
            EventKind::ServiceAttempted { delivered: true, .. } => "法院向当事人送达了文书。".to_owned(),
            EventKind::ServiceViewed { viewed_at, .. } => {
                format!("当事人于 {} 查阅了电子送达的文书。", viewed_at.format("%H:%M"))
            }
            EventKind::MediationDelegated { .. } => "案件已交调解组织调解。".to_owned(),
            EventKind::ConfirmationDecided { confirmed: true } => "调解协议已经法院确认有效。".to_owned(),
            EventKind::ConfirmationDecided { confirmed: false } => "法院裁定驳回司法确认申请。".to_owned(),
            EventKind::FeePaid { amount, reference, .. } => match reference {
                Some(r) => format!("已交纳诉讼费 {amount} 元（凭证号 {r}）。"),
                None => format!("已交纳诉讼费 {amount} 元。"),
            },
            EventKind::FeeRelief { .. } => "诉讼费缓交、减交或免交的申请已获准许。".to_owned(),
            EventKind::FeeRefunded { amount, .. } => format!("法院已退还诉讼费 {amount} 元。"),
            EventKind::Performed { amount } => format!("被执行人履行了 {amount} 元。"),
            EventKind::Recovered { amount } => format!("执行到位 {amount} 元。"),
            EventKind::DocumentPublished { withheld: None } => "裁判文书已在互联网公布（已隐去个人信息）。".to_owned(),
            EventKind::Reopened => "案件恢复执行。".to_owned(),
            EventKind::Archived => "案件已归档。".to_owned(),
            // Internal to the court, or not yet the party's to know.
            _ => continue,
        };
        out.push(Line { on: e.on, text });
    }
    out
}

/// Where the case stands, in one sentence.
pub fn current(state: &CaseState) -> String {
    match state.status {
        Status::Closed => match state.close_method {
            Some(method) => closing_sentence(state, method),
            None => "案件已审结。".to_owned(),
        },
        Status::Suspended => "案件暂停审理或执行，相关情形消除后继续。".to_owned(),
        Status::Open if state.judge.is_none() => "法院已立案，正在分配承办法官。".to_owned(),
        Status::Open => match (state.next_hearing, &state.next_room) {
            (Some(on), Some(room)) => format!("承办法官正在办理，定于 {on} 在{room}开庭。"),
            (Some(on), None) => format!("承办法官正在办理，定于 {on} 开庭。"),
            (None, _) => "承办法官正在办理。".to_owned(),
        },
    }
}

/// What a closing means to the party, with the time to appeal where the party may.
fn closing_sentence(state: &CaseState, method: CloseMethod) -> String {
    let t = state.record.case_type();
    let first = t.stage == Stage::FirstInstance;
    // (the document, days to appeal, the article), for a first-instance judgment or ruling.
    let appeal = match (t.category, method) {
        (Category::Civil, CloseMethod::Judgment) => Some(("判决书", 15, "民事诉讼法第一百七十一条")),
        (Category::Civil, CloseMethod::Dismissal) => Some(("裁定书", 10, "民事诉讼法第一百七十一条")),
        (Category::Administrative, CloseMethod::Judgment) => Some(("判决书", 15, "行政诉讼法第八十五条")),
        (Category::Administrative, CloseMethod::Dismissal) => Some(("裁定书", 10, "行政诉讼法第八十五条")),
        (Category::Criminal, CloseMethod::Judgment) => Some(("判决书", 10, "刑事诉讼法第二百三十条")),
        _ => None,
    };
    let done = match method {
        CloseMethod::Judgment => "法院已作出判决。",
        CloseMethod::Mediation => "双方已达成调解，调解书经双方签收后即发生法律效力。",
        CloseMethod::Withdrawal => "法院已准许撤诉，案件结束。",
        CloseMethod::DeemedWithdrawal => "案件按撤诉处理，案件结束。",
        CloseMethod::Dismissal => "法院已裁定驳回起诉。",
        CloseMethod::Transfer => "案件已移送有管辖权的法院。",
        CloseMethod::Affirmed => "二审法院判决或裁定驳回上诉、维持原判，为终审。",
        CloseMethod::Revised => "二审法院改判，为终审。",
        CloseMethod::Remanded => "二审法院发回原审法院重审。",
        CloseMethod::EnforcementCompleted | CloseMethod::EnforcementVoluntary => "执行完毕。",
        CloseMethod::EnforcementSettled => "双方达成执行和解，执行结束。",
        CloseMethod::EnforcementTerminated => {
            "经财产调查未发现可供执行的财产，法院裁定终结本次执行程序；发现财产线索的，申请执行人可以申请恢复执行。"
        }
        CloseMethod::EnforcementEnded => "法院裁定终结执行。",
        CloseMethod::EnforcementRejected => "法院裁定不予执行或驳回申请。",
        _ => "案件已审结。",
    };
    match appeal {
        Some((doc, days, article)) if first => {
            format!("{done}不服的，可以在{doc}送达之日起{days}日内向上一级人民法院提起上诉（{article}）。")
        }
        _ => done.to_owned(),
    }
}
