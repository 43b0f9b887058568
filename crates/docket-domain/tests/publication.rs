//! The anonymiser on hand-written judgments with the hard parts: two parties of one surname, a
//! name that is also a word, a minority name, a name inside a company's name, a full-width ID
//! number, numbers the record lacks; and which documents are published (法释〔2016〕19号).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use docket_domain::identity::ResidentId;
use docket_domain::publication::{DocKind, Exemption, Profile, Why, anonymise, exemption, pseudonym};
use docket_domain::{
    Agent, AgentKind, CaseNumber, CaseRecord, CaseState, Event, EventKind, IdType, Party, PartyId, PartyKind,
    PartyRole, Procedure, Tag,
};

fn id(birth: &str, seq: &str) -> String {
    let first17 = format!("150203{birth}{seq}");
    format!("{first17}{}", ResidentId::check_char(&first17))
}

fn person(role: PartyRole, name: &str, id_number: Option<&str>) -> Party {
    Party {
        id: id_number.map(|n| PartyId::parse(IdType::ResidentId, n).unwrap()),
        ..Party::new(role, PartyKind::Person, name)
    }
}

fn record(type_code: &str, cause: &str, parties: Vec<Party>) -> CaseRecord {
    let case_no = CaseNumber::parse(&format!("（2025）内0203{type_code}77号")).unwrap();
    CaseRecord {
        court: case_no.court().clone(),
        case_no,
        procedure: Procedure::Simple,
        cause: cause.into(),
        received_on: None,
        filed_on: NaiveDate::from_ymd_opt(2025, 3, 3).unwrap(),
        online: false,
        claim_amount: None,
        tags: vec![],
        origin: None,
        sealed: false,
        possible_sentence_months: None,
        parties,
    }
}

#[test]
fn two_hidden_parties_of_one_surname_are_numbered_and_each_form_is_consistent() {
    let r = record(
        "民初",
        "离婚纠纷",
        vec![person(PartyRole::Plaintiff, "张丽华", None), person(PartyRole::Defendant, "张建军", None)],
    );
    let text = "原告张丽华与被告张建军离婚纠纷一案。张丽华诉称，张建军长期不归。被告张建军辩称……";
    let a = anonymise(text, &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "原告张某1与被告张某2离婚纠纷一案。张某1诉称，张某2长期不归。被告张某2辩称……");
    assert!(a.changes.iter().all(|c| c.why == Why::Name));
    assert_eq!(a.changes.len(), 5);
}

#[test]
fn a_name_that_is_also_a_word_is_replaced_as_a_name_and_left_as_a_word_for_review() {
    let r = record(
        "民初",
        "继承纠纷",
        vec![person(PartyRole::Plaintiff, "周全", None), person(PartyRole::Defendant, "李梅", None)],
    );
    let text = "原告周全与被告李梅继承纠纷一案。周全称其考虑周全。判决周全分得房屋。";
    let a = anonymise(text, &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "原告周某与被告李某继承纠纷一案。周某称其考虑周全。判决周某分得房屋。");
    assert_eq!(a.doubts.len(), 1, "{:?}", a.doubts);
    assert_eq!(&text[a.doubts[0].start..a.doubts[0].end], "周全");
}

#[test]
fn a_minority_name_keeps_its_first_character_and_a_compound_surname_stays_whole() {
    assert_eq!(pseudonym("阿依古丽·买买提"), "阿某");
    assert_eq!(pseudonym("巴特尔"), "巴某");
    assert_eq!(pseudonym("欧阳娜娜"), "欧阳某");
    assert_eq!(pseudonym("欧阳"), "欧某");
    assert_eq!(pseudonym("John Smith"), "J");
    let r = record("民初", "抚养纠纷", vec![person(PartyRole::Plaintiff, "阿依古丽·买买提", None)]);
    let a = anonymise("原告阿依古丽·买买提诉称", &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "原告阿某诉称");
}

#[test]
fn a_hidden_name_inside_a_company_name_or_a_lawyers_name_is_left_there() {
    let mut wang = person(PartyRole::Plaintiff, "王建", None);
    wang.agents.push(Agent {
        name: "王建国".into(),
        kind: AgentKind::Lawyer,
        licence_no: Some("11502201510123456".into()),
    });
    let firm = Party::new(PartyRole::Defendant, PartyKind::Organization, "包头市王建建材有限公司");
    let r = record("民初", "赡养纠纷", vec![wang, firm]);
    let text = "原告王建，委托诉讼代理人王建国，律师。被告包头市王建建材有限公司。王建主张……";
    let a = anonymise(text, &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "原告王某，委托诉讼代理人王建国，律师。被告包头市王建建材有限公司。王某主张……");
}

#[test]
fn a_full_width_id_number_is_found_and_deleted() {
    let n = id("19900101", "123");
    let wide: String = n.chars().map(|c| char::from_u32(c as u32 - 0x30 + 0xFF10).unwrap_or('Ｘ')).collect();
    let r = record("民初", "买卖合同纠纷", vec![person(PartyRole::Defendant, "赵刚", Some(&n))]);
    let text = format!("被告赵刚，公民身份号码{wide}，另号{n}。");
    let a = anonymise(&text, &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "被告赵刚，公民身份号码××，另号××。");
    assert!(a.changes.iter().all(|c| c.why == Why::IdNumber));
}

#[test]
fn what_the_record_lacks_is_caught_by_its_check_digits() {
    let r = record("民初", "买卖合同纠纷", vec![person(PartyRole::Plaintiff, "钱多", None)]);
    let someone_else = id("19851231", "456");
    // A Luhn-valid card, a mobile, a fixed line, a plate, an e-mail; and numbers that pass no check.
    let text = format!(
        "证人身份证{someone_else}，收款账号6222021234567890128，电话13912345678，座机0472-5123456，车辆蒙B12345，邮箱qian@example.com。标的额125000元，账号6222021234567890127不实。"
    );
    let a = anonymise(&text, &r, Profile::Rules2016, &[]);
    assert_eq!(
        a.text,
        "证人身份证××，收款账号××，电话××，座机××，车辆××，邮箱××。标的额125000元，账号6222021234567890127不实。"
    );
    let whys: Vec<Why> = a.changes.iter().map(|c| c.why).collect();
    assert_eq!(whys, [Why::IdNumber, Why::BankCard, Why::Phone, Why::Phone, Why::Plate, Why::Email]);
}

#[test]
fn an_address_keeps_its_county_and_an_organisations_code_is_kept_under_2016_only() {
    let mut p = person(PartyRole::Defendant, "孙立", None);
    p.address = Some("内蒙古自治区包头市昆都仑区钢铁大街12号3单元201室".into());
    p.phone = Some("0472-2211334".into());
    let firm = Party {
        id: Some(PartyId::parse(IdType::CreditCode, "91150203MA0N00001K").unwrap()),
        ..Party::new(PartyRole::Plaintiff, PartyKind::Organization, "包头市某建材有限公司")
    };
    let r = record("民初", "买卖合同纠纷", vec![firm, p]);
    let text = "原告包头市某建材有限公司，统一社会信用代码91150203MA0N00001K。被告孙立，住内蒙古自治区包头市昆都仑区钢铁大街12号3单元201室，电话0472-2211334。";
    let a = anonymise(text, &r, Profile::Rules2016, &[]);
    assert_eq!(
        a.text,
        "原告包头市某建材有限公司，统一社会信用代码91150203MA0N00001K。被告孙立，住内蒙古自治区包头市昆都仑区，电话××。"
    );
    let strict = anonymise(text, &r, Profile::Strict, &[]);
    assert_eq!(
        strict.text,
        "原告包头市某建材有限公司，统一社会信用代码××。被告孙某，住内蒙古自治区包头市昆都仑区，电话××。"
    );
}

#[test]
fn victims_and_minors_are_hidden_and_an_adult_defendant_is_not() {
    let minor = id("20120505", "222");
    let r = record(
        "刑初",
        "盗窃罪",
        vec![person(PartyRole::Defendant, "刘强", None), person(PartyRole::Victim, "陈芳", None)],
    );
    let a = anonymise("被告人刘强盗窃被害人陈芳财物。", &r, Profile::Rules2016, &["李法官"]);
    assert_eq!(a.text, "被告人刘强盗窃被害人陈某财物。");
    // An ordinary name is hidden in any context, not only after a role.
    let a = anonymise("被告人刘强盗窃陈芳手机，击打陈芳头部。", &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "被告人刘强盗窃陈某手机，击打陈某头部。");
    assert!(a.doubts.is_empty());
    let r = record("民初", "机动车交通事故责任纠纷", vec![person(PartyRole::Plaintiff, "马小跳", Some(&minor))]);
    let a = anonymise("原告马小跳，2012年5月5日出生。", &r, Profile::Rules2016, &[]);
    assert_eq!(a.text, "原告马某，2012年5月5日出生。");
}

#[test]
fn mediation_family_and_juvenile_documents_are_exempt_and_a_sale_judgment_is_not() {
    let sale = record("民初", "买卖合同纠纷", vec![]);
    assert_eq!(exemption(&sale, DocKind::Judgment), None);
    assert_eq!(exemption(&sale, DocKind::Mediation), Some(Exemption::Mediation));
    assert_eq!(exemption(&record("民初", "离婚纠纷", vec![]), DocKind::Judgment), Some(Exemption::Family));
    let mut juvenile = record("刑初", "盗窃罪", vec![]);
    juvenile.tags.push(Tag::parse("minor").unwrap());
    assert_eq!(exemption(&juvenile, DocKind::Judgment), Some(Exemption::JuvenileCrime));
    let mut sealed = record("民初", "买卖合同纠纷", vec![]);
    sealed.sealed = true;
    assert_eq!(exemption(&sealed, DocKind::Judgment), Some(Exemption::Secret));
    let public = record("民初", "环境污染民事公益诉讼", vec![]);
    assert_eq!(exemption(&public, DocKind::Mediation), None);
}

#[test]
fn publishing_needs_an_issued_document_and_a_withholding_needs_a_reason() {
    let on = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
    let mut s = CaseState::filed(record("民初", "买卖合同纠纷", vec![person(PartyRole::Plaintiff, "甲乙", None)]));
    let publish = |w: Option<&str>| Event { on, kind: EventKind::DocumentPublished { withheld: w.map(Into::into) } };
    assert!(s.apply(publish(None)).is_err());
    let issue = |t: &str| Event { on, kind: EventKind::DocumentIssued { doc: DocKind::Judgment, text: t.into() } };
    assert!(s.apply(issue("  ")).is_err());
    s.apply(issue("内蒙古自治区包头市昆都仑区人民法院 民事判决书")).unwrap();
    assert!(s.apply(publish(Some(" "))).is_err());
    s.apply(publish(None)).unwrap();
    assert!(s.apply(publish(None)).is_err(), "the one document is already published");
    let docs = s.documents();
    assert_eq!(docs.len(), 1);
    assert!(docs[0].is_online());
    // A sealed case's document is withheld, never published.
    let mut sealed = record("民初", "买卖合同纠纷", vec![]);
    sealed.sealed = true;
    let mut s = CaseState::filed(sealed);
    s.apply(issue("判决书")).unwrap();
    assert!(s.apply(publish(None)).is_err());
    s.apply(publish(Some("不公开审理"))).unwrap();
}
