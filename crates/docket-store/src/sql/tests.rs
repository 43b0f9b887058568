//! The bulk writes' chunking.

#[test]
fn chunks_stay_under_the_bind_limit() {
    let columns = case_columns!().split(',').count();
    assert!(columns >= 42, "{columns}");
    assert!(super::CHUNK * columns <= super::MAX_BINDS, "{} rows of {columns} columns", super::CHUNK);
}
