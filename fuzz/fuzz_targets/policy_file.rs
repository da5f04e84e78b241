//! Any text as a policy file. The checker must never panic; and whatever it accepts, the
//! engine must estimate for any worker without panicking or overflowing, keeping the
//! estimate's invariants (the promise `subsidy check` makes).
#![no_main]
use libfuzzer_sys::fuzz_target;
use subsidy_estimator::{Answers, Catalog};

#[path = "common.rs"]
mod common;

/// The path the file claims (`policies/<region>/<id>.toml`), so the path check can pass.
fn claimed_path(text: &str) -> String {
    let field = |name: &str| {
        text.lines()
            .filter_map(|l| l.trim().strip_prefix(name))
            .filter_map(|rest| rest.trim().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .next()
            .unwrap_or_default()
    };
    format!("policies/{}/{}.toml", field("region"), field("id"))
}

const WORKERS: &[&str] = &[
    "{}",
    r#"{"date": "2021-06-01"}"#,
    r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee", "unemployment_insurance_months": 600,
        "certificate": {"kind": "skill_level", "level": "senior_technician", "via_job_training": true, "first_time": true},
        "training": {"kind": "inclusive", "days": 3650, "months": 120}, "groups": ["two_after", "poor_labor"], "hukou": "rural"}"#,
    r#"{"region": "140502", "date": "2021-06-01", "unemployment_insurance_months": 0, "training": {"days": 0, "months": 0}}"#,
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = claimed_path(text);
    let Ok(catalog) = Catalog::from_files(&[(path.as_str(), text)]) else {
        return;
    };
    let region = catalog.documents()[0].region.clone();
    for worker in WORKERS {
        let mut answers = Answers::from_json_str(worker).unwrap();
        if answers.region().is_some() && subsidy_estimator::regions::province_of(&region).is_some()
        {
            answers = answers.with(
                "region",
                Some(subsidy_estimator::answers::Value::Text(region.clone())),
            );
        }
        common::estimate_and_check(&catalog, &answers);
    }
});
