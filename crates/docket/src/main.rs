//! The `docket` command: the composition root. It picks the storage backend from the database
//! URL (`postgres://…`, `sqlite://PATH` or a bare path) and runs one use case.
#![allow(clippy::print_stdout)] // The command line is the one place that writes to stdout.

mod cli;
mod fee;
mod ledger;
mod metrics;
mod output;
mod progress;
mod search;

use std::io::{BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use docket_app::{AppError, Docket};
use docket_store::{PgStore, SqliteStore, Store};

use cli::{CaseCommand, Cli, Command, DemoArgs, HolidaysCommand, UserCommand};
use progress::Bar;

/// mimalloc: bulk import and the demo allocate and free millions of small strings; glibc's
/// allocator spent about a third of the demo's time in `malloc`/`free` (measured with `perf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The default database: an SQLite file in the working directory.
const DEFAULT_DB: &str = "./docket.db";
/// The demo's own database, recreated by every run of `docket demo` without `--db`.
const DEMO_DB: &str = "./docket-demo.db";

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The server's log: failures with their cause chains, inside each request's span, on stderr.
    // `DOCKET_LOG` takes a filter (`debug`, `docket_web=debug,sqlx=info` …).
    let filter = tracing_subscriber::EnvFilter::try_from_env("DOCKET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动运行时：{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    // A bundle is checked with nothing else: no database is opened.
    if let Command::Verify { bundle: Some(path), verifier_key } = &cli.command {
        return ledger::verify_bundle(path, verifier_key.as_deref());
    }
    // A fee is worked out from the rules alone.
    if let Command::Fee { case_type, claim, cause, procedure, closing, format } = &cli.command {
        let a = fee::assess(&fee::FeeArgs {
            case_type,
            claim: claim.as_deref(),
            cause,
            procedure: procedure.as_deref(),
            closing: closing.as_deref(),
        })?;
        if format == "json" {
            println!("{}", fee::json(&a));
        } else {
            print!("{}", fee::table(&a));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let explicit_db = cli.db.clone();
    let url = match (&cli.command, explicit_db) {
        (_, Some(url)) => url,
        (Command::Demo(_), None) => {
            // The demo's signing key goes with its database: a new log needs a new key, or two
            // different histories would be signed under one name.
            for suffix in ["", "-wal", "-shm", ".log-key"] {
                let path = format!("{DEMO_DB}{suffix}");
                if std::path::Path::new(&path).exists() {
                    std::fs::remove_file(&path).with_context(|| format!("无法删除旧的演示数据库 {path}"))?;
                }
            }
            DEMO_DB.to_owned()
        }
        (_, None) => DEFAULT_DB.to_owned(),
    };
    let holiday_rule = cli.holiday_rule == "on";
    let confirmation_rule =
        docket_domain::deadline::ConfirmationRule::parse(&cli.confirmation_rule).unwrap_or_default();
    let key_file = ledger::key_path(cli.log_key.clone(), &url);
    let url = &url;
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = PgStore::open_announcing(url, &announce_migrations).await.context("打开 PostgreSQL 数据库")?;
        execute(docket(store, holiday_rule, confirmation_rule), cli.command, url, &key_file).await
    } else if url.contains("://") && !url.starts_with("sqlite://") {
        bail!("不支持的数据库地址 {url}：应为 postgres://…、sqlite://路径 或文件路径")
    } else {
        let store = SqliteStore::open_announcing(url, &announce_migrations).await.context("打开 SQLite 数据库")?;
        execute(docket(store, holiday_rule, confirmation_rule), cli.command, url, &key_file).await
    }
}

/// The application over `store`, with the deployment's 审限 rules.
fn docket<S: Store>(
    store: S,
    holiday_rule: bool,
    confirmation: docket_domain::deadline::ConfirmationRule,
) -> Docket<S> {
    Docket::new(store).with_holiday_rule(holiday_rule).with_confirmation_rule(confirmation)
}

async fn execute<S: Store>(
    docket: Docket<S>,
    command: Command,
    url: &str,
    key_file: &std::path::Path,
) -> Result<ExitCode> {
    // A database from before settings were logged: its holiday years and indicator settings
    // become log entries once (not while a backup reads or a restore fills the database).
    // A migration that added projection columns only a replay can fill (0008: the next hearing
    // and the pending extension request) leaves a note; replay once, before anything reads them.
    if !matches!(command, Command::Restore { .. }) {
        let pending = docket.store().projection_rebuilds().await?;
        if !pending.is_empty() {
            eprintln!("补齐案件投影（{}）：重放事件日志…", pending.join("、"));
            let bar = Bar::new(true);
            let n = docket.rebuild_case_projections(&bar).await?;
            bar.finish();
            eprintln!("已补齐 {n} 件案件的投影");
        }
    }
    if !matches!(command, Command::Backup { .. } | Command::Restore { .. }) {
        let adopted = docket.adopt_unlogged_settings().await?;
        if adopted > 0 {
            eprintln!("已将 {adopted} 项此前保存在表中的设置（节假日安排、指标设置）记入事件日志");
        }
    }
    match command {
        Command::Fee { .. } => unreachable!("handled before the database is opened"),
        Command::Import { file } => {
            let f = std::fs::File::open(&file).with_context(|| format!("无法打开 {}", file.display()))?;
            let size = f.metadata().map(|m| m.len()).unwrap_or(0);
            let bar = Bar::new(size > 4 << 20);
            let started = Instant::now();
            match docket.import(BufReader::with_capacity(1 << 20, f), &bar).await {
                Ok(report) => {
                    bar.finish();
                    let secs = started.elapsed().as_secs_f64();
                    println!("{}", output::import_summary(&report, secs));
                    let checkpoint = docket.issue_checkpoint(&ledger::signer(key_file)?).await?;
                    println!("已签发检查点：默克尔日志 {} 个叶子", checkpoint.size);
                    Ok(ExitCode::SUCCESS)
                }
                Err(AppError::Import(errors)) => {
                    bar.finish();
                    for e in &errors {
                        eprintln!("{e}");
                    }
                    eprintln!("导入失败：共 {} 处错误，未写入任何数据", errors.len());
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => {
                    bar.finish();
                    Err(e.into())
                }
            }
        }
        Command::Export { derived, as_of } => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            let as_of = derived.then(|| as_of.unwrap_or_else(today));
            match docket.export(&mut out, &docket_app::Quiet, as_of).await {
                Ok(_) => Ok(ExitCode::SUCCESS),
                // The reader stopped early (`docket export | head`): not an error of ours.
                Err(AppError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
                Err(e) => Err(e.into()),
            }
        }
        Command::Verify { bundle: _, verifier_key } => {
            let bar = Bar::new(true);
            let report = docket.verify(&bar).await?;
            let (ledger_text, ledger_ok) =
                ledger::verify_ledger(&docket, key_file, verifier_key.as_deref(), &bar).await?;
            bar.finish();
            print!("{}", output::verify_report(&report));
            print!("{ledger_text}");
            Ok(if report.is_intact() && ledger_ok { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        Command::Checkpoint { verifier_key } => {
            ledger::checkpoint(&docket, &ledger::signer(key_file)?, verifier_key).await
        }
        Command::Proof(p) => ledger::proof(&docket, p, &ledger::signer(key_file)?).await,
        Command::Evidence(e) => ledger::evidence(&docket, e, &ledger::signer(key_file)?).await,
        Command::Rebuild => {
            let bar = Bar::new(true);
            let n = docket.rebuild(&bar).await?;
            bar.finish();
            println!("已从事件日志重建 {n} 件案件的投影");
            Ok(ExitCode::SUCCESS)
        }
        Command::Due { court, judge, department, within, as_of } => {
            let filter = docket_store::CaseFilter { court, judge, department };
            let as_of = as_of.unwrap_or_else(today);
            let due = docket.due(&filter, as_of, within).await?;
            print!("{}", output::due_list(&due, as_of, within));
            Ok(ExitCode::SUCCESS)
        }
        Command::Holidays(HolidaysCommand::Show { year }) => {
            let calendar = docket.calendar().await?;
            let text = calendar.to_text(Some(year));
            if text.is_empty() {
                println!("{year} 年没有节假日安排（只按周末计休息日）；可用 docket holidays import 导入");
            } else {
                print!("{text}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Holidays(HolidaysCommand::Import { file }) => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            match docket.import_holidays(&text, None).await {
                Ok(years) => {
                    let years: Vec<String> = years.iter().map(ToString::to_string).collect();
                    println!("已导入 {} 年的节假日安排（整年替换）", years.join("、"));
                    Ok(ExitCode::SUCCESS)
                }
                Err(AppError::Invalid(why)) => {
                    eprintln!("{}：{why}；未导入任何数据", file.display());
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Case(CaseCommand::Show { case_no }) => match docket.case_view(&case_no, today()).await {
            Ok(view) => {
                print!("{}", output::case_view(&view));
                Ok(ExitCode::SUCCESS)
            }
            Err(AppError::NotFound(what)) => {
                eprintln!("未找到：{what}");
                Ok(ExitCode::FAILURE)
            }
            Err(e) => Err(e.into()),
        },
        Command::Demo(args) => demo(docket, args, url, key_file).await,
        Command::Serve { listen, checkpoint_every, deploy } => {
            serve(docket, &listen, ledger::signer(key_file)?, checkpoint_every, &deploy, url).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Add { username, court, role, judge, name }) => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).context("读取密码")?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let account = docket
                .add_account(docket_app::NewAccount { username, court, role, judge, name, password }, None)
                .await?;
            println!(
                "已创建用户 {}：{}，{}（{}）",
                account.username,
                account.name,
                account.role.label(),
                account.court
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::AddPortal { username, court, identity, name, lawyer, consent }) => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).context("读取密码")?;
            let password = password.trim_end_matches(['\r', '\n']).to_owned();
            let new = docket_app::NewPortalAccount { username, court, lawyer, name, identity, password };
            if let Some(problem) = docket_app::password_problem(&new.password, &new.username) {
                anyhow::bail!("密码：{problem}");
            }
            let account = new.username.clone();
            docket.add_portal_accounts_with_password(vec![new.clone()], &new.password, consent).await?;
            println!("已开设诉讼服务账户 {account}（{}）", if lawyer { "律师" } else { "当事人" });
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::List { court }) => {
            let court = docket_domain::CourtCode::parse(&court).map_err(|e| anyhow::anyhow!("法院：{e}"))?;
            let statuses = docket.account_statuses(&court, docket_app::unix_now()).await?;
            print!("{}", output::account_list(&statuses));
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Passwd { username }) => {
            let mut password = String::new();
            std::io::stdin().read_line(&mut password).context("读取密码")?;
            let password = password.trim_end_matches(['\r', '\n']);
            let ended = docket.reset_password(&username, password, None).await?;
            println!("已重设 {username} 的密码；结束会话 {ended} 个");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Disable { username }) => {
            let ended = docket.set_account_disabled(&username, true, None).await?;
            println!("已停用 {username}；结束会话 {ended} 个");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Enable { username }) => {
            docket.set_account_disabled(&username, false, None).await?;
            println!("已恢复 {username}");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::Edit { username, role, judge, name }) => {
            let current = docket
                .store()
                .account(&username)
                .await?
                .ok_or_else(|| docket_app::AppError::NotFound(format!("用户 {username}")))?;
            let edit = docket_app::EditAccount {
                name: name.unwrap_or(current.name),
                role: role.unwrap_or_else(|| current.role.as_str().to_owned()),
                judge: judge.or(current.judge).filter(|j| !j.is_empty()),
            };
            let ended = docket.edit_account(&username, edit, None).await?;
            println!("已修改 {username}；结束会话 {ended} 个");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(UserCommand::EndSessions { username }) => {
            let ended = docket.end_account_sessions(&username, None).await?;
            println!("已结束 {username} 的会话 {ended} 个");
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { out } => {
            let started = std::time::Instant::now();
            let r = docket_app::backup::write_backup(docket.store(), docket.store().backend(), &out).await?;
            println!(
                "已备份到 {}：{} 行，{:.1} MB，数据库结构版本 {}，用时 {:.1} 秒；SHA-256 {}",
                out.display(),
                r.rows,
                r.bytes as f64 / 1_048_576.0,
                r.schema,
                started.elapsed().as_secs_f64(),
                r.sha256
            );
            println!("签名密钥不在备份中：请另行保管 {}（恢复后用 --log-key 指定它）", key_file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let started = std::time::Instant::now();
            let receipt = docket_app::backup::restore_backup(docket.store(), &file).await?;
            let total: u64 = receipt.rows.iter().map(|r| r.1).sum();
            println!("已从 {} 恢复 {total} 行，用时 {:.1} 秒：", file.display(), started.elapsed().as_secs_f64());
            for (table, n) in receipt.rows.iter().filter(|r| r.1 > 0) {
                println!("  {table}：{n}");
            }
            println!("请用原签名密钥核验：docket --db … --log-key 原密钥文件 verify");
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { kind, court, period, rollup, tag, cause, format, out } => {
            let drafted = if kind == "topic" {
                docket
                    .topic_report(
                        &court,
                        &period,
                        rollup,
                        tag.as_deref(),
                        cause.as_deref(),
                        docket.indicator_settings().await?,
                    )
                    .await
            } else {
                let kind =
                    docket_app::ReportKind::parse(&kind).context("报告类型应为 weekly、monthly、annual 或 topic")?;
                docket.report(kind, &court, &period, rollup, docket.indicator_settings().await?).await
            };
            let doc = match drafted {
                Ok(d) => d,
                Err(AppError::Invalid(why) | AppError::NotFound(why)) => {
                    eprintln!("{why}");
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            };
            let format = docket_app::ReportFormat::parse(&format).context("未知的格式")?;
            let bytes = match docket_app::render_report(&doc, format) {
                Ok(b) => b,
                Err(AppError::Invalid(why) | AppError::Unavailable(why)) => {
                    eprintln!("{why}");
                    return Ok(ExitCode::FAILURE);
                }
                Err(e) => return Err(e.into()),
            };
            match out {
                Some(path) => std::fs::write(&path, bytes).with_context(|| format!("无法写入 {}", path.display()))?,
                None if format.is_binary() => bail!("{} 格式请用 --out 指定输出文件", format.extension()),
                None => std::io::stdout().write_all(&bytes)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Metrics(args) => {
            metrics::run(&docket, args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, court, cause, article, limit, format, reindex } => {
            let index = search::current_index(&docket, url, reindex).await?;
            if !query.trim().is_empty() || court.is_some() || cause.is_some() || article.is_some() {
                let json = format == "json";
                search::print_search(&index, search::SearchArgs { query, court, cause, article, limit, json })?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Document(cli::DocumentCommand::Anonymize { case_no, changes }) => {
            let d = docket.anonymised_latest(&case_no).await?;
            print!("{}", d.anonymised.text);
            if !d.anonymised.text.ends_with('\n') {
                println!();
            }
            if changes {
                eprintln!(
                    "隐名规则：{}；{} 处改动，{} 处待核：",
                    d.profile.label(),
                    d.anonymised.changes.len(),
                    d.anonymised.doubts.len()
                );
                for c in &d.anonymised.changes {
                    eprintln!("  {} → {}（{}）", c.original, c.replacement, c.why.label());
                }
                for x in &d.anonymised.doubts {
                    eprintln!("  待核：“{}”在此处似为普通词语，未替换", x.name);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Appraisal { court, scheme, period, format } => {
            let court = docket_domain::CourtCode::parse(&court).map_err(|e| anyhow::anyhow!("--court：{e}"))?;
            let settings = docket.indicator_settings().await?;
            let register = docket.register().await?;
            let engine = docket.metrics_engine_with(settings, &register).await?;
            let (judges, departments) = (docket.store().judges().await?, docket.store().departments().await?);
            let a = docket_app::appraise(&engine, &register, &judges, &departments, &court, &scheme, &period)?;
            if format == "json" {
                println!("{}", a.to_json());
            } else {
                print!("{}", output::appraisal(&a, engine.settings.ranking));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Integrity { court, rollup, from, to, detectors, format } => {
            let court = docket_domain::CourtCode::parse(&court).map_err(|e| anyhow::anyhow!("--court：{e}"))?;
            let detectors = detectors
                .iter()
                .map(|d| {
                    docket_domain::integrity::Detector::parse(d.trim())
                        .ok_or_else(|| anyhow::anyhow!("--detectors：未知的核查“{d}”"))
                })
                .collect::<Result<Vec<_>>>()?;
            let thresholds = docket.indicator_settings().await?.integrity;
            let q = docket_app::IntegrityQuery { court, rollup, from, to, detectors, thresholds, today: today() };
            let findings = docket.integrity(&q).await?;
            if format == "json" {
                println!("{}", docket_app::findings_json(&findings));
            } else {
                print!("{}", output::findings(&findings));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Today in the courts' time zone (China Standard Time, UTC+8).
fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

async fn demo<S: Store>(docket: Docket<S>, args: DemoArgs, url: &str, key_file: &std::path::Path) -> Result<ExitCode> {
    let summary = docket.store().summary().await?;
    if summary.log_entries > 0 && !args.export_only {
        bail!("数据库 {url} 中已有数据；演示数据请写入新的数据库（不加 --db 时使用 {DEMO_DB}，每次重建）");
    }
    let config = docket_demo::Config {
        seed: args.seed,
        cases: args.cases,
        basic_courts: args.courts,
        years: args.years,
        until: args.until.unwrap_or_else(|| today() - chrono::Days::new(1)),
    };
    let started = Instant::now();
    let docket_demo::Generated { records, staff, portal, .. } = docket_demo::generate_all(&config);
    if let Some(path) = &args.export {
        let file = std::fs::File::create(path).with_context(|| format!("无法写入 {}", path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        for r in &records {
            writeln!(out, "{}", docket_interchange::write_record(r))?;
        }
        out.flush().with_context(|| format!("无法写入 {}", path.display()))?;
        println!("已生成演示数据 {}（{} 行）", path.display(), records.len());
    }
    if args.export_only {
        return Ok(ExitCode::SUCCESS);
    }
    let bar = Bar::new(args.cases >= 20_000);
    let report = match docket.import_records(records, &bar).await {
        Ok(r) => r,
        Err(AppError::Import(errors)) => {
            for e in errors.iter().take(20) {
                eprintln!("{e}");
            }
            bail!("演示数据未能通过校验（{} 处错误）", errors.len());
        }
        Err(e) => return Err(e.into()),
    };
    bar.finish();
    let secs = started.elapsed().as_secs_f64();
    println!("{}", output::import_summary(&report, secs));
    let courts = docket.store().courts().await?;
    let summary = docket.store().summary().await?;
    // An example to open: the first stored case with the longest timeline among the first pages.
    let sample = docket
        .store()
        .scan_log(Some(docket_store::EntryKind::Event), None, 2000)
        .await?
        .into_iter()
        .max_by_key(|e| e.case_seq)
        .and_then(|e| e.case_no);
    print!("{}", output::demo_summary(&courts, &summary, url, sample.as_deref()));
    let accounts: Vec<docket_app::NewAccount> = staff
        .iter()
        .map(|s| docket_app::NewAccount {
            username: s.username.clone(),
            court: s.court.to_string(),
            role: s.role.as_str().to_owned(),
            judge: s.judge.clone(),
            name: Some(s.name.clone()),
            password: String::new(),
        })
        .collect();
    docket.add_accounts_with_password(accounts, docket_demo::DEMO_PASSWORD).await?;
    print!("{}", output::demo_accounts(&staff, docket_demo::DEMO_PASSWORD));
    let parties: Vec<docket_app::NewPortalAccount> = portal
        .iter()
        .map(|p| docket_app::NewPortalAccount {
            username: p.username.clone(),
            court: p.court.to_string(),
            lawyer: p.lawyer,
            name: p.name.clone(),
            identity: p.identity.clone(),
            password: String::new(),
        })
        .collect();
    docket.add_portal_accounts_with_password(parties, docket_demo::DEMO_PASSWORD, true).await?;
    print!("{}", output::demo_portal_accounts(&portal));
    let signer = ledger::signer(key_file)?;
    let checkpoint = docket.issue_checkpoint(&signer).await?;
    println!("默克尔日志：{} 个叶子，已签发检查点；公钥 {}", checkpoint.size, signer.verifier());
    if args.no_serve {
        let index = search::current_index(&docket, url, true).await?;
        drop(index);
    } else {
        serve(docket, &args.listen, signer, 300, &cli::DeployArgs::default(), url).await?;
    }
    Ok(ExitCode::SUCCESS)
}

/// How often the server picks up log entries written by others.
const FOLLOW_EVERY_SECONDS: u64 = 5;

/// Serves the web application until the process is stopped, signing a checkpoint every
/// `checkpoint_every` seconds when the log has grown.
async fn serve<S: Store>(
    docket: Docket<S>,
    listen: &str,
    signer: docket_tlog::SignerKey,
    checkpoint_every: u64,
    deploy: &cli::DeployArgs,
    url: &str,
) -> Result<()> {
    // The index serves at once; one behind the log is rebuilt in the background (a province's
    // documents take a while), and 类案检索 finds more as it fills.
    let (index, stale) = search::open_index(&docket, url).await?;
    let index = std::sync::Arc::new(index);
    if stale {
        let (docket, index, url) = (docket.clone(), index.clone(), url.to_owned());
        tokio::spawn(async move {
            match search::rebuild(&docket, &url, &index, false).await {
                Ok(n) => tracing::info!(documents = n, "全文索引已重建"),
                Err(e) => tracing::error!(cause = %e, "重建全文索引失败"),
            }
        });
    }
    let started = Instant::now();
    let signer = std::sync::Arc::new(signer);
    docket.issue_checkpoint(&signer).await?;
    let options = docket_web::Options {
        signer: Some(signer.clone()),
        secure_cookies: deploy.secure_cookies,
        trusted_proxies: deploy.trusted_proxy.clone(),
        search: Some(index),
        ..docket_web::Options::default()
    };
    let web = docket_web::Web::new(docket.clone(), options).await?;
    // Writes by other processes (an import, another server on the same PostgreSQL) reach the
    // engine and the cached views within seconds.
    let warming = web.clone();
    tokio::spawn(async move {
        if let Err(e) = warming.warm().await {
            tracing::error!(cause = %e.detail(), "预先计算首页失败");
        }
    });
    let following = web.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(FOLLOW_EVERY_SECONDS));
        loop {
            tick.tick().await;
            if let Err(e) = following.follow_log().await {
                tracing::error!(cause = %e.detail(), "跟进事件日志失败");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(checkpoint_every.max(1)));
        tick.tick().await;
        loop {
            tick.tick().await;
            if let Err(e) = docket.issue_checkpoint(&signer).await {
                tracing::error!(cause = %docket_web::error_chain(&e), "签发检查点失败");
            }
        }
    });
    let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("无法在 {listen} 上监听"))?;
    println!(
        "网页服务：http://{}/（载入用时 {:.1} 秒；Ctrl-C 停止）",
        listener.local_addr()?,
        started.elapsed().as_secs_f64()
    );
    docket_web::serve(web, listener).await.context("网页服务中断")?;
    Ok(())
}

/// Tells the operator, before they run, which migrations will upgrade an existing database.
fn announce_migrations(pending: &[docket_store::MigrationNotice]) {
    eprintln!("升级数据库结构：将执行 {} 项迁移（建议先用 docket backup 备份）：", pending.len());
    for m in pending {
        eprintln!("  {:04} {}：{}", m.version, m.description, m.summary);
    }
}
