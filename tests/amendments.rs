//! Amendment by date, day conditions, caps per row and "one training is paid once", proved on
//! a small made-up catalogue so that each rule of the engine is seen on its own, apart from the
//! real policy files (whose golden cases live under `tests/policies/`).
use subsidy_estimator::estimate::{Estimate, Status};
use subsidy_estimator::{estimate, Answers, Catalog, Date};

const STANDING: &str = r#"
[document]
id = "standing"
title = "常设规定"
doc_number = "示例〔2017〕1号"
issuer = "示例部"
region = "000000"
source = "made up for a test"
in_force = { from = "2017-01-01", cite = "一" }

[[benefit]]
id = "upgrade"
title = "技能提升补贴"
kind = "personal_bonus"
payee = "worker"
clause = "一"
quote = "……"

[[benefit.condition]]
text = "参保满36个月"
fact = "unemployment_insurance_months"
at_least = 36
cite = "一(一)"
if_not = "再缴纳{gap}个月即可"

[[benefit.condition]]
text = "证书2017年1月1日以后取得"
fact = "certificate.issued"
on_or_after = "2017-01-01"
cite = "一(二)"

[[benefit.condition]]
text = "证书核发之日起12个月内申请"
fact = "certificate.issued"
within_months = 12
cite = "二"

[benefit.amount]
rule = "table"
cite = "三"
note = "具体标准由省里定"
row = [
  { when = { "certificate.level" = ["junior"] }, up_to = 1000 },
  { when = { "certificate.level" = ["intermediate"] }, up_to = 1500 },
]
"#;

fn relaxation(id: &str, from: &str, to: &str, months: i64) -> String {
    format!(
        r#"
[document]
id = "{id}"
title = "放宽通知{id}"
doc_number = "示例〔{year}〕9号"
issuer = "示例部"
region = "000000"
source = "a news report, made up for a test"
source_grade = "news"
in_force = {{ from = "{from}", to = "{to}", cite = "执行期限" }}

[[benefit]]
id = "upgrade"
amends = "standing"
title = "技能提升补贴（放宽）"
kind = "personal_bonus"
payee = "worker"
clause = "三"
quote = "……"

[[benefit.condition]]
text = "参保满{months}个月"
fact = "unemployment_insurance_months"
at_least = {months}
cite = "三"

[[benefit.condition]]
text = "证书核发之日起12个月内申请"
fact = "certificate.issued"
within_months = 12
cite = "示例〔2017〕1号 二"

[benefit.amount]
rule = "table"
cite = "示例〔2017〕1号 三"
row = [
  {{ when = {{ "certificate.level" = ["junior"] }}, up_to = 1000 }},
  {{ when = {{ "certificate.level" = ["intermediate"] }}, up_to = 1500 }},
]
"#,
        year = &from[..4]
    )
}

fn catalog(extra: &[(String, String)]) -> Result<Catalog, Vec<String>> {
    let mut files = vec![(
        "policies/000000/standing.toml".to_string(),
        STANDING.to_string(),
    )];
    files.extend(extra.iter().cloned());
    Catalog::from_files(&files).map_err(|e| e.iter().map(|e| e.to_string()).collect())
}

fn two_relaxations() -> Catalog {
    catalog(&[
        (
            "policies/000000/r2022.toml".into(),
            relaxation("r2022", "2022-01-01", "2022-12-31", 12),
        ),
        (
            "policies/000000/r2024.toml".into(),
            relaxation("r2024", "2024-01-01", "2024-12-31", 12),
        ),
    ])
    .expect("the made-up catalogue loads")
}

fn run<'a>(catalog: &'a Catalog, json: &str) -> Estimate<'a> {
    let answers = Answers::from_json_str(json).expect("answers");
    estimate(catalog, &answers, Date::parse("2026-11-22").unwrap()).expect("estimate")
}

fn upgrade<'e, 'a>(est: &'e Estimate<'a>) -> &'e subsidy_estimator::estimate::BenefitResult<'a> {
    let lines: Vec<_> = est.benefits.iter().filter(|b| b.id == "upgrade").collect();
    assert_eq!(lines.len(), 1, "an amended rule is one line");
    lines[0]
}

#[test]
fn the_notice_in_force_on_the_issue_date_governs_and_is_named() {
    let c = two_relaxations();
    let est = run(
        &c,
        r#"{"date":"2022-09-01","unemployment_insurance_months":20,
            "certificate":{"level":"intermediate","issued":"2022-06-01"}}"#,
    );
    let b = upgrade(&est);
    assert_eq!(b.status, Status::Eligible, "{}", b.reason);
    assert_eq!(b.source.document_id, "r2022");
    assert_eq!(b.amount, None, "a cap is not an amount");
    assert_eq!(b.amount_max.as_deref(), Some("1500"));
    assert_eq!(
        b.source.source_warning,
        Some("来源为转载，请以官方原文为准")
    );
    // The same worker with a certificate of 2023 falls under the standing rule's 36 months.
    let est = run(
        &c,
        r#"{"date":"2023-09-01","unemployment_insurance_months":20,
            "certificate":{"level":"intermediate","issued":"2023-06-01"}}"#,
    );
    let b = upgrade(&est);
    assert_eq!(b.status, Status::Ineligible);
    assert_eq!(b.source.document_id, "standing");
    assert!(b.reason.contains("再缴纳16个月"), "{}", b.reason);
}

#[test]
fn an_ended_relaxation_still_governs_a_certificate_issued_in_its_year() {
    let c = two_relaxations();
    // Asked in 2025 about a certificate of 2024-06-01: 2024's notice governs, the window is open.
    let est = run(
        &c,
        r#"{"date":"2025-06-01","unemployment_insurance_months":12,
            "certificate":{"level":"junior","issued":"2024-06-01"}}"#,
    );
    let b = upgrade(&est);
    assert_eq!(b.status, Status::Eligible, "{}", b.reason);
    assert_eq!(b.source.document_id, "r2024");
    assert_eq!(
        b.deadline.map(|d| d.to_string()).as_deref(),
        Some("2025-06-01")
    );
}

#[test]
fn the_claim_window_names_its_last_day_on_both_sides() {
    let c = two_relaxations();
    let ask = |date: &str| {
        run(
            &c,
            &format!(
                r#"{{"date":"{date}","unemployment_insurance_months":40,
                "certificate":{{"level":"junior","issued":"2025-05-10"}}}}"#
            ),
        )
    };
    let last_day = ask("2026-05-10");
    let b = upgrade(&last_day);
    assert_eq!(b.status, Status::Eligible, "{}", b.reason);
    let hints: Vec<_> = b.criteria.iter().filter_map(|c| c.hint.clone()).collect();
    assert!(
        hints
            .iter()
            .any(|h| h == "请在2026年5月10日前（含当天）申请"),
        "{hints:?}"
    );
    let day_after = ask("2026-05-11");
    let b = upgrade(&day_after);
    assert_eq!(b.status, Status::Ineligible);
    assert!(
        b.reason.contains("申请期限已于2026年5月10日截止"),
        "{}",
        b.reason
    );
}

#[test]
fn a_certificate_before_the_rule_began_is_not_covered() {
    let c = two_relaxations();
    let ask = |issued: &str| {
        let est = run(
            &c,
            &format!(
                r#"{{"date":"2017-06-01","unemployment_insurance_months":40,
                "certificate":{{"level":"junior","issued":"{issued}"}}}}"#
            ),
        );
        upgrade(&est).status
    };
    assert_eq!(ask("2016-12-31"), Status::Ineligible);
    assert_eq!(ask("2017-01-01"), Status::Eligible);
}

#[test]
fn the_issue_date_is_asked_when_it_can_change_the_result() {
    let c = two_relaxations();
    // 20 months: a 2022 or 2024 certificate qualifies, another year's does not.
    let est = run(
        &c,
        r#"{"date":"2024-09-01","unemployment_insurance_months":20,"certificate":{"level":"junior"}}"#,
    );
    assert!(est.next_questions.contains(&"certificate.issued"));
    assert_eq!(upgrade(&est).status, Status::Undetermined);
    // Fewer than 12 months: no notice pays, so the issue date cannot change anything.
    let est = run(
        &c,
        r#"{"date":"2024-09-01","unemployment_insurance_months":5,"certificate":{"level":"junior"}}"#,
    );
    assert_eq!(upgrade(&est).status, Status::Ineligible);
    assert!(!est.next_questions.contains(&"certificate.issued"));
}

#[test]
fn an_issue_date_far_from_the_estimate_is_refused_naming_the_field() {
    let c = two_relaxations();
    let answers =
        Answers::from_json_str(r#"{"date":"2024-09-01","certificate":{"issued":"2025-09-02"}}"#)
            .unwrap();
    let err = estimate(&c, &answers, Date::parse("2026-11-22").unwrap()).unwrap_err();
    assert_eq!(err.field(), Some("certificate.issued"), "{err}");
    let answers =
        Answers::from_json_str(r#"{"date":"2024-09-01","certificate":{"issued":"2025-09-01"}}"#)
            .unwrap();
    assert!(estimate(&c, &answers, Date::parse("2026-11-22").unwrap()).is_ok());
    let err = Answers::from_json_str(r#"{"certificate":{"issued":"1989-12-31"}}"#).unwrap_err();
    assert_eq!(err.field(), Some("certificate.issued"), "{err}");
}

#[test]
fn two_amendments_of_one_rule_may_not_overlap() {
    let errors = catalog(&[
        (
            "policies/000000/r2022.toml".into(),
            relaxation("r2022", "2022-01-01", "2022-12-31", 12),
        ),
        (
            "policies/000000/r2022b.toml".into(),
            relaxation("r2022b", "2022-12-31", "2023-06-30", 12),
        ),
    ])
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("policies/000000/r2022b.toml:")
                && e.contains("overlaps another amendment")),
        "{errors:?}"
    );
}

#[test]
fn an_amendment_must_name_a_standing_rule_that_has_the_benefit() {
    let text = relaxation("r2022", "2022-01-01", "2022-12-31", 12)
        .replace(r#"amends = "standing""#, r#"amends = "nowhere""#);
    let errors = catalog(&[("policies/000000/r2022.toml".into(), text)]).unwrap_err();
    assert!(
        errors.iter().any(|e| e.contains("amends \"nowhere\"")),
        "{errors:?}"
    );
    let before = relaxation("r2016", "2016-01-01", "2016-12-31", 12);
    let errors = catalog(&[("policies/000000/r2016.toml".into(), before)]).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("outside the standing rule")),
        "{errors:?}"
    );
}

#[test]
fn a_day_condition_needs_a_day_rule_and_a_sane_window() {
    for (bad, says) in [
        (r#"within_months = 12"#, "within_months = 0"),
        (
            r#"on_or_after = "2017-01-01""#,
            r#"on_or_after = "2017-13-01""#,
        ),
        (r#"on_or_after = "2017-01-01""#, "at_least = 3"),
    ] {
        let text = STANDING.replacen(bad, says, 1);
        let errors = Catalog::from_files(&[("policies/000000/standing.toml", text.as_str())])
            .map(|_| ())
            .unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.to_string().starts_with("policies/000000/standing.toml:")),
            "{says}: {errors:?}"
        );
    }
}

#[test]
fn one_training_is_paid_once_the_larger_subsidy_kept() {
    let text = r#"
[document]
id = "local"
title = "地方方案"
doc_number = "示例〔2020〕2号"
issuer = "示例区"
region = "140502"
source = "made up for a test"
in_force = { from = "2020-01-01", cite = "落款" }

[[benefit]]
id = "by_day"
exclusive_group = "entrepreneurship"
title = "创业培训补贴"
kind = "training_subsidy"
payee = "provider"
clause = "五"
quote = "……"
[[benefit.condition]]
text = "参加创业培训"
fact = "training.kind"
in = ["entrepreneurship"]
cite = "五"
[benefit.amount]
rule = "per_unit"
rate = 180
per = "training.days"
cap = 1800
cite = "五"

[[benefit]]
id = "flat"
exclusive_group = "entrepreneurship"
title = "大学生创业培训补贴"
kind = "training_subsidy"
payee = "provider"
clause = "五"
quote = "……"
[[benefit.condition]]
text = "是在校大学生"
fact = "groups"
in = ["college_student"]
cite = "五"
[benefit.amount]
rule = "fixed"
yuan = 500
cite = "五"
"#;
    let c = Catalog::from_files(&[("policies/140502/local.toml", text)]).expect("loads");
    let ask = |days: i64| {
        run(
            &c,
            &format!(
                r#"{{"region":"140502","date":"2021-01-01","groups":["college_student"],
                "training":{{"kind":"entrepreneurship","days":{days}}}}}"#
            ),
        )
    };
    let long = ask(5); // 900 > 500
    assert_eq!(long.benefit("by_day").unwrap().status, Status::Eligible);
    let flat = long.benefit("flat").unwrap();
    assert_eq!(flat.status, Status::Ineligible);
    assert!(
        flat.reason.contains("同一次培训不重复补贴"),
        "{}",
        flat.reason
    );
    assert_eq!(flat.amount, None);
    let short = ask(2); // 360 < 500
    assert_eq!(short.benefit("flat").unwrap().status, Status::Eligible);
    assert_eq!(short.benefit("by_day").unwrap().status, Status::Ineligible);
}

#[test]
fn a_date_with_nothing_in_force_says_so_and_where_to_ask() {
    let c = two_relaxations();
    let before = run(&c, r#"{"region":"450100","date":"2016-06-01"}"#);
    let note = before
        .nothing_in_force_note
        .expect("nothing is in force in 2016");
    assert!(
        note.contains("南宁市人力资源和社会保障局") && note.contains("12333"),
        "{note}"
    );
    let after = run(&c, r#"{"region":"450100","date":"2022-06-01"}"#);
    assert_eq!(after.nothing_in_force_note, None);
}

/// A province may amend the national rule for itself (its own figure, rulings.md "Third
/// round"), alongside the nation's own amendment of the same days; the more local one governs
/// where it reaches, the nation's elsewhere. A place may never amend a rule of another place.
#[test]
fn a_provincial_amendment_governs_in_its_province_only_and_never_outside_it() {
    let provincial = relaxation("gz2022", "2022-01-01", "2022-12-31", 6)
        .replace(r#"region = "000000""#, r#"region = "520000""#);
    let both = catalog(&[
        (
            "policies/000000/r2022.toml".into(),
            relaxation("r2022", "2022-01-01", "2022-12-31", 12),
        ),
        ("policies/520000/gz2022.toml".into(), provincial.clone()),
    ])
    .expect("a province's amendment beside the nation's loads");
    let worker = |region: &str| {
        format!(
            r#"{{"region": "{region}", "date": "2022-09-01", "unemployment_insurance_months": 8,
               "certificate": {{"level": "junior", "issued": "2022-06-01"}}}}"#
        )
    };
    let in_guizhou = run(&both, &worker("520300"));
    let line = in_guizhou.benefit("upgrade").unwrap();
    assert_eq!(line.source.document_id, "gz2022");
    assert_eq!(line.status, Status::Eligible, "{}", line.reason);
    let in_zhejiang = run(&both, &worker("330100"));
    let line = in_zhejiang.benefit("upgrade").unwrap();
    assert_eq!(line.source.document_id, "r2022");
    assert_eq!(line.status, Status::Ineligible, "{}", line.reason);

    // The same amendment of a rule of 广西 (450000) from 贵州 is refused, naming the file.
    let guangxi_rule = STANDING
        .replace(r#"id = "standing""#, r#"id = "gx-standing""#)
        .replace(r#"region = "000000""#, r#"region = "450000""#);
    let outside = provincial.replace(r#"amends = "standing""#, r#"amends = "gx-standing""#);
    let errors = catalog(&[
        ("policies/450000/gx-standing.toml".into(), guangxi_rule),
        ("policies/520000/gz2022.toml".into(), outside),
    ])
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("policies/520000/gz2022.toml:")
                && e.contains("outside that region")),
        "{errors:?}"
    );
}

/// With the issue date unknown, the versions that could govern are those of the 12 months up to
/// the estimate's date: the one of the date first, a version hidden by a more local one on
/// every day of the window never, and the standing rule where some day has no amendment.
#[test]
fn the_candidates_of_an_unknown_issue_date_are_the_versions_of_the_claimable_months() {
    use subsidy_estimator::engine::candidates;
    use subsidy_estimator::Period;
    let day = |d: &str| Date::parse(d).unwrap();
    let period = |from: &str, to: &str| Period {
        from: day(from),
        to: Some(day(to)),
    };
    // A province's 2025 figure (more local, first), the nation's 2024 and 2025 notices.
    let versions = [
        period("2025-04-18", "2025-12-31"),
        period("2024-01-01", "2024-12-31"),
        period("2025-01-01", "2025-12-31"),
    ];
    // Known issue date: only its version.
    assert_eq!(
        candidates(&versions, Some(day("2025-05-01")), day("2025-09-01")),
        [Some(0)]
    );
    assert_eq!(
        candidates(&versions, Some(day("2025-02-01")), day("2025-09-01")),
        [Some(2)]
    );
    assert_eq!(
        candidates(&versions, Some(day("2018-02-01")), day("2025-09-01")),
        [None]
    );
    // 2025-09-01: the province's (the date's), the nation's 2024 and 2025 (Jan–Apr 2025 are the
    // nation's); every day of the window has a notice, so not the standing rule.
    assert_eq!(
        candidates(&versions, None, day("2025-09-01")),
        [Some(0), Some(1), Some(2)]
    );
    // 2026-06-01: the standing rule (the date's) and the province's 2025; the nation's 2025 is
    // hidden by the province's on every day of the window (2025-06-01 to 2025-12-31).
    assert_eq!(
        candidates(&versions, None, day("2026-06-01")),
        [None, Some(0)]
    );
    // 2027-06-01: only the standing rule.
    assert_eq!(candidates(&versions, None, day("2027-06-01")), [None]);
}
