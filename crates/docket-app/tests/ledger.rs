//! The Merkle log against tampering: after a checkpoint is signed, editing, deleting or
//! reordering any stored entry, evidence row, evidence file, leaf, node or checkpoint is named by
//! `verify_ledger`; proofs and bundles verify, and a bundle whose parts are changed does not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use docket_app::{AppError, Docket, EvidenceUpload, Quiet};
use docket_store::test_support::RawSql;
use docket_store::{LedgerStore, Store};
use docket_tlog::{BundleError, SignerKey};

fn signer() -> SignerKey {
    SignerKey::from_seed("docket.test/log", [42; 32]).unwrap()
}

fn upload(case_no: &str, content: &[u8], source: &str) -> EvidenceUpload {
    EvidenceUpload {
        case_no: case_no.into(),
        name: "借条.txt".into(),
        media_type: "text/plain".into(),
        source: source.into(),
        method: "线上提交".into(),
        content: content.to_vec(),
    }
}

/// Imports a small court system, adds two evidence files to its first case and signs a
/// checkpoint; returns the case number.
async fn setup<S: Store>(d: &Docket<S>) -> String {
    import(d, &demo_jsonl(11, 120, 1)).await.unwrap();
    let case = d
        .store()
        .list_cases(&docket_store::CaseFilter { court: Some("内0203".into()), ..Default::default() }, false, 1, 0)
        .await
        .unwrap();
    let case_no = case[0].case_no.to_string();
    d.add_evidence("内0203", upload(&case_no, "借条：今借到……".as_bytes(), "原告提交"), "c1-clerk", None)
        .await
        .unwrap();
    d.add_evidence("内0203", upload(&case_no, b"second file", "法院调取"), "c1-clerk", None).await.unwrap();
    d.issue_checkpoint(&signer()).await.unwrap();
    case_no
}

/// Each tampering, as SQL, and a phrase `verify_ledger` must say.
const TAMPERINGS: &[(&str, &[&str], &str)] = &[
    ("edit an entry", &["UPDATE log SET body = body || ' ' WHERE court = '内0203' AND seq = 30"], "记录被修改"),
    (
        "backdate an entry",
        &["UPDATE log SET recorded_at = '2020-01-01T00:00:00.000000Z' WHERE court = '内0203' AND seq = 31"],
        "记录被修改",
    ),
    ("delete an entry", &["DELETE FROM log WHERE court = '内0203' AND seq = 32"], "记录被删除"),
    (
        "swap two entries",
        &[
            "UPDATE log SET seq = -1 WHERE court = '内0203' AND seq = 33",
            "UPDATE log SET seq = 33 WHERE court = '内0203' AND seq = 34",
            "UPDATE log SET seq = 34 WHERE court = '内0203' AND seq = -1",
        ],
        "记录被修改",
    ),
    ("edit evidence provenance", &["UPDATE evidence SET source = '被告提交' WHERE number = 1"], "记录被修改"),
    ("delete an evidence row", &["DELETE FROM evidence WHERE number = 2"], "记录被删除"),
    ("replace an evidence file", &["UPDATE evidence_blobs SET content = content || content"], "证据文件内容被改动"),
    (
        "rewrite a leaf hash to another's",
        &["UPDATE tree_leaves SET hash = (SELECT hash FROM tree_leaves WHERE idx = 3) WHERE idx = 4"],
        "与叶子哈希不符",
    ),
    ("delete an interior node", &["DELETE FROM tree_nodes WHERE level = 2 AND idx = 1"], "缺失"),
    (
        "truncate the tree after the checkpoint",
        &[
            "DELETE FROM tree_leaves WHERE idx >= 10",
            "DELETE FROM tree_nodes WHERE (idx + 1) * (CAST(1 AS BIGINT) << CAST(level AS INTEGER)) > 10",
            "UPDATE tree_head SET size = 10",
        ],
        "超出了现有的树",
    ),
    (
        "forge a checkpoint's root",
        &["UPDATE checkpoints SET root = (SELECT hash FROM tree_leaves WHERE idx = 0)"],
        "根哈希与树不符",
    ),
    (
        "replace a checkpoint's note",
        &["UPDATE checkpoints SET note = REPLACE(note, 'docket.test/log\n', 'docket.test/log\n\n')"],
        "签名无效",
    ),
    (
        "insert a log row with no leaf",
        &["INSERT INTO log (court, seq, kind, case_no, case_seq, on_date, event_type, recorded_at, body, hash) \
           SELECT court, 1000000, kind, NULL, NULL, on_date, event_type, recorded_at, body, hash FROM log WHERE court = '内0203' AND seq = 5"],
        "记录与默克尔树不一致",
    ),
];

async fn detect<S: Store + RawSql>(fresh: impl AsyncFn() -> S) {
    for (what, sql, expected) in TAMPERINGS {
        let d = Docket::new(fresh().await);
        setup(&d).await;
        let key = signer().verifier();
        let before = d.verify_ledger(Some(&key), &Quiet).await.unwrap();
        assert!(before.is_intact(), "{what}: intact before: {:?}", before.problems);
        assert_eq!(before.evidence_leaves, 2);
        for statement in *sql {
            d.store().exec(statement).await;
        }
        let report = d.verify_ledger(Some(&key), &Quiet).await.unwrap();
        assert!(!report.is_intact(), "{what}: not detected");
        assert!(
            report.problems.iter().any(|p| p.contains(expected)),
            "{what}: expected {expected:?} in {:?}",
            report.problems
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tampering_of_the_merkle_log_is_detected_on_sqlite() {
    detect(docket_store::test_support::sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_tampering_of_the_merkle_log_is_detected_on_postgres() {
    if docket_store::test_support::pg_url().is_none() {
        eprintln!("skipped: DOCKET_TEST_PG_URL is not set");
        return;
    }
    detect(async || docket_store::test_support::postgres().await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn proofs_and_bundles_verify_and_a_changed_bundle_does_not() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    let case_no = setup(&d).await;
    let n = docket_domain::CaseNumber::parse(&case_no).unwrap();
    let s = signer();

    let (proof, checkpoint) = d.entry_proof(&n, 0, None).await.unwrap();
    proof.verify().unwrap();
    assert_eq!(proof.tree_size, checkpoint.size as u64);

    // The log grows; a consistency proof links the old checkpoint to the new tree.
    for i in 0..5 {
        d.add_evidence("内0203", upload(&case_no, format!("later {i}").as_bytes(), "原告提交"), "x", None)
            .await
            .unwrap();
    }
    let later = d.issue_checkpoint(&s).await.unwrap();
    assert_eq!(later.size, checkpoint.size + 5);
    let c = d.consistency_proof(checkpoint.size as u64, later.size as u64).await.unwrap();
    c.verify().unwrap();
    assert_eq!(c.root1.to_vec(), checkpoint.root);

    let bundle = d.entry_bundle(&n, 0, &s).await.unwrap();
    bundle.verify(Some(&s.verifier())).unwrap();
    let mut changed = bundle.clone();
    changed.leaf = changed.leaf.replacen("\"kind\":\"case\"", "\"kind\":\"case\" ", 1);
    assert!(changed.verify(None).is_err());

    let ev = d.evidence_bundle("内0203", &case_no, 1, &s).await.unwrap();
    ev.verify(Some(&s.verifier())).unwrap();
    let mut swapped = ev.clone();
    swapped.file = Some("c2Vjb25kIGZpbGU=".into());
    assert!(matches!(swapped.verify(None), Err(BundleError::FileMismatch)));
    let other = SignerKey::from_seed("docket.test/log", [1; 32]).unwrap().verifier();
    assert!(matches!(ev.verify(Some(&other)), Err(BundleError::OtherKey { .. })));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_whose_content_is_not_its_declared_type_is_refused_and_nothing_is_stored() {
    let d = Docket::new(docket_store::test_support::sqlite().await);
    let case_no = setup(&d).await;
    let size = d.store().tree_size().await.unwrap();
    let mut fake_pdf = upload(&case_no, b"MZ\x90\x00 not a pdf", "原告提交");
    fake_pdf.media_type = "application/pdf".into();
    let Err(AppError::Fields(errors)) = d.add_evidence("内0203", fake_pdf, "x", None).await else {
        panic!("accepted")
    };
    // The name (a .txt) is not a PDF's, and the content is not a PDF.
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["file", "media_type"]);
    assert!(errors[0].message.contains("应为 .pdf"), "{}", errors[0].message);
    assert!(errors[1].message.contains("PDF"));
    let mut exe = upload(&case_no, b"MZ\x90\x00", "");
    exe.media_type = "application/x-msdownload".into();
    let Err(AppError::Fields(errors)) = d.add_evidence("内0203", exe, "x", None).await else { panic!("accepted") };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["source", "media_type"]);
    assert_eq!(d.store().tree_size().await.unwrap(), size);
    assert_eq!(d.store().case_evidence("内0203", &case_no).await.unwrap().len(), 2);
}

/// An electronic-service receipt (电子送达凭证): the service reaching the party's account and
/// their view of the document are entries whose bundles verify offline; editing the stored
/// receipt (the moment it was viewed) is named by `verify_ledger`, and a bundle whose receipt is
/// edited does not verify.
async fn receipts<S: Store + RawSql>(store: S) {
    let d = Docket::new(store);
    let case_no = setup(&d).await;
    let n = docket_domain::CaseNumber::parse(&case_no).unwrap();
    let sha = docket_app::portal::document_sha256("本院裁定如下：准许撤诉。");
    let stored = d.store().case_entries(&n).await.unwrap().len();
    let on = "2026-12-31";
    import(
        &d,
        &format!(
            "{{\"kind\":\"event\",\"case_no\":\"{case_no}\",\"on\":\"{on}\",\"type\":\"service_attempted\",\"channel\":\"electronic\",\"delivered\":true,\"document\":\"{sha}\",\"receipt_at\":\"2026-12-31T10:15:00+08:00\",\"party\":\"张三\"}}\n\
             {{\"kind\":\"event\",\"case_no\":\"{case_no}\",\"on\":\"{on}\",\"type\":\"service_viewed\",\"document\":\"{sha}\",\"viewed_at\":\"2026-12-31T11:02:07+08:00\",\"party\":\"张三\"}}"
        ),
    )
    .await
    .unwrap();
    let s = signer();
    d.issue_checkpoint(&s).await.unwrap();
    let (service, view) = (u32::try_from(stored).unwrap(), u32::try_from(stored + 1).unwrap());
    let receipt = d.entry_bundle(&n, service, &s).await.unwrap();
    receipt.verify(Some(&s.verifier())).unwrap();
    assert!(receipt.leaf.contains(&sha) && receipt.leaf.contains("2026-12-31T10:15:00+08:00"));
    let viewed = d.entry_bundle(&n, view, &s).await.unwrap();
    viewed.verify(Some(&s.verifier())).unwrap();
    assert!(viewed.leaf.contains("\"viewed_at\":\"2026-12-31T11:02:07+08:00\""), "{}", viewed.leaf);
    // A receipt shown with another view time is not the one the log holds.
    let mut forged = viewed.clone();
    forged.leaf = forged.leaf.replace("11:02:07", "09:02:07");
    assert!(forged.verify(None).is_err());

    let key = s.verifier();
    assert!(d.verify_ledger(Some(&key), &Quiet).await.unwrap().is_intact());
    d.store()
        .exec("UPDATE log SET body = REPLACE(body, '11:02:07', '09:02:07') WHERE event_type = 'service_viewed'")
        .await;
    let report = d.verify_ledger(Some(&key), &Quiet).await.unwrap();
    assert!(report.problems.iter().any(|p| p.contains("记录被修改")), "{:?}", report.problems);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_electronic_service_receipt_verifies_offline_and_its_tampering_is_detected_on_sqlite() {
    receipts(docket_store::test_support::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_electronic_service_receipt_verifies_offline_and_its_tampering_is_detected_on_postgres() {
    match docket_store::test_support::postgres().await {
        Some(store) => receipts(store).await,
        None => eprintln!("skipped: DOCKET_TEST_PG_URL is not set"),
    }
}
