//! "A worker never answers a question that cannot change their result": for a spread of
//! half-answered profiles, every fact in `next_questions` has two answers that give different
//! results, and every unknown fact left out of it changes nothing whatever its answer.
use subsidy_estimator::answers::Value;
use subsidy_estimator::facts::{self, FactType, FACTS};
use subsidy_estimator::questions::choices_that_matter;
use subsidy_estimator::{estimate, Answers, Catalog, Date};

/// Issue days worth trying: both sides of 2017-01-01, of each year's relaxation and of a
/// 12-month claim window; never more than a year after the estimate's date (an error).
const ISSUE_DAYS: &[&str] = &[
    "2016-12-31",
    "2017-01-01",
    "2018-06-01",
    "2019-06-01",
    "2020-06-01",
    "2021-06-01",
    "2021-12-31",
    "2022-01-01",
    "2022-06-01",
    "2023-06-01",
    "2024-06-01",
    "2025-06-01",
    "2025-12-31",
    "2026-01-01",
    "2026-06-01",
];

fn candidates(name: &str, date: Date) -> Vec<Value> {
    match facts::fact(name).unwrap().kind {
        FactType::Count { min, max, .. } => [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 24, max]
            .into_iter()
            .filter(|n| (min..=max).contains(n))
            .map(Value::Count)
            .collect(),
        FactType::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactType::OneOf(choices) => choices
            .iter()
            .map(|c| Value::Text(c.value.into()))
            .collect(),
        FactType::Groups => std::iter::once(Value::Groups(vec![]))
            .chain(
                facts::GROUPS
                    .iter()
                    .map(|g| Value::Groups(vec![g.value.into()])),
            )
            .chain([Value::Groups(vec![
                "two_after".into(),
                "urban_low_income".into(),
            ])])
            .collect(),
        FactType::Day if name != "date" => ISSUE_DAYS
            .iter()
            .map(|d| Date::parse(d).unwrap())
            .filter(|d| Some(*d) <= date.months_later(12))
            .map(Value::Day)
            .collect(),
        FactType::Day | FactType::RegionCode => vec![],
    }
}

/// What a worker would see change: each benefit's status and amounts.
fn signature(catalog: &Catalog, answers: &Answers) -> String {
    let est = estimate(catalog, answers, Date::new(2026, 11, 22).unwrap()).unwrap();
    est.benefits
        .iter()
        .map(|b| format!("{}:{:?}:{:?}:{:?};", b.id, b.status, b.amount, b.amount_max))
        .collect()
}

fn profiles() -> Vec<Answers> {
    [
        r#"{"region": "140502", "date": "2021-06-01"}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": []}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": ["two_after"], "training": {"kind": "labor_preparation"}}"#,
        r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee", "certificate": {"kind": "skill_level"}}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": ["poor_labor"], "training": {"kind": "inclusive"}}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": ["college_student"], "entrepreneurial_intent": true}"#,
        r#"{"region": "140502", "date": "2022-06-01"}"#,
        r#"{"region": "520302", "date": "2022-06-01"}"#,
        r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"]}"#,
        r#"{"region": "450100", "date": "2022-06-01"}"#,
        r#"{"region": "330100", "date": "2021-06-01"}"#,
        r#"{"region": "330100", "date": "2024-06-01", "employment": "enterprise_employee", "unemployment_insurance_months": 20, "certificate": {"kind": "skill_level", "level": "junior"}}"#,
        r#"{"region": "140502", "employment": "enterprise_employee", "unemployment_insurance_months": 40, "certificate": {"kind": "qualification"}}"#,
        r#"{"region": "450100", "date": "2022-03-01", "receiving_unemployment_benefit": true, "certificate": {"kind": "skill_level", "level": "senior", "issued": "2022-02-01"}}"#,
    ]
    .iter()
    .map(|j| Answers::from_json_str(j).unwrap())
    .collect()
}

#[test]
fn every_question_asked_can_change_the_result_and_no_other_unknown_can() {
    let catalog = Catalog::embedded().unwrap();
    let mut wrong = Vec::new();
    for answers in profiles() {
        let est = estimate(&catalog, &answers, Date::new(2026, 11, 22).unwrap()).unwrap();
        let base = signature(&catalog, &answers);
        for fact in FACTS.iter().filter(|f| answers.get(f.name).is_none()) {
            let values = candidates(fact.name, est.date);
            if values.is_empty() {
                continue;
            }
            let mut seen: Vec<String> = values
                .into_iter()
                .map(|v| signature(&catalog, &answers.clone().with(fact.name, Some(v))))
                .collect();
            seen.sort();
            seen.dedup();
            let can_change = seen.len() > 1 || seen.first() != Some(&base);
            let asked = est.next_questions.contains(&fact.name);
            let profile: Vec<String> = answers.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
            if asked && !can_change {
                wrong.push(format!(
                    "asks {} though no answer changes anything ({})",
                    fact.name,
                    profile.join(", ")
                ));
            }
            if !asked && can_change {
                wrong.push(format!(
                    "never asks {} though it changes the result ({})",
                    fact.name,
                    profile.join(", ")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A seeded spread of workers in one place, for "some worker there would see a difference".
fn workers_in(region: &str, date: &str, n: u64) -> Vec<Answers> {
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut pick = |k: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % k as u64) as usize
    };
    (0..n)
        .map(|_| {
            let mut a =
                Answers::from_json_str(&format!(r#"{{"region":"{region}","date":"{date}"}}"#))
                    .unwrap();
            for fact in FACTS
                .iter()
                .filter(|f| !matches!(f.name, "region" | "date" | "groups"))
            {
                let values = candidates(fact.name, Date::parse(date).unwrap());
                if !values.is_empty() && pick(3) > 0 {
                    a = a.with(fact.name, Some(values[pick(values.len())].clone()));
                }
            }
            let groups: Vec<String> = facts::GROUPS
                .iter()
                .filter(|_| pick(6) == 0)
                .map(|g| g.value.to_string())
                .collect();
            a.with("groups", Some(Value::Groups(groups)))
        })
        .collect()
}

#[test]
fn the_groups_and_training_kinds_offered_are_exactly_those_that_can_change_a_result_there() {
    let catalog = Catalog::embedded().unwrap();
    let today = Date::new(2026, 11, 22).unwrap();
    let mut wrong = Vec::new();
    for (region, date) in [
        ("140502", "2021-06-01"),
        ("520302", "2022-06-01"),
        ("540100", "2022-06-01"),
        ("450100", "2022-06-01"),
    ] {
        let start =
            Answers::from_json_str(&format!(r#"{{"region":"{region}","date":"{date}"}}"#)).unwrap();
        let est = estimate(&catalog, &start, today).unwrap();
        let workers = workers_in(region, date, 400);
        for (fact, all) in [
            ("groups", facts::GROUPS),
            ("training.kind", facts::TRAINING_KINDS),
        ] {
            let offered = choices_that_matter(&catalog, &est, fact).unwrap();
            for choice in all.iter().filter(|c| c.value != "none") {
                // Does naming this choice change anything for any of these workers?
                let changes = workers.iter().any(|w| {
                    let (with, without) = if fact == "groups" {
                        let Some(Value::Groups(g)) = w.get("groups") else {
                            unreachable!()
                        };
                        let mut with = g.clone();
                        with.retain(|x| x != choice.value);
                        let without = with.clone();
                        with.push(choice.value.to_string());
                        (Value::Groups(with), Value::Groups(without))
                    } else {
                        (Value::Text(choice.value.into()), Value::Text("none".into()))
                    };
                    signature(&catalog, &w.clone().with(fact, Some(with)))
                        != signature(&catalog, &w.clone().with(fact, Some(without)))
                });
                let is_offered = offered.contains(&choice.value);
                if is_offered != changes {
                    wrong.push(format!(
                        "{region} {fact}={}: offered {is_offered}, changes a result for some worker {changes}",
                        choice.value
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_level_of_a_training_completion_certificate_is_asked_as_the_workers_own() {
    use subsidy_estimator::questions::questions;
    let catalog = Catalog::embedded().unwrap();
    let level_title = |json: &str| {
        let answers = Answers::from_json_str(json).unwrap();
        let est = estimate(&catalog, &answers, Date::new(2026, 11, 22).unwrap()).unwrap();
        let q = questions(&catalog, &est, &answers).unwrap();
        q.next
            .iter()
            .find(|q| q.fact == "certificate.level")
            .map(|q| q.title)
            .unwrap_or_else(|| panic!("certificate.level is not asked for {json}"))
    };
    let worker = r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
        "unemployment_insurance_months": 20, "certificate": {"kind": "KIND", "via_job_training": true}}"#;
    let own = level_title(&worker.replace("KIND", "training_completion"));
    assert!(own.contains("您本人的技能等级"), "{own}");
    let printed = level_title(&worker.replace("KIND", "skill_level"));
    assert_eq!(printed, "证书是什么等级？");
}
