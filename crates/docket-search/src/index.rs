//! The index: its schema, keeping it current, and the search with filters and snippets.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query as TQuery, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::bigram::{BigramTokenizer, bigrams};

/// The index layout's version: an index written by another layout is rebuilt, not read.
const LAYOUT: &str = "docket-search 1";
const WRITER_BYTES: usize = 60_000_000;
/// Closings whose document decides nothing a later case could follow.
/// 相似案件 ranks by at most this many words of the facts …
const SIMILAR_WORDS: usize = 24;
/// … each found in at most this share of the documents: 原告, 被告, 本院 and 认为 tell cases
/// apart no more than they cost to read (in an index of at least [`COMMON_FROM`] documents) …
const COMMON_SHARE: f64 = 0.25;
const COMMON_FROM: u64 = 200;
/// … then reorders this many of the best by how many clauses of the facts each holds word for
/// word.
const SIMILAR_CANDIDATES: usize = 100;

pub const NOT_DECIDED: [&str; 2] = ["withdrawal", "deemed_withdrawal"];

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("全文索引出错：{0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("全文索引目录 {path} 无法使用：{why}")]
    Directory { path: PathBuf, why: String },
    #[error("全文索引的写入锁已损坏")]
    Poisoned,
}

/// One document to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Unique: the case number and the document's place in the case (`（2025）内0203民初1号#1`).
    pub id: String,
    pub case_no: String,
    /// 法院代字 and the court's level (`supreme`, `high`, `intermediate`, `basic`).
    pub court: String,
    pub level: String,
    pub cause: String,
    /// The closing method's id (`judgment`, `affirmed` …), or empty.
    pub outcome: String,
    /// The document kind (`judgment`, `ruling` …).
    pub doc: String,
    /// 生效日期 as yyyymmdd.
    pub date: i64,
    /// 法条 cited, as `《…》第X条`.
    pub articles: Vec<String>,
    /// Published on the internet (the text is then the anonymised one, readable by everyone).
    pub published: bool,
    /// A sealed case: internal readers of its court only, and only those the caller allows.
    pub sealed: bool,
    /// 指导性案例 or a case the court marked as 典型案例 / 入库案例.
    pub guiding: bool,
    pub text: String,
}

/// Who is asking: which internal documents they may read besides every published one.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// Courts whose unpublished documents the reader may see.
    pub courts: Vec<String>,
    /// Courts whose sealed documents the reader may see.
    pub sealed_courts: Vec<String>,
    /// Everything (a command-line operator).
    pub all: bool,
}

/// A search: the words, the filters, how many hits.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub cause: Option<String>,
    pub outcome: Option<String>,
    pub court: Option<String>,
    pub level: Option<String>,
    pub article: Option<String>,
    /// Documents of any of these courts (none: any court).
    pub courts: Vec<String>,
    /// Documents of none of these courts, nor of these levels.
    pub not_courts: Vec<String>,
    pub not_levels: Vec<String>,
    /// Only 指导性案例 and cases the court marked (`Some(true)`), or only the others.
    pub guiding: Option<bool>,
    /// yyyymmdd bounds, both included.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Documents of this case are left out (相似案件 of a case is not the case itself).
    pub exclude_case: Option<String>,
    /// Long text (a case's facts): any word may match, ranked by BM25; otherwise every part of
    /// the query must be in the document.
    pub similar: bool,
    /// Only documents that decide with reasons (类案 are 生效裁判): no 调解书, no ruling that
    /// only allows a withdrawal.
    pub decisions_only: bool,
    pub limit: usize,
    pub access: Access,
}

/// One hit, with the passage that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub case_no: String,
    pub court: String,
    pub level: String,
    pub cause: String,
    pub outcome: String,
    pub doc: String,
    pub date: i64,
    pub published: bool,
    pub guiding: bool,
    pub articles: Vec<String>,
    pub score: f32,
    /// The passage, and the byte ranges in it to highlight.
    pub snippet: String,
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    case_no: Field,
    court: Field,
    level: Field,
    cause: Field,
    outcome: Field,
    doc: Field,
    date: Field,
    article: Field,
    flag: Field,
    words: Field,
    grams: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { o.set_stored() } else { o }
    };
    let f = Fields {
        id: b.add_text_field("id", STRING | STORED),
        case_no: b.add_text_field("case_no", STRING | STORED),
        court: b.add_text_field("court", STRING | STORED),
        level: b.add_text_field("level", STRING | STORED),
        cause: b.add_text_field("cause", STRING | STORED),
        outcome: b.add_text_field("outcome", STRING | STORED),
        doc: b.add_text_field("doc", STRING | STORED),
        date: b.add_i64_field("date", INDEXED | FAST | STORED),
        article: b.add_text_field("article", STRING | STORED),
        flag: b.add_text_field("flag", STRING | STORED),
        words: b.add_text_field("words", text("jieba", true)),
        grams: b.add_text_field("grams", text("bigram", false)),
    };
    (b.build(), f)
}

/// The full-text index, on disk or in memory, with one writer.
pub struct SearchIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    f: Fields,
    words: TextAnalyzer,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} documents)", self.len())
    }
}

impl SearchIndex {
    fn from_index(index: Index, f: Fields) -> Result<Self, SearchError> {
        index.tokenizers().register("jieba", tantivy_jieba::JiebaTokenizer::new());
        index.tokenizers().register("bigram", BigramTokenizer);
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let writer = index.writer_with_num_threads(1, WRITER_BYTES)?;
        let words = index.tokenizer_for_field(f.words)?;
        Ok(Self { reader, writer: Mutex::new(writer), f, words })
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, f) = schema();
        Self::from_index(Index::create_in_ram(schema), f)
    }

    /// The index in `dir`, created when missing; an unreadable index, or one of another layout,
    /// is wiped and created empty. The flag says it is new: the caller fills it.
    pub fn open(dir: &Path) -> Result<(Self, bool), SearchError> {
        let bad = |why: String| SearchError::Directory { path: dir.to_owned(), why };
        let marker = dir.join("docket-layout");
        let (schema, f) = schema();
        let layout_ok = std::fs::read_to_string(&marker).is_ok_and(|s| s.trim() == LAYOUT);
        if layout_ok
            && let Ok(index) = Index::open_in_dir(dir)
            && index.schema() == schema
            && let Ok(me) = Self::from_index(index, f)
            && me.reader.searcher().segment_readers().iter().all(|s| s.num_docs() <= s.max_doc())
        {
            return Ok((me, false));
        }
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| bad(e.to_string()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| bad(e.to_string()))?;
        let index = Index::create_in_dir(dir, schema)?;
        std::fs::write(&marker, LAYOUT).map_err(|e| bad(e.to_string()))?;
        Ok((Self::from_index(index, f)?, true))
    }

    fn document(&self, d: &SearchDoc) -> TantivyDocument {
        let f = self.f;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &d.id);
        doc.add_text(f.case_no, &d.case_no);
        doc.add_text(f.court, &d.court);
        doc.add_text(f.level, &d.level);
        doc.add_text(f.cause, &d.cause);
        doc.add_text(f.outcome, &d.outcome);
        doc.add_text(f.doc, &d.doc);
        doc.add_i64(f.date, d.date);
        for a in &d.articles {
            doc.add_text(f.article, a);
        }
        for (on, flag) in [(d.published, "published"), (d.sealed, "sealed"), (d.guiding, "guiding")] {
            if on {
                doc.add_text(f.flag, flag);
            }
        }
        // Court-scoped term for access filters: the internal documents of a court.
        doc.add_text(f.flag, format!("internal:{}", d.court));
        doc.add_text(f.words, &d.text);
        doc.add_text(f.grams, &d.text);
        doc
    }

    /// Adds or replaces documents (by id) and makes them searchable.
    pub fn upsert(&self, docs: &[SearchDoc]) -> Result<(), SearchError> {
        let mut w = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for d in docs {
            w.delete_term(Term::from_field_text(self.f.id, &d.id));
            w.add_document(self.document(d))?;
        }
        w.commit()?;
        drop(w);
        self.reader.reload()?;
        Ok(())
    }

    /// Empties the index and adds `docs` (a rebuild), in one commit.
    pub fn replace_all(&self, docs: impl IntoIterator<Item = SearchDoc>) -> Result<u64, SearchError> {
        let mut w = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        w.delete_all_documents()?;
        let mut n = 0;
        for d in docs {
            w.add_document(self.document(&d))?;
            n += 1;
        }
        w.commit()?;
        drop(w);
        self.reader.reload()?;
        Ok(n)
    }

    /// How many documents are searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The jieba words of a text, as the index cuts them (punctuation left out).
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut analyzer = self.words.clone();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            if t.text.chars().any(char::is_alphanumeric) {
                out.push(t.text.clone());
            }
        }
        out
    }

    fn term(&self, field: Field, s: &str) -> Box<dyn TQuery> {
        Box::new(TermQuery::new(Term::from_field_text(field, s), IndexRecordOption::Basic))
    }

    /// A part of the query as an exact run of bigrams (or the one token it is).
    fn phrase(&self, part: &str) -> Option<Box<dyn TQuery>> {
        let toks = bigrams(part);
        match toks.len() {
            0 => None,
            1 => Some(Box::new(TermQuery::new(
                Term::from_field_text(self.f.grams, &toks[0].text),
                IndexRecordOption::WithFreqs,
            ))),
            _ => Some(Box::new(PhraseQuery::new_with_offset(
                toks.iter().map(|t| (t.position, Term::from_field_text(self.f.grams, &t.text))).collect(),
            ))),
        }
    }

    /// 相似案件's words: those of `text` that tell cases apart, by tf·idf, the common ones left
    /// out ([`COMMON_SHARE`]); the rarest few when every word is common.
    fn telling_words(&self, searcher: &Searcher, text: &str) -> Vec<String> {
        let n = searcher.num_docs();
        let mut tf: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for w in self.words(text) {
            *tf.entry(w).or_default() += 1;
        }
        let mut scored: Vec<(f64, bool, String)> = tf
            .into_iter()
            .filter_map(|(w, c)| {
                let df = searcher.doc_freq(&Term::from_field_text(self.f.words, &w)).ok()?;
                (df > 0).then(|| {
                    let common = n >= COMMON_FROM && df as f64 > n as f64 * COMMON_SHARE;
                    (f64::from(c) * (n as f64 / df as f64).ln(), common, w)
                })
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        let telling: Vec<String> = scored.iter().filter(|s| !s.1).map(|s| s.2.clone()).take(SIMILAR_WORDS).collect();
        if telling.is_empty() { scored.into_iter().map(|s| s.2).take(3).collect() } else { telling }
    }

    fn build(&self, searcher: &Searcher, q: &Query) -> Box<dyn TQuery> {
        let f = self.f;
        let mut must: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        // The words, for ranking (and the snippet).
        let words = if q.similar { self.telling_words(searcher, &q.text) } else { self.words(&q.text) };
        let words: Vec<(Occur, Box<dyn TQuery>)> = words
            .into_iter()
            .map(|w| {
                let t: Box<dyn TQuery> =
                    Box::new(TermQuery::new(Term::from_field_text(f.words, &w), IndexRecordOption::WithFreqs));
                (Occur::Should, t)
            })
            .collect();
        let words_query: Box<dyn TQuery> = Box::new(BooleanQuery::new(words));
        if q.similar {
            // Any telling word may match; BM25 ranks (and `search` reorders the best by the
            // clauses they share).
            must.push((Occur::Must, words_query));
        } else {
            // Every whitespace-separated part must be in the text, exactly; the words rank.
            for part in q.text.split_whitespace().map(|p| p.trim_matches(['"', '“', '”'])) {
                if let Some(p) = self.phrase(part) {
                    must.push((Occur::Must, p));
                }
            }
            must.push((Occur::Should, Box::new(BoostQuery::new(words_query, 0.5))));
        }
        let mut filter = |field: Field, v: &Option<String>| {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                must.push((Occur::Must, self.term(field, v)));
            }
        };
        filter(f.cause, &q.cause);
        filter(f.outcome, &q.outcome);
        filter(f.court, &q.court);
        filter(f.level, &q.level);
        filter(f.article, &q.article);
        if !q.courts.is_empty() {
            let any = q.courts.iter().map(|c| (Occur::Should, self.term(f.court, c))).collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for c in &q.not_courts {
            must.push((Occur::MustNot, self.term(f.court, c)));
        }
        for l in &q.not_levels {
            must.push((Occur::MustNot, self.term(f.level, l)));
        }
        match q.guiding {
            Some(true) => must.push((Occur::Must, self.term(f.flag, "guiding"))),
            Some(false) => must.push((Occur::MustNot, self.term(f.flag, "guiding"))),
            None => {}
        }
        if q.from.is_some() || q.to.is_some() {
            let lo = q.from.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.date, d)));
            let hi = q.to.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.date, d)));
            must.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
        }
        if q.decisions_only {
            must.push((Occur::MustNot, self.term(f.doc, "mediation")));
            for o in NOT_DECIDED {
                must.push((Occur::MustNot, self.term(f.outcome, o)));
            }
        }
        if let Some(c) = &q.exclude_case {
            must.push((Occur::MustNot, self.term(f.case_no, c)));
        }
        if !q.access.all {
            // Published, or internal to a court the reader may see; never a sealed case of a
            // court whose sealed cases they may not read.
            let mut may: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Should, self.term(f.flag, "published"))];
            may.extend(q.access.courts.iter().map(|c| (Occur::Should, self.term(f.flag, &format!("internal:{c}")))));
            must.push((Occur::Must, Box::new(BooleanQuery::new(may))));
            let mut sealed: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, self.term(f.flag, "sealed"))];
            for c in &q.access.sealed_courts {
                sealed.push((Occur::MustNot, self.term(f.court, c)));
            }
            must.push((Occur::MustNot, Box::new(BooleanQuery::new(sealed))));
        }
        // A query of filters only still needs something positive to match.
        if !must.iter().any(|(o, _)| *o == Occur::Must) {
            must.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        }
        Box::new(BooleanQuery::new(must))
    }

    /// The hits, best first, and how many documents matched in all.
    pub fn search(&self, q: &Query) -> Result<(Vec<Hit>, usize), SearchError> {
        let searcher = self.reader.searcher();
        let query = self.build(&searcher, q);
        let limit = q.limit.max(1);
        let wanted = if q.similar { limit.max(SIMILAR_CANDIDATES) } else { limit };
        let (top, total) = searcher.search(&query, &(TopDocs::with_limit(wanted).order_by_score(), Count))?;
        let mut found: Vec<(f32, TantivyDocument)> = Vec::with_capacity(top.len());
        for (score, address) in top {
            found.push((score, searcher.doc(address)?));
        }
        if q.similar {
            // A clause of the facts found word for word is strong evidence of the same kind of
            // case: the candidates holding more of them come first, BM25 orders the rest.
            let clauses = clauses_of(&q.text);
            let mut ranked: Vec<(usize, f32, TantivyDocument)> = found
                .into_iter()
                .map(|(score, doc)| {
                    let text = doc.get_first(self.f.words).and_then(|v| v.as_str()).unwrap_or_default();
                    (clauses.iter().filter(|c| text.contains(String::as_str(c))).count(), score, doc)
                })
                .collect();
            ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.total_cmp(&a.1)));
            found = ranked.into_iter().take(limit).map(|(_, score, doc)| (score, doc)).collect();
        }
        // The words to show: the query's words and its parts (a phrase jieba cut differently).
        let mut marks: Vec<String> = self.words(&q.text);
        marks.extend(q.text.split_whitespace().map(|p| p.trim_matches(['"', '“', '”']).to_owned()));
        marks.retain(|m| m.chars().count() >= 2 || m.chars().all(|c| !c.is_ascii()));
        marks.sort_by_key(|m| std::cmp::Reverse(m.len()));
        marks.dedup();
        let mut hits = Vec::with_capacity(found.len());
        for (score, doc) in found {
            let s = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let flags: Vec<String> = doc.get_all(self.f.flag).filter_map(|v| v.as_str().map(str::to_owned)).collect();
            let (text, highlights) = snippet(&s(self.f.words), &marks, 120);
            hits.push(Hit {
                id: s(self.f.id),
                case_no: s(self.f.case_no),
                court: s(self.f.court),
                level: s(self.f.level),
                cause: s(self.f.cause),
                outcome: s(self.f.outcome),
                doc: s(self.f.doc),
                date: doc.get_first(self.f.date).and_then(|v| v.as_i64()).unwrap_or_default(),
                published: flags.iter().any(|f| f == "published"),
                guiding: flags.iter().any(|f| f == "guiding"),
                articles: doc.get_all(self.f.article).filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                score,
                snippet: text,
                highlights,
            });
        }
        Ok((hits, total))
    }

    /// The stored text of a document, by id.
    pub fn text_of(&self, id: &str) -> Result<Option<String>, SearchError> {
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_text(self.f.id, id), IndexRecordOption::Basic);
        let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
        match top.first() {
            Some((_, a)) => {
                let doc: TantivyDocument = searcher.doc(*a)?;
                Ok(doc.get_first(self.f.words).and_then(|v| v.as_str()).map(str::to_owned))
            }
            None => Ok(None),
        }
    }
}

/// The clauses of a text (split at punctuation) of four characters or more, each once.
fn clauses_of(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.split(|c: char| c.is_whitespace() || "，。；：、！？（）()".contains(c)).map(str::trim) {
        if c.chars().count() >= 4 && !out.iter().any(|o| o == c) {
            out.push(c.to_owned());
        }
    }
    out
}

/// A passage of about `chars` characters around the first place any of `marks` occurs (the
/// beginning when none does), with the byte ranges of every mark in it (longest marks first; no
/// overlaps).
fn snippet(text: &str, marks: &[String], chars: usize) -> (String, Vec<(usize, usize)>) {
    let first = marks.iter().filter(|m| !m.is_empty()).filter_map(|m| text.find(m.as_str())).min();
    let start_char = first.map_or(0, |b| text[..b].chars().count().saturating_sub(chars / 4));
    let passage: String = text.chars().skip(start_char).take(chars).collect::<String>().replace('\n', " ");
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for m in marks.iter().filter(|m| !m.is_empty()) {
        let mut from = 0;
        while let Some(i) = passage[from..].find(m.as_str()) {
            let (a, b) = (from + i, from + i + m.len());
            if !ranges.iter().any(|(x, y)| a < *y && *x < b) {
                ranges.push((a, b));
            }
            from = b;
        }
    }
    ranges.sort_unstable();
    (passage, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, court: &str, cause: &str, text: &str, published: bool, sealed: bool) -> SearchDoc {
        SearchDoc {
            id: id.into(),
            case_no: id.split('#').next().unwrap_or(id).into(),
            court: court.into(),
            level: "basic".into(),
            cause: cause.into(),
            outcome: "judgment".into(),
            doc: "judgment".into(),
            date: 20250301,
            articles: vec!["《中华人民共和国民法典》第五百七十七条".into()],
            published,
            sealed,
            guiding: false,
            text: text.into(),
        }
    }

    fn ids(hits: &[Hit]) -> Vec<String> {
        let mut v: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn court_level_and_guiding_filters_pick_their_documents() {
        let ix = SearchIndex::in_memory().unwrap();
        let mut docs = vec![
            doc("A#1", "内0203", "买卖合同纠纷", "被告拖欠货款。", true, false),
            doc("B#1", "内02", "买卖合同纠纷", "被告拖欠货款。", true, false),
            doc("C#1", "内", "买卖合同纠纷", "被告拖欠货款。", true, false),
            doc("D#1", "内0207", "买卖合同纠纷", "被告拖欠货款。", true, false),
            doc("E#1", "内0207", "买卖合同纠纷", "被告拖欠货款。", true, false),
        ];
        docs[1].level = "intermediate".into();
        docs[2].level = "high".into();
        docs[4].guiding = true;
        ix.upsert(&docs).unwrap();
        let q = |f: &dyn Fn(&mut Query)| {
            let mut q = Query { text: "货款".into(), limit: 10, ..Query::default() };
            f(&mut q);
            ids(&ix.search(&q).unwrap().0)
        };
        assert_eq!(q(&|q| q.guiding = Some(true)), ["E#1"]);
        assert_eq!(q(&|q| q.guiding = Some(false)), ["A#1", "B#1", "C#1", "D#1"]);
        assert_eq!(q(&|q| q.courts = vec!["内0203".into(), "内02".into()]), ["A#1", "B#1"]);
        let others = |q: &mut Query| {
            q.guiding = Some(false);
            q.not_courts = vec!["内0203".into(), "内02".into()];
            q.not_levels = vec!["high".into()];
        };
        assert_eq!(q(&others), ["D#1"]);
    }

    #[test]
    fn a_phrase_inside_a_longer_word_is_found_and_a_scattered_one_is_not() {
        let ix = SearchIndex::in_memory().unwrap();
        ix.upsert(&[
            doc("A#1", "内0203", "买卖合同纠纷", "原告与被告买卖合同纠纷一案，被告拖欠货款。", true, false),
            doc("B#1", "内0203", "民间借贷纠纷", "被告向原告借款，约定买卖房屋，合同未签。", true, false),
        ])
        .unwrap();
        let q = |t: &str| Query { text: t.into(), limit: 10, ..Query::default() };
        assert_eq!(ids(&ix.search(&q("买卖合同")).unwrap().0), ["A#1"]);
        assert_eq!(ids(&ix.search(&q("拖欠货款")).unwrap().0), ["A#1"]);
        let (hits, total) = ix.search(&q("被告 原告")).unwrap();
        assert_eq!(total, 2, "{hits:?}");
        let hit = &ix.search(&q("货款")).unwrap().0[0];
        assert!(hit.snippet.contains("货款"), "{hit:?}");
        assert!(hit.highlights.iter().any(|(a, b)| &hit.snippet[*a..*b] == "货款"), "{hit:?}");
    }

    #[test]
    fn a_reader_sees_published_documents_and_the_internal_ones_of_their_courts_only() {
        let ix = SearchIndex::in_memory().unwrap();
        ix.upsert(&[
            doc("P#1", "内0203", "盗窃罪", "被告人盗窃电动车。", true, false),
            doc("I#1", "内0203", "盗窃罪", "被告人盗窃手机。", false, false),
            doc("O#1", "内0204", "盗窃罪", "被告人盗窃现金。", false, false),
            doc("S#1", "内0203", "盗窃罪", "被告人盗窃电缆。", false, true),
        ])
        .unwrap();
        let q = |access: Access| Query { text: "盗窃".into(), limit: 10, access, ..Query::default() };
        let mut seen = ids(&ix.search(&q(Access::default())).unwrap().0).join(",");
        assert_eq!(seen, "P#1");
        let own = Access { courts: vec!["内0203".into()], ..Access::default() };
        assert_eq!(ids(&ix.search(&q(own.clone())).unwrap().0), ["I#1", "P#1"]);
        let sealed = Access { sealed_courts: vec!["内0203".into()], ..own };
        assert_eq!(ids(&ix.search(&q(sealed)).unwrap().0), ["I#1", "P#1", "S#1"]);
        seen = ids(&ix.search(&q(Access { all: true, ..Access::default() })).unwrap().0).len().to_string();
        assert_eq!(seen, "4");
    }

    #[test]
    fn filters_narrow_by_cause_article_and_date_and_a_replaced_document_is_found_once() {
        let ix = SearchIndex::in_memory().unwrap();
        let mut late = doc("L#1", "内0203", "买卖合同纠纷", "被告拖欠货款。", true, false);
        late.date = 20260105;
        ix.upsert(&[doc("E#1", "内0203", "买卖合同纠纷", "被告拖欠货款。", true, false), late.clone()]).unwrap();
        let base = Query { text: "货款".into(), limit: 10, ..Query::default() };
        let q = Query { from: Some(20260101), ..base.clone() };
        assert_eq!(ids(&ix.search(&q).unwrap().0), ["L#1"]);
        let q = Query { cause: Some("民间借贷纠纷".into()), ..base.clone() };
        assert!(ix.search(&q).unwrap().0.is_empty());
        let q =
            Query { article: Some("《中华人民共和国民法典》第五百七十七条".into()), ..base.clone() };
        assert_eq!(ix.search(&q).unwrap().1, 2);
        late.text = "被告已付清货款。".into();
        ix.upsert(&[late]).unwrap();
        assert_eq!(ix.len(), 2);
        assert_eq!(ix.text_of("L#1").unwrap().as_deref(), Some("被告已付清货款。"));
    }

    #[test]
    fn a_missing_or_damaged_index_directory_is_created_anew() {
        let dir = std::env::temp_dir().join(format!("docket-search-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (ix, new) = SearchIndex::open(&dir).unwrap();
        assert!(new);
        ix.upsert(&[doc("A#1", "内0203", "盗窃罪", "盗窃。", true, false)]).unwrap();
        drop(ix);
        let (ix, new) = SearchIndex::open(&dir).unwrap();
        assert!(!new);
        assert_eq!(ix.len(), 1);
        drop(ix);
        std::fs::write(dir.join("meta.json"), b"{not json").unwrap();
        let (ix, new) = SearchIndex::open(&dir).unwrap();
        assert!(new, "a damaged index is rebuilt");
        assert_eq!(ix.len(), 0);
        drop(ix);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod similar_tests {
    use super::*;

    #[test]
    fn in_similar_mode_a_document_sharing_a_clause_word_for_word_ranks_first() {
        let ix = SearchIndex::in_memory().unwrap();
        let d = |id: &str, text: &str| SearchDoc {
            id: id.into(),
            case_no: id.into(),
            court: "内0203".into(),
            level: "basic".into(),
            cause: "买卖合同纠纷".into(),
            outcome: "judgment".into(),
            doc: "judgment".into(),
            date: 20250101,
            articles: vec![],
            published: true,
            sealed: false,
            guiding: false,
            text: text.into(),
        };
        ix.upsert(&[
            d("scattered", "货款未付。原告催要。多次。被告拖欠。经原告多次。"),
            d("clause", "本案中经原告多次催要被告至今未付货款，另查明其他事实若干项，双方均无异议，本院予以确认。"),
        ])
        .unwrap();
        let q = Query {
            text: "经原告多次催要被告至今未付货款".into(),
            similar: true,
            limit: 5,
            access: Access { all: true, ..Access::default() },
            ..Query::default()
        };
        let hits = ix.search(&q).unwrap().0;
        assert_eq!(hits[0].id, "clause", "{hits:?}");
    }
}
