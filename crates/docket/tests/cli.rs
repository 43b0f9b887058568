//! The command-line contract scripts rely on: exit codes, `line N:` errors on stderr, export
//! identity, verify, case show and the demo.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket")).current_dir(dir).env_remove("DOCKET_DB").args(args).output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const GOOD: &str = r#"{"kind":"court","code":"内0203","name":"包头市昆都仑区人民法院","level":"basic","parent":"内02"}
{"kind":"department","court":"内0203","code":"ms1","name":"民事审判第一庭"}
{"kind":"judge","court":"内0203","code":"J0007","name":"王立新","department":"ms1","titles":["division_head"],"quota":true}
{"kind":"case","court":"内0203","case_no":"（2025）内0203民初1234号","type":"民初","procedure":"simple","cause":"买卖合同纠纷","received_on":"2025-03-01","filed_on":"2025-03-03","online":true,"claim_amount":"125000.00","tags":["enterprise"],"origin":null,"sealed":false,"parties":[{"role":"plaintiff","kind":"organization","name":"某建材有限公司","id_number":"91150203MA0N00001K"},{"role":"defendant","kind":"person","name":"张三","id_number":"150203199001011232"}]}
{"kind":"event","case_no":"（2025）内0203民初1234号","on":"2025-03-04","type":"assigned","judge":"J0007"}
"#;

#[test]
fn a_bad_file_exits_non_zero_names_every_line_and_stores_nothing() {
    let dir = temp_dir("bad");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let before = stdout(&docket(&dir, &["export"]));

    let bad = "{\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-01\",\"type\":\"closed\",\"method\":\"judgment\"}\n\
               {\"kind\":\"case\",\"court\":\"内0203\"}\n\
               {\"kind\":\"event\",\"case_no\":\"（2025）内0203民初1234号\",\"on\":\"2025-04-02\",\"type\":\"recovered\",\"amount\":\"1.001\"}\n";
    std::fs::write(dir.join("bad.jsonl"), bad).unwrap();
    let out = docket(&dir, &["import", "bad.jsonl"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("line 2: case_no: 缺少必填字段"), "{err}");
    assert!(err.contains("line 3: amount: 金额“1.001”小数超过两位"), "{err}");
    assert!(!err.contains("line 1:"), "{err}");
    assert_eq!(stdout(&docket(&dir, &["export"])), before);
}

#[test]
fn export_writes_back_what_was_imported_and_verify_passes() {
    let dir = temp_dir("export");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    let db = format!("sqlite://{}", dir.join("a.db").display());
    assert!(docket(&dir, &["--db", &db, "import", "good.jsonl"]).status.success());
    let exported = stdout(&docket(&dir, &["--db", &db, "export"]));
    assert_eq!(exported, GOOD);
    let out = docket(&dir, &["--db", &db, "verify"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("哈希链完好"));
}

#[test]
fn metrics_fails_naming_the_case_when_a_projection_row_is_damaged_rather_than_leaving_it_out() {
    let dir = temp_dir("corrupt-projection");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let args = ["metrics", "--court", "内0203", "--from", "2025-01-01", "--to", "2025-12-31", "--indicators", "filed"];
    let before = docket(&dir, &args);
    assert!(before.status.success(), "{}", stderr(&before));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use docket_store::test_support::RawSql;
        let store = docket_store::SqliteStore::open(dir.join("docket.db").to_str().unwrap()).await.unwrap();
        store.exec("UPDATE cases SET eservice_log = '2025-03-0x+' WHERE case_no = '（2025）内0203民初1234号'").await;
    });
    let out = docket(&dir, &args);
    assert!(!out.status.success(), "a damaged row must not be counted as nothing: {}", stdout(&out));
    let err = stderr(&out);
    assert!(err.contains("（2025）内0203民初1234号") && err.contains("eservice_log"), "{err}");
    // verify names it too, as a projection that disagrees with the log.
    let verify = docket(&dir, &["verify"]);
    assert!(!verify.status.success());
    assert!(stdout(&verify).contains("（2025）内0203民初1234号"), "{}", stdout(&verify));
}

#[test]
fn an_unbounded_metrics_query_is_refused_with_its_limit_not_a_panic() {
    let dir = temp_dir("unbounded");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    for to in ["5000-12-31", "9999-12-31"] {
        let out = docket(&dir, &["metrics", "--court", "内0203", "--from", "2020-01-01", "--to", to, "--by", "month"]);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("统计期间无效") && stderr(&out).contains("2199"), "{}", stderr(&out));
    }
    // Within the years but longer than twenty.
    let out = docket(&dir, &["metrics", "--court", "内0203", "--from", "1990-01-01", "--to", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("超过 20 年"), "{}", stderr(&out));
}

#[test]
fn a_file_with_a_bom_or_no_records_gets_a_clear_message_and_the_database_is_private() {
    let dir = temp_dir("bom");
    std::fs::write(dir.join("bom.jsonl"), format!("\u{feff}{GOOD}")).unwrap();
    let out = docket(&dir, &["import", "bom.jsonl"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("line 1: json:") && stderr(&out).contains("BOM"), "{}", stderr(&out));
    std::fs::write(dir.join("empty.jsonl"), "\n  \n").unwrap();
    let out = docket(&dir, &["import", "empty.jsonl"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("文件为空"), "{}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["docket.db", "docket.db-wal", "docket.db-shm"] {
            let path = dir.join(f);
            if path.exists() {
                let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o600, "{f} is {mode:o}");
            }
        }
        assert!(dir.join("docket.db").exists());
    }
}

#[test]
fn verify_exits_non_zero_when_a_row_was_edited() {
    let dir = temp_dir("verify");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use docket_store::test_support::RawSql;
        let store = docket_store::SqliteStore::open(dir.join("docket.db").to_str().unwrap()).await.unwrap();
        store.exec("UPDATE log SET body = REPLACE(body, '张三', '李四') WHERE kind = 'case'").await;
    });
    let out = docket(&dir, &["verify"]);
    assert!(!out.status.success());
    assert!(stdout(&out).contains("第 4 条记录的内容或前序链接与其哈希不符"), "{}", stdout(&out));
}

#[test]
fn case_show_prints_parties_and_the_hashed_timeline() {
    let dir = temp_dir("show");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let out = docket(&dir, &["case", "show", "(2025)内0203民初1234号"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in
        ["（2025）内0203民初1234号", "包头市昆都仑区人民法院", "原告：某建材有限公司", "分案：承办法官", "买卖合同纠纷"]
    {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }
    let missing = docket(&dir, &["case", "show", "（2025）内0203民初9号"]);
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("未找到"));
}

#[test]
fn the_demo_loads_a_court_system_and_summarises_it() {
    let dir = temp_dir("demo");
    let out = docket(&dir, &["demo", "--cases", "300", "--no-serve"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("演示法院系统已载入"), "{text}");
    assert!(text.contains("民初"), "{text}");
    // Running it again starts from a fresh demo database rather than failing or doubling up.
    let again = docket(&dir, &["demo", "--cases", "300", "--no-serve"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(text.lines().find(|l| l.contains("案件构成")), stdout(&again).lines().find(|l| l.contains("案件构成")));
    assert!(docket(&dir, &["--db", "docket-demo.db", "verify"]).status.success());
    // Its documents (full texts, published or withheld) and the parties' contacts and agents
    // export, import into a new database and export again unchanged.
    let exported = stdout(&docket(&dir, &["--db", "docket-demo.db", "export"]));
    for needle in [
        "\"document_issued\"",
        "\"document_published\"",
        "\"agents\":[{",
        "\"phone\":\"1",
        "\"service_viewed\"",
        "\"receipt_at\"",
        "\"filing_application\"",
        "\"filing_application_event\"",
    ] {
        assert!(exported.contains(needle), "the demo's export holds {needle}");
    }
    std::fs::write(dir.join("demo.jsonl"), &exported).unwrap();
    let copy = format!("sqlite://{}", dir.join("copy.db").display());
    let imported = docket(&dir, &["--db", &copy, "import", "demo.jsonl"]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert_eq!(stdout(&docket(&dir, &["--db", &copy, "export"])), exported);
    assert!(docket(&dir, &["--db", &copy, "verify"]).status.success());
}

/// `docket user add-portal`: a party's account by a checked ID number, a lawyer's by a licence;
/// a number whose check digit is wrong is refused, naming the field; staff roles cannot be given
/// to a portal account through `user add` either.
#[test]
fn portal_accounts_are_opened_from_the_command_line_with_a_checked_identity() {
    use std::io::Write as _;
    let dir = temp_dir("portal");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["--db", "p.db", "import", "good.jsonl"]).status.success());
    let add = |args: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .current_dir(&dir)
            .env_remove("DOCKET_DB")
            .args(["--db", "p.db", "user"])
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "a-long-portal-secret").unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = add(&[
        "add-portal",
        "zhangsan",
        "--court",
        "内0203",
        "--identity",
        "150203199001011232",
        "--name",
        "张三",
        "--consent",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("当事人"));
    let lawyer = add(&[
        "add-portal",
        "lawyer-li",
        "--court",
        "内0203",
        "--identity",
        "11502201810012345",
        "--name",
        "李律师",
        "--lawyer",
    ]);
    assert!(lawyer.status.success(), "{}", stderr(&lawyer));
    let bad = add(&["add-portal", "wrong", "--court", "内0203", "--identity", "150203199001011233", "--name", "王五"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("identity"), "{}", stderr(&bad));
    let staff_way = add(&["add", "sneaky", "--court", "内0203", "--role", "party"]);
    assert!(!staff_way.status.success());
    assert!(stderr(&staff_way).contains("诉讼服务账户"), "{}", stderr(&staff_way));
}

#[test]
fn case_show_explains_the_deadline_and_export_derived_adds_it() {
    let dir = temp_dir("deadline");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let text = stdout(&docket(&dir, &["case", "show", "（2025）内0203民初1234号"]));
    assert!(text.contains("审限届满：2025-06-03"), "{text}");
    assert!(text.contains("审限计算：立案 2025-03-03；简易程序 3 个月 → 2025-06-03"), "{text}");
    assert!(text.contains("依据：民诉法 §164"), "{text}");

    let out = stdout(&docket(&dir, &["export", "--derived", "--as-of", "2025-04-01"]));
    let case: serde_json::Value =
        serde_json::from_str(out.lines().find(|l| l.contains("\"kind\":\"case\"")).unwrap()).unwrap();
    assert_eq!(case["derived"]["deadline_on"], "2025-06-03");
    assert_eq!(case["derived"]["duration_days"], 29);
    assert_eq!(case["derived"]["status"], "open");
    // Without --derived the export is unchanged.
    assert_eq!(stdout(&docket(&dir, &["export"])), GOOD);
}

#[test]
fn due_lists_open_cases_by_deadline_and_holidays_can_be_shown_and_replaced() {
    let dir = temp_dir("due");
    std::fs::write(dir.join("good.jsonl"), GOOD).unwrap();
    assert!(docket(&dir, &["import", "good.jsonl"]).status.success());
    let out = stdout(&docket(&dir, &["due", "--as-of", "2025-05-25", "--within", "15"]));
    assert!(out.contains("（2025）内0203民初1234号"), "{out}");
    assert!(out.contains("剩 9 天"), "{out}");
    let none = stdout(&docket(&dir, &["due", "--as-of", "2025-04-01", "--within", "15"]));
    assert!(!none.contains("民初1234号"), "{none}");
    let judge = stdout(&docket(&dir, &["due", "--as-of", "2025-05-25", "--judge", "J9"]));
    assert!(!judge.contains("民初1234号"), "{judge}");

    let shown = stdout(&docket(&dir, &["holidays", "show", "2025"]));
    assert!(shown.contains("2025-10-01 休 国庆节、中秋节") && shown.contains("2025-09-28 班"), "{shown}");
    std::fs::write(dir.join("bad.txt"), "2025-10-01 放 国庆\n").unwrap();
    let bad = docket(&dir, &["holidays", "import", "bad.txt"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("第 1 行"), "{}", stderr(&bad));
    std::fs::write(dir.join("h.txt"), "2025-06-03 休 测试假日\n").unwrap();
    assert!(docket(&dir, &["holidays", "import", "h.txt"]).status.success());
    let text = stdout(&docket(&dir, &["case", "show", "（2025）内0203民初1234号"]));
    assert!(text.contains("06-03 为休息日（测试假日） → 2025-06-04"), "{text}");
    assert!(!docket(&dir, &["--holiday-rule", "off", "case", "show", "（2025）内0203民初1234号"]).stdout.is_empty());
    let off = stdout(&docket(&dir, &["--holiday-rule", "off", "case", "show", "（2025）内0203民初1234号"]));
    assert!(off.contains("审限届满：2025-06-03"), "{off}");
}

#[test]
fn metrics_json_has_the_documented_shape_and_explain_lists_the_counted_cases() {
    let dir = temp_dir("metrics");
    assert!(docket(&dir, &["demo", "--cases", "800", "--no-serve"]).status.success());
    let db = ["--db", "docket-demo.db"];
    let base = ["--court", "内0203", "--from", "2025-01-01", "--to", "2025-12-31"];
    let run = |extra: &[&str]| {
        let mut args: Vec<&str> = db.to_vec();
        args.push("metrics");
        args.extend_from_slice(extra);
        let out = docket(&dir, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let mut args = base.to_vec();
    args.extend(["--format", "json", "--indicators", "accepted,closed,pending,closure_rate"]);
    let json: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
    assert_eq!(json["court"], "内0203");
    assert_eq!(json["from"], "2025-01-01");
    let ind = json["indicators"].as_array().unwrap();
    let get = |id: &str| ind.iter().find(|i| i["id"] == id).unwrap().clone();
    let (accepted, closed, pending) = (get("accepted"), get("closed"), get("pending"));
    assert!(accepted.get("numerator").is_none(), "counts have value only");
    assert_eq!(
        accepted["value"].as_f64().unwrap() - closed["value"].as_f64().unwrap(),
        pending["value"].as_f64().unwrap()
    );
    let rate = get("closure_rate");
    assert_eq!(rate["numerator"].as_f64(), closed["value"].as_f64());
    assert_eq!(rate["denominator"].as_f64(), accepted["value"].as_f64());
    let value = rate["value"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&value) && rate.get("yoy").is_some());

    // explain lists exactly the cases counted.
    let mut args = vec!["explain", "closure_rate"];
    args.extend(base);
    args.extend(["--format", "json"]);
    let e: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
    assert_eq!(e["numerator"].as_array().unwrap().len() as f64, closed["value"].as_f64().unwrap());
    assert_eq!(e["denominator"].as_array().unwrap().len() as f64, accepted["value"].as_f64().unwrap());

    // Grouped by month: twelve groups keyed by month.
    let mut args = base.to_vec();
    args.extend(["--format", "json", "--by", "month", "--indicators", "filed"]);
    let g: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
    let groups = g["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 12);
    assert_eq!(groups[0]["key"]["month"], "2025-01");
    let filed: f64 = groups.iter().map(|x| x["indicators"][0]["value"].as_f64().unwrap()).sum();
    let mut args = base.to_vec();
    args.extend(["--format", "json", "--indicators", "filed"]);
    let whole: serde_json::Value = serde_json::from_str(&run(&args)).unwrap();
    assert_eq!(whole["indicators"][0]["value"].as_f64().unwrap(), filed);

    // A bad query is refused in Chinese.
    let out = docket(&dir, &["--db", "docket-demo.db", "metrics", "--court", "内0203", "--from", "2025-01-01"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("统计期间"), "{}", stderr(&out));
}

#[test]
fn the_fee_command_prints_each_line_with_its_article_and_needs_no_database() {
    let dir = temp_dir("fee");
    let o = docket(&dir, &["fee", "--type", "民初", "--claim", "1000000", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["total"], "13800.00");
    assert_eq!(v["lines"][0]["item"], "案件受理费");
    assert_eq!(v["lines"][0]["article"], "诉讼费用交纳办法第十三条第（一）项");
    // Simple procedure closed by mediation: halved once.
    let o = docket(
        &dir,
        &[
            "fee",
            "--type",
            "民初",
            "--claim",
            "1000000",
            "--procedure",
            "simple",
            "--closing",
            "mediation",
            "--format",
            "json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["total"], "6900.00");
    assert_eq!(v["lines"][1]["amount"], "-6900.00");
    assert!(!dir.join("docket.db").exists(), "no database was opened");
    // A bad amount is refused naming the argument.
    let o = docket(&dir, &["fee", "--type", "民初", "--claim", "1万"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--claim"), "{}", stderr(&o));
}
