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
