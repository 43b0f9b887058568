//! The action forms of 案件详情, as a typed model the template renders: which events the account
//! may record on the case now, and the fields each needs. Each form records one interchange event
//! type, which is also its id (`action-closed` …), so a refused post finds its form by that id.

use docket_app::{Account, CaseView, FieldError};
use docket_domain::{Action, Approver, CloseMethod, Period, ServiceChannel, SuspensionReason};
use docket_store::Store;

use crate::i18n::Lang;
use crate::{VisibleCase, Web};

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Sent as it is (the event type, an approved length …).
    Hidden,
    Date,
    Text,
    /// An amount in yuan (`inputmode=decimal`).
    Decimal,
    Number,
    Select,
    /// A sentence shown in the form, no input.
    Note,
    /// A box that must be ticked (`value` is sent).
    Confirm,
}

/// One field of an action form, with its label already in the user's language.
#[derive(Debug, Clone)]
pub struct FormField {
    pub input: Input,
    /// The interchange field it fills.
    pub name: &'static str,
    pub label: String,
    /// The value sent (hidden fields), shown first (numbers), or the note's text.
    pub value: String,
    pub required: bool,
    pub max_length: Option<u32>,
    pub range: Option<(u32, u32)>,
    /// (value, label) of a select's choices.
    pub options: Vec<(String, String)>,
}

impl FormField {
    fn new(input: Input, name: &'static str, label: String) -> Self {
        Self {
            input,
            name,
            label,
            value: String::new(),
            required: false,
            max_length: None,
            range: None,
            options: vec![],
        }
    }
    fn hidden(name: &'static str, value: impl Into<String>) -> Self {
        Self { value: value.into(), ..Self::new(Input::Hidden, name, String::new()) }
    }
    fn date(name: &'static str, label: String) -> Self {
        Self { required: true, ..Self::new(Input::Date, name, label) }
    }
    fn text(name: &'static str, label: String, required: bool) -> Self {
        Self { required, max_length: Some(200), ..Self::new(Input::Text, name, label) }
    }
    fn select(name: &'static str, label: String, options: Vec<(String, String)>) -> Self {
        Self { options, ..Self::new(Input::Select, name, label) }
    }
    fn note(text: String) -> Self {
        Self { value: text, ..Self::new(Input::Note, "", String::new()) }
    }

    pub fn is(&self, input: &str) -> bool {
        let name = match self.input {
            Input::Hidden => "hidden",
            Input::Date => "date",
            Input::Text => "text",
            Input::Decimal => "decimal",
            Input::Number => "number",
            Input::Select => "select",
            Input::Note => "note",
            Input::Confirm => "confirm",
        };
        name == input
    }
    pub fn min(&self) -> u32 {
        self.range.map_or(0, |r| r.0)
    }
    pub fn max(&self) -> u32 {
        self.range.map_or(0, |r| r.1)
    }
}

/// One action form on the case page.
#[derive(Debug, Clone)]
pub struct ActionForm {
    /// The interchange event type the form records.
    pub id: &'static str,
    pub title: &'static str,
    pub fields: Vec<FormField>,
    pub errors: Vec<FieldError>,
}

/// The forms the account may use on the case now, in the order a case moves.
pub(super) fn action_forms<S: Store>(
    web: &Web<S>,
    account: &Account,
    case: &VisibleCase,
    view: &CaseView,
    orgs: &[(String, String)],
    lang: Lang,
) -> Vec<ActionForm> {
    let p = account.principal();
    let open = case.row.is_open();
    let suspended = case.row.suspended.is_some();
    let enforcement = case.row.case_type().category == docket_domain::Category::Enforcement;
    let l = |zh: &'static str| lang.t(zh).to_owned();
    let choices = |items: &mut dyn Iterator<Item = (&'static str, &'static str)>| -> Vec<(String, String)> {
        items.map(|(v, label)| (v.to_owned(), lang.t(label).to_owned())).collect()
    };
    let mut out = Vec::new();
    let mut add = |action: Action, event: &'static str, title: &'static str, applies: bool, fields: Vec<FormField>| {
        if applies && p.may(action, &case.scope()) {
            let mut all = vec![FormField::hidden("type", event)];
            all.extend(fields);
            out.push(ActionForm { id: event, title: lang.t(title), fields: all, errors: vec![] });
        }
    };
    let judges = web.judge_choices(&case.row.court);
    // No judge is chosen for the user: a default would reassign an assigned case in one click.
    let mut choose = vec![(String::new(), l("请选择"))];
    choose.extend(judges);
    let assign = FormField { required: true, ..FormField::select("judge", l("承办法官"), choose) };
    match case.row.judge.as_deref() {
        None => add(Action::Assign, "assigned", "分案", open, vec![assign]),
        Some(current) => {
            let note = format!("{}{}", lang.t("当前承办法官："), web.judge_name(&case.row.court, current));
            add(Action::Assign, "assigned", "改派承办法官", open, vec![FormField::note(note), assign]);
        }
    }
    add(
        Action::Hearing,
        "hearing_scheduled",
        "排期开庭",
        open,
        vec![FormField::date("hearing_on", l("开庭日期")), FormField::text("room", l("法庭（可选）"), false)],
    );
    let hearing_set = open && view.state.next_hearing.is_some();
    let yes_no = || choices(&mut [("false", "否"), ("true", "是")].into_iter());
    add(
        Action::Hearing,
        "hearing_held",
        "记录开庭",
        hearing_set,
        vec![
            FormField::select("online", l("网上开庭"), yes_no()),
            FormField::select("streamed", l("庭审直播"), yes_no()),
        ],
    );
    add(
        Action::Hearing,
        "hearing_postponed",
        "延期开庭",
        hearing_set,
        vec![FormField::text("reason", l("延期事由"), true)],
    );
    let reasons = choices(&mut SuspensionReason::ALL.iter().map(|r| (r.as_str(), r.label())));
    add(
        Action::Suspend,
        "suspended",
        "扣除审限（中止）",
        open && !suspended,
        vec![FormField::select("reason", l("事由"), reasons)],
    );
    add(Action::Suspend, "resumed", "恢复审理", open && suspended, vec![]);
    let procedures = choices(&mut case.row.case_type().procedures.iter().map(|p| (p.as_str(), p.label())));
    add(
        Action::ChangeProcedure,
        "procedure_changed",
        "程序转换",
        open && procedures.len() > 1,
        vec![FormField::select("procedure", l("转为"), procedures)],
    );
    let approvers =
        choices(&mut [Approver::President, Approver::HigherCourt].into_iter().map(|a| (a.as_str(), a.label())));
    add(
        Action::RequestExtension,
        "extension_requested",
        "申请延长审限",
        open && view.state.pending_extension.is_none(),
        vec![
            FormField {
                value: "6".into(),
                range: Some((1, 12)),
                ..FormField::new(Input::Number, "months", l("延长月数"))
            },
            FormField::select("approver", l("报请"), approvers),
        ],
    );
    if let Some((_, length, approver)) = view.state.pending_extension {
        let (unit, n) = match length {
            Period::Months(m) => ("months", m),
            Period::Days(d) => ("days", d),
        };
        add(
            Action::ApproveExtension(approver),
            "extended",
            "批准延长审限",
            open,
            vec![
                FormField::hidden(unit, n.to_string()),
                FormField::hidden("approver", approver.as_str()),
                FormField::note(format!("{} {}（{}）", lang.t("批准延长"), length.label(), lang.t(approver.label()))),
            ],
        );
        add(
            Action::ApproveExtension(approver),
            "extension_refused",
            "不批准延长审限",
            open,
            vec![FormField::text("reason", l("不批准的理由"), true)],
        );
    }
    // Only the methods this type of case may close with (no 维持原判 on a 民初); an enforcement or
    // 诉前调解 case is offered its own methods (and 其他).
    let case_type = case.row.case_type();
    let offered = |m: &CloseMethod| {
        m.fits(case_type)
            && match case_type.category {
                docket_domain::Category::Enforcement => m.is_enforcement() || *m == CloseMethod::Other,
                docket_domain::Category::Mediation => m.is_premediation() || *m == CloseMethod::Other,
                _ => true,
            }
    };
    let methods = choices(&mut CloseMethod::ALL.iter().filter(|m| offered(m)).map(|m| (m.as_str(), m.label())));
    let sup = view.state.supervision();
    let rules = web.engine().map(|e| e.settings.supervision.clone()).unwrap_or_default();
    let mut close_fields: Vec<FormField> = sup
        .closing_refusal(&rules)
        .map(|_| FormField::note(l("本案为四类案件，须经院庭长阅核同意后方可结案")))
        .into_iter()
        .collect();
    close_fields.extend([
        FormField::select("method", l("结案方式"), methods),
        FormField::text("outcome", l("结果（可选）"), false),
        FormField {
            value: "yes".into(),
            required: true,
            ..FormField::new(Input::Confirm, "confirm", l("确认结案（结案后只能由审管办恢复）"))
        },
    ]);
    add(Action::Close, "closed", "结案", open, close_fields);
    let channels = choices(&mut ServiceChannel::ALL.iter().map(|c| (c.as_str(), c.label())));
    let outcomes = choices(&mut [("true", "送达成功"), ("false", "未送达")].into_iter());
    add(
        Action::Service,
        "service_attempted",
        "记录送达",
        open,
        vec![FormField::select("channel", l("方式"), channels), FormField::select("delivered", l("结果"), outcomes)],
    );
    add(
        Action::Recovery,
        "recovered",
        "执行到位款",
        enforcement,
        vec![FormField { required: true, ..FormField::new(Input::Decimal, "amount", l("金额（元）")) }],
    );
    // 执行措施: on an open enforcement case every measure; on a case closed by 终本 the periodic
    // query and the lifting of measures (法〔2016〕373号第九条).
    let terminated = case.row.close_method == Some(CloseMethod::EnforcementTerminated);
    let measures = choices(
        &mut docket_domain::Measure::ALL
            .iter()
            .filter(|m| open || m.after_termination())
            .map(|m| (m.as_str(), m.label())),
    );
    add(
        Action::Measure,
        "enforcement_measure",
        "执行措施",
        enforcement && (open || terminated),
        vec![
            FormField::select("measure", l("措施"), measures),
            FormField {
                max_length: None,
                ..FormField::new(Input::Decimal, "amount", l("财产价值（元，查封冻结扣划拍卖时填）"))
            },
            FormField {
                range: Some((1, 99)), ..FormField::new(Input::Number, "persons", l("拘留人数（拘留时填）"))
            },
        ],
    );
    add(
        Action::Measure,
        "obstruction",
        "妨害执行",
        enforcement && open,
        vec![FormField::text("note", l("情况（如下落不明、拒不报告财产）"), false)],
    );
    // 执前督促 and 自动履行 on a judgment case once it is closed.
    let judged = matches!(
        case_type.category,
        docket_domain::Category::Civil
            | docket_domain::Category::Administrative
            | docket_domain::Category::StateCompensation
            | docket_domain::Category::Mediation
    );
    let notices = choices(&mut docket_domain::Notice::ALL.iter().map(|n| (n.as_str(), n.label())));
    add(
        Action::Performance,
        "performance_urged",
        "执前督促",
        judged && !open,
        vec![FormField::select("notice", l("文书"), notices)],
    );
    add(
        Action::Performance,
        "performed",
        "自动履行",
        judged && !open,
        vec![FormField { required: true, ..FormField::new(Input::Decimal, "amount", l("履行金额（元）")) }],
    );
    // 委派 (诉前调解) or 委托/特邀 (a filed civil case) to a mediation organisation.
    let civil = case_type.category == docket_domain::Category::Civil;
    let premediation = case_type.category == docket_domain::Category::Mediation;
    let modes = choices(
        &mut docket_domain::MediationMode::ALL
            .iter()
            .filter(|m| (**m == docket_domain::MediationMode::Delegated) == premediation)
            .map(|m| (m.as_str(), m.label())),
    );
    add(
        Action::Mediation,
        "mediation_delegated",
        "委派/委托调解",
        open && (civil || premediation),
        vec![
            if orgs.is_empty() {
                FormField::text("org", l("调解组织代码"), true)
            } else {
                FormField { required: true, ..FormField::select("org", l("调解组织"), orgs.to_vec()) }
            },
            FormField::text("mediator", l("调解员（可选）"), false),
            FormField::select("mode", l("方式"), modes),
        ],
    );
    let decided =
        view.state.events.iter().any(|e| matches!(e.kind, docket_domain::EventKind::ConfirmationDecided { .. }));
    add(
        Action::Close,
        "confirmation_decided",
        "司法确认",
        open && matches!(case_type.code, "民特" | "诉前调确") && !decided,
        vec![FormField::select(
            "result",
            l("结果"),
            choices(&mut [("confirmed", "裁定确认调解协议有效"), ("refused", "裁定驳回申请")].into_iter()),
        )],
    );
    // 诉讼费: paid in at any time, refunded up to what is held, relief decided by the 庭长 or 院长.
    let money =
        |label: &'static str| FormField { required: true, ..FormField::new(Input::Decimal, "amount", l(label)) };
    let online = || choices(&mut [("false", "窗口/银行"), ("true", "网上交费")].into_iter());
    add(
        Action::Fee,
        "fee_paid",
        "交纳诉讼费",
        true,
        vec![
            money("金额（元）"),
            FormField::select("online", l("方式"), online()),
            FormField {
                max_length: Some(64),
                ..FormField::new(Input::Text, "reference", l("缴费凭证号（财务系统确认）"))
            },
        ],
    );
    add(
        Action::Fee,
        "fee_refunded",
        "退还诉讼费",
        view.state.fee_held().fen() > 0,
        vec![money("退费金额（元）"), FormField::select("online", l("方式"), online())],
    );
    let reliefs = choices(&mut docket_domain::Relief::ALL.iter().map(|r| (r.as_str(), r.label())));
    add(
        Action::FeeRelief,
        "fee_relief",
        "司法救助（缓减免）",
        true,
        vec![
            FormField::select("relief", l("救助方式"), reliefs),
            FormField {
                max_length: None, ..FormField::new(Input::Decimal, "amount", l("减交金额（元，减交时填）"))
            },
        ],
    );
    // 四类案件 and 阅核 (法发〔2021〕30号). Who marks, asks and answers is the signed-in account,
    // written by the server whatever the form says.
    let who = || FormField::hidden("by", crate::who_of(account));
    let categories =
        choices(&mut docket_domain::supervision::FlagCategory::ALL.iter().map(|c| (c.as_str(), c.label())));
    add(
        Action::Flag,
        "supervision_flagged",
        "标记为四类案件",
        open && sup.flagged.is_none(),
        vec![FormField::select("category", l("类别"), categories), who()],
    );
    add(Action::Flag, "supervision_cleared", "取消四类案件标记", open && sup.flagged.is_some(), vec![who()]);
    let mut leaders = vec![(String::new(), l("请选择"))];
    leaders.extend(
        web.judges_of(&case.row.court)
            .into_iter()
            .filter(|j| !j.titles.is_empty() && Some(j.code.as_str()) != case.row.judge.as_deref())
            .map(|j| (j.code.clone(), format!("{}（{}）", j.name, j.code))),
    );
    add(
        Action::RequestReading,
        "reading_requested",
        "提交阅核",
        open && sup.flagged.is_some() && sup.pending.is_none(),
        vec![FormField { required: true, ..FormField::select("reviewer", l("阅核院庭长"), leaders) }],
    );
    let results = choices(&mut docket_domain::supervision::ReadingResult::ALL.iter().map(|r| (r.as_str(), r.label())));
    add(
        Action::Reading,
        "reading_done",
        "阅核",
        open && sup.pending.is_some(),
        vec![
            FormField::select("result", l("阅核意见"), results),
            FormField { max_length: Some(500), ..FormField::text("note", l("意见（退回时必填）"), false) },
            FormField::hidden("reviewer", crate::who_of(account)),
        ],
    );
    let bodies = choices(&mut docket_domain::supervision::Body::ALL.iter().map(|b| (b.as_str(), b.label())));
    add(
        Action::Deliberate,
        "deliberated",
        "审委会/专业法官会议讨论",
        open,
        vec![FormField::select("body", l("讨论组织"), bodies)],
    );
    let honours = choices(&mut docket_domain::supervision::Honour::ALL.iter().map(|h| (h.as_str(), h.label())));
    let levels = choices(&mut docket_domain::supervision::HonourLevel::ALL.iter().map(|h| (h.as_str(), h.label())));
    add(
        Action::Deliberate,
        "distinguished",
        "评为典型案例或优秀文书",
        !open,
        vec![FormField::select("honour", l("类别"), honours), FormField::select("level", l("层级"), levels)],
    );
    add(Action::Reopen, "reopened", "恢复（撤销结案）", !open, vec![]);
    add(Action::Archive, "archived", "归档", !open && case.row.archived_on.is_none(), vec![]);
    out
}

/// Writes the signed-in account into a supervision event: who marks or clears a case and who
/// answers a reading are the account, not what a form or a request says.
pub(crate) fn stamp_who(kind: &mut docket_domain::EventKind, account: &Account) {
    use docket_domain::EventKind as K;
    match kind {
        K::SupervisionFlagged { by, .. } | K::SupervisionCleared { by } | K::ReadingDone { reviewer: by, .. } => {
            *by = crate::who_of(account);
        }
        _ => {}
    }
}
