//! Reading the 案件评查 and 绩效考核 records of `INTERCHANGE.md` ("Management records"):
//! `review_batch` (with the optional `cases` and `method` Docket adds), `case_review`,
//! `appraisal_scheme`, `manual_score`.

use serde_json::Value;

use docket_domain::management::{
    AppraisalItem, AppraisalScheme, AppraisalSubject, CaseReview, Grade, ItemSource, Management, ManualScore,
    ReviewBatch, ReviewType,
};

use super::Fields;

impl Fields<'_> {
    /// The review or appraisal record of `kind`, or `None` when the kind is not one.
    pub(super) fn review_record(&mut self, kind: &str) -> Option<Option<Management>> {
        Some(match kind {
            "review_batch" => self.review_batch().map(Management::ReviewBatch),
            "case_review" => self.case_review().map(Management::CaseReview),
            "appraisal_scheme" => self.appraisal_scheme().map(Management::AppraisalScheme),
            "manual_score" => self.manual_score().map(Management::ManualScore),
            _ => return None,
        })
    }

    fn review_batch(&mut self) -> Option<ReviewBatch> {
        let court = self.court_code("court");
        let id = self.text("id", 64);
        let name = self.text("name", 200);
        let review_type = self.enum_value("type", ReviewType::parse, "routine、key 或 special");
        let from = self.req_date("from");
        let to = self.req_date("to");
        let method = self.opt_text("method", 200);
        let mut cases = Vec::new();
        match self.get("cases") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, c) in items.iter().enumerate() {
                    match c.as_str().map(docket_domain::CaseNumber::parse) {
                        Some(Ok(c)) => cases.push(c),
                        Some(Err(e)) => self.err(&format!("cases[{i}]"), e.to_string()),
                        None => self.err(&format!("cases[{i}]"), "应为案号字符串"),
                    }
                }
            }
            Some(_) => self.err("cases", "应为案号数组"),
        }
        Some(ReviewBatch {
            court: court?,
            id: id?,
            name: name?,
            review_type: review_type?,
            from: from?,
            to: to?,
            cases,
            method: method?,
        })
    }

    fn case_review(&mut self) -> Option<CaseReview> {
        let court = self.court_code("court");
        let batch = self.text("batch", 64);
        let case_no = self.case_no("case_no");
        let reviewer = self.local_code("reviewer", "评查人");
        let on = self.req_date("on");
        let score = match self.get("score").and_then(Value::as_u64) {
            Some(n) if n <= 100 => Some(n as u8),
            _ => {
                self.err("score", "评查分数应为 0–100 的整数");
                None
            }
        };
        let grade = self.enum_value("grade", Grade::parse, "excellent、pass、flawed 或 fail");
        let mut findings = Vec::new();
        match self.get("findings") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, f) in items.iter().enumerate() {
                    match f.as_str().map(str::trim).filter(|f| !f.is_empty() && f.chars().count() <= 500) {
                        Some(f) => findings.push(f.to_owned()),
                        None => self.err(&format!("findings[{i}]"), "问题描述应为 1–500 个字符的字符串"),
                    }
                }
            }
            Some(_) => self.err("findings", "应为字符串数组"),
        }
        Some(CaseReview {
            court: court?,
            batch: batch?,
            case_no: case_no?,
            reviewer: reviewer?,
            on: on?,
            score: score?,
            grade: grade?,
            findings,
        })
    }

    fn appraisal_scheme(&mut self) -> Option<AppraisalScheme> {
        let court = self.court_code("court");
        let id = self.text("id", 64);
        let subject = self.enum_value("subject", AppraisalSubject::parse, "judge 或 department");
        let year = match self.get("year").and_then(Value::as_i64) {
            Some(y) if (2000..=2100).contains(&y) => Some(y as i32),
            _ => {
                self.err("year", "年度应为 2000–2100 的整数");
                None
            }
        };
        let mut items = Vec::new();
        let mut items_ok = true;
        match self.get("items") {
            Some(Value::Array(list)) => {
                for (i, item) in list.iter().enumerate() {
                    match scheme_item(item) {
                        Ok(x) => items.push(x),
                        Err((field, msg)) => {
                            items_ok = false;
                            self.err(&format!("items[{i}].{field}"), msg);
                        }
                    }
                }
            }
            _ => {
                items_ok = false;
                self.err("items", "应为考核项目数组");
            }
        }
        let (court, id, subject, year) = (court?, id?, subject?, year?);
        items_ok.then_some(AppraisalScheme { court, id, subject, year, items })
    }

    fn manual_score(&mut self) -> Option<ManualScore> {
        let court = self.court_code("court");
        let scheme = self.text("scheme", 64);
        let subject = self.local_code("subject", "考核对象");
        let period = self.text("period", 7);
        let item = self.text("item", 50);
        let score = match self.get("score").and_then(Value::as_f64) {
            Some(x) if (0.0..=100.0).contains(&x) && ((x * 100.0).round() - x * 100.0).abs() < 1e-6 => {
                Some((x * 100.0).round() as u32)
            }
            _ => {
                self.err("score", "分数应为 0–100，至多两位小数");
                None
            }
        };
        Some(ManualScore {
            court: court?,
            scheme: scheme?,
            subject: subject?,
            period: period?,
            item: item?,
            score_centi: score?,
        })
    }
}

/// One item of a scheme, or the field at fault and why.
fn scheme_item(v: &Value) -> Result<AppraisalItem, (&'static str, String)> {
    let text = |k: &'static str| v.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let category = text("category").ok_or(("category", "缺少考核类别".to_owned()))?.to_owned();
    let weight = v
        .get("weight")
        .and_then(Value::as_u64)
        .and_then(|w| u32::try_from(w).ok())
        .filter(|w| (1..=100).contains(w))
        .ok_or(("weight", "权重应为 1–100 的整数".to_owned()))?;
    let source = match (text("indicator"), text("manual")) {
        (Some(id), None) => {
            let higher_is_better = match v.get("better").and_then(Value::as_str) {
                Some("higher") => true,
                Some("lower") => false,
                _ => return Err(("better", "指标项目须写明 better：higher 或 lower".to_owned())),
            };
            ItemSource::Indicator { id: id.to_owned(), higher_is_better }
        }
        (None, Some(name)) if name.chars().count() <= 50 => ItemSource::Manual(name.to_owned()),
        (None, Some(_)) => return Err(("manual", "人工评分项目名称至多 50 个字符".to_owned())),
        _ => return Err(("indicator", "每项须有且只有 indicator（指标）或 manual（人工评分）之一".to_owned())),
    };
    Ok(AppraisalItem { category, source, weight })
}
