//! The anonymiser driven by the case record (法释〔2016〕19号 §8–§11).
//!
//! The record names every party, their identity number, address and phone; each is found in the
//! text (on a copy with full-width digits and letters folded, so `１５０２…` is found too) and
//! handled by its rule. Patterns with check digits then catch what the record lacks: 公民身份号码
//! (GB 11643), 统一社会信用代码 (GB 32100), mobile and fixed phones, bank cards (Luhn), plates and
//! e-mail addresses. Names kept by §11 (organisations, agents, the court's own staff) are marked
//! first, so a hidden 王建 is not found inside 王建国建材有限公司.

use crate::case::{CaseRecord, PartyKind, PartyRole};
use crate::case_type::Category;
use crate::identity::{CreditCode, ResidentId};

use super::Profile;

/// Why a span was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Why {
    /// §8–§9: 隐名处理.
    Name,
    /// §10–§11: a natural person's address, cut to the county or district.
    Address,
    /// §10: 联系方式.
    Phone,
    /// §10: 身份证件号码.
    IdNumber,
    /// 统一社会信用代码 (deleted by the strict profile only; §11 keeps an organisation's code).
    CreditCode,
    /// §10: 银行账号.
    BankCard,
    /// §10: 车牌号码.
    Plate,
    /// §10: 电子邮箱.
    Email,
}

impl Why {
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "隐名（第八条、第九条）",
            Self::Address => "住址保留至县区（第十条、第十一条）",
            Self::Phone => "删除联系电话（第十条）",
            Self::IdNumber => "删除身份证件号码（第十条）",
            Self::CreditCode => "删除统一社会信用代码（从严规则）",
            Self::BankCard => "删除银行账号（第十条）",
            Self::Plate => "删除车牌号码（第十条）",
            Self::Email => "删除电子邮箱（第十条）",
        }
    }
}

/// One change: `original` at bytes `start..end` of the original text became `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub end: usize,
    pub original: String,
    pub replacement: String,
    pub why: Why,
}

/// A hidden party's name that is also a word (e.g. 周全 in 考虑不周全), found where it reads as
/// the word: left as written, for the 承办法官 to decide in the diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// The anonymised text with what changed and what was left for a person to judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anonymised {
    pub text: String,
    pub changes: Vec<Change>,
    pub doubts: Vec<Doubt>,
}

const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "上官", "司马", "东方", "诸葛", "尉迟", "皇甫", "公孙", "慕容", "长孙", "宇文", "司徒", "司空", "夏侯",
    "令狐", "呼延", "端木", "西门", "南宫", "独孤", "轩辕", "拓跋", "百里", "东郭", "申屠", "闻人", "澹台", "赫连",
    "钟离",
];

/// Causes of 婚姻家庭 and 继承 disputes, whose parties are all 隐名 (§8(一)).
const FAMILY_CAUSES: &[&str] = &[
    "婚姻",
    "离婚",
    "婚约",
    "同居",
    "抚养",
    "扶养",
    "赡养",
    "继承",
    "遗嘱",
    "遗赠",
    "收养",
    "监护",
    "探望",
    "分家析产",
    "夫妻",
    "亲子",
];

/// Characters after which a name that is also a word is read as a name: the end of 原告/被告,
/// of 上诉人/申请人/被害人/代理人, and the words that put a person after them.
const NAME_LEAD: &str = "告人与和及同对向给由被将让令决称经诉系据即";

/// Two-character names that are also everyday words. Any other name is replaced wherever it
/// stands (盗窃张某财物 must not keep the name); one of these is replaced only where it reads as
/// a name (after 原告, 被告人, 与 …), and left as a word elsewhere for the judge to check.
const WORD_NAMES: &[&str] = &[
    "周全", "高明", "文明", "江山", "金山", "平安", "和平", "光明", "胜利", "安全", "高峰", "高山", "白云", "方正",
    "常青", "王朝", "黄金", "石油", "史实", "明亮", "温暖", "海洋", "春风", "夏天", "秋实", "冬梅", "钱财", "金钱",
    "关心", "关怀", "宁静", "成功", "成就", "田野", "林立", "江河", "万全", "向前", "向阳", "于是", "任意", "任何",
    "易于", "严明", "公正", "公平", "公道", "毛病", "余下", "章程", "程序", "马上", "白天", "林业", "水平", "华丽",
    "时光", "叶子", "杨柳", "朱红", "高兴", "牛奶", "冯唐", "沈阳", "左右", "上官", "钟表", "包容", "包括", "柏林",
];

/// 张某 for 张三; 欧阳某 for 欧阳娜娜; 阿某 for 阿依古丽·买买提 (a minority or translated name
/// keeps its first character, §9); `J` for `John Smith`.
pub fn pseudonym(name: &str) -> String {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return String::new();
    };
    if first.is_ascii_alphabetic() {
        return first.to_ascii_uppercase().to_string();
    }
    if name.contains(['·', '•', '．', '.']) {
        return format!("{first}某");
    }
    match COMPOUND_SURNAMES.iter().find(|s| name.starts_with(**s) && name.chars().count() > 2) {
        Some(s) => format!("{s}某"),
        None => format!("{first}某"),
    }
}

/// Whether a party is 隐名 under `profile` (§8): every natural person in a 婚姻家庭 or 继承
/// dispute, the 被害人 of a criminal case, and minors (by the birth date of their ID number at
/// filing, or every natural person of a case tagged `minor` when the record has no number).
fn is_hidden(
    record: &CaseRecord,
    role: PartyRole,
    kind: PartyKind,
    birth: Option<chrono::NaiveDate>,
    profile: Profile,
) -> bool {
    if kind != PartyKind::Person {
        return false;
    }
    if profile == Profile::Strict || FAMILY_CAUSES.iter().any(|w| record.cause.contains(w)) {
        return true;
    }
    if record.case_type().category == Category::Criminal && role == PartyRole::Victim {
        return true;
    }
    match birth {
        Some(b) => b.checked_add_months(chrono::Months::new(18 * 12)).is_some_and(|adult| adult > record.filed_on),
        None => record.tags.iter().any(|t| t.as_str() == "minor"),
    }
}

/// Full-width digits, letters and the full-width hyphen folded to ASCII; lower-case letters up.
fn fold(c: char) -> char {
    let c = match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFF10 + 0x30).unwrap_or(c),
        '－' | '—' => '-',
        '＠' => '@',
        _ => c,
    };
    c.to_ascii_uppercase()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The county-or-district prefix of an address (内蒙古自治区包头市昆都仑区钢铁大街12号 →
/// 内蒙古自治区包头市昆都仑区), or `None` when none is recognised.
pub(crate) fn county_of(address: &str) -> Option<String> {
    let chars: Vec<char> = address.chars().collect();
    let mut at = 0;
    for _ in 0..3 {
        let unit_end = (at..chars.len().min(at + 8)).find(|&i| "省市区县旗盟州".contains(chars[i]))?;
        let unit: String = chars[at..=unit_end].iter().collect();
        at = unit_end + 1;
        if "区县旗".contains(chars[unit_end]) && !unit.ends_with("自治区") {
            return Some(chars[..at].iter().collect());
        }
    }
    None
}

fn luhn(digits: &[char]) -> bool {
    let mut sum = 0;
    for (i, c) in digits.iter().rev().enumerate() {
        let Some(mut d) = c.to_digit(10) else { return false };
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

const PLATE_PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
const DELETED: &str = "××";

struct Work {
    chars: Vec<char>,
    folded: Vec<char>,
    taken: Vec<bool>,
    spans: Vec<(usize, usize, String, Why)>,
}

impl Work {
    fn free(&self, from: usize, to: usize) -> bool {
        !self.taken[from..to].iter().any(|t| *t)
    }
    fn claim(&mut self, from: usize, to: usize, replacement: Option<(String, Why)>) {
        if !self.free(from, to) {
            return;
        }
        self.taken[from..to].iter_mut().for_each(|t| *t = true);
        if let Some((r, why)) = replacement {
            self.spans.push((from, to, r, why));
        }
    }
    /// Start indices of `needle` (folded) in the folded text.
    fn find_all(&self, needle: &str) -> Vec<usize> {
        let n: Vec<char> = needle.chars().map(fold).collect();
        if n.is_empty() || n.len() > self.folded.len() {
            return Vec::new();
        }
        (0..=self.folded.len() - n.len()).filter(|&i| self.folded[i..i + n.len()] == n[..]).collect()
    }
    fn mark_all(&mut self, needle: &str, replacement: Option<(String, Why)>) {
        let len = needle.chars().count();
        for i in self.find_all(needle) {
            self.claim(i, i + len, replacement.clone());
        }
    }
    fn alnum(&self, i: usize) -> bool {
        self.folded.get(i).is_some_and(|c| c.is_ascii_alphanumeric())
    }
}

/// Anonymises `text` by the record's parties under `profile`; `keep` are further names to leave
/// as written (the judges and clerks of the 尾部).
pub fn anonymise(text: &str, record: &CaseRecord, profile: Profile, keep: &[&str]) -> Anonymised {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|c| fold(*c)).collect();
    let taken = vec![false; chars.len()];
    let mut w = Work { chars, folded, taken, spans: Vec::new() };

    // What the record holds: numbers, phones and addresses first (they may contain digits a
    // pattern would also take), then the names §11 keeps.
    for p in &record.parties {
        if let Some(id) = &p.id {
            let keep_code = p.kind == PartyKind::Organization && profile == Profile::Rules2016;
            let why = if p.kind == PartyKind::Organization { Why::CreditCode } else { Why::IdNumber };
            w.mark_all(id.number(), (!keep_code).then(|| (DELETED.to_owned(), why)));
        }
        if let Some(phone) = &p.phone {
            w.mark_all(phone, Some((DELETED.to_owned(), Why::Phone)));
        }
        if let Some(address) = p.address.as_deref().filter(|_| p.kind == PartyKind::Person) {
            let county = county_of(address).unwrap_or_else(|| DELETED.to_owned());
            w.mark_all(address, Some((county, Why::Address)));
        }
    }
    let hidden: Vec<(String, bool)> = record
        .parties
        .iter()
        .map(|p| {
            (
                p.name.trim().to_owned(),
                is_hidden(record, p.role, p.kind, p.id.as_ref().and_then(|i| i.birth_date()), profile),
            )
        })
        .collect();
    let mut kept: Vec<&str> = keep.to_vec();
    for p in &record.parties {
        kept.extend(p.agents.iter().map(|a| a.name.as_str()));
    }
    kept.extend(hidden.iter().filter(|(_, h)| !h).map(|(n, _)| n.as_str()));
    kept.retain(|k| k.chars().count() >= 2 && !hidden.iter().any(|(n, h)| *h && n == k));
    kept.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    for k in kept {
        w.mark_all(k, None);
    }

    patterns(&mut w, profile);

    // 隐名, longest names first; the same 某-form for two people gets numbers (§9).
    let mut names: Vec<&str> = Vec::new();
    for (n, h) in &hidden {
        if *h && n.chars().count() >= 2 && !names.contains(&n.as_str()) {
            names.push(n);
        }
    }
    let forms: Vec<(&str, String)> = names
        .iter()
        .map(|n| {
            let base = pseudonym(n);
            let clash: Vec<&&str> = names.iter().filter(|m| pseudonym(m) == base).collect();
            let form = match clash.iter().position(|m| **m == *n) {
                Some(i) if clash.len() > 1 => format!("{base}{}", i + 1),
                _ => base,
            };
            (*n, form)
        })
        .collect();
    let mut by_length = forms.clone();
    by_length.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
    let mut doubts = Vec::new();
    for (name, form) in by_length {
        let len = name.chars().count();
        for i in w.find_all(name) {
            if !w.free(i, i + len) {
                continue;
            }
            let as_name =
                !WORD_NAMES.contains(&name) || i == 0 || !is_cjk(w.chars[i - 1]) || NAME_LEAD.contains(w.chars[i - 1]);
            if as_name {
                w.claim(i, i + len, Some((form.clone(), Why::Name)));
            } else {
                doubts.push((i, i + len, name.to_owned()));
            }
        }
    }

    // Byte offsets of every char boundary, then the output.
    let mut offsets = Vec::with_capacity(w.chars.len() + 1);
    let mut b = 0;
    for c in &w.chars {
        offsets.push(b);
        b += c.len_utf8();
    }
    offsets.push(b);
    w.spans.sort_by_key(|s| s.0);
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::with_capacity(w.spans.len());
    let mut at = 0;
    for (from, to, replacement, why) in w.spans {
        out.push_str(&text[offsets[at]..offsets[from]]);
        out.push_str(&replacement);
        changes.push(Change {
            start: offsets[from],
            end: offsets[to],
            original: text[offsets[from]..offsets[to]].to_owned(),
            replacement,
            why,
        });
        at = to;
    }
    out.push_str(&text[offsets[at]..]);
    let doubts =
        doubts.into_iter().map(|(from, to, name)| Doubt { start: offsets[from], end: offsets[to], name }).collect();
    Anonymised { text: out, changes, doubts }
}

/// What the record lacks, by pattern over the folded text.
fn patterns(w: &mut Work, profile: Profile) {
    let n = w.folded.len();
    // Plates: a province character, a letter, an optional dot, five or six letters and digits.
    for i in 0..n.saturating_sub(6) {
        if !PLATE_PROVINCES.contains(w.chars[i]) || !w.folded[i + 1].is_ascii_uppercase() {
            continue;
        }
        let mut j = i + 2;
        if matches!(w.folded.get(j), Some('·' | '•' | '.')) {
            j += 1;
        }
        let start = j;
        while w.alnum(j) {
            j += 1;
        }
        let body = &w.folded[start..j];
        if (5..=6).contains(&body.len()) && body.iter().any(char::is_ascii_digit) {
            w.claim(i, j, Some((DELETED.to_owned(), Why::Plate)));
        }
    }
    // E-mail addresses.
    for i in 0..n {
        if w.folded[i] != '@' {
            continue;
        }
        let local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
        let mut s = i;
        while s > 0 && local(w.folded[s - 1]) {
            s -= 1;
        }
        let mut e = i + 1;
        while e < n && (w.folded[e].is_ascii_alphanumeric() || ".-".contains(w.folded[e])) {
            e += 1;
        }
        let domain: String = w.folded[i + 1..e].iter().collect();
        let domain = domain.trim_end_matches('.');
        let tld_ok =
            domain.rsplit_once('.').is_some_and(|(_, t)| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
        if s < i && tld_ok {
            w.claim(s, i + 1 + domain.len(), Some((DELETED.to_owned(), Why::Email)));
        }
    }
    // Runs of letters and digits: ID numbers, credit codes, phones, bank cards.
    let mut i = 0;
    while i < n {
        if !w.alnum(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while w.alnum(j) {
            j += 1;
        }
        let run: String = w.folded[i..j].iter().collect();
        let digits = run.chars().all(|c| c.is_ascii_digit());
        let why = if run.len() == 18 && ResidentId::parse(&run).is_ok() {
            Some(Why::IdNumber)
        } else if run.len() == 18 && CreditCode::parse(&run).is_ok() {
            (profile == Profile::Strict).then_some(Why::CreditCode)
        } else if digits && run.len() == 11 && run.starts_with('1') && run.as_bytes()[1] >= b'3' {
            Some(Why::Phone)
        } else if digits && (16..=19).contains(&run.len()) && luhn(&w.folded[i..j]) {
            Some(Why::BankCard)
        } else {
            None
        };
        let mut end = j;
        // A fixed line: 0 + a 2–3 digit area code, a hyphen, 7–8 digits.
        let landline =
            digits && run.starts_with('0') && (3..=4).contains(&run.len()) && w.folded.get(j) == Some(&'-') && {
                let mut k = j + 1;
                while w.folded.get(k).is_some_and(char::is_ascii_digit) {
                    k += 1;
                }
                let ok = (7..=8).contains(&(k - j - 1)) && !w.alnum(k);
                if ok {
                    end = k;
                }
                ok
            };
        if landline {
            w.claim(i, end, Some((DELETED.to_owned(), Why::Phone)));
        } else if let Some(why) = why {
            w.claim(i, j, Some((DELETED.to_owned(), why)));
        }
        i = end.max(j);
    }
}
