//! `employment = "farmer_herder"` (务农、放牧): accepted at every door, labelled in Chinese, and
//! read by every policy that tests employment as what it is — not an enterprise employee, not
//! a student — never as unknown.
use subsidy_estimator::estimate::Status;
use subsidy_estimator::{estimate, Answers, Catalog, Date};

fn run(json: &str, today: &str) -> subsidy_estimator::estimate::Estimate<'static> {
    let catalog: &'static Catalog = Box::leak(Box::new(Catalog::embedded().unwrap()));
    let answers = Answers::from_json_str(json).unwrap();
    estimate(catalog, &answers, Date::parse(today).unwrap()).unwrap()
}

#[test]
fn a_herder_is_not_an_enterprise_employee_for_the_jincheng_bonus() {
    let est = run(
        r#"{"region": "140502", "date": "2021-06-01", "employment": "farmer_herder",
            "unemployment_insurance_months": 14,
            "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
        "2021-06-01",
    );
    let bonus = est.benefit("jc_skill_upgrade_bonus").unwrap();
    assert_eq!(bonus.status, Status::Ineligible);
    assert!(
        bonus
            .criteria
            .iter()
            .any(|c| c.text == "是企业职工" && c.met == Some(false)),
        "the employee condition is answered, not unknown: {:?}",
        bonus.criteria
    );
    assert!(!bonus.missing.contains(&"employment"));
}

#[test]
fn a_farmer_is_not_a_student_in_zunyi() {
    let est = run(
        r#"{"region": "520302", "employment": "farmer_herder"}"#,
        "2026-12-07",
    );
    let mut read = 0;
    for b in &est.benefits {
        for c in b.criteria.iter().filter(|c| c.text == "不是在校学生") {
            assert_eq!(c.met, Some(true), "{}", b.id);
            read += 1;
        }
    }
    assert!(
        read > 0,
        "some 遵义 line tests that the worker is not a student"
    );
}

#[test]
fn the_value_is_labelled_and_an_unknown_one_is_still_refused() {
    assert_eq!(
        subsidy_estimator::facts::value_label("employment", "farmer_herder"),
        Some("务农、放牧（种地、养殖、放牧）")
    );
    let err = Answers::from_json_str(r#"{"employment": "herder"}"#).unwrap_err();
    assert!(err.to_string().starts_with("employment:"), "{err}");
}
