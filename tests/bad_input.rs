//! Bad input is an error that names the field and says what was expected, never a guess and
//! never a crash. Each row: the answers, the field the error must name, words it must say.
use subsidy_estimator::Answers;

const ROWS: &[(&str, &str, &str)] = &[
    (
        r#"{"training": {"days": -3}}"#,
        "training.days",
        "expected a whole number from 0 to 3650, got -3",
    ),
    (
        r#"{"training": {"days": 4000}}"#,
        "training.days",
        "from 0 to 3650",
    ),
    (r#"{"training": {"days": 2.5}}"#, "training.days", "got 2.5"),
    (
        r#"{"training": {"days": "10"}}"#,
        "training.days",
        "whole number",
    ),
    (
        r#"{"training": {"months": 1000}}"#,
        "training.months",
        "from 0 to 120",
    ),
    (
        r#"{"training": {"kind": "cooking"}}"#,
        "training.kind",
        "\"inclusive\"",
    ),
    (
        r#"{"training": {"hours": 3}}"#,
        "training.hours",
        "unknown question",
    ),
    (r#"{"training": 5}"#, "training", "expected an object"),
    (
        r#"{"unemployment_insurance_months": -1}"#,
        "unemployment_insurance_months",
        "from 0 to 600",
    ),
    (
        r#"{"unemployment_insurance_months": 9999}"#,
        "unemployment_insurance_months",
        "got 9999",
    ),
    (
        r#"{"unemployment_insurance_months": true}"#,
        "unemployment_insurance_months",
        "whole number",
    ),
    (r#"{"age": 130}"#, "age", "from 0 to 120"),
    (r#"{"age": -5}"#, "age", "from 0 to 120"),
    (r#"{"hukou": "city"}"#, "hukou", "\"rural\", \"urban\""),
    (r#"{"employment": 3}"#, "employment", "one of"),
    (r#"{"groups": "veteran"}"#, "groups", "a list of group ids"),
    (
        r#"{"groups": ["veteran", "astronaut"]}"#,
        "groups[1]",
        "got \"astronaut\"",
    ),
    (r#"{"groups": [7]}"#, "groups[0]", "got 7"),
    (
        r#"{"certificate": {"level": "master"}}"#,
        "certificate.level",
        "\"senior_technician\"",
    ),
    (
        r#"{"certificate": {"kind": "driving_licence"}}"#,
        "certificate.kind",
        "\"skill_level\"",
    ),
    (
        r#"{"certificate": {"first_time": "yes"}}"#,
        "certificate.first_time",
        "true or false",
    ),
    (
        r#"{"certificate": "senior"}"#,
        "certificate",
        "expected an object with kind, level",
    ),
    (
        r#"{"certificate": {"via_organiser": 1}}"#,
        "certificate.via_organiser",
        "true or false",
    ),
    (
        r#"{"training": {"in_subsidy_scope": "yes"}}"#,
        "training.in_subsidy_scope",
        "true or false",
    ),
    (
        r#"{"school_kind": "kindergarten"}"#,
        "school_kind",
        "\"technical\"",
    ),
    (
        r#"{"school_full_time": "full"}"#,
        "school_full_time",
        "true or false",
    ),
    (
        r#"{"technical_school_intent": 0}"#,
        "technical_school_intent",
        "true or false",
    ),
    (
        r#"{"employer_insured_enterprise": "insured"}"#,
        "employer_insured_enterprise",
        "true or false",
    ),
    (
        r#"{"employer_self_rating": []}"#,
        "employer_self_rating",
        "true or false",
    ),
    (
        r#"{"labour_brand_trade": "bagui_tea"}"#,
        "labour_brand_trade",
        "\"bagui_rice_noodle\"",
    ),
    (r#"{"date": "2021-02-30"}"#, "date", "real calendar day"),
    (r#"{"date": "2021/06/01"}"#, "date", "YYYY-MM-DD"),
    (r#"{"date": 20210601}"#, "date", "YYYY-MM-DD"),
    (r#"{"region": "1405"}"#, "region", "six-digit"),
    (r#"{"region": 140502}"#, "region", "six-digit"),
    (r#"{"region": "14050a"}"#, "region", "six-digit"),
    (r#"{"region": "990000"}"#, "region", "name a province"),
    (
        r#"{"entrepreneurial_intent": "maybe"}"#,
        "entrepreneurial_intent",
        "true or false",
    ),
    (
        r#"{"subsidized_trainings_this_year": -2}"#,
        "subsidized_trainings_this_year",
        "from 0 to 100",
    ),
    (
        r#"{"years_at_level": 100}"#,
        "years_at_level",
        "from 0 to 80",
    ),
    (r#"{"salary": 5000}"#, "salary", "unknown question"),
    // issue 8: no guess at any door.
    (
        r#"{"age": 200, "age": 30}"#,
        "age",
        "given twice; give each answer once",
    ),
    (
        r#"{"training": {"days": 6, "days": 60}}"#,
        "training.days",
        "given twice",
    ),
    (
        r#"{"training.days": 6}"#,
        "training.days",
        r#"a dotted name is not a key; write {"training": {"days": …}}"#,
    ),
    (
        r#"{"training": {"days": 1}, "training.days": 6}"#,
        "training.days",
        "a dotted name is not a key",
    ),
    (r#"{"": 1}"#, r#""""#, "an empty key is not a question"),
    (
        r#"{"certificate": {"": true}}"#,
        r#"certificate."""#,
        "an empty key is not a question",
    ),
    (
        r#"{"unemployment_insurance_months": 1e400}"#,
        "unemployment_insurance_months",
        "too large",
    ),
    // issue 8: bounded depth, size and lists, naming where the bound was crossed.
    (
        r#"{"salary": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
        "salary[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]",
        "deeper than 32 levels",
    ),
    (
        r#"{"groups": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}"#,
        "groups",
        "more than the answers allow (at most 200)",
    ),
    (r#"{"hukou": "\ud800"}"#, "", "lone UTF-16 surrogate"),
    (r#"[1, 2]"#, "", "must be a JSON object"),
    (r#"{"region": "140502",}"#, "", "not valid JSON"),
];

#[test]
fn every_malformed_answer_is_an_error_naming_its_field() {
    let mut wrong = Vec::new();
    for (json, field, words) in ROWS {
        match Answers::from_json_str(json) {
            Ok(_) => wrong.push(format!("{json}: accepted, expected an error about {field}")),
            Err(e) => {
                let message = e.to_string();
                if e.field() != Some(*field) {
                    wrong.push(format!(
                        "{json}: error names {:?}, expected {field:?} ({message})",
                        e.field()
                    ));
                }
                if !field.is_empty() && !message.starts_with(&format!("{field}: ")) {
                    wrong.push(format!(
                        "{json}: message does not start with the field: {message}"
                    ));
                }
                if !message.contains(words) {
                    wrong.push(format!("{json}: message {message:?} lacks {words:?}"));
                }
            }
        }
    }
    assert!(ROWS.len() >= 20);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The wasm door can bring numbers JSON cannot write; the library refuses them by name.
#[test]
fn numbers_that_are_not_finite_are_errors_naming_the_field_never_unknown() {
    use subsidy_estimator::answers::Input;
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for (outer, inner, field) in [
            (
                None,
                "unemployment_insurance_months",
                "unemployment_insurance_months",
            ),
            (None, "date", "date"),
            (None, "entrepreneurial_intent", "entrepreneurial_intent"),
            (Some("training"), "days", "training.days"),
        ] {
            let leaf = vec![(inner.to_string(), Input::Number(x))];
            let input = match outer {
                Some(o) => Input::Object(vec![(o.to_string(), Input::Object(leaf))]),
                None => Input::Object(leaf),
            };
            let e = Answers::from_input(&input).expect_err("a non-finite number is refused");
            assert_eq!(e.field(), Some(field), "{e}");
            assert!(e.to_string().contains("got "), "{e}");
        }
        let groups = Input::Object(vec![("groups".into(), Input::List(vec![Input::Number(x)]))]);
        let e = Answers::from_input(&groups).unwrap_err();
        assert_eq!(e.field(), Some("groups[0]"));
    }
    let e = Answers::from_input(&Input::Object(vec![(
        "age".into(),
        Input::Number(f64::NAN),
    )]))
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "age: expected a whole number from 0 to 120, got NaN (not a finite number)"
    );
}

#[test]
fn the_answers_may_be_at_most_64_kb_of_text() {
    let huge = format!(r#"{{"hukou": "{}"}}"#, "x".repeat(70_000));
    let e = Answers::from_json_str(&huge).unwrap_err();
    assert_eq!(e.field(), Some(""));
    assert!(e.to_string().contains("larger than 64 KB"), "{e}");
    // Just under the bound, the same shape is read and refused for what it says.
    let big = format!(r#"{{"hukou": "{}"}}"#, "x".repeat(60_000));
    assert_eq!(
        Answers::from_json_str(&big).unwrap_err().field(),
        Some("hukou")
    );
}

#[test]
fn unknown_is_not_false_null_and_absent_both_mean_unknown() {
    let with_null = Answers::from_json_str(
        r#"{"hukou": null, "certificate": null, "training": {"days": null}}"#,
    )
    .unwrap();
    assert_eq!(with_null, Answers::default());
    let empty_groups = Answers::from_json_str(r#"{"groups": []}"#).unwrap();
    assert_ne!(
        empty_groups,
        Answers::default(),
        "[] answers 'none of these', which is not unknown"
    );
}

#[test]
fn whole_numbers_sent_as_javascript_floats_are_accepted() {
    let a = Answers::from_json_str(r#"{"training": {"days": 10.0}}"#).unwrap();
    assert_eq!(a.count("training.days"), Some(10));
}
