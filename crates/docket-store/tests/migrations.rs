//! Both backends' migration directories name the same steps, and the schemas they create agree.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

fn steps(backend: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn both_backends_have_the_same_migration_steps() {
    let sqlite = steps("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, steps("postgres"));
}

#[tokio::test]
async fn migrated_schemas_have_the_same_tables_and_columns() {
    let sqlite = docket_store::test_support::sqlite().await;
    let sqlite_cols: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(sqlite.raw_pool())
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert!(sqlite_cols.contains(&("log".into(), "hash".into())));
    let Some(pg) = docket_store::test_support::postgres().await else {
        eprintln!("skipped: DOCKET_TEST_PG_URL is not set");
        return;
    };
    let pg_cols: BTreeSet<(String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
    )
    .fetch_all(pg.raw_pool())
    .await
    .unwrap()
    .into_iter()
    .collect();
    assert_eq!(sqlite_cols, pg_cols);
}
