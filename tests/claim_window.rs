//! Time said once: a line governed by an ended notice whose claim window is still open says
//! so ("证书在2025年取得，按这份通知办理，2026年12月20日前申请") and never "请先…确认"; once
//! the window has closed, the ended-document warning comes back.
use subsidy_estimator::{estimate, Answers, Catalog, Date};

fn hangzhou_worker() -> Answers {
    Answers::from_json_str(
        r#"{"region": "330100", "employment": "enterprise_employee",
            "unemployment_insurance_months": 40, "skill_upgrade_claims_this_year": 0,
            "certificate": {"kind": "skill_level", "level": "senior", "issued": "2025-12-20",
                            "claimed_before": false, "shortage_occupation": false,
                            "training_subsidy_received": false}}"#,
    )
    .unwrap()
}

#[test]
fn a_2025_certificate_claimed_in_december_2026_is_governed_by_the_2025_notice_with_its_last_day() {
    let catalog = Catalog::embedded().unwrap();
    let today = Date::parse("2026-12-07").unwrap();
    let est = estimate(&catalog, &hangzhou_worker(), today).unwrap();
    let line = est.benefit("cn_skill_upgrade_subsidy").unwrap();
    assert_eq!(line.source.doc_number, Some("人社部发〔2025〕18号"));
    assert_eq!(
        line.claim_window_note.as_deref(),
        Some("证书在2025年取得，按这份通知办理，2026年12月20日前申请")
    );
    assert_eq!(
        line.source.ended_note, None,
        "no 请先…确认 while the window is open"
    );
}

#[test]
fn on_the_last_day_the_window_is_still_open_and_the_day_after_it_is_not() {
    let catalog = Catalog::embedded().unwrap();
    let last = Date::parse("2026-12-20").unwrap();
    let est = estimate(&catalog, &hangzhou_worker(), last).unwrap();
    let line = est.benefit("cn_skill_upgrade_subsidy").unwrap();
    assert!(
        line.claim_window_note.is_some(),
        "the last day is inside the window"
    );
    let after = Date::parse("2026-12-21").unwrap();
    let est = estimate(&catalog, &hangzhou_worker(), after).unwrap();
    let line = est.benefit("cn_skill_upgrade_subsidy").unwrap();
    assert_eq!(line.claim_window_note, None);
    assert!(
        line.source
            .ended_note
            .as_deref()
            .is_some_and(|n| n.contains("请先向")),
        "after the window: {:?}",
        line.source.ended_note
    );
}
