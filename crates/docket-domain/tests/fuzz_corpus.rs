//! The 案号 parser under hostile input, as a fuzzer would feed it: the committed corpus
//! (`tests/corpus/case_number/`), then mutations of it and arbitrary text. No input panics; a
//! number that parses prints in the canonical full-width form and parses back to itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_domain::CaseNumber;
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/case_number");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

fn check(text: &str) {
    if let Ok(n) = CaseNumber::parse(text) {
        let printed = n.to_string();
        assert!(printed.starts_with('（') && printed.ends_with('号'), "{text:?} → {printed:?}");
        assert_eq!(CaseNumber::parse(&printed).as_ref(), Ok(&n), "{text:?} → {printed:?}");
    }
}

#[test]
fn every_corpus_number_is_parsed_or_refused_without_a_panic() {
    let numbers = corpus();
    assert!(numbers.len() >= 15, "the corpus was not found");
    for n in &numbers {
        check(n);
    }
    assert!(CaseNumber::parse("(2025)内0203民初1号").is_ok(), "half-width brackets are accepted");
    for refused in [
        "（2025）内0203民初0号",
        "（2025）内0203民初号",
        "（2025）内0203民鬼1号",
        "",
        "（2025）内0203民初99999999999999999999号",
    ] {
        assert!(CaseNumber::parse(refused).is_err(), "{refused:?} was accepted");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_corpus_numbers_never_panic_and_parsed_ones_print_back(
        seed in 0usize..100,
        at in any::<usize>(),
        insert in prop::sample::select(vec!['（', '）', '(', ')', '号', '内', '民', '初', '执', '0', '9', '-', ' ', '\u{200b}', '\0']),
        cut in any::<bool>(),
    ) {
        let numbers = corpus();
        let mut chars: Vec<char> = numbers[seed % numbers.len()].chars().collect();
        let i = at % (chars.len() + 1);
        if cut { chars.truncate(i) } else { chars.insert(i, insert) }
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,60}") {
        check(&text);
    }
}
