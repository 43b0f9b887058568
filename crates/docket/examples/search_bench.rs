//! 类案检索 benchmark: a generated province's judgments, rulings and mediation documents (the
//! demo's, as `docket demo` writes them, published ones anonymised) in an index on disk; then
//! `USERS` users searching at once, as the web's two searches do: 关键词 (phrases from a
//! document's facts, some with a 案由 filter) and 相似案件 (a case's facts, its 案由, itself left
//! out). Each user is a judge of one basic court: published documents and their court's internal
//! ones. Every latency is one `SearchIndex::search`, snippet included.
//!
//! `cargo run --release -p docket --example search_bench -- [DOCS] [USERS] [QUERIES_PER_USER] [THINK_MS]`
//!
//! Users run closed-loop: a user sends its next query when the last one answers, after a pause
//! drawn from an exponential distribution of mean THINK_MS, starting at a random point of the
//! first pause (so that users are not in step); 0: at once — the worst case, every user
//! searching without pause.
#![allow(clippy::print_stdout)] // A benchmark reports on stdout.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use docket_domain::publication::Profile;
use docket_domain::{CaseState, CourtLevel, Event};
use docket_interchange::Record;
use docket_search::{Access, Query, SearchIndex};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Keyword,
    KeywordCause,
    Similar,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Keyword => "关键词",
            Kind::KeywordCause => "关键词+案由",
            Kind::Similar => "相似案件",
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

/// A phrase of `len` characters from the facts of `text`, starting at a CJK character and holding
/// no punctuation or digits, if there is one.
fn phrase(rng: &mut docket_demo::Rng, text: &str, len: usize) -> Option<String> {
    let facts: Vec<char> = docket_app::facts_of_document(text, 400).chars().collect();
    for _ in 0..20 {
        if facts.len() <= len {
            return None;
        }
        let at = rng.below((facts.len() - len) as u64) as usize;
        let p = &facts[at..at + len];
        if p.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
            return Some(p.iter().collect());
        }
    }
    None
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let target: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let users: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(50);
    let per_user: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(100);
    let think = Duration::from_millis(args.get(4).and_then(|a| a.parse().ok()).unwrap_or(0));

    // The demo writes about 0.65 documents a case (trial cases only, not every closing).
    let cases = target * 16 / 10;
    let t = Instant::now();
    let records = docket_demo::generate(&docket_demo::Config { cases, basic_courts: 12, ..Default::default() });
    let mut states: Vec<CaseState> = Vec::new();
    let mut at = HashMap::new();
    let mut levels: HashMap<String, CourtLevel> = HashMap::new();
    let mut keep: HashMap<String, Vec<String>> = HashMap::new();
    for r in records {
        match r {
            Record::Case(c) => {
                at.insert(c.case_no.clone(), states.len());
                states.push(CaseState::filed(c));
            }
            Record::Event(e) => {
                if let Some(i) = at.get(&e.case_no) {
                    states[*i].apply(Event { on: e.event.on, kind: e.event.kind }).map_err(|e| e.to_string())?;
                }
            }
            Record::Court(c) => {
                levels.insert(c.code.as_str().to_owned(), c.level);
            }
            Record::Judge(j) => keep.entry(j.court.as_str().to_owned()).or_default().push(j.name),
            _ => {}
        }
    }
    drop(at);
    let generated = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut docs = Vec::new();
    for s in &states {
        let court = s.record.court.as_str();
        let names: Vec<&str> = keep.get(court).map(|v| v.iter().map(String::as_str).collect()).unwrap_or_default();
        let level = levels.get(court).copied().unwrap_or(CourtLevel::Basic);
        docs.extend(docket_app::search_docs(s, level, Profile::default(), &names));
    }
    let published = docs.iter().filter(|d| d.published).count();
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    println!(
        "corpus: {} cases generated in {generated:.1} s; {} documents ({published} published, anonymised), {:.0} characters a document on average, prepared in {:.1} s",
        states.len(),
        docs.len(),
        chars as f64 / docs.len().max(1) as f64,
        t.elapsed().as_secs_f64()
    );

    // The queries, drawn before the index owns the documents.
    let mut rng = docket_demo::Rng::new(2026);
    let basic: Vec<String> =
        levels.iter().filter(|(_, l)| **l == CourtLevel::Basic).map(|(c, _)| c.clone()).collect::<Vec<_>>();
    let mut basic = basic;
    basic.sort();
    let with_docs: Vec<usize> = (0..states.len()).filter(|i| !states[*i].documents().is_empty()).collect();
    let mut queries: Vec<(Kind, Query)> = Vec::new();
    while queries.len() < users * per_user {
        let court = rng.pick(&basic).clone();
        let access = Access { courts: vec![court.clone()], sealed_courts: vec![], all: false };
        let s = &states[*rng.pick(&with_docs)];
        let Some(doc) = s.documents().pop() else { continue };
        let roll = rng.below(10);
        let (kind, q) = if roll < 4 {
            let len = 4 + rng.below(3) as usize;
            let Some(p) = phrase(&mut rng, &doc.text, len) else { continue };
            let text = if rng.chance(0.4) {
                match phrase(&mut rng, &doc.text, 4) {
                    Some(p2) => format!("{p} {p2}"),
                    None => p,
                }
            } else {
                p
            };
            (Kind::Keyword, Query { text, limit: 30, access, ..Query::default() })
        } else if roll < 6 {
            let Some(p) = phrase(&mut rng, &doc.text, 4) else { continue };
            let cause = Some(s.record.cause.clone());
            (Kind::KeywordCause, Query { text: p, cause, limit: 30, access, ..Query::default() })
        } else {
            let q = Query {
                text: docket_app::similar_query(s),
                cause: Some(s.record.cause.clone()),
                exclude_case: Some(s.record.case_no.to_string()),
                similar: true,
                limit: 30,
                access,
                ..Query::default()
            };
            (Kind::Similar, q)
        };
        queries.push((kind, q));
    }
    drop(states);

    let dir = std::env::temp_dir().join(format!("docket-search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let t = Instant::now();
    let (index, _) = SearchIndex::open(&dir)?;
    let n = index.replace_all(docs)?;
    let built = t.elapsed().as_secs_f64();
    let bytes: u64 = std::fs::read_dir(&dir)?.filter_map(|e| e.ok()?.metadata().ok()).map(|m| m.len()).sum();
    println!(
        "index: {n} documents on disk, {:.0} MB, built in {built:.1} s ({:.0} documents/s)",
        bytes as f64 / 1e6,
        n as f64 / built
    );
    drop(index);
    // Opened again as a server opens it: from disk.
    let (index, rebuilt) = SearchIndex::open(&dir)?;
    assert!(!rebuilt, "the index written is opened, not made anew");
    let index = Arc::new(index);

    // A warm-up pass, then the users.
    for (_, q) in queries.iter().take(200) {
        index.search(q)?;
    }
    let mut found = 0usize;
    for (_, q) in queries.iter().take(500) {
        found += usize::from(index.search(q)?.1 > 0);
    }
    println!("{found} of the first 500 queries find something");
    let queries = Arc::new(queries);
    let t = Instant::now();
    let handles: Vec<_> = (0..users)
        .map(|u| {
            let index = Arc::clone(&index);
            let queries = Arc::clone(&queries);
            std::thread::spawn(move || -> Result<Vec<(Kind, Duration)>, String> {
                // Users are not in step: each starts somewhere in the first pause and pauses for
                // an exponentially distributed time of mean THINK_MS.
                let mut rng = docket_demo::Rng::new(u as u64 + 1);
                let mut pause = |first: bool| {
                    if think.is_zero() {
                        return;
                    }
                    let factor = if first { rng.unit() } else { -(1.0 - rng.unit()).ln() };
                    std::thread::sleep(think.mul_f64(factor.min(10.0)));
                };
                pause(true);
                let mut out = Vec::with_capacity(per_user);
                for (kind, q) in &queries[u * per_user..(u + 1) * per_user] {
                    let t = Instant::now();
                    index.search(q).map_err(|e| e.to_string())?;
                    out.push((*kind, t.elapsed()));
                    pause(false);
                }
                Ok(out)
            })
        })
        .collect();
    let mut all: Vec<(Kind, Duration)> = Vec::new();
    for h in handles {
        all.extend(h.join().map_err(|_| "a user's thread panicked")??);
    }
    let wall = t.elapsed().as_secs_f64();
    println!(
        "{users} users, {per_user} queries each, think time {} ms: {} queries in {wall:.1} s, {:.0} queries/s",
        think.as_millis(),
        all.len(),
        all.len() as f64 / wall
    );
    println!("{:<14} {:>7} {:>9} {:>9} {:>9} {:>9}", "query", "count", "p50 ms", "p95 ms", "p99 ms", "max ms");
    let show = |label: &str, mut d: Vec<Duration>| {
        d.sort_unstable();
        println!(
            "{label:<14} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            d.len(),
            percentile(&d, 0.50),
            percentile(&d, 0.95),
            percentile(&d, 0.99),
            percentile(&d, 1.0)
        );
    };
    for kind in [Kind::Keyword, Kind::KeywordCause, Kind::Similar] {
        show(kind.label(), all.iter().filter(|(k, _)| *k == kind).map(|(_, d)| *d).collect());
    }
    show("all", all.iter().map(|(_, d)| *d).collect());
    drop(index);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
