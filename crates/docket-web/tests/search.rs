//! 案件查询 through the API and the page: by party name, part of a 案号 and ID number, paged with
//! the true total, every parameter refused by name when wrong, and a sealed case found only by
//! who may read it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use axum::http::StatusCode;
use common::{Client, PASSWORD, assign_line, case_line, enc, system, username};
use docket_store::Store;

async fn cases_are_found_by_name_number_and_id_a_page_at_a_time<S: Store>(store: S) {
    let mut lines = Vec::new();
    for seq in 1..=23 {
        let (no, line) = case_line("内0203", "民初", seq, seq == 23);
        lines.push(line);
        lines.push(assign_line(&no, if seq == 23 { "J1" } else { "J2" }));
    }
    let (other, line) = case_line("内0204", "民初", 1, false);
    lines.push(line);
    lines.push(assign_line(&other, "J2"));
    let web = system(store, &lines).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "clerk"), PASSWORD).await;

    // By party name: the 22 cases the clerk may read (23 is sealed), in pages of 5.
    let r = clerk.get(&format!("/api/v1/cases?q={}&per_page=5&page=2", enc("张三"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!((j["total"].as_u64(), j["page"].as_i64(), j["per_page"].as_i64()), (Some(22), Some(2), Some(5)));
    assert_eq!(j["cases"].as_array().unwrap().len(), 5);
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=5 {
        let r = clerk.get(&format!("/api/v1/cases?q={}&per_page=5&page={page}&sort=case_no", enc("张三"))).await;
        for c in r.json()["cases"].as_array().unwrap() {
            assert!(seen.insert(c["case_no"].as_str().unwrap().to_owned()), "on two pages: {c}");
        }
    }
    assert_eq!(seen.len(), 22);
    // By part of a 案号, and by a whole ID number.
    let r = clerk.get(&format!("/api/v1/cases?q={}", enc("民初2"))).await.json();
    let found: Vec<&str> = r["cases"].as_array().unwrap().iter().map(|c| c["case_no"].as_str().unwrap()).collect();
    assert!(found.contains(&"（2025）内0203民初2号") && found.contains(&"（2025）内0203民初21号"), "{found:?}");
    assert!(!found.contains(&"（2025）内0203民初23号"), "the sealed case is not found by a clerk");
    assert_eq!(clerk.get("/api/v1/cases?q=150203199001011232").await.json()["total"], 22);
    // The sealed case's own judge finds it; the total says so.
    let mut judge = Client::new(&web);
    judge.sign_in(&format!("{}-own", username("内0203", "judge")), PASSWORD).await;
    assert_eq!(judge.get(&format!("/api/v1/cases?q={}", enc("民初23号"))).await.json()["total"], 1);
    assert_eq!(clerk.get(&format!("/api/v1/cases?q={}", enc("民初23号"))).await.json()["total"], 0);
    // The higher court with its lower courts: both basic courts' open cases, none sealed.
    let mut higher = Client::new(&web);
    higher.sign_in(&username("内02", "higher_court_viewer"), PASSWORD).await;
    let r = higher.get(&format!("/api/v1/cases?q={}&rollup=true&per_page=200", enc("张三"))).await.json();
    assert_eq!(r["total"], 23, "22 of 内0203 and 1 of 内0204");

    // Every parameter refused by name.
    for (bad, name) in [
        ("status=maybe", "status"),
        ("sort=random", "sort"),
        ("type=%E9%AC%BC", "type"),
        ("from=2025-13-01", "from"),
        ("per_page=0", "per_page"),
        ("page=0", "page"),
        ("tag=DROP%20TABLE", "tag"),
    ] {
        let r = clerk.get(&format!("/api/v1/cases?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(r.json()["error"]["message"].as_str().unwrap().contains(name), "{bad}: {}", r.body);
    }
    assert_eq!(clerk.get("/api/v1/cases?court=%E5%86%8502").await.status, StatusCode::NOT_FOUND, "a court above");

    // The page: the header's box leads here; the total and page 2 of the long list.
    let page = clerk.get("/").await.body;
    assert!(page.contains("id=\"header-search\""));
    let r = clerk.get(&format!("/cases?q={}&per_page=5&page=2", enc("张三"))).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("data-total=\"22\"") && r.body.contains("共 22 件 · 第 2/5 页"), "{}", r.body);
    assert!(r.body.contains("id=\"search-next\"") && r.body.contains("id=\"search-prev\""));
    assert_eq!(r.body.matches("<tr class=").count(), 5);

    // The list without a text keeps its total until the court's next write: a case filed now
    // is counted at once.
    let list = clerk.get("/api/v1/cases").await.json();
    assert_eq!(list["total"], 22);
    assert_eq!(clerk.get("/api/v1/cases?page=2&per_page=5").await.json()["total"], 22, "the kept total");
    let mut filer = Client::new(&web);
    filer.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let filed = filer.post_form("/file", &common::civil_filing("2027-06-01", "赵六", "钱七")).await;
    assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.body);
    let after = clerk.get("/api/v1/cases").await.json();
    assert_eq!(after["total"], 23, "the new filing is counted: {after}");
    assert_eq!(after["cases"][0]["case_no"], "（2027）内0203民初1号", "newest first");
    assert!(clerk.get("/cases").await.body.contains("data-total=\"23\""));
}

docket_store::on_both_backends!(cases_are_found_by_name_number_and_id_a_page_at_a_time);

/// A 立案员 who files a sealed case is told its 案号 and that it is sealed, not sent to 未找到;
/// the confirmation is shown only for a filing the audit log says was theirs.
async fn filing_a_sealed_case_confirms_its_number_to_the_filer<S: Store>(store: S) {
    let web = system(store, &[]).await;
    let mut clerk = Client::new(&web);
    clerk.sign_in(&username("内0203", "filing_clerk"), PASSWORD).await;
    let form = [
        ("type", "民初"),
        ("procedure", "simple"),
        ("cause", "离婚纠纷"),
        ("filed_on", "2027-06-01"),
        ("sealed", "true"),
        ("p0_role", "plaintiff"),
        ("p0_kind", "person"),
        ("p0_name", "王五"),
        ("p1_role", "defendant"),
        ("p1_kind", "person"),
        ("p1_name", "赵六"),
    ];
    let r = clerk.post_form("/file", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let to = r.location.unwrap();
    assert!(to.starts_with("/file?filed="), "{to}");
    let page = clerk.get(&to).await;
    assert!(
        page.body.contains("id=\"notice\"")
            && page.body.contains("（2027）内0203民初1号")
            && page.body.contains("不公开"),
        "{}",
        page.body
    );
    // The case itself is still not the clerk's to open.
    assert_eq!(clerk.get(&format!("/cases/{}", enc("（2027）内0203民初1号"))).await.status, StatusCode::NOT_FOUND);
    // Another account typing the same address learns nothing.
    let mut other = Client::new(&web);
    other.sign_in(&username("内0203", "president"), PASSWORD).await;
    assert!(!other.get(&to).await.body.contains("id=\"notice\""));
    // A filing without a defendant is refused at the parties (民诉法 §122).
    let no_defendant: Vec<(&str, &str)> = form.iter().copied().filter(|(k, _)| !k.starts_with("p1_")).collect();
    let r = clerk.post_form("/file", &no_defendant).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("应有被告"), "{}", r.body);
}

mod filing {
    use super::*;
    docket_store::on_both_backends!(filing_a_sealed_case_confirms_its_number_to_the_filer);
}
