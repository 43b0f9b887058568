//! `docket search` and `docket document`: the full-text index beside the database, kept current
//! from the log, and its hits as a table or JSON.

use std::path::PathBuf;

use anyhow::{Context, Result};
use docket_app::Docket;
use docket_search::{Access, Query, SearchIndex};
use docket_store::Store;

/// Where the index lives: `DOCKET_SEARCH_DIR`, else beside an SQLite file (`FILE.search`), else
/// `./docket-search` for PostgreSQL.
pub fn search_dir(url: &str) -> PathBuf {
    if let Ok(dir) = std::env::var("DOCKET_SEARCH_DIR") {
        return PathBuf::from(dir);
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return PathBuf::from("./docket-search");
    }
    let path = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")).unwrap_or(url);
    PathBuf::from(format!("{path}.search"))
}

/// The index, opened or created, and whether it must be rebuilt from the log: it is new,
/// damaged, or behind the log (the tree size it was built at, kept beside it, differs and so does
/// its document count).
pub async fn open_index<S: Store>(docket: &Docket<S>, url: &str) -> Result<(SearchIndex, bool)> {
    let dir = search_dir(url);
    let (index, new) = SearchIndex::open(&dir).with_context(|| format!("全文索引 {}", dir.display()))?;
    let size = docket.store().tree_size().await?;
    let seen = std::fs::read_to_string(dir.join(MARKER)).ok().and_then(|s| s.trim().parse::<u64>().ok());
    let stale = seen != Some(size) && {
        let docs: u64 = docket
            .store()
            .all_case_facts()
            .await?
            .iter()
            .map(|f| {
                f.enforcement.iter().filter(|e| matches!(e.fact, docket_store::EnforcementFact::Document(..))).count()
                    as u64
            })
            .sum();
        docs != index.len()
    };
    Ok((index, new || stale))
}

const MARKER: &str = "docket-tree-size";

/// Rebuilds the index from the log and notes the tree size it was built at.
pub async fn rebuild<S: Store>(docket: &Docket<S>, url: &str, index: &SearchIndex, bar: bool) -> Result<u64> {
    let size = docket.store().tree_size().await?;
    let progress = crate::progress::Bar::new(bar);
    let n = docket.reindex(index, &progress).await?;
    progress.finish();
    let marker = search_dir(url).join(MARKER);
    std::fs::write(&marker, size.to_string()).with_context(|| format!("写入 {}", marker.display()))?;
    Ok(n)
}

/// The index for the command line: rebuilt first when it must be (or when asked).
pub async fn current_index<S: Store>(docket: &Docket<S>, url: &str, force: bool) -> Result<SearchIndex> {
    let (index, stale) = open_index(docket, url).await?;
    if stale || force {
        let n = rebuild(docket, url, &index, true).await?;
        eprintln!("全文索引：已收录 {n} 份裁判文书（{}）", search_dir(url).display());
    }
    Ok(index)
}

pub struct SearchArgs {
    pub query: String,
    pub court: Option<String>,
    pub cause: Option<String>,
    pub article: Option<String>,
    pub limit: usize,
    pub json: bool,
}

/// Runs a search as the operator (everything is readable from the command line) and prints it.
pub fn print_search(index: &SearchIndex, a: SearchArgs) -> Result<()> {
    let q = Query {
        text: a.query,
        court: a.court,
        cause: a.cause,
        article: a.article,
        limit: a.limit.max(1),
        access: Access { all: true, ..Access::default() },
        ..Query::default()
    };
    let (hits, total) = index.search(&q)?;
    if a.json {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "case_no": h.case_no, "score": h.score, "snippet": h.snippet, "court": h.court,
                    "cause": h.cause, "outcome": h.outcome, "doc": h.doc, "published": h.published,
                })
            })
            .collect();
        println!("{}", serde_json::json!({ "total": total, "hits": hits }));
    } else {
        println!("共 {total} 份文书命中，列出前 {} 份：", hits.len());
        for (i, h) in hits.iter().enumerate() {
            println!(
                "{:>3}. {}  {}  {:.2}  {}\n     {}",
                i + 1,
                h.case_no,
                h.cause,
                h.score,
                if h.published { "已公开" } else { "内部" },
                h.snippet.replace('\n', " ")
            );
        }
    }
    Ok(())
}
