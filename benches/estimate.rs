//! How long one estimate takes, natively, for profiles from empty to fully answered. The
//! page calls `estimate` and `questions` after every answer, so this is the time a worker
//! waits (the WebAssembly build is a small constant factor slower). Run: `make bench`.
use std::hint::black_box;
use std::time::Instant;
use subsidy_estimator::{estimate, Answers, Catalog, Date};

const PROFILES: &[(&str, &str)] = &[
    ("nothing answered", r#"{}"#),
    (
        "晋城, region and date only",
        r#"{"region": "140502", "date": "2021-06-01"}"#,
    ),
    (
        "晋城, employee with certificate",
        r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
            "unemployment_insurance_months": 14, "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
    ),
    (
        "晋城, fully answered 两后生",
        r#"{"region": "140502", "date": "2021-06-01", "age": 17, "hukou": "rural", "groups": ["two_after"],
            "employment": "other", "unemployment_insurance_months": 0, "certificate": {"kind": "none"},
            "years_at_level": 0, "training": {"kind": "labor_preparation", "days": 300, "months": 12, "employment_rate_80": false},
            "entrepreneurial_intent": false, "subsidized_trainings_this_year": 0, "same_occupation_level_this_year": false}"#,
    ),
    (
        "拉萨, veteran",
        r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"]}"#,
    ),
];

fn main() {
    let started = Instant::now();
    let catalog = Catalog::embedded().unwrap();
    println!("load embedded catalogue: {:?}", started.elapsed());
    let today = Date::new(2026, 11, 22).unwrap();
    for (name, json) in PROFILES {
        let answers = Answers::from_json_str(json).unwrap();
        let rounds = 200;
        let t = Instant::now();
        for _ in 0..rounds {
            black_box(estimate(&catalog, black_box(&answers), today).unwrap());
        }
        let per = t.elapsed() / rounds;
        let est = estimate(&catalog, &answers, today).unwrap();
        println!(
            "{name:<34} {per:>10.1?} per estimate ({} benefits, {} next questions)",
            est.benefits.len(),
            est.next_questions.len()
        );
    }
}
