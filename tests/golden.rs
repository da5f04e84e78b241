//! Golden cases: `tests/policies/<region>/<doc-id>.toml` mirrors `policies/`, one file of
//! cases per policy file. Each case is a sentence stating the law, the answers, and what
//! the estimator must say. A failure names the file and the sentence.
use std::collections::BTreeMap;
use std::path::PathBuf;
use subsidy_estimator::estimate::{Estimate, Status};
use subsidy_estimator::{estimate, Answers, Catalog, Date};

#[path = "common/golden_cases.rs"]
mod golden_cases;
use golden_cases::{case_files, load_cases, TODAY};

fn toml_to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Eligible => "eligible",
        Status::Ineligible => "ineligible",
        Status::Undetermined => "undetermined",
        Status::NotInForce => "not_in_force",
    }
}

fn strings(v: &toml::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `"none"` in a case means the estimator must say `null`.
fn matches_money(expected: &str, got: &Option<String>) -> bool {
    match got {
        None => expected == "none",
        Some(g) => g == expected,
    }
}

const CASE_KEYS: &[&str] = &[
    "says",
    "answers",
    "today",
    "expect",
    "totals_worker",
    "next_questions_start",
    "listed",
    "not_listed",
    "documents_in_force",
    "period_note_contains",
];
const EXPECT_KEYS: &[&str] = &[
    "status",
    "amount",
    "amount_max",
    "missing",
    "reason_contains",
    "note_contains",
    "hint_contains",
];

/// Checks one case; returns what went wrong.
fn check_case(catalog: &Catalog, case: &toml::Table) -> Result<(), Vec<String>> {
    let mut wrong = Vec::new();
    for key in case.keys() {
        if !CASE_KEYS.contains(&key.as_str()) {
            wrong.push(format!("unknown case key `{key}`"));
        }
    }
    let answers_json = case
        .get("answers")
        .map(toml_to_json)
        .unwrap_or(serde_json::json!({}));
    let answers =
        Answers::from_json(&answers_json).map_err(|e| vec![format!("answers rejected: {e}")])?;
    let today =
        Date::parse(case.get("today").and_then(|t| t.as_str()).unwrap_or(TODAY)).expect("today");
    let est: Estimate = estimate(catalog, &answers, today).map_err(|e| vec![e.to_string()])?;

    if let Some(expect) = case.get("expect").and_then(|e| e.as_table()) {
        for (id, exp) in expect {
            let Some(b) = est.benefit(id) else {
                wrong.push(format!("{id}: not listed for this region"));
                continue;
            };
            let exp = exp.as_table().expect("expect.<id> is a table");
            for key in exp.keys() {
                if !EXPECT_KEYS.contains(&key.as_str()) {
                    wrong.push(format!("{id}: unknown expectation `{key}`"));
                }
            }
            if let Some(s) = exp.get("status").and_then(|v| v.as_str()) {
                if status_name(b.status) != s {
                    wrong.push(format!(
                        "{id}: status {} (expected {s}); {}",
                        status_name(b.status),
                        b.reason
                    ));
                }
            }
            if let Some(a) = exp.get("amount").and_then(|v| v.as_str()) {
                if !matches_money(a, &b.amount) {
                    wrong.push(format!("{id}: amount {:?} (expected {a})", b.amount));
                }
            }
            if let Some(a) = exp.get("amount_max").and_then(|v| v.as_str()) {
                if !matches_money(a, &b.amount_max) {
                    wrong.push(format!(
                        "{id}: amount_max {:?} (expected {a})",
                        b.amount_max
                    ));
                }
            }
            if let Some(m) = exp.get("missing") {
                let mut want = strings(m);
                want.sort();
                let mut got = b.missing.clone();
                got.sort();
                if want != got {
                    wrong.push(format!("{id}: missing {got:?} (expected {want:?})"));
                }
            }
            if let Some(t) = exp.get("reason_contains").and_then(|v| v.as_str()) {
                if !b.reason.contains(t) {
                    wrong.push(format!("{id}: reason {:?} lacks {t:?}", b.reason));
                }
            }
            if let Some(t) = exp.get("note_contains").and_then(|v| v.as_str()) {
                if !b.amount_note.as_deref().unwrap_or("").contains(t) {
                    wrong.push(format!("{id}: amount_note {:?} lacks {t:?}", b.amount_note));
                }
            }
            if let Some(t) = exp.get("hint_contains").and_then(|v| v.as_str()) {
                if !b
                    .criteria
                    .iter()
                    .any(|c| c.hint.as_deref().unwrap_or("").contains(t))
                {
                    let hints: Vec<_> = b.criteria.iter().filter_map(|c| c.hint.clone()).collect();
                    wrong.push(format!(
                        "{id}: no criterion hint contains {t:?} (hints: {hints:?})"
                    ));
                }
            }
        }
    }
    if let Some(t) = case.get("totals_worker").and_then(|v| v.as_str()) {
        if est.totals.worker != t {
            wrong.push(format!(
                "totals.worker {} (expected {t})",
                est.totals.worker
            ));
        }
    }
    if let Some(start) = case.get("next_questions_start") {
        let want = strings(start);
        let got: Vec<String> = est
            .next_questions
            .iter()
            .take(want.len())
            .map(|f| f.to_string())
            .collect();
        if got != want {
            wrong.push(format!(
                "next_questions start {got:?} (expected {want:?}; all: {:?})",
                est.next_questions
            ));
        }
    }
    for id in case.get("listed").map(strings).unwrap_or_default() {
        if est.benefit(&id).is_none() {
            wrong.push(format!("{id} should be listed"));
        }
    }
    for id in case.get("not_listed").map(strings).unwrap_or_default() {
        if est.benefit(&id).is_some() {
            wrong.push(format!("{id} should not be listed for this region"));
        }
    }
    if let Some(docs) = case.get("documents_in_force").and_then(|d| d.as_table()) {
        for (doc_id, want) in docs {
            match est.documents.iter().find(|d| d.id == doc_id) {
                None => wrong.push(format!("document {doc_id} should reach this region")),
                Some(d) if Some(d.in_force) != want.as_bool() => wrong.push(format!(
                    "document {doc_id}: in_force {} (expected {want:?})",
                    d.in_force
                )),
                _ => {}
            }
        }
    }
    if let Some(notes) = case.get("period_note_contains").and_then(|d| d.as_table()) {
        for (doc_id, want) in notes {
            let want = want.as_str().unwrap_or_default();
            match est.documents.iter().find(|d| d.id == doc_id) {
                None => wrong.push(format!("document {doc_id} should reach this region")),
                Some(d) if want.is_empty() => {
                    if let Some(note) = &d.period_note {
                        wrong.push(format!(
                            "document {doc_id}: period_note {note:?} (expected none)"
                        ));
                    }
                }
                Some(d) if !d.period_note.unwrap_or("").contains(want) => wrong.push(format!(
                    "document {doc_id}: period_note {:?} lacks {want:?}",
                    d.period_note
                )),
                _ => {}
            }
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong)
    }
}

#[test]
fn every_golden_case_holds() {
    let catalog = Catalog::embedded().expect("the embedded catalogue loads");
    let mut failures = Vec::new();
    let mut count = 0;
    for path in case_files() {
        for case in load_cases(&path) {
            count += 1;
            let says = case
                .get("says")
                .and_then(|s| s.as_str())
                .unwrap_or("(a case without `says`)");
            if let Err(wrong) = check_case(&catalog, &case) {
                failures.push(format!(
                    "{}: 「{says}」\n    {}",
                    path.display(),
                    wrong.join("\n    ")
                ));
            }
        }
    }
    assert!(count > 0, "no golden cases found under tests/policies");
    assert!(
        failures.is_empty(),
        "{} of {count} golden cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{count} golden cases hold");
}

#[test]
fn every_policy_file_has_its_cases_and_every_benefit_both_sides() {
    let catalog = Catalog::embedded().unwrap();
    let mut problems = Vec::new();
    for doc in catalog.documents() {
        let cases_path = PathBuf::from(doc.path.replacen("policies/", "tests/policies/", 1));
        if !cases_path.exists() {
            problems.push(format!(
                "{} has no golden cases at {}",
                doc.path,
                cases_path.display()
            ));
            continue;
        }
        let mut seen: BTreeMap<String, (bool, bool)> = BTreeMap::new();
        let mut undetermined: Vec<String> = Vec::new();
        for case in load_cases(&cases_path) {
            if let Some(expect) = case.get("expect").and_then(|e| e.as_table()) {
                for (id, exp) in expect {
                    let entry = seen.entry(id.clone()).or_default();
                    match exp.get("status").and_then(|s| s.as_str()) {
                        Some("eligible") => entry.0 = true,
                        Some("ineligible") => entry.1 = true,
                        Some("undetermined") => undetermined.push(id.clone()),
                        _ => {}
                    }
                }
            }
        }
        for b in &doc.benefits {
            let (mut eligible, ineligible) = seen.get(&b.id).copied().unwrap_or_default();
            // A clause that only names another line's benefit (`same_as`) is never eligible
            // on its own: its other side is a case where it waits on that line.
            if b.same_as.is_some() {
                eligible = undetermined.contains(&b.id);
            }
            if !eligible {
                problems.push(format!(
                    "{}: no case where {} is eligible",
                    cases_path.display(),
                    b.id
                ));
            }
            if !ineligible {
                problems.push(format!(
                    "{}: no case where {} is ineligible",
                    cases_path.display(),
                    b.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
