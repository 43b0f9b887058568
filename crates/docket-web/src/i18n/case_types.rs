//! English names of the 61 case types of the 类型代字 table (`docket_domain::case_type::TYPES`),
//! for the screens; the 类型代字 itself (民初, 执恢, …) is shown beside them in both languages.

pub(super) static CASE_TYPES: &[(&str, &str)] = &[
    ("刑事一审", "Criminal, first instance"),
    ("刑事二审", "Criminal, second instance"),
    ("刑事复核", "Criminal, review of sentence"),
    ("刑事申诉审查", "Criminal, review of a petition"),
    ("刑事审判监督", "Criminal, trial supervision"),
    ("刑事抗诉再审审查", "Criminal, review of a procuratorate's protest"),
    ("刑事再审", "Criminal, retrial"),
    ("刑罚与执行变更", "Change of sentence or its execution"),
    ("强制医疗", "Compulsory medical treatment"),
    ("违法所得没收", "Confiscation of illegal gains"),
    ("刑事管辖", "Criminal, jurisdiction"),
    ("刑事其他", "Criminal, other"),
    ("民事一审", "Civil, first instance"),
    ("民事二审", "Civil, second instance"),
    ("民事申请再审审查", "Civil, review of an application for retrial"),
    ("民事审判监督", "Civil, trial supervision"),
    ("民事抗诉再审审查", "Civil, review of a procuratorate's protest"),
    ("民事再审", "Civil, retrial"),
    ("第三人撤销之诉", "Third-party action to revoke"),
    ("民事特别程序", "Civil, special procedure"),
    ("公示催告", "Public summons for exhortation"),
    ("督促程序", "Payment order procedure"),
    ("民事管辖", "Civil, jurisdiction"),
    ("民事管辖上诉", "Civil, appeal on jurisdiction"),
    ("民事其他", "Civil, other"),
    ("诉前调解", "Pre-filing mediation"),
    ("诉前调解司法确认", "Judicial confirmation of a pre-filing mediation"),
    ("诉前调解出具调解书", "Mediation statement after pre-filing mediation"),
    ("行政一审", "Administrative, first instance"),
    ("行政二审", "Administrative, second instance"),
    ("行政申请再审审查", "Administrative, review of an application for retrial"),
    ("行政审判监督", "Administrative, trial supervision"),
    ("行政抗诉再审审查", "Administrative, review of a procuratorate's protest"),
    ("行政再审", "Administrative, retrial"),
    ("非诉行政行为申请执行审查", "Review of an application to enforce an administrative act"),
    ("非诉行政行为申请执行审查复议", "Reconsideration of a review to enforce an administrative act"),
    ("行政管辖", "Administrative, jurisdiction"),
    ("行政其他", "Administrative, other"),
    ("法院作为赔偿义务机关自赔", "State compensation by the court itself"),
    ("赔偿委员会审理赔偿", "State compensation before the compensation committee"),
    ("赔偿委员会审理赔偿监督", "Supervision of a compensation committee's decision"),
    ("财产保全审查", "Review of property preservation"),
    ("行为保全审查", "Review of conduct preservation"),
    ("证据保全审查", "Review of evidence preservation"),
    ("首次执行", "Enforcement, first"),
    ("恢复执行", "Enforcement, resumed"),
    ("财产保全执行", "Enforcement of property preservation"),
    ("执行异议", "Enforcement objection"),
    ("执行复议", "Enforcement reconsideration"),
    ("执行监督", "Enforcement supervision"),
    ("执行协调", "Enforcement coordination"),
    ("执行其他", "Enforcement, other"),
    ("破产申请审查", "Review of a bankruptcy application"),
    ("破产", "Bankruptcy"),
    ("破产上诉", "Bankruptcy, appeal"),
    ("破产监督", "Bankruptcy, supervision"),
    ("强制清算申请审查", "Review of an application for compulsory liquidation"),
    ("强制清算", "Compulsory liquidation"),
    ("司法制裁审查", "Review of a judicial sanction"),
    ("司法制裁复议", "Reconsideration of a judicial sanction"),
    ("司法救助", "Judicial assistance"),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_case_type_has_an_english_name() {
        let missing: Vec<_> = docket_domain::case_type::TYPES
            .iter()
            .filter(|t| super::super::english(t.name).is_none())
            .map(|t| t.name)
            .collect();
        assert!(missing.is_empty(), "no English for {missing:?}");
    }
}
