//! The crate graph keeps the direction ARCHITECTURE.md describes: a crate that gains a
//! dependency its row forbids fails here, not in review.

use std::path::Path;

/// Crate → dependencies it may not have (in `[dependencies]`; tests may use anything).
const FORBIDDEN: &[(&str, &[&str])] = &[
    // Pure: no I/O, no async, no serialisation format, no other crate of ours.
    ("docket-domain", &["docket-", "sqlx", "tokio", "futures", "serde_json", "axum", "askama"]),
    // Pure: the format only.
    ("docket-interchange", &["docket-store", "docket-app", "docket-demo", "sqlx", "tokio", "axum"]),
    ("docket-demo", &["docket-store", "docket-app", "sqlx", "tokio", "axum"]),
    // The indicator engine is pure: the domain only, no SQL, no I/O.
    (
        "docket-metrics",
        &["docket-store", "docket-app", "docket-interchange", "docket-demo", "sqlx", "tokio", "axum", "serde_json"],
    ),
    // The tamper-evident log's mathematics and formats: pure, no other crate of ours, no I/O.
    ("docket-tlog", &["docket-", "sqlx", "tokio", "futures", "axum", "askama", "getrandom"]),
    // 类案检索's index: tantivy and its Chinese tokenizers, no other crate of ours, no store, no HTTP.
    ("docket-search", &["docket-", "sqlx", "tokio", "futures", "axum", "askama"]),
    // Reports are pure: drafted from the engine's figures, no SQL, no I/O, no HTTP.
    (
        "docket-reports",
        &["docket-store", "docket-app", "docket-interchange", "docket-demo", "sqlx", "tokio", "axum", "askama"],
    ),
    // Typesetting is pure: a document and fonts in, PDF or PNG bytes out; it knows the reports'
    // document model and nothing of cases, storage or HTTP.
    (
        "docket-typeset",
        &[
            "docket-domain",
            "docket-metrics",
            "docket-store",
            "docket-app",
            "docket-interchange",
            "docket-demo",
            "sqlx",
            "tokio",
            "axum",
        ],
    ),
    // Storage knows the domain, not the format, the use cases or HTTP.
    ("docket-store", &["docket-interchange", "docket-app", "docket-demo", "axum", "askama"]),
    // Use cases know the Store trait, never a database driver or HTTP.
    ("docket-app", &["sqlx", "axum", "askama", "docket-demo"]),
    // The web serves the use cases: it reaches data only through the app and the Store trait,
    // never a database driver, and never the demo generator.
    ("docket-web", &["sqlx", "docket-demo"]),
];

fn dependencies(krate: &str) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let mut in_deps = false;
    let mut deps = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = line.split_once(['=', '.']) {
            let name = name.trim();
            if !name.is_empty() && !name.starts_with('#') {
                deps.push(name.to_owned());
            }
        }
    }
    deps
}

#[test]
fn no_crate_depends_on_what_its_layer_forbids() {
    let mut checked = 0;
    for (krate, forbidden) in FORBIDDEN {
        let deps = dependencies(krate);
        assert!(!deps.is_empty() || *krate == "docket-domain", "{krate} has no dependencies listed: parser broken?");
        for dep in &deps {
            for f in *forbidden {
                let hit = if f.ends_with('-') { dep.starts_with(f) } else { dep == f };
                assert!(!hit, "{krate} depends on {dep}, which its layer forbids");
                checked += 1;
            }
        }
    }
    assert!(checked > 20);
}

#[test]
fn the_use_cases_never_name_a_concrete_database() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docket-app/src");
    for entry in std::fs::read_dir(src).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for name in ["SqliteStore", "PgStore", "sqlx::"] {
            assert!(!text.contains(name), "{} names {name}", path.display());
        }
    }
}

/// Every `.rs` file under `crates/*/src`, with its crate's name and its module path.
fn source_files() -> Vec<(String, Vec<String>, std::path::PathBuf)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for krate in std::fs::read_dir(&crates).unwrap_or_else(|e| panic!("{e}")) {
        let krate = krate.unwrap_or_else(|e| panic!("{e}")).path();
        let src = krate.join("src");
        if !src.is_dir() {
            continue;
        }
        let name = krate.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut stack = vec![src.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")) {
                let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let rel = path.strip_prefix(&src).unwrap_or_else(|e| panic!("{e}"));
                let mut module: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
                let last = module.pop().unwrap_or_default();
                let stem = last.trim_end_matches(".rs");
                if !matches!(stem, "lib" | "main" | "mod") {
                    module.push(stem.to_owned());
                }
                out.push((name.clone(), module, path));
            }
        }
    }
    out
}

/// Test-only files: a `tests` module, or the conformance suite (compiled for tests only).
fn is_test_file(module: &[String]) -> bool {
    module.last().is_some_and(|m| m == "tests" || m == "conformance" || m == "test_support")
}

#[test]
fn no_source_file_is_over_800_lines() {
    let mut checked = 0;
    for (krate, module, path) in source_files() {
        if is_test_file(&module) {
            continue;
        }
        let lines = std::fs::read_to_string(&path).unwrap_or_default().lines().count();
        assert!(lines <= 800, "{krate}: {} has {lines} lines; split it by concern", path.display());
        checked += 1;
    }
    assert!(checked > 80, "only {checked} files found: walk broken?");
}

/// The module paths a file names (`crate::a::b`, `super::c`, `use crate::{a, b::c}`), resolved
/// against the crate's modules to the deepest module each names.
fn referenced_modules(text: &str, here: &[String], modules: &[Vec<String>]) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut paths: Vec<Vec<String>> = Vec::new();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", here[..here.len().saturating_sub(1)].to_vec())] {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            // `$crate::` in macros and `docket_x::crate` never occur; skip identifiers ending in it.
            let before_ok = rest[..i].chars().next_back().is_none_or(|c| !ident(c) && c != '$');
            rest = &rest[i + prefix.len()..];
            if !before_ok {
                continue;
            }
            let items: Vec<String> = if let Some(inner) = rest.strip_prefix('{') {
                let end = inner.find('}').unwrap_or(inner.len());
                inner[..end].split(',').map(|s| s.trim().to_owned()).collect()
            } else {
                vec![rest.chars().take_while(|c| ident(*c) || *c == ':').collect()]
            };
            for item in items {
                let mut path = base.clone();
                path.extend(item.split("::").filter(|s| !s.is_empty() && s.chars().all(ident)).map(str::to_owned));
                paths.push(path);
            }
        }
    }
    paths
        .into_iter()
        .filter_map(|p| (0..=p.len()).rev().map(|n| p[..n].to_vec()).find(|m| modules.contains(m)))
        .collect()
}

#[test]
fn no_two_sibling_modules_import_each_other_even_through_others() {
    use std::collections::{BTreeMap, BTreeSet};
    let files = source_files();
    let mut edges_seen = 0;
    let crate_names: BTreeSet<String> = files.iter().map(|(k, _, _)| k.clone()).collect();
    for krate in crate_names {
        let mine: Vec<_> = files.iter().filter(|(k, m, _)| *k == krate && !is_test_file(m)).collect();
        let modules: Vec<Vec<String>> = mine.iter().map(|(_, m, _)| m.clone()).collect();
        // Edges between siblings: a file's module (or its ancestor just under the common parent)
        // uses a module beside it.
        let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (_, here, path) in &mine {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            // Comments name modules without using them.
            let code: String = text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
            for target in referenced_modules(&code, here, &modules) {
                let common = here.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common == here.len() || common == target.len() {
                    continue; // a module and its ancestors or descendants
                }
                let from = here[..=common].to_vec();
                let to = target[..=common].to_vec();
                graph.entry(from).or_default().insert(to);
                edges_seen += 1;
            }
        }
        // Depth-first search for a cycle.
        fn visit(
            node: &Vec<String>,
            graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
            path: &mut Vec<Vec<String>>,
            done: &mut BTreeSet<Vec<String>>,
        ) -> Option<Vec<Vec<String>>> {
            if let Some(at) = path.iter().position(|p| p == node) {
                return Some(path[at..].to_vec());
            }
            if done.contains(node) {
                return None;
            }
            path.push(node.clone());
            for next in graph.get(node).into_iter().flatten() {
                if let Some(cycle) = visit(next, graph, path, done) {
                    return Some(cycle);
                }
            }
            path.pop();
            done.insert(node.clone());
            None
        }
        let mut done = BTreeSet::new();
        for node in graph.keys() {
            if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
                let names: Vec<String> = cycle.iter().map(|m| m.join("::")).collect();
                panic!("{krate}: modules import each other in a circle: {} → {}", names.join(" → "), names[0]);
            }
        }
    }
    assert!(edges_seen > 50, "only {edges_seen} imports between modules found: parser broken?");
}

#[test]
fn module_references_are_read_from_use_lists_and_paths() {
    let modules = vec![vec!["a".to_owned()], vec!["b".to_owned()], vec!["b".to_owned(), "c".to_owned()]];
    let here = vec!["a".to_owned()];
    let found =
        referenced_modules("use crate::{b::c::X, Y};\nfn f() { crate::a::g(); super::b::h() }", &here, &modules);
    assert_eq!(found, vec![vec!["b".to_owned(), "c".to_owned()], vec!["a".to_owned()], vec!["b".to_owned()]]);
}
