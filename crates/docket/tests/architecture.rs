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
