//! The command line door: exit codes, JSON on stdout, field-naming errors on stderr.
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn subsidy(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_subsidy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run subsidy");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The benefit `id` in a printed estimate.
fn benefit<'a>(estimate: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    estimate["benefits"]
        .as_array()
        .expect("benefits is a list")
        .iter()
        .find(|b| b["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in the estimate"))
}

const WORKER: &str = r#"{"region": "140502", "employment": "enterprise_employee", "unemployment_insurance_months": 14,
  "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true, "issued": "2021-03-01"}}"#;

#[test]
fn estimate_prints_the_contract_json_and_exits_0() {
    let out = subsidy(&["estimate", "--date", "2021-06-01", "-"], WORKER);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["date"], "2021-06-01");
    assert_eq!(json["region"], "140502");
    let bonus = benefit(&json, "jc_skill_upgrade_bonus");
    assert_eq!(bonus["amount"], "1500");
    assert_eq!(bonus["amount_max"], serde_json::Value::Null);
    assert_eq!(bonus["source"]["doc_number"], "城政发〔2020〕12号");
    assert_eq!(bonus["source"]["effective_to"], "2021-12-31");
    assert_eq!(json["totals"]["worker"], "1500");
}

#[test]
fn the_date_flag_moves_the_estimate_out_of_the_documents_period() {
    let out = subsidy(&["estimate", "--date", "2022-01-01", "-"], WORKER);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bonus = benefit(&json, "jc_skill_upgrade_bonus");
    assert_eq!(bonus["status"], "not_in_force");
    assert_eq!(bonus["amount"], serde_json::Value::Null);
    assert_eq!(json["totals"]["worker"], "0");
}

#[test]
fn bad_answers_exit_2_with_the_field_named_on_stderr() {
    let out = subsidy(&["estimate", "-"], r#"{"training": {"days": -3}}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "training.days: expected a whole number from 0 to 3650, got -3"
    );
    let out = subsidy(&["estimate", "--date", "2021-13-01", "-"], "{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("--date: "));
    let out = subsidy(&["estimate", "/no/such/file.json"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn text_format_is_a_table_in_chinese() {
    let out = subsidy(
        &["estimate", "--date", "2021-06-01", "--format", "text", "-"],
        WORKER,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("职工技能提升补贴"), "{text}");
    assert!(text.contains("1500元"), "{text}");
    assert!(text.contains("发给个人的现金合计：1500元"), "{text}");
}

#[test]
fn check_passes_on_the_shipped_policies_and_fails_with_file_and_line() {
    let out = subsidy(&["check", "policies"], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let dir = std::env::temp_dir().join(format!("subsidy-check-{}", std::process::id()));
    let region = dir.join("140502");
    std::fs::create_dir_all(&region).unwrap();
    let broken = std::fs::read_to_string("policies/140502/czf-2020-12.toml")
        .unwrap()
        .replacen("at_least = 12", "at_least = \"twelve\"", 1);
    std::fs::write(region.join("czf-2020-12.toml"), broken).unwrap();
    let out = subsidy(&["check", dir.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("140502/czf-2020-12.toml:"), "{stderr}");
    assert!(
        stderr
            .lines()
            .next()
            .unwrap()
            .split(':')
            .nth(1)
            .unwrap()
            .parse::<usize>()
            .is_ok(),
        "{stderr}"
    );
}

#[test]
fn questions_lists_what_to_ask_next_in_chinese() {
    let out = subsidy(
        &["questions", "-"],
        r#"{"region": "140502", "date": "2021-06-01"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json["next"][0];
    assert!(first["title"].as_str().unwrap().ends_with('？'));
    assert_eq!(json["answered"][0]["fact"], "region");
    assert_eq!(json["answered"][0]["answer"], "山西省晋城市城区");
}

#[test]
fn text_format_says_today_not_the_chosen_date_when_no_date_was_chosen() {
    // No `date` in the answers and no --date: the estimate is for today, and 晋城's plan
    // (2020-10-26 to 2021-12-31) is long over, so the table says so about today.
    let out = subsidy(&["estimate", "--format", "text", "-"], WORKER);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("所选日期"), "{text}");
    assert!(text.contains("今天不在执行期内"), "{text}");
    assert!(text.lines().next().unwrap().contains("（今天）"), "{text}");

    let out = subsidy(
        &["estimate", "--date", "2022-01-01", "--format", "text", "-"],
        WORKER,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("所选日期不在执行期内"), "{text}");
    assert!(!text.contains("今天"), "{text}");

    let dated = WORKER.replacen('{', r#"{"date": "2021-06-01", "#, 1);
    let out = subsidy(&["estimate", "--format", "text", "-"], &dated);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("所选日期在执行期内"), "{text}");
    assert!(!text.contains("今天"), "{text}");
}

#[test]
fn text_format_names_eligible_cash_without_an_amount_under_the_total() {
    // A 贫困劳动力 in a free inclusive training whose length is not yet known: the living
    // allowance (15元/天) is hers, but its figure is not known, so the total is 0 and the
    // allowance is named under it.
    let poor_labourer = r#"{"region": "140502", "date": "2021-06-01", "hukou": "rural",
      "groups": ["poor_labor"], "training": {"kind": "inclusive"},
      "subsidized_trainings_this_year": 0, "same_occupation_level_this_year": false}"#;
    let out = subsidy(&["estimate", "--format", "text", "-"], poor_labourer);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let after_total = text
        .split("发给个人的现金合计：0元")
        .nth(1)
        .unwrap_or_else(|| panic!("no total of 0: {text}"));
    assert!(
        after_total.contains("另有“培训期间生活费（含交通费）补贴”符合条件，但金额还不能确定"),
        "{text}"
    );

    let with_days = poor_labourer.replace(
        r#""kind": "inclusive""#,
        r#""kind": "inclusive", "days": 6"#,
    );
    let out = subsidy(&["estimate", "--format", "text", "-"], &with_days);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("发给个人的现金合计：90元"), "{text}");
    assert!(!text.contains("另有"), "{text}");
}

#[test]
fn text_format_says_beside_the_period_when_it_rests_on_a_third_partys_note() {
    let out = subsidy(
        &["estimate", "--date", "2022-03-01", "--format", "text", "-"],
        r#"{"region": "520302", "groups": ["veteran"]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let zunyi = text
        .split('《')
        .find(|part| part.contains("遵府发〔2020〕5号"))
        .unwrap_or_else(|| panic!("no 遵义 document: {text}"));
    assert!(zunyi.contains("执行期说明："), "{text}");
    assert!(zunyi.contains("不是政府原文"), "{text}");
    let national = text
        .split('《')
        .find(|part| part.contains("质量年活动"))
        .unwrap_or_else(|| panic!("no national notice: {text}"));
    assert!(!national.contains("执行期说明"), "{text}");
}

// ---- issue 8: no guess and no crash at the command line ---------------------------------

/// `subsidy estimate -` on `answers`: exit 2, nothing on stdout, and stderr starting with
/// the field and carrying `words`.
fn refused(answers: &str, field: &str, words: &str) {
    let out = subsidy(&["estimate", "-"], answers);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown: String = answers.chars().take(60).collect();
    assert_eq!(out.status.code(), Some(2), "{shown}: {stderr}");
    assert!(out.stdout.is_empty(), "{shown}: printed an estimate");
    assert!(
        stderr.starts_with(&format!("{field}: ")) && stderr.contains(words),
        "{shown}: expected «{field}: …{words}…», got {stderr}"
    );
}

#[test]
fn a_key_given_twice_is_refused_not_half_kept() {
    refused(r#"{"age": 200, "age": 30}"#, "age", "given twice");
    refused(r#"{"age": 30, "age": 30}"#, "age", "give each answer once");
    refused(
        r#"{"training": {"days": 6, "days": 60}}"#,
        "training.days",
        "given twice",
    );
}

#[test]
fn a_dotted_top_level_key_is_refused_not_read_as_the_nested_fact() {
    refused(
        r#"{"training": {"days": 60}, "training.days": 6}"#,
        "training.days",
        r#"a dotted name is not a key; write {"training": {"days": …}}"#,
    );
}

#[test]
fn the_empty_key_is_refused_by_name() {
    refused(r#"{"": 1}"#, r#""""#, "an empty key is not a question");
}

#[test]
fn answers_nested_deeper_than_32_levels_are_refused_cleanly_under_any_key() {
    let deep = format!(r#"{{"salary": {}1{}}}"#, "[".repeat(3274), "]".repeat(3274));
    let field = format!("salary{}", "[0]".repeat(31));
    refused(&deep, &field, "nest deeper than 32 levels");
    let deep = format!(
        r#"{{"training": {}{}}}"#,
        r#"{"training": "#.repeat(40),
        "}".repeat(40)
    );
    let field = format!("training{}", ".training".repeat(31));
    refused(&deep, &field, "nest deeper than 32 levels");
}

#[test]
fn answers_larger_than_64_kb_are_refused_without_reading_them_all() {
    let huge = format!(r#"{{"hukou": "{}"}}"#, "x".repeat(10_000_000));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_subsidy"))
        .args(["estimate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The command stops reading after 64 KB, so the rest of this write may find no reader.
    let _ = child.stdin.take().unwrap().write_all(huge.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("larger than 64 KB"), "{stderr}");
    let many = format!(
        r#"{{"groups": [{}"veteran"]}}"#,
        r#""veteran","#.repeat(250)
    );
    refused(&many, "groups", "at most 200");
}

#[test]
fn a_number_too_large_for_any_answer_is_refused_by_name() {
    refused(
        r#"{"unemployment_insurance_months": 1e999}"#,
        "unemployment_insurance_months",
        "too large",
    );
}

#[test]
fn answers_that_are_not_utf8_are_refused() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_subsidy"))
        .args(["estimate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"hukou\": \"\xff\"}")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
}

#[test]
fn text_format_gives_the_next_step_the_copy_warning_and_the_questions_in_words() {
    // A 2020 certificate, asked about on a date in 2020: the relaxation of 2019–2020 governs,
    // it is known only from local restatements, it has ended since, and the claim window too.
    let answers = r#"{"region": "140502", "date": "2020-12-01", "employment": "enterprise_employee",
      "unemployment_insurance_months": 14, "certificate": {"kind": "skill_level",
      "level": "intermediate", "via_job_training": true, "issued": "2020-11-20", "claimed_before": false}}"#;
    let out = subsidy(&["estimate", "--format", "text", "-"], answers);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "来源为转载，请以官方原文为准",
        "这份文件已于2020年12月31日到期",
        "申请：本人失业保险参保地的失业保险经办机构，电话12333，最晚2021年11月20日",
        "还可以回答：培训类型",
    ] {
        assert!(text.contains(line), "lacks {line:?}:\n{text}");
    }
    // "已过" is said only against the estimate's own date (rulings.md, "Third round"): on
    // 2020-12-01 the deadline 2021-11-20 is still ahead, whatever the machine's clock says.
    assert!(!text.contains("（已过）"), "{text}");
    assert!(!text.contains("training.kind"), "{text}");
}

/// The 杭州 worker of issue 21: a 高级工 certificate of 2025-12-20, claimed in December 2026.
const HANGZHOU_2025_CERTIFICATE: &str = r#"{"region": "330100", "employment": "enterprise_employee",
    "unemployment_insurance_months": 40, "skill_upgrade_claims_this_year": 0,
    "certificate": {"kind": "skill_level", "level": "senior", "issued": "2025-12-20",
                    "claimed_before": false, "shortage_occupation": false,
                    "training_subsidy_received": false}}"#;

/// The header line of the document whose header holds `words` (its 文号, or part of its
/// title), and the lines under it.
fn document_block<'a>(text: &'a str, words: &str) -> &'a str {
    let start = text
        .find(words)
        .unwrap_or_else(|| panic!("no {words}: {text}"));
    let start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
    &text[start..end]
}

#[test]
fn text_format_says_the_claim_window_of_an_ended_notice_that_governs_a_line_never_not_in_force() {
    // 2026-12-07: 人社部发〔2025〕18号 ended on 2025-12-31, but it governs his line and his
    // window is open until 2026-12-20; the table says so, as the page does (issue 21).
    let out = subsidy(
        &["estimate", "--today", "2026-12-07", "--format", "text", "-"],
        HANGZHOU_2025_CERTIFICATE,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let notice = document_block(&text, "》人社部发〔2025〕18号");
    let header = notice.lines().next().unwrap();
    assert!(!header.contains("不在执行期内"), "{notice}");
    assert!(header.contains("仍按这份文件办理"), "{notice}");
    assert!(
        notice.contains("证书在2025年取得，按这份通知办理，2026年12月20日前申请"),
        "{notice}"
    );
    assert!(
        !notice.contains("请先向"),
        "no 请先…确认 while the window is open: {notice}"
    );
    // A notice that governs none of his lines is still said to be out of force today.
    let other = document_block(&text, "2021年组织开展职业技能提升行动质量年活动的通知》");
    assert!(
        other.lines().next().unwrap().contains("今天不在执行期内"),
        "{other}"
    );

    // The day after the last day the window has closed: the ended-notice warning comes back.
    let out = subsidy(
        &["estimate", "--today", "2026-12-21", "--format", "text", "-"],
        HANGZHOU_2025_CERTIFICATE,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let notice = document_block(&text, "》人社部发〔2025〕18号");
    assert!(!notice.contains("2026年12月20日前申请"), "{notice}");
    assert!(notice.contains("请先向"), "{notice}");
}

#[test]
fn a_today_that_is_not_a_day_is_refused_by_name() {
    let out = subsidy(
        &["estimate", "--today", "2026-02-30", "-"],
        HANGZHOU_2025_CERTIFICATE,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--today: expected a real calendar day"),
        "{err}"
    );
}
