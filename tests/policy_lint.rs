//! The data lint: what `subsidy check` runs over `policies/`, and proof that each kind of
//! mistake in a policy file is reported as `path:LINE: message`.
use subsidy_estimator::{Catalog, Error};
#[path = "../src/policy_files.rs"]
mod policy_files;

#[test]
fn every_policy_file_on_disk_passes_the_check() {
    let (files, problems) = policy_files::collect(std::path::Path::new("policies"));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!files.is_empty());
    if let Err(errors) = Catalog::from_files(&files) {
        let lines: Vec<String> = errors.iter().map(Error::to_string).collect();
        panic!("policy problems:\n{}", lines.join("\n"));
    }
    let embedded = Catalog::embedded().expect("embedded catalogue");
    let mut on_disk: Vec<String> = files.iter().map(|(p, _)| p.replace('\\', "/")).collect();
    let mut compiled_in: Vec<String> = embedded
        .documents()
        .iter()
        .map(|d| d.path.clone())
        .collect();
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
                "{}: {} has a condition without cite or text",
                doc.path,
                b.id
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

/// `replace` → `with` gives one problem, at the document's head (line 1), that says `words`.
fn refused_once_at_the_head(replace: &str, with: &str, words: &str) {
    let problems = problems_after(replace, with);
    assert_eq!(problems.len(), 1, "{with}: {problems:?}");
    assert!(
        problems[0].starts_with(&format!("{PATH}:1: ")) && problems[0].contains(words),
        "{with}: {problems:?}"
    );
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

// ---- issue 8: what `subsidy check` accepted that was wrong or crashed later ------------

const STEPS: &str = r#"[benefit.amount]
rule = "steps"
by = "unemployment_insurance_months"
cite = "一"

[[benefit.amount.step]]
at_least = 12
yuan = 2500

[[benefit.amount.step]]
at_least = 6
yuan = 1300
"#;

/// `GOOD` with its per-unit amount replaced by `STEPS` (edited by `replace` → `with`).
fn with_steps(replace: &str, with: &str) -> String {
    let amount_at = GOOD.find("[benefit.amount]").unwrap();
    assert!(STEPS.contains(replace), "STEPS lacks {replace:?}");
    format!("{}{}", &GOOD[..amount_at], STEPS.replacen(replace, with, 1))
}

fn problems_of(text: &str) -> Vec<String> {
    match Catalog::from_files(&[(PATH, text)]) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(Error::to_string).collect(),
    }
}

#[test]
fn numbers_out_of_their_facts_range_or_past_what_can_be_paid_are_refused_at_their_line() {
    // The amount table starts at line 24 in GOOD (and in `with_steps`).
    let rows: Vec<(String, &str)> = vec![
        (
            GOOD.replace("cap = 1000", "cap = 1000\nmax_units = 9223372036854775807"),
            "max_units 9223372036854775807 lies outside training.days's range 1–3650",
        ),
        (
            GOOD.replace("rate = 150\n", "rate = \"0.001\"\n")
                .replace("cap = 1000\n", ""),
            "rate 0.001 has more than two decimals",
        ),
        (
            GOOD.replace("rate = 150", "rate = \"79228162514264337593543950335\"")
                .replace("cap = 1000\n", ""),
            "more than 100000000 yuan",
        ),
        (
            GOOD.replace("rate = 150", "rate = 100000")
                .replace("cap = 1000\n", ""),
            "can pay 365000000 yuan, more than 100000000: set a cap or max_units",
        ),
        (
            with_steps("at_least = 12", "at_least = 99999"),
            "step at_least 99999 lies outside unemployment_insurance_months's range 0–600",
        ),
        (
            with_steps("at_least = 6", "at_least = -9223372036854775808"),
            "step at_least -9223372036854775808 lies outside",
        ),
        (
            with_steps("yuan = 2500", "yuan = \"79228162514264337593543950335\""),
            "step.yuan 79228162514264337593543950335 is more than 100000000 yuan",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, words) in &rows {
        let problems = problems_of(text);
        let prefix = format!("{PATH}:24: t_bonus: ");
        if !problems
            .iter()
            .any(|p| p.starts_with(&prefix) && p.contains(words))
        {
            wrong.push(format!("expected «{prefix}…{words}…», got {problems:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The fixture with steps is otherwise sound.
    assert_eq!(problems_of(&with_steps("", "")), Vec::<String>::new());
}

const TWO_THAT_NEED_EACH_OTHER: &str = r#"
[[benefit]]
id = "t_a"
title = "甲"
kind = "training_subsidy"
payee = "provider"
clause = "二"
quote = "原文"

[[benefit.condition]]
text = "符合乙"
benefit = ["t_b"]
cite = "二"

[benefit.amount]
rule = "fixed"
yuan = 100
cite = "二"

[[benefit]]
id = "t_b"
title = "乙"
kind = "training_subsidy"
payee = "provider"
clause = "二"
quote = "原文"

[[benefit.condition]]
text = "符合甲"
benefit = ["t_a"]
cite = "二"

[benefit.amount]
rule = "fixed"
yuan = 100
cite = "二"
"#;

#[test]
fn an_indirect_benefit_cycle_is_found_and_named_at_its_condition() {
    let text = format!("{GOOD}{TWO_THAT_NEED_EACH_OTHER}");
    let problems = problems_of(&text);
    let line = text[..text.find("benefit = [\"t_b\"]").unwrap()]
        .matches('\n')
        .count()
        + 1
        - 2; // the `[[benefit.condition]]` header two lines up
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{PATH}:{line}: "))
            && problems[0].contains("cycle (t_a → t_b → t_a)"),
        "{problems:?}"
    );
}

/// A catalogue that never went through the check (built by hand) still cannot make the
/// engine panic or overflow: checked arithmetic is the second wall.
#[test]
fn the_engine_neither_panics_nor_overflows_on_an_unchecked_catalogue() {
    use rust_decimal::Decimal;
    use subsidy_estimator::policy::AmountRule;
    use subsidy_estimator::{estimate, Answers, Date};
    // An edited catalogue is a new one (its documents are the old one's, changed).
    let mut steps = Catalog::from_files(&[(PATH, with_steps("", ""))])
        .unwrap()
        .into_documents();
    match &mut steps[0].benefits[0].amount.rule {
        AmountRule::Steps { steps, .. } => {
            steps[0].at_least = i64::MAX;
            steps[1].at_least = i64::MIN;
        }
        other => panic!("expected steps, got {other:?}"),
    }
    let mut per_unit = Catalog::from_files(&[(PATH, GOOD)])
        .unwrap()
        .into_documents();
    match &mut per_unit[0].benefits[0].amount.rule {
        AmountRule::PerUnit {
            rate,
            cap,
            max_units,
            ..
        } => {
            *rate = Decimal::MAX;
            *cap = None;
            *max_units = Some(i64::MAX);
        }
        other => panic!("expected per_unit, got {other:?}"),
    }
    let day = Date::new(2021, 6, 1).unwrap();
    for catalog in [Catalog::new(steps), Catalog::new(per_unit)] {
        for answers in [
            r#"{"region": "140502", "date": "2021-06-01"}"#,
            r#"{"region": "140502", "date": "2021-06-01", "unemployment_insurance_months": 600, "training": {"days": 3650}}"#,
        ] {
            let answers = Answers::from_json_str(answers).unwrap();
            let result = estimate(&catalog, &answers, day).expect("no error");
            let b = result.benefit("t_bonus").unwrap();
            if let Some(amount) = &b.amount {
                assert!(amount.len() < 30, "{amount}");
            }
        }
    }
}

// ---- the `subsidy check` door itself: files that are not what their name says ----------

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh folder `policies/140502/` under the system's temp folder.
fn scratch(name: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("subsidy-lint-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("policies/140502")).unwrap();
    root
}

/// Runs `subsidy check DIR`, killing it after 20 s: (exit code, stdout, stderr).
fn check(dir: &std::path::Path) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_subsidy"))
        .arg("check")
        .arg(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("subsidy check {} hangs", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_reports_a_step_outside_its_facts_range_and_exits_1() {
    let root = scratch("steps");
    let file = root.join("policies/140502/test-doc.toml");
    std::fs::write(&file, with_steps("at_least = 12", "at_least = 99999")).unwrap();
    let (code, _, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "/policies/140502/test-doc.toml:24: t_bonus: step at_least 99999 lies outside"
        ),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn check_reads_a_file_named_dot_toml_in_any_case_instead_of_skipping_it() {
    let root = scratch("case");
    std::fs::write(root.join("policies/140502/test-doc.TOML"), GOOD).unwrap();
    let (code, stdout, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(!stdout.contains("no problems"), "{stdout}");
    assert!(
        stderr.contains("test-doc.TOML:1: this file should be at policies/140502/test-doc.toml"),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn check_reports_a_file_that_is_not_utf8_with_its_path_and_line() {
    let root = scratch("utf8");
    let mut bytes = GOOD.as_bytes().to_vec();
    let at = GOOD.find("测试补贴").unwrap();
    bytes[at] = 0xFF;
    std::fs::write(root.join("policies/140502/test-doc.toml"), bytes).unwrap();
    let (code, _, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stderr}");
    let line = GOOD[..at].matches('\n').count() + 1;
    assert!(
        stderr.contains(&format!(
            "/policies/140502/test-doc.toml:{line}: the file is not UTF-8 text"
        )),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[cfg(unix)]
#[test]
fn check_does_not_hang_on_a_fifo_named_toml_and_names_it() {
    let root = scratch("fifo");
    let fifo = root.join("policies/140502/test-doc.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (code, _, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("/policies/140502/test-doc.toml: not a regular file"),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[cfg(unix)]
#[test]
fn check_reports_an_unreadable_policy_file_with_its_path() {
    let root = scratch("dangling");
    std::os::unix::fs::symlink(
        root.join("nowhere.toml"),
        root.join("policies/140502/test-doc.toml"),
    )
    .unwrap();
    let (code, _, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("/policies/140502/test-doc.toml: cannot read: "),
        "{stderr}"
    );
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn check_names_an_indirect_benefit_cycle() {
    let root = scratch("cycle");
    std::fs::write(
        root.join("policies/140502/test-doc.toml"),
        format!("{GOOD}{TWO_THAT_NEED_EACH_OTHER}"),
    )
    .unwrap();
    let (code, _, stderr) = check(&root.join("policies"));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("t_a → t_b → t_a"), "{stderr}");
    std::fs::remove_dir_all(root).unwrap();
}

/// Every document says when its text was last checked (rulings.md, "Third round"), and the
/// check warns, without failing, about one in force whose check is more than a year old.
#[test]
fn every_policy_file_says_when_its_text_was_last_checked() {
    let catalog = Catalog::embedded().expect("embedded catalogue");
    for doc in catalog.documents() {
        assert!(doc.verified_on.is_some(), "{}: no verified_on", doc.path);
    }
    let today = subsidy_estimator::Date::parse("2026-12-07").unwrap();
    let fresh = subsidy_estimator::policy::stale_checks(&catalog, today);
    assert!(fresh.is_empty(), "{fresh:?}");
    // Two years on, every document still in force (the standing 2017 rule has no end) is stale.
    let later = subsidy_estimator::Date::parse("2028-12-08").unwrap();
    let stale = subsidy_estimator::policy::stale_checks(&catalog, later);
    assert!(
        stale
            .iter()
            .any(|w| w.contains("rsbf-2017-40.toml: warning:") && w.contains("2026-11-22")),
        "{stale:?}"
    );
    // A document no longer in force is not warned about.
    assert!(
        !stale.iter().any(|w| w.contains("czf-2020-12")),
        "{stale:?}"
    );
}

/// Issue 18: a cut-off text names the last clause it reaches as data (`incomplete_after`),
/// which the estimate carries beside `incomplete`; the loader refuses the one without the other
/// and a clause the words of `incomplete` do not name.
#[test]
fn a_cut_off_text_names_its_last_clause_in_incomplete_after() {
    let source = "source = \"none\"";
    let cut = "source = \"none\"\nincomplete = \"网页抓取文本在三(二)之后中断\"";
    assert_eq!(
        problems_after(source, &format!("{cut}\nincomplete_after = \"三(二)\"")),
        Vec::<String>::new()
    );
    for (with, words) in [
        (cut.to_string(), "incomplete needs incomplete_after"),
        (
            format!("{source}\nincomplete_after = \"三(二)\""),
            "there is no incomplete",
        ),
        (
            format!("{cut}\nincomplete_after = \"三(三)\""),
            "incomplete_after \"三(三)\" is not a clause that incomplete names",
        ),
        (
            format!("{cut}\nincomplete_after = \" \""),
            "is not a clause that incomplete names",
        ),
    ] {
        refused_once_at_the_head(source, &with, words);
    }

    // Every cut-off document in `policies/` names its clause, and the estimate carries it.
    let catalog = Catalog::embedded().expect("embedded catalogue");
    let today = subsidy_estimator::Date::new(2026, 11, 22).unwrap();
    let mut seen = Vec::new();
    for doc in catalog
        .documents()
        .iter()
        .filter(|d| d.incomplete.is_some())
    {
        let answers = subsidy_estimator::Answers::from_json_str(&format!(
            r#"{{"region": "{}"}}"#,
            doc.region
        ))
        .unwrap();
        let estimate = subsidy_estimator::estimate(&catalog, &answers, today).unwrap();
        let json: serde_json::Value = serde_json::from_str(&estimate.to_json()).unwrap();
        let line = json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == doc.id.as_str())
            .unwrap();
        let clause = line["incomplete_after"].as_str().unwrap();
        assert!(line["incomplete"].as_str().unwrap().contains(clause));
        seen.push((doc.region.clone(), clause.to_string()));
    }
    seen.sort();
    assert_eq!(
        seen,
        [("450000", "三(三)"), ("520300", "四(二)")].map(|(r, c)| (r.to_string(), c.to_string()))
    );
}

/// Issue 18, point 3: where to apply is data, not cut out of prose. `office` and `phone` are the
/// `apply` sentence's own words; the loader refuses one that is empty or that the sentence does
/// not say, and a phone that is not digits, at the document's line.
#[test]
fn office_and_phone_are_the_apply_sentences_own_words() {
    let source = "source = \"none\"";
    let apply = "source = \"none\"\napply = \"向某市人社局咨询，或拨打12333\"";
    assert_eq!(
        problems_after(
            source,
            &format!("{apply}\noffice = \"某市人社局\"\noffice_cite = \"一\"\nphone = \"12333\"")
        ),
        Vec::<String>::new()
    );
    for (with, words) in [
        (format!("{apply}\noffice = \" \""), "office is empty"),
        (
            format!("{apply}\noffice = \"某县人社局\"\noffice_cite = \"一\""),
            "office \"某县人社局\" is not in the apply sentence",
        ),
        (
            format!("{source}\noffice = \"某市人社局\"\noffice_cite = \"一\""),
            "needs the apply = \"…\" sentence",
        ),
        (
            format!("{apply}\noffice = \"某市人社局\""),
            "office needs office_cite = \"…\", the clause of the document that names the office",
        ),
        (
            format!("{apply}\noffice = \"某市人社局\"\noffice_cite = \" \""),
            "office_cite is empty",
        ),
        (
            format!("{apply}\noffice_cite = \"一\""),
            "office_cite \"一\" cites an office, but there is no office",
        ),
        (
            format!("{apply}\nphone = \"12345\""),
            "phone \"12345\" is not in the apply sentence",
        ),
        (
            "source = \"none\"\napply = \"拨打0356-12333\"\nphone = \"0356-12333\"".to_string(),
            "phone \"0356-12333\" is not digits only",
        ),
    ] {
        refused_once_at_the_head(source, &with, words);
    }

    // Every document in `policies/` that names an office names it, and its phone, word for word.
    let catalog = Catalog::embedded().expect("embedded catalogue");
    let named: Vec<_> = catalog
        .documents()
        .iter()
        .filter(|d| d.office.is_some())
        .collect();
    assert!(!named.is_empty());
    for doc in named {
        let apply = doc.apply.as_deref().unwrap_or("");
        assert!(
            apply.contains(doc.office.as_deref().unwrap()),
            "{}",
            doc.path
        );
        assert!(
            doc.phone.as_deref().is_some_and(|p| apply.contains(p)),
            "{}",
            doc.path
        );
    }
}

/// An office is shown with the clause that names it: a rule's own `how_to_apply.office` needs
/// its `how_to_apply.office_cite` (reported at the rule's line), and every office in
/// `policies/`, a document's or a rule's, has one.
#[test]
fn every_office_cites_the_clause_that_names_it() {
    let amount = "per = \"training.days\"\ncap = 1000\ncite = \"一\"";
    let how = format!("{amount}\n\n[benefit.how_to_apply]\noffice = \"某市人社局\"");
    let text = GOOD.replacen(amount, &how, 1);
    let line = text.lines().position(|l| l == "[[benefit]]").unwrap() + 1;
    assert_eq!(
        problems_after(amount, &how),
        [format!(
            "{PATH}:{line}: how_to_apply.office needs how_to_apply.office_cite = \"…\", the clause of the document that names the office"
        )]
    );
    assert_eq!(
        problems_after(amount, &format!("{how}\noffice_cite = \"一\"")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems_after(
            amount,
            &format!("{amount}\n\n[benefit.how_to_apply]\noffice_cite = \"一\"")
        ),
        [format!(
            "{PATH}:{line}: how_to_apply.office_cite \"一\" cites an office, but there is no how_to_apply.office"
        )]
    );

    let catalog = Catalog::embedded().expect("embedded catalogue");
    let mut offices = 0;
    for doc in catalog.documents() {
        let hows = doc.benefits.iter().filter_map(|b| b.how_to_apply.as_ref());
        let pairs = std::iter::once((&doc.office, &doc.office_cite))
            .chain(hows.map(|h| (&h.office, &h.office_cite)));
        for (office, cite) in pairs {
            assert_eq!(office.is_some(), cite.is_some(), "{}", doc.path);
            if office.is_some() {
                offices += 1;
                assert!(!cite.as_deref().unwrap().trim().is_empty(), "{}", doc.path);
            }
        }
    }
    assert!(offices > 0, "no office in policies/");
}

/// The estimate's next step carries the office's clause as a citation reads, with the
/// document's name before a bare clause, and `null` where no document names an office.
#[test]
fn a_next_step_cites_the_clause_that_names_its_office() {
    let catalog = Catalog::embedded().expect("embedded catalogue");
    let steps = |answers: serde_json::Value| -> Vec<(String, String, serde_json::Value)> {
        let answers = subsidy_estimator::Answers::from_json(&answers).unwrap();
        let today = subsidy_estimator::Date::parse("2026-12-07").unwrap();
        let est = subsidy_estimator::estimate(&catalog, &answers, today).unwrap();
        let json = serde_json::to_value(&est).unwrap();
        json["benefits"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| !b["next_step"].is_null())
            .map(|b| {
                let step = &b["next_step"];
                (
                    b["source"]["document_id"].as_str().unwrap().to_string(),
                    step["office"].as_str().unwrap().to_string(),
                    step["office_cite"].clone(),
                )
            })
            .collect()
    };
    let jincheng = steps(serde_json::json!({ "region": "140502", "date": "2021-06-01" }));
    let own = jincheng
        .iter()
        .find(|(d, _, _)| d == "czf-2020-12")
        .unwrap();
    assert_eq!(own.1, "晋城市城区人力资源和社会保障局（区人社局）");
    assert!(
        own.2
            .as_str()
            .unwrap()
            .starts_with("城政发〔2020〕12号 四(一)"),
        "{own:?}"
    );
    let national = jincheng
        .iter()
        .find(|(d, _, _)| d.starts_with("skill-relax"))
        .unwrap();
    assert_eq!(national.2, "人社部发〔2017〕40号 二(一)", "{national:?}");
    let zunyi = steps(serde_json::json!({ "region": "520300", "date": "2021-06-01" }));
    let silent = zunyi.iter().find(|(d, _, _)| d == "zff-2020-5").unwrap();
    assert_eq!(
        (silent.1.as_str(), &silent.2),
        ("当地人社部门", &serde_json::Value::Null)
    );
}
