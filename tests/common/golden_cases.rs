//! Reading the golden cases (`tests/policies/**`, one file of cases per policy file), shared by
//! `tests/golden.rs`, `tests/search_equivalence.rs` and `benches/estimate.rs`, each of which
//! includes this file with `#[path]`.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use subsidy_estimator::{Answers, Date};

/// The cases run as if today were this day, unless a case names its own `today`.
pub const TODAY: &str = "2026-11-22";

/// Every file of cases, in path order.
pub fn case_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(Path::new("tests/policies"), &mut files);
    files
}

/// The cases of one file, as tables.
pub fn load_cases(path: &Path) -> Vec<toml::Table> {
    let text = std::fs::read_to_string(path).unwrap();
    let table: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    table
        .get("case")
        .and_then(|c| c.as_array())
        .map(|a| a.iter().filter_map(|c| c.as_table().cloned()).collect())
        .unwrap_or_default()
}

/// Every case whose answers the estimator accepts: its sentence, its answers and its today.
pub fn answered_cases() -> Vec<(String, Answers, Date)> {
    let mut out = Vec::new();
    for path in case_files() {
        for case in load_cases(&path) {
            let answers = case
                .get("answers")
                .cloned()
                .unwrap_or(toml::Value::Table(Default::default()));
            let json = serde_json::to_string(&answers).unwrap();
            let today = case.get("today").and_then(|t| t.as_str()).unwrap_or(TODAY);
            let says = case.get("says").and_then(|s| s.as_str()).unwrap_or("");
            if let Ok(answers) = Answers::from_json_str(&json) {
                out.push((says.to_string(), answers, Date::parse(today).unwrap()));
            }
        }
    }
    out
}
