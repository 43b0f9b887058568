//! 类案检索: a full-text index of judgment texts in Chinese.
//!
//! Each document is indexed twice: as jieba words (BM25 over real words: 买卖合同, 违约金) and as
//! overlapping character bigrams with their positions, so a phrase is found as an exact run of
//! bigrams whatever jieba made of it (jieba alone misses 买卖合同 inside 买卖合同纠纷; the stock
//! n-gram tokenizer gives every gram position 0, which breaks phrases). Filters — 案由, outcome,
//! court, court level, 法条 cited, date, published or internal — are exact terms; who may read
//! what is a filter the caller states ([`Access`]). The crate knows neither the store nor HTTP.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

mod bigram;
mod index;
pub mod quality;

pub use bigram::BigramTokenizer;
pub use index::{Access, Hit, NOT_DECIDED, Query, SearchDoc, SearchError, SearchIndex};
