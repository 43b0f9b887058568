//! The interchange line parser under hostile input, as a fuzzer would feed it: every file of the
//! committed corpus (`tests/corpus/line/`, valid lines and the attacks the importer must refuse),
//! then thousands of mutations of them (characters deleted, inserted, replaced, slices
//! repeated, cut short). No input may panic; every line that parses writes back to a line that
//! parses to the same record.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_interchange::parse_line;
use docket_interchange::write_record;
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/line");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

fn check(text: &str) {
    if let Ok(record) = parse_line(1, text) {
        let written = write_record(&record);
        assert_eq!(parse_line(1, &written), Ok(record), "{text:?} → {written:?}");
    }
}

#[test]
fn every_corpus_line_is_parsed_or_refused_without_a_panic() {
    let lines = corpus();
    assert!(lines.len() >= 20, "the corpus was not found");
    let mut parsed = 0;
    for line in &lines {
        check(line);
        parsed += usize::from(parse_line(1, line).is_ok());
    }
    assert!(parsed >= 5, "the valid lines of the corpus parse ({parsed})");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/line");
    for attack in ["duplicate-key", "nested-duplicate", "bidi", "control", "long-string", "deep-nesting", "huge-number"]
    {
        let text = std::fs::read_to_string(dir.join(format!("{attack}.jsonl"))).unwrap();
        assert!(parse_line(1, &text).is_err(), "{attack} was accepted");
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Insert(usize, char),
    Replace(usize, char),
    Repeat(usize, usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            '"', '{', '}', '[', ']', ',', ':', '\\', '0', '-', '.', 'e', '内', '（', '\u{202e}', '\0'
        ]),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<usize>(), 1..40usize).prop_map(|(i, n)| Mutation::Repeat(i, n)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn mutate(seed: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match *m {
            Mutation::Delete(i) if !chars.is_empty() => {
                chars.remove(i % len);
            }
            Mutation::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Mutation::Replace(i, c) if !chars.is_empty() => chars[i % len] = c,
            Mutation::Repeat(i, n) if !chars.is_empty() => {
                let start = i % len;
                let piece: Vec<char> = chars[start..(start + n).min(chars.len())].to_vec();
                for (k, c) in piece.into_iter().enumerate() {
                    chars.insert(start + k, c);
                }
            }
            Mutation::Cut(i) => chars.truncate(i % (chars.len() + 1)),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_corpus_lines_never_panic_and_parsed_ones_write_back(
        seed in 0usize..1000,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let lines = corpus();
        check(&mutate(&lines[seed % lines.len()], &mutations));
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        check(&text);
    }
}
