//! Named conditions (`[[named_condition]]` with a `name`, used as `use = "…"`): a document
//! written with them loads into exactly the conditions it would have with each use written
//! out, and each mistake with a name is reported at its line (`path:LINE: message`).
use subsidy_estimator::policy::{Condition, Document};
use subsidy_estimator::{Catalog, Error};

const PATH: &str = "policies/140502/test-doc.toml";

const HEAD: &str = r#"[document]
id = "test-doc"
title = "测试文件"
issuer = "测试"
issued = "2021-01-01"
region = "140502"
source = "none"
in_force = { from = "2021-01-01", to = "2021-12-31", cite = "一" }
"#;

const THREE_A_YEAR: &str = r#"text = "今年享受补贴性培训未满3次"
fact = "subsidized_trainings_this_year"
below = 3
cite = "一"
if_not = "每人每年最多享受3次补贴性培训""#;

/// A benefit `id` whose conditions are `conditions` (each a `[[benefit.condition]]` body).
fn benefit(id: &str, conditions: &[&str]) -> String {
    let mut text = format!(
        "\n[[benefit]]\nid = \"{id}\"\ntitle = \"测试培训\"\nkind = \"training_subsidy\"\npayee = \"provider\"\nclause = \"一\"\nquote = \"原文\"\n"
    );
    for c in conditions {
        text += &format!("\n[[benefit.condition]]\n{c}\n");
    }
    text + "\n[benefit.amount]\nrule = \"fixed\"\nyuan = 150\ncite = \"一\"\n"
}

fn named(name: &str, body: &str) -> String {
    format!("\n[[named_condition]]\nname = \"{name}\"\n{body}\n")
}

fn load(text: &str) -> Result<Document, Vec<String>> {
    match Catalog::from_files(&[(PATH, text)]) {
        Ok(catalog) => Ok(catalog.into_documents().remove(0)),
        Err(errors) => Err(errors.iter().map(Error::to_string).collect()),
    }
}

/// What a worker reads and what is tested, without the line it was written at.
fn meaning(c: &Condition) -> (String, String, String, Option<String>) {
    (
        c.text.clone(),
        c.cite.clone(),
        format!("{:?}", c.test),
        c.if_not.clone(),
    )
}

#[test]
fn a_use_loads_as_the_condition_written_out_at_the_line_of_the_use() {
    let kind = "text = \"参加的是普惠制培训\"\nfact = \"training.kind\"\nin = [\"inclusive\"]\ncite = \"一\"";
    let nested = "text = \"属于重点群体或未满3次\"\ncite = \"一\"\nany_of = [\n  { use = \"three_a_year\" },\n  { fact = \"groups\", in = [\"veteran\"] },\n]";
    let nested_out = "text = \"属于重点群体或未满3次\"\ncite = \"一\"\nany_of = [\n  { fact = \"subsidized_trainings_this_year\", below = 3 },\n  { fact = \"groups\", in = [\"veteran\"] },\n]";
    let with_names = format!(
        "{HEAD}{}{}{}",
        named("three_a_year", THREE_A_YEAR),
        benefit("t_a", &[kind, "use = \"three_a_year\""]),
        benefit("t_b", &["use = \"three_a_year\"", nested]),
    );
    let written_out = format!(
        "{HEAD}{}{}",
        benefit("t_a", &[kind, THREE_A_YEAR]),
        benefit("t_b", &[THREE_A_YEAR, nested_out]),
    );
    let (a, b) = (load(&with_names).unwrap(), load(&written_out).unwrap());
    for (x, y) in a.benefits.iter().zip(&b.benefits) {
        let mx: Vec<_> = x.conditions.iter().map(meaning).collect();
        let my: Vec<_> = y.conditions.iter().map(meaning).collect();
        assert_eq!(mx, my, "{}", x.id);
    }
    assert_eq!(a.benefits.len(), 2);
    // The use is where the benefit says it: its line is that of its `[[benefit.condition]]`.
    let use_line = with_names
        .lines()
        .position(|l| l == "use = \"three_a_year\"")
        .unwrap(); // the header is the line before, so its number (from 1) is this index
    assert_eq!(a.benefits[0].conditions[1].line, use_line);
}

/// The problems of `text`, which must not load.
fn problems(text: &str) -> Vec<String> {
    load(text).expect_err("the file must be refused")
}

/// The line (from 1) of the `n`th (from 0) line of `text` equal to `line`.
fn line_of(text: &str, line: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .nth(n)
        .unwrap_or_else(|| panic!("{line} is not in the file"))
        .0
        + 1
}

fn assert_reported(text: &str, line: usize, words: &str) {
    let found = problems(text);
    let at = format!("{PATH}:{line}: ");
    assert!(
        found
            .iter()
            .any(|e| e.starts_with(&at) && e.contains(words)),
        "expected {at}…{words}…, got {found:?}"
    );
}

#[test]
fn an_unknown_name_is_refused_at_the_use_and_the_names_are_listed() {
    let text = format!(
        "{HEAD}{}{}",
        named("three_a_year", THREE_A_YEAR),
        benefit(
            "t_a",
            &["use = \"three_a_year\"", "use = \"three_per_year\""]
        )
    );
    let at = line_of(&text, "[[benefit.condition]]", 1);
    assert_reported(
        &text,
        at,
        "unknown named condition \"three_per_year\": this file names three_a_year",
    );
    // Inside an any_of too, at the condition that holds it.
    let nested = "text = \"x\"\ncite = \"一\"\nany_of = [{ use = \"nothing\" }, { fact = \"groups\", in = [\"veteran\"] }]";
    let text = format!("{HEAD}{}", benefit("t_a", &[nested]));
    let at = line_of(&text, "[[benefit.condition]]", 0);
    assert_reported(
        &text,
        at,
        "unknown named condition \"nothing\": this file names none",
    );
}

#[test]
fn a_name_no_condition_uses_is_refused_at_its_definition() {
    let text = format!(
        "{HEAD}{}{}{}",
        named("three_a_year", THREE_A_YEAR),
        named("spare", THREE_A_YEAR),
        benefit("t_a", &["use = \"three_a_year\""])
    );
    let at = line_of(&text, "[[named_condition]]", 1);
    assert_reported(
        &text,
        at,
        "named condition \"spare\" is used by no condition",
    );
}

#[test]
fn a_name_defined_twice_is_refused_at_the_second() {
    let text = format!(
        "{HEAD}{}{}{}",
        named("three_a_year", THREE_A_YEAR),
        named("three_a_year", THREE_A_YEAR),
        benefit("t_a", &["use = \"three_a_year\""])
    );
    let first = line_of(&text, "[[named_condition]]", 0);
    let second = line_of(&text, "[[named_condition]]", 1);
    assert_reported(
        &text,
        second,
        &format!("named condition \"three_a_year\" is defined twice (first at line {first})"),
    );
}

#[test]
fn a_name_is_written_with_lower_case_letters_digits_and_underscores() {
    for bad in ["Three", "three-a-year", "三次", ""] {
        let text = format!(
            "{HEAD}{}{}",
            named(bad, THREE_A_YEAR),
            benefit("t_a", &[&format!("use = \"{bad}\"")])
        );
        let at = line_of(&text, "[[named_condition]]", 0);
        assert_reported(&text, at, "a name is written with a-z, 0-9 and _ only");
    }
}

#[test]
fn a_problem_inside_a_named_condition_is_reported_once_at_its_line() {
    let broken = THREE_A_YEAR.replace("below = 3", "below = 0");
    let text = format!(
        "{HEAD}{}{}{}",
        named("three_a_year", &broken),
        benefit("t_a", &["use = \"three_a_year\""]),
        benefit("t_b", &["use = \"three_a_year\""])
    );
    let at = line_of(&text, "[[named_condition]]", 0);
    assert_reported(&text, at, "below = 0 is never met");
    assert_eq!(problems(&text).len(), 1, "{:?}", problems(&text));
    // Its words are checked like a condition's.
    let text = format!(
        "{HEAD}{}{}",
        named("three_a_year", &THREE_A_YEAR.replace("cite = \"一\"\n", "")),
        benefit("t_a", &["use = \"three_a_year\""])
    );
    assert_reported(
        &text,
        line_of(&text, "[[named_condition]]", 0),
        "condition has no cite",
    );
}

#[test]
fn a_use_has_nothing_beside_it_and_names_belong_to_named_conditions() {
    let text = format!(
        "{HEAD}{}{}",
        named("three_a_year", THREE_A_YEAR),
        benefit("t_a", &["use = \"three_a_year\"\ncite = \"二\""])
    );
    assert_reported(
        &text,
        line_of(&text, "[[benefit.condition]]", 0),
        "a condition with `use` has nothing else",
    );
    let text = format!(
        "{HEAD}{}",
        benefit(
            "t_a",
            &[&format!("name = \"three_a_year\"\n{THREE_A_YEAR}")]
        )
    );
    assert_reported(
        &text,
        line_of(&text, "[[benefit.condition]]", 0),
        "`name` belongs to a [[named_condition]]",
    );
    let text = format!(
        "{HEAD}\n[[named_condition]]\n{THREE_A_YEAR}\n{}",
        benefit("t_a", &["use = \"three_a_year\""])
    );
    assert_reported(
        &text,
        line_of(&text, "[[named_condition]]", 0),
        "a [[named_condition]] needs a `name`",
    );
}

#[test]
fn a_named_condition_cannot_use_another_so_names_never_form_a_cycle() {
    for (a, b) in [("a", "b"), ("a", "a")] {
        let text = format!(
            "{HEAD}{}{}{}",
            named(a, &format!("use = \"{b}\"")),
            named("b", THREE_A_YEAR),
            benefit("t_a", &[&format!("use = \"{a}\""), "use = \"b\""])
        );
        let at = line_of(&text, "[[named_condition]]", 0);
        let found = problems(&text);
        assert!(
            found
                .iter()
                .any(|e| e.starts_with(&format!("{PATH}:{at}: "))
                    && e.contains("cannot use another")),
            "{found:?}"
        );
    }
}

#[test]
fn the_real_files_name_what_they_repeat() {
    let text = std::fs::read_to_string("policies/140502/czf-2020-12.toml").unwrap();
    assert_eq!(text.matches("今年享受补贴性培训未满3次").count(), 1);
    assert_eq!(text.matches("use = \"three_a_year\"").count(), 6);
    assert_eq!(text.matches("\"job_transfer\", \"veteran\"").count(), 1);
    assert_eq!(text.matches("use = \"key_groups\"").count(), 2);
}
