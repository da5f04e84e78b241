//! "A worker never answers a question that cannot change their result": for a spread of
//! half-answered profiles, every fact in `next_questions` has two answers that give different
//! results, and every unknown fact left out of it changes nothing whatever its answer.
use subsidy_estimator::answers::Value;
use subsidy_estimator::facts::{self, FactType, FACTS};
use subsidy_estimator::{estimate, Answers, Catalog, Date};

fn candidates(name: &str) -> Vec<Value> {
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
            let values = candidates(fact.name);
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
            let asked = est.next_questions.iter().any(|q| q == fact.name);
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
