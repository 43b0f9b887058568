//! The indicator settings parser under hostile input, as a fuzzer would feed it: the committed
//! corpus (`tests/corpus/settings/`), then mutations of it and arbitrary text. No input panics; a
//! text that parses writes back (`to_text`) to a text that parses to the same settings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use docket_metrics::Settings;
use proptest::prelude::*;

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/settings");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

fn check(text: &str) {
    if let Ok(s) = Settings::parse(text) {
        let written = s.to_text();
        assert_eq!(Settings::parse(&written).as_ref(), Ok(&s), "{text:?} → {written}");
    }
}

#[test]
fn every_corpus_text_is_parsed_or_refused_without_a_panic() {
    let texts = corpus();
    assert!(texts.len() >= 15, "the corpus was not found");
    for t in &texts {
        check(t);
    }
    assert!(Settings::parse("ranking = off\n").is_ok());
    // NaN and infinite bounds, found by this test's mutations, and an upside-down range.
    for refused in [
        "scope.民事\n",
        "scope.民事 = 鬼\n",
        "indicator.nope.scope = 民事\n",
        "indicator.closure_rate.range = NaN..inf\n",
        "indicator.closure_rate.range = 0.95..0.8\n",
    ] {
        assert!(Settings::parse(refused).is_err(), "{refused:?} was accepted");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_corpus_texts_never_panic_and_parsed_ones_write_back(
        seed in 0usize..100,
        at in any::<usize>(),
        insert in prop::sample::select(vec!['=', '.', ',', '#', '\n', '\r', '0', '9', '-', 'e', '民', '初', ' ', '\0']),
        cut in any::<bool>(),
    ) {
        let texts = corpus();
        let mut chars: Vec<char> = texts[seed % texts.len()].chars().collect();
        let i = at % (chars.len() + 1);
        if cut { chars.truncate(i) } else { chars.insert(i, insert) }
        check(&chars.into_iter().collect::<String>());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(.{0,40}\n){0,5}") {
        check(&text);
    }
}
