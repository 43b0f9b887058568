//! Backup, restore and upgrade on the command line: a database made by the previous release
//! opens, announces its migrations and verifies; a backup restores into the other backend and
//! verifies with the original key and the original checkpoints; a damaged or cut backup, or a
//! database that is not empty, is refused without writing anything.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn docket(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket")).current_dir(dir).env_remove("DOCKET_DB").args(args).output().unwrap()
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\n{}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("docket-backup-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FIXTURE: &str = include_str!("fixtures/release-0006.sql");
const FIXTURE_KEY: &str = include_str!("fixtures/release-0006.log-key");

/// A database exactly as the previous release (schema 6) left it: demo data, an evidence file, an
/// imported holiday year, audit lines, two checkpoints; with its signing key beside it.
async fn previous_release_db(dir: &Path) -> String {
    let path = dir.join("old.db");
    docket_store::test_support::sqlite_file_from_dump(&path, FIXTURE).await;
    std::fs::write(dir.join("old.db.log-key"), FIXTURE_KEY).unwrap();
    path.to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_made_by_the_previous_release_announces_its_upgrade_and_verifies_after_it() {
    let dir = temp_dir("upgrade");
    let db = previous_release_db(&dir).await;
    let out = docket(&dir, &["--db", &db, "verify"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("升级数据库结构：将执行 9 项迁移")
            && err.contains("0007")
            && err.contains("0008")
            && err.contains("0009")
            && err.contains("0010")
            && err.contains("0011")
            && err.contains("0012")
            && err.contains("0013")
            && err.contains("0014")
            && err.contains("0015"),
        "{err}"
    );
    // 0008's columns (the next hearing, the pending extension) and 0009's search terms and
    // hearing log are filled by a replay, once.
    assert!(err.contains("补齐案件投影") && err.contains("已补齐"), "{err}");
    let text = ok(out);
    assert!(text.contains("审计日志完好：2 条记录"), "the earlier audit lines are chained: {text}");
    assert!(text.contains("默克尔日志完好"), "{text}");
    // Opened a second time: nothing left to announce.
    let again = docket(&dir, &["--db", &db, "verify"]);
    let again_err = String::from_utf8_lossy(&again.stderr).into_owned();
    assert!(!again_err.contains("升级") && !again_err.contains("补齐"), "announced or replayed twice: {again_err}");
    // What the old release stored still reads: the account it made, the evidence, the holidays.
    assert!(ok(docket(&dir, &["--db", &db, "user", "list", "--court", "内0203"])).contains("fixture-auditor"));
    assert!(ok(docket(&dir, &["--db", &db, "evidence", "list", "（2026）内02民终1号"])).contains("ev.txt"));
    assert!(ok(docket(&dir, &["--db", &db, "holidays", "show", "2027"])).contains("2027-02-20"));
    // The replay wrote the old cases' search terms: found by the end of a party's name and by
    // the 案号 from its type code.
    use docket_store::SearchStore;
    let store = docket_store::SqliteStore::open(&db).await.unwrap();
    for text in ["明", "民终1号"] {
        let search = docket_store::CaseSearch {
            courts: vec!["内02".into()],
            text: Some(text.into()),
            limit: 10,
            ..Default::default()
        };
        let (_, rows) = store.search_cases(&search).await.unwrap();
        assert!(rows.iter().any(|r| r.case_no.to_string() == "（2026）内02民终1号"), "{text}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_postgres_and_back_with_the_original_key_and_checkpoints() {
    let dir = temp_dir("across");
    let db = previous_release_db(&dir).await;
    let key = dir.join("old.db.log-key");
    let key = key.to_str().unwrap();
    let checkpoint = ok(docket(&dir, &["--db", &db, "checkpoint"]));
    let verifier = ok(docket(&dir, &["--db", &db, "checkpoint", "--verifier-key"]));
    let verifier = verifier.trim();
    let summary = ok(docket(&dir, &["--db", &db, "backup", "--out", "one.jsonl"]));
    assert!(summary.contains("签名密钥不在备份中"), "{summary}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("one.jsonl")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a backup holds sealed cases and password hashes");
    }
    assert!(!dir.join("one.jsonl.partial").exists());

    let Some(pg) = docket_store::test_support::fresh_pg_database().await else {
        eprintln!("skipped: DOCKET_TEST_PG_URL is not set");
        return;
    };
    ok(docket(&dir, &["--db", &pg, "restore", "one.jsonl"]));
    let verified = ok(docket(&dir, &["--db", &pg, "--log-key", key, "verify", "--verifier-key", verifier]));
    assert!(verified.contains("默克尔日志完好") && verified.contains("审计日志完好"), "{verified}");
    assert_eq!(
        ok(docket(&dir, &["--db", &pg, "--log-key", key, "checkpoint"])),
        checkpoint,
        "the same latest checkpoint"
    );

    // And back into a new SQLite file, from a backup of the PostgreSQL copy.
    ok(docket(&dir, &["--db", &pg, "--log-key", key, "backup", "--out", "two.jsonl"]));
    ok(docket(&dir, &["--db", "back.db", "restore", "two.jsonl"]));
    ok(docket(&dir, &["--db", "back.db", "--log-key", key, "verify", "--verifier-key", verifier]));
    assert_eq!(ok(docket(&dir, &["--db", "back.db", "--log-key", key, "checkpoint"])), checkpoint);
    assert_eq!(
        ok(docket(&dir, &["--db", "back.db", "export"])),
        ok(docket(&dir, &["--db", &db, "export"])),
        "the same record"
    );
    // Sign-in works with the password the previous release stored (the hash travelled).
    assert!(ok(docket(&dir, &["--db", "back.db", "user", "list", "--court", "内0203"])).contains("fixture-auditor"));
    // The search terms are not in a backup: the first command after the restore rebuilt them.
    use docket_store::SearchStore;
    let back = docket_store::SqliteStore::open(dir.join("back.db").to_str().unwrap()).await.unwrap();
    let search = docket_store::CaseSearch {
        courts: vec!["内02".into()],
        text: Some("苏明".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(back.search_cases(&search).await.unwrap().0, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_cut_backup_and_a_database_that_is_not_empty_are_refused_writing_nothing() {
    let dir = temp_dir("refused");
    let db = previous_release_db(&dir).await;
    ok(docket(&dir, &["--db", &db, "backup", "--out", "good.jsonl"]));
    let good = std::fs::read_to_string(dir.join("good.jsonl")).unwrap();

    // One character of one row changed: the checksum no longer matches.
    let damaged = good.replacen("民间借贷纠纷", "民间借贷纠分", 1);
    assert_ne!(damaged, good);
    std::fs::write(dir.join("damaged.jsonl"), damaged).unwrap();
    let out = docket(&dir, &["--db", "a.db", "restore", "damaged.jsonl"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("校验和不符"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ok(docket(&dir, &["--db", "a.db", "export"])), "", "nothing written");

    // Cut short, as by a copy that stopped.
    let cut: String = good.lines().take(400).map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.join("cut.jsonl"), cut).unwrap();
    let out = docket(&dir, &["--db", "a.db", "restore", "cut.jsonl"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不完整"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ok(docket(&dir, &["--db", "a.db", "export"])), "");

    // Into the database it came from: not empty, refused, unchanged.
    let before = ok(docket(&dir, &["--db", &db, "export"]));
    let out = docket(&dir, &["--db", &db, "restore", "good.jsonl"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是空的"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(ok(docket(&dir, &["--db", &db, "export"])), before);
}

#[test]
fn accounts_are_disabled_re_enabled_edited_and_reset_on_the_command_line_under_the_password_policy() {
    let dir = temp_dir("users");
    ok(docket(&dir, &["--db", "u.db", "demo", "--no-serve", "--cases", "30", "--courts", "1", "--years", "1"]));
    let add = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_docket"))
            .current_dir(&dir)
            .args(["--db", "u.db", "user", "add", "clerk-x", "--court", "内0203", "--role", "clerk", "--name", "赵六"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    for weak in ["12345678", "        ", "password1", "clerk-x-2026"] {
        let out = add(weak);
        assert!(!out.status.success(), "{weak:?} accepted");
        assert!(String::from_utf8_lossy(&out.stderr).contains("密码"), "{}", String::from_utf8_lossy(&out.stderr));
    }
    ok(add("lantern-oxide-47"));
    ok(docket(&dir, &["--db", "u.db", "user", "disable", "clerk-x"]));
    let list = ok(docket(&dir, &["--db", "u.db", "user", "list", "--court", "内0203"]));
    let line = list.lines().find(|l| l.starts_with("clerk-x")).unwrap();
    assert!(line.contains("已停用"), "{line}");
    ok(docket(&dir, &["--db", "u.db", "user", "enable", "clerk-x"]));
    let list = ok(docket(&dir, &["--db", "u.db", "user", "list", "--court", "内0203"]));
    assert!(list.lines().find(|l| l.starts_with("clerk-x")).unwrap().contains("正常"));
    assert!(!docket(&dir, &["--db", "u.db", "user", "disable", "nobody"]).status.success());
    // A change of role: a 庭长 needs a judge record; given none the change is refused, naming it.
    let refused = docket(&dir, &["--db", "u.db", "user", "edit", "clerk-x", "--role", "division_head"]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("法官记录"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    ok(docket(&dir, &["--db", "u.db", "user", "edit", "clerk-x", "--role", "trial_management", "--name", "赵审管"]));
    let list = ok(docket(&dir, &["--db", "u.db", "user", "list", "--court", "内0203"]));
    let line = list.lines().find(|l| l.starts_with("clerk-x")).unwrap();
    assert!(line.contains("审管办") && line.contains("赵审管"), "{line}");
}
