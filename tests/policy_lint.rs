//! The data lint: what `subsidy check` runs over `policies/`, and proof that each kind of
//! mistake in a policy file is reported as `path:LINE: message`.
use subsidy_estimator::{Catalog, Error};

fn disk_policy_files(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            disk_policy_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push((
                path.to_string_lossy().into_owned(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn every_policy_file_on_disk_passes_the_check() {
    let mut files = Vec::new();
    disk_policy_files(std::path::Path::new("policies"), &mut files);
    assert!(!files.is_empty());
    if let Err(errors) = Catalog::from_files(&files) {
        let lines: Vec<String> = errors.iter().map(Error::to_string).collect();
        panic!("policy problems:\n{}", lines.join("\n"));
    }
    let embedded = Catalog::embedded().expect("embedded catalogue");
    let mut on_disk: Vec<String> = files.iter().map(|(p, _)| p.replace('\\', "/")).collect();
    let mut compiled_in: Vec<String> = embedded.documents.iter().map(|d| d.path.clone()).collect();
    on_disk.sort();
    compiled_in.sort();
    assert_eq!(
        on_disk, compiled_in,
        "every policy file on disk is embedded in the library"
    );
}

#[test]
fn the_embedded_catalogue_loads_and_every_benefit_cites_its_clause() {
    let catalog = Catalog::embedded().expect("embedded catalogue");
    for (doc, b) in catalog.benefits() {
        assert!(
            !b.clause.is_empty() && !b.quote.is_empty(),
            "{}: {} lacks clause or quote",
            doc.path,
            b.id
        );
        assert!(
            !b.amount.cite.is_empty(),
            "{}: {} amount lacks cite",
            doc.path,
            b.id
        );
        for c in &b.conditions {
            assert!(
                !c.cite.is_empty() && !c.text.is_empty(),
                "{}:{}: condition lacks cite or text",
                doc.path,
                c.line
            );
        }
    }
}

const GOOD: &str = r#"[document]
id = "test-doc"
title = "测试文件"
issuer = "测试"
issued = "2021-01-01"
region = "140502"
source = "none"
in_force = { from = "2021-01-01", to = "2021-12-31", cite = "一" }

[[benefit]]
id = "t_bonus"
title = "测试补贴"
kind = "personal_bonus"
payee = "worker"
clause = "一"
quote = "原文"

[[benefit.condition]]
text = "缴纳失业保险12个月以上"
fact = "unemployment_insurance_months"
at_least = 12
cite = "一"

[benefit.amount]
rule = "per_unit"
rate = 150
per = "training.days"
cap = 1000
cite = "一"
"#;

const PATH: &str = "policies/140502/test-doc.toml";

/// The problems `subsidy check` reports for `GOOD` with one line replaced.
fn problems_after(replace: &str, with: &str) -> Vec<String> {
    assert!(GOOD.contains(replace), "fixture lacks {replace:?}");
    let text = GOOD.replacen(replace, with, 1);
    match Catalog::from_files(&[(PATH, text.as_str())]) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(Error::to_string).collect(),
    }
}

#[test]
fn a_correct_file_has_no_problems() {
    assert_eq!(problems_after("", ""), Vec::<String>::new());
}

/// Each row: what is broken, the line reported (the line itself, or the header of the
/// `[[benefit.condition]]` / `[benefit.amount]` table it sits in), and words the message must carry.
#[test]
fn each_mistake_is_reported_at_its_line() {
    let rows: &[(&str, &str, usize, &str)] = &[
        (
            "cite = \"一\"\n\n[benefit.amount]",
            "\n\n[benefit.amount]",
            18,
            "condition has no cite",
        ),
        (
            "rule = \"per_unit\"",
            "rule = \"per_unit\"\ncite = \"\"",
            30,
            "duplicate key",
        ),
        (
            "fact = \"unemployment_insurance_months\"",
            "fact = \"insurance\"",
            18,
            "unknown fact \"insurance\"",
        ),
        (
            "fact = \"unemployment_insurance_months\"\nat_least = 12",
            "fact = \"groups\"\nin = [\"astronaut\"]",
            18,
            "unknown group \"astronaut\"",
        ),
        (
            "to = \"2021-12-31\"",
            "to = \"2020-12-31\"",
            1,
            "ends (2020-12-31) before it starts",
        ),
        (
            "from = \"2021-01-01\", to",
            "from = \"2021-02-30\", to",
            1,
            "is not a day",
        ),
        ("rate = 150", "rate = -150", 24, "negative"),
        (
            "cap = 1000",
            "cap = 100",
            24,
            "cap 100 is below the rate 150",
        ),
        ("rate = 150", "rate = 150.5", 26, "float"),
        (
            "kind = \"personal_bonus\"",
            "kind = \"gift\"",
            13,
            "unknown variant",
        ),
        (
            "quote = \"原文\"",
            "quote = \"原文\"\ncolour = \"red\"",
            17,
            "unknown field",
        ),
        (
            "region = \"140502\"",
            "region = \"999999\"",
            1,
            "not a GB/T 2260 code",
        ),
        (
            "id = \"test-doc\"",
            "id = \"other-doc\"",
            1,
            "should be at policies/140502/other-doc.toml",
        ),
        ("at_least = 12", "is = true", 18, "is a count"),
        (
            "per = \"training.days\"",
            "per = \"hukou\"",
            24,
            "is not a count",
        ),
    ];
    let mut wrong = Vec::new();
    for (replace, with, line, words) in rows {
        let problems = problems_after(replace, with);
        let prefix = format!("{PATH}:{line}: ");
        if !problems
            .iter()
            .any(|p| p.starts_with(&prefix) && p.contains(words))
        {
            wrong.push(format!(
                "{with:?}: expected «{prefix}…{words}…», got {problems:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn two_versions_of_a_benefit_may_not_overlap_in_time() {
    let later = GOOD
        .replace("id = \"test-doc\"", "id = \"test-doc-2\"")
        .replace(
            "from = \"2021-01-01\", to = \"2021-12-31\"",
            "from = \"2021-12-31\", to = \"2022-12-31\"",
        );
    let files = [
        (PATH, GOOD.to_string()),
        ("policies/140502/test-doc-2.toml", later),
    ];
    let errors = Catalog::from_files(&files).expect_err("overlap must be reported");
    let text: Vec<String> = errors.iter().map(Error::to_string).collect();
    assert!(
        text.iter().any(
            |e| e.starts_with("policies/140502/test-doc-2.toml:10: ") && e.contains("overlaps")
        ),
        "{text:?}"
    );
}
