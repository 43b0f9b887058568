//! A deterministic generator of a court system in the interchange format: a high court, its
//! intermediate courts and basic courts (real 内蒙古 法院代字 and names) with departments, judges
//! and staff accounts, and cases with complete timelines. The output is interchange records; the
//! demo loads them through the same importer as any file, so every generated case passes the same
//! validation and event log.
//!
//! Distributions (documented where they are drawn) follow what the seed work reports quote:
//! civil first instance the largest share, enforcement second; 简易/小额 the majority of 民初;
//! durations with a long tail and a December closing push; 调撤率 around 45%; about 80% of
//! electronic service delivered; 诉前调解 about 40% successful; 执行到位率 about 50%. A basic
//! court's yearly 结案率 lands at 93–98% (`tests/figures.rs` checks every figure the seeds name).
//!
//! A few irregularities are planted on purpose and listed ([`Irregularity`], [`Generated::planted`]):
//! suspensions started days before expiry, the year-end filing dip, withdrawals refiled.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod names;
mod rng;

use chrono::{Datelike, Days, NaiveDate};
use docket_domain::identity::{CreditCode, ResidentId};
use docket_domain::{
    Amount, Approver, CaseNumber, CaseRecord, CaseState, CaseType, CloseMethod, Court, CourtCode, CourtLevel,
    Department, Event, EventKind, IdType, Judge, JudgeTitle, Party, PartyId, PartyKind, PartyRole, Period, Procedure,
    Role, ServiceChannel, SuspensionReason, Tag,
};
use docket_interchange::{CaseEvent, Record};

use names::*;
pub use rng::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub seed: u64,
    /// Roughly how many cases (primary and derived together).
    pub cases: usize,
    /// How many basic courts (their intermediate courts and the high court come with them).
    pub basic_courts: usize,
    /// How many years of filings, ending at `until`.
    pub years: u32,
    /// The last day of the generated history (fixed, so a seed always gives the same data).
    pub until: NaiveDate,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            seed: 1,
            cases: 600,
            basic_courts: 2,
            years: 3,
            until: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
        }
    }
}

/// Intermediate courts of 内蒙古 with their basic courts (real 法院代字 and names).
/// A court's 法院代字 and name.
type CourtName = (&'static str, &'static str);

const COURTS: &[(&str, &str, &[CourtName])] = &[
    (
        "内02",
        "包头市中级人民法院",
        &[
            ("内0203", "包头市昆都仑区人民法院"),
            ("内0207", "包头市九原区人民法院"),
            ("内0202", "包头市东河区人民法院"),
            ("内0204", "包头市青山区人民法院"),
            ("内0205", "包头市石拐区人民法院"),
            ("内0221", "土默特右旗人民法院"),
            ("内0222", "固阳县人民法院"),
            ("内0223", "达尔罕茂明安联合旗人民法院"),
        ],
    ),
    (
        "内01",
        "呼和浩特市中级人民法院",
        &[
            ("内0105", "呼和浩特市赛罕区人民法院"),
            ("内0102", "呼和浩特市新城区人民法院"),
            ("内0103", "呼和浩特市回民区人民法院"),
            ("内0104", "呼和浩特市玉泉区人民法院"),
            ("内0121", "土默特左旗人民法院"),
            ("内0122", "托克托县人民法院"),
        ],
    ),
    (
        "内06",
        "鄂尔多斯市中级人民法院",
        &[
            ("内0602", "鄂尔多斯市东胜区人民法院"),
            ("内0603", "鄂尔多斯市康巴什区人民法院"),
            ("内0621", "达拉特旗人民法院"),
            ("内0622", "准格尔旗人民法院"),
            ("内0627", "伊金霍洛旗人民法院"),
        ],
    ),
    (
        "内04",
        "赤峰市中级人民法院",
        &[
            ("内0402", "赤峰市红山区人民法院"),
            ("内0403", "赤峰市元宝山区人民法院"),
            ("内0404", "赤峰市松山区人民法院"),
            ("内0421", "阿鲁科尔沁旗人民法院"),
            ("内0422", "巴林左旗人民法院"),
        ],
    ),
    (
        "内05",
        "通辽市中级人民法院",
        &[
            ("内0502", "通辽市科尔沁区人民法院"),
            ("内0521", "科尔沁左翼中旗人民法院"),
            ("内0522", "科尔沁左翼后旗人民法院"),
        ],
    ),
    ("内03", "乌海市中级人民法院", &[("内0302", "乌海市海勃湾区人民法院"), ("内0303", "乌海市海南区人民法院")]),
    ("内08", "巴彦淖尔市中级人民法院", &[("内0802", "巴彦淖尔市临河区人民法院"), ("内0821", "五原县人民法院")]),
    ("内09", "乌兰察布市中级人民法院", &[("内0902", "乌兰察布市集宁区人民法院"), ("内0921", "卓资县人民法院")]),
    ("内07", "呼伦贝尔市中级人民法院", &[("内0702", "呼伦贝尔市海拉尔区人民法院"), ("内0781", "满洲里市人民法院")]),
    ("内22", "兴安盟中级人民法院", &[("内2201", "乌兰浩特市人民法院")]),
    ("内25", "锡林郭勒盟中级人民法院", &[("内2502", "锡林浩特市人民法院")]),
    ("内29", "阿拉善盟中级人民法院", &[("内2921", "阿拉善左旗人民法院")]),
];

/// Departments: code, name, and the case categories they hear.
const DEPARTMENTS: &[(&str, &str)] = &[
    ("la", "立案庭"),
    ("ms1", "民事审判第一庭"),
    ("ms2", "民事审判第二庭"),
    ("xs", "刑事审判庭"),
    ("xz", "行政审判庭"),
    ("zx", "执行局"),
];

fn court_code(s: &str) -> CourtCode {
    CourtCode::parse(s).unwrap_or_else(|_| unreachable_code())
}

#[allow(clippy::panic)]
fn unreachable_code() -> CourtCode {
    panic!("the built-in court table holds only valid codes")
}

struct CourtInfo {
    code: CourtCode,
    name: String,
    /// Judges by department code.
    judges: Vec<(String, &'static str)>,
    /// Six digits of the administrative division, for ID numbers.
    region: String,
}

/// A planted irregularity before numbering: a refiling names the withdrawn plan.
#[derive(Clone, Copy)]
enum Plant {
    SuspendedBeforeExpiry,
    YearEndFilingDelay,
    RefiledAfterWithdrawal(usize),
}

/// A planned case, before numbering.
struct Plan {
    court: usize,
    type_code: &'static str,
    procedure: Procedure,
    cause: String,
    received_on: Option<NaiveDate>,
    filed_on: NaiveDate,
    online: bool,
    claim: Option<Amount>,
    tags: Vec<Tag>,
    parties: Vec<Party>,
    origin: Option<usize>,
    possible_sentence_months: Option<u32>,
    events: Vec<(NaiveDate, u8, EventKind)>,
    closed: Option<(NaiveDate, CloseMethod)>,
    /// A planted irregularity (see [`Irregularity`]).
    planted: Option<Plant>,
}

struct Generator<'a> {
    cfg: &'a Config,
    rng: Rng,
    courts: Vec<CourtInfo>,
    start: NaiveDate,
    staff: Vec<StaffAccount>,
}

/// A planted irregularity: something a real court's data shows and the integrity work later
/// looks for. Few by design (a few percent of the cases concerned), and listed in [`Generated`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Irregularity {
    /// A suspension (a deducted period) started one to five days before a 简易 civil case's
    /// three-month limit expires, which stops the clock just in time.
    SuspendedBeforeExpiry,
    /// A case received in the last days of December but filed in January (年底不立案): the dip in
    /// December filings that flatters the year's 结案率, visible as received → filed over 7 days.
    YearEndFilingDelay,
    /// A new 民初 case between the same parties for the same cause, filed 10–40 days after the
    /// plaintiff withdrew the earlier one (撤诉后重新起诉), which inflates filings and closings.
    RefiledAfterWithdrawal { withdrawn: CaseNumber },
}

/// A planted irregularity and the case that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub case_no: CaseNumber,
    pub kind: Irregularity,
}

/// A staff account for the web application: the demo's users, one per role and court (and one
/// per judge). They all share [`DEMO_PASSWORD`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffAccount {
    pub username: String,
    pub name: String,
    pub court: CourtCode,
    pub role: Role,
    /// The judge record of a judicial account (法官, 庭长, 院长).
    pub judge: Option<String>,
}

/// The password of every demo account. Demo data only; a real deployment creates its accounts
/// with `docket user add`.
pub const DEMO_PASSWORD: &str = "docket-demo";

/// Everything the generator makes.
pub struct Generated {
    /// Interchange records: courts, departments, judges, then cases, then events.
    pub records: Vec<Record>,
    pub planted: Vec<Planted>,
    pub staff: Vec<StaffAccount>,
}

/// Generates the court system's interchange records.
pub fn generate(cfg: &Config) -> Vec<Record> {
    generate_all(cfg).records
}

/// Generates the court system: reference records first, then cases, then events; with the planted
/// irregularities and the staff accounts.
pub fn generate_all(cfg: &Config) -> Generated {
    let mut g = Generator {
        cfg,
        rng: Rng::new(cfg.seed),
        courts: Vec::new(),
        start: cfg.until.checked_sub_days(Days::new(365 * u64::from(cfg.years.max(1)) - 1)).unwrap_or(cfg.until),
        staff: Vec::new(),
    };
    let mut records = g.court_system();
    let plans = g.cases();
    let (cases, planted) = g.emit(plans);
    records.extend(cases);
    Generated { records, planted, staff: g.staff }
}

impl Generator<'_> {
    fn court_system(&mut self) -> Vec<Record> {
        let mut out = Vec::new();
        let mut remaining = self.cfg.basic_courts.max(1);
        let mut chosen: Vec<(CourtCode, String, CourtLevel)> =
            vec![(court_code("内"), "内蒙古自治区高级人民法院".to_owned(), CourtLevel::High)];
        for (mid, mid_name, basics) in COURTS {
            if remaining == 0 {
                break;
            }
            chosen.push((court_code(mid), (*mid_name).to_owned(), CourtLevel::Intermediate));
            for (code, name) in basics.iter().take(remaining) {
                chosen.push((court_code(code), (*name).to_owned(), CourtLevel::Basic));
                remaining -= 1;
            }
        }
        for (code, name, level) in chosen {
            out.push(Record::Court(Court { code: code.clone(), name: name.clone(), level, parent: code.parent() }));
            let mut judges = Vec::new();
            for (dcode, dname) in DEPARTMENTS {
                // Only basic courts run a filing division with 诉前调解; the high court hears appeals.
                if (level != CourtLevel::Basic && *dcode == "la") || (level == CourtLevel::High && *dcode == "zx") {
                    continue;
                }
                out.push(Record::Department(Department {
                    court: code.clone(),
                    code: (*dcode).to_owned(),
                    name: (*dname).to_owned(),
                }));
                // Judges per department: more in the busy civil and enforcement divisions.
                let n = match *dcode {
                    "ms1" | "zx" => 5,
                    "ms2" => 4,
                    "la" => 2,
                    _ => 3,
                };
                for k in 0..n {
                    let jcode = format!("J{:03}", judges.len() + 1);
                    let mut titles = Vec::new();
                    if judges.is_empty() {
                        titles.push(JudgeTitle::President);
                    } else if judges.len() == 1 {
                        titles.push(JudgeTitle::VicePresident);
                    } else if k == 0 {
                        titles.push(JudgeTitle::DivisionHead);
                    } else if k == 1 && n >= 4 {
                        titles.push(JudgeTitle::DeputyDivisionHead);
                    }
                    let name = self.person_name();
                    let role = if titles.contains(&JudgeTitle::President) {
                        Role::President
                    } else if titles.contains(&JudgeTitle::DivisionHead) {
                        Role::DivisionHead
                    } else {
                        Role::Judge
                    };
                    self.account(&code, role, Some(&jcode), name.clone());
                    out.push(Record::Judge(Judge {
                        court: code.clone(),
                        code: jcode.clone(),
                        name,
                        department: Some((*dcode).to_owned()),
                        titles,
                        // 员额法官: most; assistants without quota in the filing division.
                        quota: !(*dcode == "la" && k > 0),
                    }));
                    judges.push((jcode, *dcode));
                }
            }
            // Staff who are not judges: one account per role the court has.
            let mut roles = vec![Role::Clerk, Role::TrialManagement, Role::Auditor, Role::Admin];
            if level == CourtLevel::Basic {
                roles.push(Role::FilingClerk);
            }
            if level != CourtLevel::High {
                roles.push(Role::EnforcementOfficer);
            }
            if level != CourtLevel::Basic {
                roles.push(Role::HigherCourtViewer);
            }
            for role in roles {
                let name = self.person_name();
                self.account(&code, role, None, name);
            }
            let digits: String = code.as_str().chars().skip(1).collect();
            let region = format!("15{:0<4}", digits);
            self.courts.push(CourtInfo { code, name, judges, region });
        }
        out
    }

    /// A staff account: `nm` (内蒙古) and the court's digits, then the judge code or the role id,
    /// e.g. `nm0203-j003`, `nm0203-filing_clerk`, `nm02-higher_court_viewer`.
    fn account(&mut self, court: &CourtCode, role: Role, judge: Option<&str>, name: String) {
        let digits: String = court.as_str().chars().skip(1).collect();
        let who = judge.map_or_else(|| role.as_str().to_owned(), str::to_lowercase);
        self.staff.push(StaffAccount {
            username: format!("nm{digits}-{who}"),
            name,
            court: court.clone(),
            role,
            judge: judge.map(str::to_owned),
        });
    }

    fn person_name(&mut self) -> String {
        format!("{}{}", self.rng.pick(SURNAMES), self.rng.pick(GIVEN))
    }

    fn resident_id(&mut self, region: &str) -> PartyId {
        let birth = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default() + Days::new(self.rng.below(365 * 54));
        let first17 = format!("{region}{}{:03}", birth.format("%Y%m%d"), self.rng.below(1000));
        let id = format!("{first17}{}", ResidentId::check_char(&first17));
        PartyId::parse(IdType::ResidentId, &id).unwrap_or_else(|_| unreachable_id())
    }

    fn credit_code(&mut self, region: &str, prefix: &str) -> PartyId {
        const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
        let body: String = (0..9).map(|_| ALPHA[self.rng.below(ALPHA.len() as u64) as usize] as char).collect();
        let code = CreditCode::complete(&format!("{prefix}{region}{body}")).unwrap_or_else(unreachable_code_credit);
        PartyId::parse(IdType::CreditCode, code.as_str()).unwrap_or_else(|_| unreachable_id())
    }

    fn person(&mut self, role: PartyRole, region: &str) -> Party {
        let name = self.person_name();
        let id = self.rng.chance(0.9).then(|| self.resident_id(region));
        Party { role, kind: PartyKind::Person, name, id }
    }

    fn company(&mut self, role: PartyRole, region: &str) -> Party {
        let name = format!(
            "{}{}{}有限公司",
            self.rng.pick(COMPANY_PLACES),
            self.rng.pick(COMPANY_WORDS),
            self.rng.pick(COMPANY_TRADES)
        );
        let id = Some(self.credit_code(region, "91"));
        Party { role, kind: PartyKind::Organization, name, id }
    }

    fn filing_date(&mut self) -> NaiveDate {
        let span = (self.cfg.until - self.start).num_days().max(1) as u64;
        self.start + Days::new(self.rng.below(span + 1))
    }

    fn judge(&mut self, court: usize, departments: &[&str]) -> String {
        let pool: Vec<&String> =
            self.courts[court].judges.iter().filter(|(_, d)| departments.contains(d)).map(|(c, _)| c).collect();
        if pool.is_empty() {
            return self.courts[court].judges[0].0.clone();
        }
        (*self.rng.pick(&pool)).clone()
    }

    fn cases(&mut self) -> Vec<Plan> {
        let basic: Vec<usize> =
            (0..self.courts.len()).filter(|i| self.courts[*i].code.level() == CourtLevel::Basic).collect();
        let intermediate: Vec<usize> =
            (0..self.courts.len()).filter(|i| self.courts[*i].code.level() == CourtLevel::Intermediate).collect();
        // The court that hears a court's appeals.
        let parents: Vec<Option<usize>> = (0..self.courts.len())
            .map(|i| {
                let parent = self.courts[i].code.parent();
                (0..self.courts.len()).find(|p| Some(&self.courts[*p].code) == parent.as_ref())
            })
            .collect();
        let mut plans: Vec<Plan> = Vec::new();
        // Appeals and enforcement derived from primary cases add about 18% to them.
        let primary = (self.cfg.cases as f64 / 1.18).round() as usize;
        // Larger courts first: the first basic court takes the biggest share.
        let weights: Vec<(usize, u32)> = basic.iter().enumerate().map(|(k, c)| (*c, 10 / (k as u32 + 1) + 2)).collect();
        for _ in 0..primary {
            let mut filed_on = self.filing_date();
            // About 3% of first-instance cases start in an intermediate court (large claims, serious
            // crimes, suits against governments at county level and above).
            let (court, type_code) = if !intermediate.is_empty() && self.rng.chance(0.03) {
                let court = *self.rng.pick(&intermediate);
                (court, *self.rng.weighted(&[("民初", 70), ("刑初", 20), ("行初", 10)]))
            } else {
                // Case mix of a basic court (per 100): 民初 62, 民诉前调 12, 刑初 9, 执 (arbitral
                // awards, notarised debts) 8, 民特 4, 行初 3, 财保 2.
                let court = *self.rng.weighted(&weights);
                let t = *self.rng.weighted(&[
                    ("民初", 62),
                    ("民诉前调", 12),
                    ("刑初", 9),
                    ("执", 8),
                    ("民特", 4),
                    ("行初", 3),
                    ("财保", 2),
                ]);
                (court, t)
            };
            // The year-end dip: about half of what is received from 20 December on is filed only
            // after New Year (planted, see Irregularity::YearEndFilingDelay).
            let mut delayed_from = None;
            if filed_on.month() == 12 && filed_on.day() >= 20 && type_code != "刑初" && self.rng.chance(0.5) {
                delayed_from = Some(filed_on);
                // Beyond the seven days for filing (《关于严格执行案件审理期限制度的若干规定》第六条; 民诉法第一百二十六条), and into the new year.
                let january =
                    NaiveDate::from_ymd_opt(filed_on.year() + 1, 1, 2 + self.rng.below(7) as u32).unwrap_or(filed_on);
                filed_on = january.max(filed_on + Days::new(8 + self.rng.below(5)));
            }
            let mut plan = self.plan(court, type_code, filed_on, None, &[], None);
            if let Some(received) = delayed_from {
                plan.received_on = Some(received);
                plan.planted = Some(Plant::YearEndFilingDelay);
            }
            plans.push(plan);
        }
        // Withdrawn and refiled: about 5% of withdrawn civil cases come back with the same parties.
        let n = plans.len();
        for i in 0..n {
            if let ("民初", Some((closed_on, CloseMethod::Withdrawal))) = (plans[i].type_code, plans[i].closed)
                && self.rng.chance(0.05)
            {
                let on = closed_on + Days::new(self.rng.range(10, 40) as u64);
                let (parties, cause) = (plans[i].parties.clone(), plans[i].cause.clone());
                let mut plan = self.plan(plans[i].court, "民初", on, None, &parties, Some(cause));
                plan.planted = Some(Plant::RefiledAfterWithdrawal(i));
                plans.push(plan);
            }
        }
        // Derived cases, in order of their origin's closing.
        let n = plans.len();
        for i in 0..n {
            let Some((closed_on, method)) = plans[i].closed else { continue };
            let court = plans[i].court;
            let origin_parties = plans[i].parties.clone();
            match (plans[i].type_code, method, parents[court]) {
                // About 12% of civil judgments and 6% of criminal judgments are appealed (上诉率).
                ("民初", CloseMethod::Judgment, Some(upper)) | ("刑初", CloseMethod::Judgment, Some(upper)) => {
                    let p = if plans[i].type_code == "民初" { 0.12 } else { 0.06 };
                    if self.rng.chance(p) {
                        let on = closed_on + Days::new(self.rng.range(12, 30) as u64);
                        let t = if plans[i].type_code == "民初" { "民终" } else { "刑终" };
                        let plan = self.plan(upper, t, on, Some(i), &origin_parties, None);
                        plans.push(plan);
                    }
                }
                _ => {}
            }
            // About 35% of civil judgments and mediations are brought to enforcement (申请执行率),
            // in the basic court of first instance (or the intermediate court's own).
            if plans[i].type_code == "民初"
                && matches!(method, CloseMethod::Judgment | CloseMethod::Mediation)
                && self.rng.chance(0.35)
            {
                let on = closed_on + Days::new(self.rng.range(20, 120) as u64);
                let plan = self.plan(court, "执", on, Some(i), &origin_parties, None);
                plans.push(plan);
            }
        }
        // 执恢: some 终本 cases resume when property is found.
        let n = plans.len();
        for i in 0..n {
            if let ("执", Some((closed_on, CloseMethod::EnforcementTerminated))) = (plans[i].type_code, plans[i].closed)
                && self.rng.chance(0.10)
            {
                let on = closed_on + Days::new(self.rng.range(60, 300) as u64);
                let parties = plans[i].parties.clone();
                let plan = self.plan(plans[i].court, "执恢", on, Some(i), &parties, None);
                plans.push(plan);
            }
        }
        // Plans filed after `until` stay in the vector (origins are indices into it) and are
        // skipped when numbering.
        plans
    }

    /// Plans one case: parties, tags and a complete, valid timeline up to `until`.
    fn plan(
        &mut self,
        court: usize,
        type_code: &'static str,
        filed_on: NaiveDate,
        origin: Option<usize>,
        origin_parties: &[Party],
        same_cause: Option<String>,
    ) -> Plan {
        let region = self.courts[court].region.clone();
        let upper_court = self.courts[court].code.level() != CourtLevel::Basic;
        let r = &mut self.rng;
        let (mut procedure, mut cause): (Procedure, String) = match type_code {
            // 民初 procedure shares: 简易 55%, 小额 15%, 普通 30%.
            "民初" => (
                *r.weighted(&[(Procedure::Simple, 55), (Procedure::SmallClaims, 15), (Procedure::Ordinary, 30)]),
                (*r.weighted(CIVIL_CAUSES)).to_owned(),
            ),
            "民诉前调" => (Procedure::None, (*r.weighted(CIVIL_CAUSES)).to_owned()),
            "刑初" => (
                *r.weighted(&[(Procedure::FastTrack, 30), (Procedure::Simple, 40), (Procedure::Ordinary, 30)]),
                (*r.weighted(CRIMINAL_CAUSES)).to_owned(),
            ),
            "行初" => (
                *r.weighted(&[(Procedure::Ordinary, 80), (Procedure::Simple, 20)]),
                (*r.weighted(ADMIN_CAUSES)).to_owned(),
            ),
            "民特" => (Procedure::Special, "申请司法确认调解协议".to_owned()),
            "财保" => (Procedure::None, "诉前财产保全".to_owned()),
            "民终" => (Procedure::AppealJudgment, "民事上诉".to_owned()),
            "刑终" => (Procedure::AppealJudgment, "刑事上诉".to_owned()),
            "执恢" => (Procedure::None, "恢复执行".to_owned()),
            _ => (
                Procedure::None,
                if origin.is_some() {
                    "申请执行人民法院判决、调解书".to_owned()
                } else {
                    "申请执行仲裁裁决、公证债权文书".to_owned()
                },
            ),
        };
        // Intermediate courts try first-instance cases under the ordinary procedure only.
        if upper_court && matches!(type_code, "民初" | "刑初" | "行初") {
            procedure = Procedure::Ordinary;
        }
        if let Some(c) = same_cause {
            cause = c;
        }
        // Parties: derived cases carry the origin's parties in their new roles.
        let mut parties = Vec::new();
        if !origin_parties.is_empty() {
            for (k, p) in origin_parties.iter().enumerate() {
                let role = match (type_code, k) {
                    ("民终" | "刑终", 0) => PartyRole::Appellant,
                    ("民终" | "刑终", _) => PartyRole::Appellee,
                    ("民初", 0) => PartyRole::Plaintiff,
                    ("民初", _) => PartyRole::Defendant,
                    (_, 0) => PartyRole::Applicant,
                    _ => PartyRole::Respondent,
                };
                parties.push(Party { role, ..p.clone() });
            }
        } else {
            match type_code {
                "刑初" => {
                    parties.push(self.person(PartyRole::Defendant, &region));
                    if self.rng.chance(0.3) {
                        parties.push(self.person(PartyRole::Victim, &region));
                    }
                }
                "行初" => {
                    parties.push(self.person(PartyRole::Plaintiff, &region));
                    // The defendant agency: the district or county government the court sits in.
                    let name = self.courts[court].name.replace("人民法院", "人民政府");
                    let id = Some(self.credit_code(&region, "11"));
                    parties.push(Party { role: PartyRole::Defendant, kind: PartyKind::Organization, name, id });
                }
                "民初" | "民诉前调" | "民特" | "财保" | "执" => {
                    let (r1, r2) = if type_code == "民初" {
                        (PartyRole::Plaintiff, PartyRole::Defendant)
                    } else {
                        (PartyRole::Applicant, PartyRole::Respondent)
                    };
                    // Family disputes are between natural persons.
                    let family = ["离婚", "抚养", "继承"].iter().any(|w| cause.contains(w));
                    let first = if cause.contains("金融借款") || cause.contains("信用卡") {
                        let bank = (*self.rng.pick(BANKS)).to_owned();
                        Party {
                            role: r1,
                            kind: PartyKind::Organization,
                            name: bank,
                            id: Some(self.credit_code(&region, "91")),
                        }
                    } else if !family && self.rng.chance(0.35) {
                        self.company(r1, &region)
                    } else {
                        self.person(r1, &region)
                    };
                    parties.push(first);
                    let second = if !family && self.rng.chance(0.25) {
                        self.company(r2, &region)
                    } else {
                        self.person(r2, &region)
                    };
                    parties.push(second);
                }
                _ => parties.push(self.person(PartyRole::Applicant, &region)),
            }
        }

        // Tags for the green channels and topics.
        let mut tags: Vec<&str> = Vec::new();
        if parties
            .iter()
            .any(|p| p.kind == PartyKind::Organization && !p.name.contains("银行") && !p.name.contains("政府"))
        {
            tags.push("enterprise");
        }
        if cause.contains("金融借款") || cause.contains("信用卡") || cause.contains("非法吸收") {
            tags.push("finance");
        }
        if cause.contains("劳动") {
            tags.push("labor");
            if cause.contains("追索劳动报酬") && self.rng.chance(0.4) {
                tags.push("migrant_wages");
            }
        }
        if cause.contains("建设工程") && self.rng.chance(0.3) {
            tags.push("major_project");
        }
        if cause.contains("抚养") || (type_code == "刑初" && self.rng.chance(0.04)) {
            tags.push("minor");
        }
        if cause.contains("物业") || cause.contains("劳动") {
            tags.push("livelihood");
        }
        let tags: Vec<Tag> = tags.into_iter().filter_map(Tag::parse).collect();

        let received_on = filed_on.checked_sub_days(Days::new(self.rng.range(0, 6) as u64));
        // 网上立案: about 70% of civil filings, fewer elsewhere.
        let online = self.rng.chance(if type_code.starts_with('民') || type_code == "执" { 0.7 } else { 0.2 });
        let claim = match type_code {
            "民初" | "民诉前调" | "执" | "执恢" | "财保" | "民终" => {
                let yuan = self.rng.long_tail_days(45_000.0, 1.1);
                Amount::from_fen(yuan * 100 + self.rng.range(0, 99))
            }
            _ => None,
        };

        let mut plan = Plan {
            court,
            type_code,
            procedure,
            cause,
            received_on,
            filed_on,
            online,
            claim,
            tags,
            parties,
            origin,
            // The charge's ceiling for 刑初: most 速裁 and 简易 cases are minor (危险驾驶 is
            // punished by 拘役); about a quarter of 简易 cases could exceed three years.
            possible_sentence_months: (type_code == "刑初").then(|| match procedure {
                Procedure::FastTrack => *self.rng.pick(&[6, 6, 12, 12, 24]),
                Procedure::Simple => *self.rng.pick(&[6, 12, 36, 36, 60]),
                _ => *self.rng.pick(&[36, 60, 120, 180]),
            }),
            events: Vec::new(),
            closed: None,
            planted: None,
        };
        self.timeline(&mut plan);
        plan
    }

    /// The case's events. Each event has a priority so that same-day events keep their causal order.
    fn timeline(&mut self, p: &mut Plan) {
        let d0 = p.filed_on;
        let at = |days: i64| d0 + Days::new(days.max(0) as u64);
        let mut ev: Vec<(NaiveDate, u8, EventKind)> = Vec::new();
        let departments: &[&str] = match p.type_code {
            "刑初" | "刑终" => &["xs"],
            "行初" => &["xz"],
            "执" | "执恢" | "财保" => &["zx"],
            "民诉前调" => &["la"],
            _ => &["ms1", "ms2"],
        };
        let judge = self.judge(p.court, departments);
        ev.push((
            at(self.rng.range(0, 2)),
            0,
            EventKind::Assigned { judge, department: Some(departments[0].to_owned()) },
        ));

        let r = &mut self.rng;
        // Net duration (days counted toward the limit), by type and procedure, with a long tail.
        let mut net = match (p.type_code, p.procedure) {
            ("民初", Procedure::SmallClaims) => r.long_tail_days(28.0, 0.45),
            ("民初", Procedure::Simple) => r.long_tail_days(42.0, 0.5),
            ("民初", _) => r.long_tail_days(105.0, 0.55),
            ("民诉前调", _) => r.range(7, 30),
            ("刑初", Procedure::FastTrack) => r.range(4, 10),
            ("刑初", Procedure::Simple) => r.range(8, 20),
            ("刑初", _) => r.long_tail_days(45.0, 0.4),
            ("行初", _) => r.long_tail_days(80.0, 0.5),
            ("民特", _) | ("财保", _) => r.range(3, 25),
            ("民终" | "刑终", _) => r.long_tail_days(50.0, 0.4),
            _ => r.long_tail_days(95.0, 0.7),
        };
        // December push: cases that would close in early January close before the year ends.
        let mut extra = 0i64;

        // Service: electronic first (about 80% delivered), post as the fallback.
        if p.type_code != "刑初" {
            let day = at(self.rng.range(1, 4));
            let delivered = self.rng.chance(0.8);
            ev.push((day, 1, EventKind::ServiceAttempted { channel: ServiceChannel::Electronic, delivered }));
            if !delivered {
                ev.push((
                    day + Days::new(3),
                    1,
                    EventKind::ServiceAttempted { channel: ServiceChannel::Post, delivered: self.rng.chance(0.9) },
                ));
            }
        }

        let hears = matches!(p.type_code, "民初" | "刑初" | "行初" | "民终" | "刑终");
        // 简易 → 普通 conversions: about 6% of simple civil cases.
        if p.type_code == "民初" && p.procedure == Procedure::Simple && self.rng.chance(0.06) {
            let day = (net / 2).max(10);
            ev.push((at(day), 2, EventKind::ProcedureChanged { procedure: Procedure::Ordinary }));
            net += self.rng.range(40, 100);
        }
        if hears && net > 8 {
            let scheduled_on = self.rng.range(2, (net / 3).max(3));
            let hearing = self.rng.range(scheduled_on + 3, (net - 1).max(scheduled_on + 3));
            ev.push((at(scheduled_on), 3, EventKind::HearingScheduled { hearing_on: at(hearing) }));
            // About 15% of first settings are postponed (CourTools 5).
            if self.rng.chance(0.15) && hearing > scheduled_on + 2 {
                let postponed = hearing - 1;
                let new_hearing = hearing + self.rng.range(7, 21);
                ev.push((at(postponed), 4, EventKind::HearingPostponed { reason: "当事人申请延期".into() }));
                ev.push((at(postponed), 5, EventKind::HearingScheduled { hearing_on: at(new_hearing) }));
                ev.push((at(new_hearing), 6, EventKind::HearingHeld));
                extra += new_hearing - hearing;
            } else {
                ev.push((at(hearing), 6, EventKind::HearingHeld));
            }
        }
        // Deducted periods: 鉴定 or 公告 in about 10% of ordinary civil and administrative cases.
        let mut deducted = 0;
        if matches!((p.type_code, p.procedure), ("民初", Procedure::Ordinary) | ("行初", _)) && self.rng.chance(0.10)
        {
            let reason = *self.rng.pick(&[SuspensionReason::Appraisal, SuspensionReason::Announcement]);
            let start = self.rng.range(net / 2, net - 1).max(1) + extra;
            let len =
                if reason == SuspensionReason::Appraisal { self.rng.range(30, 120) } else { self.rng.range(30, 65) };
            ev.push((at(start), 7, EventKind::Suspended { reason }));
            ev.push((at(start + len), 8, EventKind::Resumed));
            deducted = len;
        }
        // Planted: in about 10% of 简易 civil cases that run long, a 鉴定 suspension starts one to five
        // days before the three-month limit expires (Irregularity::SuspendedBeforeExpiry).
        let converted = ev.iter().any(|(_, _, k)| matches!(k, EventKind::ProcedureChanged { .. }));
        if p.type_code == "民初"
            && p.procedure == Procedure::Simple
            && !converted
            && net > 80
            && deducted == 0
            && self.rng.chance(0.10)
        {
            let expiry = d0.checked_add_months(chrono::Months::new(3)).unwrap_or(d0);
            let start = (expiry - d0).num_days() - self.rng.range(1, 5);
            let len = self.rng.range(30, 60);
            ev.push((at(start), 7, EventKind::Suspended { reason: SuspensionReason::Appraisal }));
            ev.push((at(start + len), 8, EventKind::Resumed));
            deducted = len;
            net = start + self.rng.range(5, 20) - extra;
            p.planted = Some(Plant::SuspendedBeforeExpiry);
        }
        // Extensions: ordinary civil cases running past about 165 days ask the president for 6 months.
        if p.type_code == "民初" && net > 175 {
            let req = 160 + deducted;
            ev.push((
                at(req),
                9,
                EventKind::ExtensionRequested { length: Period::Months(6), approver: Approver::President },
            ));
            ev.push((
                at(req + 3),
                10,
                EventKind::Extended { length: Period::Months(6), approver: Approver::President },
            ));
        }
        // Enforcement: recoveries and the closing method.
        let total = net + deducted + extra;
        let mut close_day = at(total);
        // The December push (年底冲刺结案): most cases pending through December whose natural
        // closing falls in January–June are closed in the second half of December instead. This,
        // with the year-end filing dip, is what puts a real basic court's 结案率 at 93–98%.
        if close_day.month() <= 6 && p.planted.is_none() {
            let year_end = NaiveDate::from_ymd_opt(close_day.year() - 1, 12, 31).unwrap_or(close_day);
            if d0 + Days::new(12) <= year_end && self.rng.chance(0.9) {
                let earliest = (d0 + Days::new(10)).max(year_end - Days::new(15));
                let span = (year_end - earliest).num_days().max(0) as u64;
                close_day = earliest + Days::new(self.rng.below(span + 1));
                // What would have happened after the closing does not.
                ev.retain(|(d, _, _)| *d <= close_day);
                let open_suspension = ev.iter().rev().find_map(|(_, _, k)| match k {
                    EventKind::Suspended { .. } => Some(true),
                    EventKind::Resumed => Some(false),
                    _ => None,
                });
                if open_suspension == Some(true) {
                    ev.retain(|(_, _, k)| !matches!(k, EventKind::Suspended { .. }));
                }
            }
        }
        let method = self.close_method(p);
        if matches!(p.type_code, "执" | "执恢")
            && let Some(claim) = p.claim
        {
            let share = match method {
                CloseMethod::EnforcementCompleted
                | CloseMethod::EnforcementVoluntary
                | CloseMethod::EnforcementSettled => 1.0,
                CloseMethod::EnforcementTerminated => self.rng.unit() * 0.3,
                _ => self.rng.unit() * 0.5,
            };
            let recovered = (claim.fen() as f64 * share) as i64;
            let parts = if recovered > 0 { self.rng.range(1, 3) } else { 0 };
            for k in 0..parts {
                let amount =
                    if k == parts - 1 { recovered - recovered / parts * (parts - 1) } else { recovered / parts };
                let day = at((total * (k + 1) / (parts + 1)).max(1));
                if let Some(a) = Amount::from_fen(amount).filter(|a| a.fen() > 0) {
                    ev.push((day.min(close_day), 11, EventKind::Recovered { amount: a }));
                }
            }
        }
        ev.push((close_day, 12, EventKind::Closed { method, outcome: None }));
        ev.push((close_day + Days::new(self.rng.range(15, 60) as u64), 13, EventKind::Archived));

        ev.retain(|(d, _, _)| *d <= self.cfg.until);
        ev.sort_by_key(|(d, prio, _)| (*d, *prio));
        p.closed = ev.iter().find_map(|(d, _, k)| match k {
            EventKind::Closed { method, .. } => Some((*d, *method)),
            _ => None,
        });
        p.events = ev;
    }

    fn close_method(&mut self, p: &Plan) -> CloseMethod {
        use CloseMethod::*;
        let r = &mut self.rng;
        *match p.type_code {
            // 民初: 调撤 about 45% (mediation 22, withdrawal 20, deemed withdrawal 3).
            "民初" => r.weighted(&[
                (Judgment, 44),
                (Mediation, 22),
                (Withdrawal, 20),
                (DeemedWithdrawal, 3),
                (Ruling, 6),
                (Dismissal, 3),
                (Transfer, 2),
            ]),
            // 诉前调解 about 40% successful.
            "民诉前调" => r.weighted(&[(PremediationAgreement, 40), (PremediationFailed, 60)]),
            "刑初" => r.weighted(&[(Judgment, 95), (Ruling, 3), (Withdrawal, 2)]),
            "行初" => r.weighted(&[(Judgment, 50), (Ruling, 20), (Withdrawal, 30)]),
            "民特" | "财保" => r.weighted(&[(Ruling, 95), (Withdrawal, 5)]),
            "民终" => r.weighted(&[(Affirmed, 70), (Revised, 13), (Remanded, 5), (Withdrawal, 10), (Mediation, 2)]),
            "刑终" => r.weighted(&[(Affirmed, 82), (Revised, 13), (Remanded, 5)]),
            // 执: 执行完毕 and 终本 the two big outcomes; 执行到位率 lands between 30% and 60%.
            _ => r.weighted(&[
                (EnforcementCompleted, 26),
                (EnforcementVoluntary, 7),
                (EnforcementSettled, 9),
                (EnforcementTerminated, 48),
                (EnforcementEnded, 6),
                (EnforcementRejected, 4),
            ]),
        }
    }

    /// Numbers the plans gap-free per court × type × year in filing order and emits records.
    fn emit(&mut self, plans: Vec<Plan>) -> (Vec<Record>, Vec<Planted>) {
        let until = self.cfg.until;
        let mut order: Vec<usize> = (0..plans.len()).filter(|&i| plans[i].filed_on <= until).collect();
        order.sort_by_key(|&i| (plans[i].court, plans[i].type_code, plans[i].filed_on, i));
        let mut numbers: Vec<Option<CaseNumber>> = vec![None; plans.len()];
        let mut counters: std::collections::HashMap<(usize, &str, i32), u32> = Default::default();
        for &i in &order {
            let p = &plans[i];
            let key = (p.court, p.type_code, p.filed_on.year());
            let seq = counters.entry(key).or_insert(0);
            *seq += 1;
            let t = CaseType::lookup(p.type_code);
            numbers[i] =
                t.and_then(|t| CaseNumber::new(p.filed_on.year(), self.courts[p.court].code.clone(), t, *seq).ok());
        }
        let mut cases = Vec::new();
        let mut events = Vec::new();
        let mut planted = Vec::new();
        let mut by_date: Vec<usize> = (0..plans.len()).collect();
        by_date.sort_by_key(|&i| (plans[i].filed_on, i));
        for i in by_date {
            let p = &plans[i];
            let Some(case_no) = numbers[i].clone() else { continue };
            let record = CaseRecord {
                court: self.courts[p.court].code.clone(),
                case_no: case_no.clone(),
                procedure: p.procedure,
                cause: p.cause.clone(),
                received_on: p.received_on,
                filed_on: p.filed_on,
                online: p.online,
                claim_amount: p.claim,
                tags: p.tags.clone(),
                origin: p.origin.and_then(|o| numbers[o].clone()),
                sealed: p.tags.iter().any(Tag::seals_by_default),
                possible_sentence_months: p.possible_sentence_months,
                parties: p.parties.clone(),
            };
            // Keep only what the lifecycle accepts, so the generated history is valid by construction.
            let mut state = CaseState::filed(record.clone());
            let mut suspended = false;
            for (on, _, kind) in &p.events {
                let event = Event { on: *on, kind: kind.clone() };
                if state.apply(event.clone()).is_ok() {
                    suspended |= matches!(kind, EventKind::Suspended { .. });
                    events.push(Record::Event(CaseEvent { case_no: case_no.clone(), event }));
                }
            }
            let kind = match p.planted {
                Some(Plant::SuspendedBeforeExpiry) if suspended => Some(Irregularity::SuspendedBeforeExpiry),
                Some(Plant::YearEndFilingDelay) => Some(Irregularity::YearEndFilingDelay),
                Some(Plant::RefiledAfterWithdrawal(w)) => {
                    numbers[w].clone().map(|withdrawn| Irregularity::RefiledAfterWithdrawal { withdrawn })
                }
                _ => None,
            };
            if let Some(kind) = kind {
                planted.push(Planted { case_no: case_no.clone(), kind });
            }
            cases.push(Record::Case(record));
        }
        cases.extend(events);
        (cases, planted)
    }
}

#[allow(clippy::panic)]
fn unreachable_id() -> PartyId {
    panic!("generated identity numbers carry their own check characters")
}

#[allow(clippy::panic)]
fn unreachable_code_credit() -> CreditCode {
    panic!("generated credit codes use the GB 32100 alphabet")
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use docket_interchange::{parse_line, write_record};

    #[test]
    fn the_same_seed_gives_the_same_court_system() {
        let cfg = Config { cases: 300, ..Config::default() };
        let a: Vec<String> = generate(&cfg).iter().map(write_record).collect();
        let b: Vec<String> = generate(&cfg).iter().map(write_record).collect();
        assert_eq!(a, b);
        let other: Vec<String> = generate(&Config { seed: 2, ..cfg }).iter().map(write_record).collect();
        assert_ne!(a, other);
    }

    #[test]
    fn every_generated_line_parses_back_to_the_same_record() {
        for record in generate(&Config { cases: 400, ..Config::default() }) {
            let line = write_record(&record);
            assert_eq!(parse_line(1, &line).unwrap(), record, "{line}");
        }
    }

    #[test]
    fn family_disputes_are_between_natural_persons() {
        let mut family = 0;
        for r in generate(&Config { cases: 2000, ..Config::default() }) {
            if let Record::Case(c) = r
                && ["离婚", "抚养", "继承"].iter().any(|w| c.cause.contains(w))
            {
                family += 1;
                assert!(c.parties.iter().all(|p| p.kind == PartyKind::Person), "{}", c.case_no);
            }
        }
        assert!(family > 50, "{family}");
    }

    #[test]
    fn the_case_mix_has_civil_first_instance_largest_and_enforcement_second() {
        let records = generate(&Config { cases: 3000, ..Config::default() });
        let mut counts = std::collections::HashMap::new();
        for r in &records {
            if let Record::Case(c) = r {
                *counts.entry(c.case_type().code).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<_> = counts.into_iter().collect();
        ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        assert_eq!(ranked[0].0, "民初", "{ranked:?}");
        assert_eq!(ranked[1].0, "执", "{ranked:?}");
        let total: usize = ranked.iter().map(|(_, n)| n).sum();
        assert!((2400..=3600).contains(&total), "{total}");
    }

    #[test]
    fn each_planted_irregularity_is_present_rare_and_shows_what_it_claims() {
        let g = generate_all(&Config { cases: 20_000, basic_courts: 3, ..Config::default() });
        let mut cases: HashMap<CaseNumber, &CaseRecord> = HashMap::new();
        let mut events: HashMap<CaseNumber, Vec<&Event>> = HashMap::new();
        for r in &g.records {
            match r {
                Record::Case(c) => {
                    cases.insert(c.case_no.clone(), c);
                }
                Record::Event(e) => events.entry(e.case_no.clone()).or_default().push(&e.event),
                _ => {}
            }
        }
        let mut counts = [0usize; 3];
        for p in &g.planted {
            let c = cases[&p.case_no];
            match &p.kind {
                Irregularity::SuspendedBeforeExpiry => {
                    counts[0] += 1;
                    let expiry = c.filed_on.checked_add_months(chrono::Months::new(3)).unwrap();
                    let suspended = events[&p.case_no]
                        .iter()
                        .find(|e| matches!(e.kind, EventKind::Suspended { .. }))
                        .expect("a suspension");
                    let before = (expiry - suspended.on).num_days();
                    assert!((1..=5).contains(&before), "{}: {before}", p.case_no);
                }
                Irregularity::YearEndFilingDelay => {
                    counts[1] += 1;
                    let received = c.received_on.unwrap();
                    assert_eq!((received.month(), c.filed_on.month()), (12, 1), "{}", p.case_no);
                    assert!((c.filed_on - received).num_days() > 7, "{}", p.case_no);
                }
                Irregularity::RefiledAfterWithdrawal { withdrawn } => {
                    counts[2] += 1;
                    let w = cases[withdrawn];
                    assert_eq!(
                        (&w.parties.iter().map(|p| &p.name).collect::<Vec<_>>(), &w.cause),
                        (&c.parties.iter().map(|p| &p.name).collect::<Vec<_>>(), &c.cause)
                    );
                    let closed = events[withdrawn]
                        .iter()
                        .find_map(|e| match e.kind {
                            EventKind::Closed { method: CloseMethod::Withdrawal, .. } => Some(e.on),
                            _ => None,
                        })
                        .expect("the first case was withdrawn");
                    assert!((10..=40).contains(&(c.filed_on - closed).num_days()), "{}", p.case_no);
                    assert!(c.origin.is_none());
                }
            }
        }
        assert!(counts.iter().all(|n| *n >= 10), "{counts:?}");
        assert!(g.planted.len() * 20 < cases.len(), "{} of {}", g.planted.len(), cases.len());
    }

    #[test]
    fn filings_dip_in_the_last_days_of_december() {
        let records = generate(&Config { cases: 20_000, ..Config::default() });
        let (mut early, mut late) = (0, 0);
        for r in &records {
            if let Record::Case(c) = r
                && c.filed_on.month() == 12
            {
                match c.filed_on.day() {
                    1..=12 => early += 1,
                    20..=31 => late += 1,
                    _ => {}
                }
            }
        }
        // Per day, the last twelve days of December receive well under the first twelve's filings.
        assert!(late * 10 < early * 7, "early {early}, late {late}");
    }

    #[test]
    fn every_court_has_an_account_per_role_and_judicial_accounts_name_their_judge() {
        let g = generate_all(&Config { cases: 100, basic_courts: 3, ..Config::default() });
        let mut judges = std::collections::HashSet::new();
        let mut courts = Vec::new();
        for r in &g.records {
            match r {
                Record::Judge(j) => {
                    judges.insert((j.court.clone(), j.code.clone()));
                }
                Record::Court(c) => courts.push(c.clone()),
                _ => {}
            }
        }
        let names: std::collections::HashSet<&str> = g.staff.iter().map(|a| a.username.as_str()).collect();
        assert_eq!(names.len(), g.staff.len(), "usernames are unique");
        for court in &courts {
            let roles: std::collections::BTreeSet<Role> =
                g.staff.iter().filter(|a| a.court == court.code).map(|a| a.role).collect();
            let expected: std::collections::BTreeSet<Role> = Role::ALL
                .into_iter()
                .filter(|r| match r {
                    Role::FilingClerk => court.level == CourtLevel::Basic,
                    Role::EnforcementOfficer => court.level != CourtLevel::High,
                    Role::HigherCourtViewer => court.level != CourtLevel::Basic,
                    _ => true,
                })
                .collect();
            assert_eq!(roles, expected, "{}", court.code);
        }
        for a in &g.staff {
            assert_eq!(a.role.is_judicial(), a.judge.is_some(), "{}", a.username);
            if let Some(j) = &a.judge {
                assert!(judges.contains(&(a.court.clone(), j.clone())), "{}", a.username);
            }
        }
    }
}
