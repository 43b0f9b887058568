//! `docket fee`: a case's 诉讼费 line by line, from the 诉讼费用交纳办法, without a database.

use anyhow::{Result, anyhow};
use docket_domain::fee::{Assessment, FeeCase, FeeSchedule};
use docket_domain::{Amount, CaseType, CloseMethod, Procedure};
use serde_json::json;

pub struct FeeArgs<'a> {
    pub case_type: &'a str,
    pub claim: Option<&'a str>,
    pub cause: &'a str,
    pub procedure: Option<&'a str>,
    pub closing: Option<&'a str>,
}

/// The assessment the arguments describe, or a Chinese error naming the argument at fault.
pub fn assess(a: &FeeArgs<'_>) -> Result<Assessment> {
    let case_type = CaseType::lookup(a.case_type).ok_or_else(|| anyhow!("--type：未知的类型代字“{}”", a.case_type))?;
    let claim = a.claim.map(|s| Amount::from_yuan_str(s).map_err(|e| anyhow!("--claim：{e}"))).transpose()?;
    let procedure = match a.procedure {
        None => case_type.procedures.first().copied().unwrap_or(Procedure::None),
        Some(p) => {
            let p = Procedure::parse(p).ok_or_else(|| anyhow!("--procedure：未知的程序“{p}”"))?;
            if !case_type.allows(p) {
                return Err(anyhow!("--procedure：{}案件不适用{}", case_type.code, p.label()));
            }
            p
        }
    };
    let closing = a
        .closing
        .map(|c| CloseMethod::parse(c).ok_or_else(|| anyhow!("--closing：未知的结案方式“{c}”")))
        .transpose()?;
    let c = FeeCase { case_type, procedure, cause: a.cause, claim, closing, labor: false };
    Ok(FeeSchedule::default().assess(&c))
}

pub fn json(a: &Assessment) -> serde_json::Value {
    json!({
        "total": a.total.to_string(),
        "prepaid": a.prepaid,
        "none": a.none,
        "lines": a.lines.iter().map(|l| json!({
            "item": l.item,
            "amount": if l.deduction { format!("-{}", l.amount) } else { l.amount.to_string() },
            "article": l.article,
            "basis": l.basis,
        })).collect::<Vec<_>>(),
    })
}

pub fn table(a: &Assessment) -> String {
    let mut s = String::new();
    if let Some(why) = a.none {
        s.push_str(&format!("不交纳：{why}\n"));
        return s;
    }
    for l in &a.lines {
        let sign = if l.deduction { "-" } else { "" };
        s.push_str(&format!("{}\t{sign}{}\t{}\t{}\n", l.item, l.amount, l.article, l.basis));
    }
    s.push_str(&format!("合计\t{}{}\n", a.total, if a.prepaid { "" } else { "（执行后或清算后交纳）" }));
    s
}
