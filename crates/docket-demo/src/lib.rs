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

mod applications;
mod cases;
mod documents;
mod fees;
mod management;
mod names;
mod review;
mod rng;
mod supervision;

use chrono::{Datelike, Days, NaiveDate};
use docket_domain::identity::{CreditCode, ResidentId};
use docket_domain::{
    Amount, CaseNumber, CaseRecord, CaseState, CaseType, CloseMethod, Court, CourtCode, CourtLevel, Department, Event,
    EventKind, IdType, Judge, JudgeTitle, OrgType, Party, PartyId, PartyKind, PartyRole, Procedure, Role, Tag,
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

#[allow(clippy::expect_used)] // The table is this file's constant; a bad code is a bug caught by every test.
fn court_code(s: &str) -> CourtCode {
    CourtCode::parse(s).expect("the built-in court table holds only valid codes")
}

struct CourtInfo {
    code: CourtCode,
    name: String,
    /// Judges by department code.
    judges: Vec<(String, &'static str)>,
    /// Six digits of the administrative division, for ID numbers.
    region: String,
    /// The judges' names, in the order of `judges`.
    judge_names: Vec<String>,
    /// The court appeals go to (the name its judgments give).
    upper: String,
    /// The 书记员 who signs its documents.
    clerk: String,
}

/// A planted irregularity before numbering: a refiling names the withdrawn plan.
#[derive(Clone, Copy)]
enum Plant {
    SuspendedBeforeExpiry,
    YearEndFilingDelay,
    RefiledAfterWithdrawal(usize),
    PremediationParked,
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

/// The window of each basic court's 终本清仓 campaign: 1 April to 30 September of the last year
/// that reaches June (cut at `until`); `None` when the demo ends before one could start.
pub(crate) fn clearance_window(until: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let june = NaiveDate::from_ymd_opt(until.year(), 6, 1)?;
    let year = if until >= june { until.year() } else { until.year() - 1 };
    let from = NaiveDate::from_ymd_opt(year, 4, 1)?;
    let to = NaiveDate::from_ymd_opt(year, 9, 30)?.min(until);
    Some((from, to))
}

struct Generator<'a> {
    cfg: &'a Config,
    rng: Rng,
    /// A second stream for the details added after the first (courtrooms, online and streamed
    /// hearings, refused extensions): drawing them from `rng` would change every case after the
    /// first draw, and the demo's figures with them.
    side: Rng,
    /// A third stream for irregularities planted after the first ones, for the same reason.
    plants: Rng,
    /// A fourth for 执行措施 and 自动履行, added later still.
    enforce: Rng,
    /// A fifth for mediation referrals, 司法确认 and 诉讼费.
    fees: Rng,
    /// A sixth for 四类案件, 阅核 and the committee.
    superv: Rng,
    /// A seventh for 裁判文书 and their publication.
    docs: Rng,
    /// An eighth for the electronic service of documents and its views.
    eserv: Rng,
    lawyers: Vec<documents::Lawyer>,
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
    /// A 诉前调解 kept 35–75 days with no consent of the parties to go beyond the 30 days
    /// (特邀调解规定第二十七条; 在线调解规则), which keeps a dispute out of the filing figures.
    PremediationParked,
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

/// A portal account of the demo (诉讼服务账户): a party by the ID number their cases record, or
/// a lawyer by the licence number. They share [`DEMO_PASSWORD`] and have confirmed electronic
/// service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalAccount {
    pub username: String,
    pub name: String,
    pub court: CourtCode,
    pub lawyer: bool,
    /// The ID number or licence number.
    pub identity: String,
}

/// Everything the generator makes.
pub struct Generated {
    /// Interchange records: courts, departments, judges, then cases, then events.
    pub records: Vec<Record>,
    pub planted: Vec<Planted>,
    pub staff: Vec<StaffAccount>,
    pub portal: Vec<PortalAccount>,
}

/// The demo's portal accounts: in the first basic court, the plaintiffs (persons with an ID
/// number) of its three latest judged cases, and the two lawyers who act in most of its cases.
fn portal_accounts(records: &[Record]) -> Vec<PortalAccount> {
    use std::collections::BTreeMap;
    let Some(court) = records.iter().find_map(|r| match r {
        Record::Court(c) if c.level == CourtLevel::Basic => Some(c.code.clone()),
        _ => None,
    }) else {
        return Vec::new();
    };
    let cases: Vec<&docket_domain::CaseRecord> = records
        .iter()
        .filter_map(|r| match r {
            Record::Case(c) if c.court == court && !c.sealed && c.case_no.type_code() == "民初" => Some(c),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for c in cases.iter().rev() {
        let Some(p) = c.parties.iter().find(|p| p.kind == docket_domain::PartyKind::Person && p.id.is_some()) else {
            continue;
        };
        let id = p.id.as_ref().map(|i| i.number().to_owned()).unwrap_or_default();
        if seen.insert(id.clone()) {
            out.push(PortalAccount {
                username: format!("party{}", out.len() + 1),
                name: p.name.clone(),
                court: court.clone(),
                lawyer: false,
                identity: id,
            });
        }
        if out.len() == 3 {
            break;
        }
    }
    let mut lawyers: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in &cases {
        for a in c.parties.iter().flat_map(|p| &p.agents) {
            if let (docket_domain::AgentKind::Lawyer, Some(l)) = (a.kind, &a.licence_no) {
                *lawyers.entry((l.clone(), a.name.clone())).or_default() += 1;
            }
        }
    }
    let mut busiest: Vec<_> = lawyers.into_iter().collect();
    busiest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (i, ((licence, name), _)) in busiest.into_iter().take(2).enumerate() {
        out.push(PortalAccount {
            username: format!("lawyer{}", i + 1),
            name,
            court: court.clone(),
            lawyer: true,
            identity: licence,
        });
    }
    out
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
        side: Rng::new(cfg.seed.rotate_left(17) ^ 0x51DE_0F5E_ED00_0001),
        plants: Rng::new(cfg.seed.rotate_left(29) ^ 0x9A4C_ED00_0000_0029),
        enforce: Rng::new(cfg.seed.rotate_left(41) ^ 0xE4F0_0C3E_0000_0041),
        fees: Rng::new(cfg.seed.rotate_left(53) ^ 0xFEE5_0000_0000_0053),
        superv: Rng::new(cfg.seed.rotate_left(11) ^ 0x5E7E_0000_0000_0011),
        docs: Rng::new(cfg.seed.rotate_left(23) ^ 0xD0C5_0000_0000_0023),
        eserv: Rng::new(cfg.seed.rotate_left(47) ^ 0xE5E7_0000_0000_0047),
        lawyers: documents::lawyers(&mut Rng::new(cfg.seed.rotate_left(37) ^ 0x1A3E_0000_0000_0037)),
        courts: Vec::new(),
        start: cfg.until.checked_sub_days(Days::new(365 * u64::from(cfg.years.max(1)) - 1)).unwrap_or(cfg.until),
        staff: Vec::new(),
    };
    let mut records = g.court_system();
    let orgs = management::orgs(&records);
    records.extend(orgs);
    let plans = g.cases();
    let (cases, planted) = g.emit(plans);
    records.extend(cases);
    let management = management::generate(cfg.seed, cfg.until, &records);
    records.extend(management);
    let reviews = review::generate(cfg.seed, cfg.until, &records);
    records.extend(reviews);
    let applications = applications::generate(cfg.seed, cfg.until, &records);
    records.extend(applications);
    let portal = portal_accounts(&records);
    Generated { records, planted, staff: g.staff, portal }
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
            let mut judge_names = Vec::new();
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
                    judge_names.push(name.clone());
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
            let upper = match level {
                CourtLevel::Basic => COURTS
                    .iter()
                    .find(|(_, _, basics)| basics.iter().any(|(c, _)| *c == code.as_str()))
                    .map_or("内蒙古自治区高级人民法院", |(_, n, _)| *n)
                    .to_owned(),
                CourtLevel::Intermediate => "内蒙古自治区高级人民法院".to_owned(),
                _ => "最高人民法院".to_owned(),
            };
            let clerk = {
                let r = &mut self.docs;
                format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN))
            };
            self.courts.push(CourtInfo { code, name, judges, region, judge_names, upper, clerk });
        }
        // The last year's holiday arrangements, as the high court's administrator imported them
        // from the State Council's notice: a setting line, hashed into the high court's chain.
        let year = self.cfg.until.year();
        let shipped = docket_domain::calendar::HolidayCalendar::shipped().to_text(Some(year));
        if !shipped.trim().is_empty() {
            out.push(Record::Setting(docket_interchange::SettingRecord {
                court: court_code("内"),
                name: docket_interchange::SettingName::Holidays(year),
                lines: shipped.lines().map(str::to_owned).collect(),
                by: "nm-admin".into(),
            }));
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
        #[allow(clippy::expect_used)] // The check character was just computed for these 17 digits.
        PartyId::parse(IdType::ResidentId, &id).expect("generated identity numbers carry their own check characters")
    }

    fn credit_code(&mut self, region: &str, prefix: &str) -> PartyId {
        const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
        let body: String = (0..9).map(|_| ALPHA[self.rng.below(ALPHA.len() as u64) as usize] as char).collect();
        #[allow(clippy::expect_used)] // Drawn from the GB 32100 alphabet, completed with its check character.
        let code = CreditCode::complete(&format!("{prefix}{region}{body}"))
            .expect("generated credit codes use the GB 32100 alphabet");
        #[allow(clippy::expect_used)]
        let id = PartyId::parse(IdType::CreditCode, code.as_str()).expect("a completed credit code parses");
        id
    }

    fn person(&mut self, role: PartyRole, region: &str) -> Party {
        let name = self.person_name();
        let id = self.rng.chance(0.9).then(|| self.resident_id(region));
        Party { id, ..Party::new(role, PartyKind::Person, name) }
    }

    fn company(&mut self, role: PartyRole, region: &str) -> Party {
        let name = format!(
            "{}{}{}有限公司",
            self.rng.pick(COMPANY_PLACES),
            self.rng.pick(COMPANY_WORDS),
            self.rng.pick(COMPANY_TRADES)
        );
        let id = Some(self.credit_code(region, "91"));
        Party { id, org_type: Some(OrgType::Private), ..Party::new(role, PartyKind::Organization, name) }
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
            let mut parties = p.parties.clone();
            let civil =
                matches!(p.type_code, "民初" | "民终" | "民特" | "民诉前调" | "诉前调确" | "执" | "执恢" | "财保");
            for party in &mut parties {
                // The same person has the same address and agent in every case: drawn from a
                // stream seeded by who they are.
                let mut who = Rng::new(
                    party
                        .name
                        .bytes()
                        .chain(party.id.as_ref().map_or("", |i| i.number()).bytes())
                        .fold(0xCBF2_9CE4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)),
                );
                documents::add_contacts(&mut who, party, &self.courts[p.court].name, &self.lawyers, civil);
            }
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
                parties,
            };
            // Keep only what the lifecycle accepts, so the generated history is valid by construction.
            let mut state = CaseState::filed(record.clone());
            let mut suspended = false;
            let timeline = self.with_documents(p, &record);
            for (on, _, kind) in &timeline {
                let event = Event { on: *on, kind: kind.clone() };
                if state.apply(event.clone()).is_ok() {
                    suspended |= matches!(kind, EventKind::Suspended { .. });
                    events.push(Record::Event(CaseEvent { case_no: case_no.clone(), event }));
                }
            }
            let kind = match p.planted {
                Some(Plant::SuspendedBeforeExpiry) if suspended => Some(Irregularity::SuspendedBeforeExpiry),
                Some(Plant::YearEndFilingDelay) => Some(Irregularity::YearEndFilingDelay),
                // Only once it shows: a parked mediation filed in the last month is not yet late.
                Some(Plant::PremediationParked)
                    if (state.closed_on.unwrap_or(self.cfg.until) - p.filed_on).num_days() > 30 =>
                {
                    Some(Irregularity::PremediationParked)
                }
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

#[cfg(test)]
mod tests;
