//! A trial of `next_questions` sees what the worker sees: over every golden case
//! (`tests/policies/**`) and thousands of seeded random profiles, on the real catalogue and on
//! one with an amendment, a `benefit = [...]` reference, a claim window and an exclusive group
//! added, what the lean trial evaluation works out for each line (status, amount, ceiling) is
//! what the full estimate says.
//!
//! Until commit "Drop the exhaustive search" this test also compared `next_questions` with the
//! exhaustive search it replaced (every benefit re-evaluated in full for every trial answer):
//! the same facts in the same order for all 381 golden cases on both catalogues (with the
//! national 技能提升补贴 and its amending notices) and 3,823 random profiles, 0 differences.
use std::path::Path;
use subsidy_estimator::answers::Value;
use subsidy_estimator::engine::trial_view;
use subsidy_estimator::facts::{FactType, FACTS};
use subsidy_estimator::money::yuan;
use subsidy_estimator::{Answers, Catalog, Date};

#[path = "common/golden_cases.rs"]
mod golden_cases;
use golden_cases::TODAY;
#[path = "../src/policy_files.rs"]
mod policy_files;

/// xorshift64*: the same profiles on every run.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const REGIONS: &[&str] = &[
    "140502", "140500", "140000", "520300", "520302", "540000", "540100", "450000", "450100",
    "330100",
];
const DATES: &[&str] = &[
    "2017-06-01",
    "2020-10-25",
    "2020-10-26",
    "2021-01-01",
    "2021-06-01",
    "2021-09-30",
    "2021-12-31",
    "2022-01-01",
    "2022-06-01",
    "2024-03-01",
    // The provinces' own figures (2024, 2025) and the notice reported for 2026 (unverified).
    "2024-09-01",
    "2025-09-01",
    "2026-06-01",
    "2026-12-07",
];
const ISSUED: &[&str] = &[
    "2016-12-31",
    "2017-01-01",
    "2020-06-01",
    "2021-05-31",
    "2021-06-01",
    "2021-09-30",
    "2021-10-01",
    "2022-06-01",
    "2025-06-10",
];

fn random_value(rng: &mut Seeded, kind: FactType) -> Value {
    match kind {
        FactType::Count { min, max, .. } => {
            let near = [0, 1, 2, 3, 5, 6, 7, 11, 12, 13, 24, 35, 36, 37, 100, max];
            let n = if rng.chance(80) {
                *rng.pick(&near)
            } else {
                min + (rng.next() % (max - min + 1) as u64) as i64
            };
            Value::Count(n.clamp(min, max))
        }
        FactType::YesNo => Value::YesNo(rng.chance(50)),
        FactType::OneOf(choices) => Value::Text(rng.pick(choices).value.to_string()),
        FactType::Groups => {
            let groups = subsidy_estimator::facts::GROUPS;
            let n = rng.below(3);
            let mut chosen: Vec<String> = Vec::new();
            for _ in 0..n {
                let g = rng.pick(groups).value.to_string();
                if !chosen.contains(&g) {
                    chosen.push(g);
                }
            }
            Value::Groups(chosen)
        }
        FactType::Day => Value::Day(Date::parse(rng.pick::<&str>(ISSUED)).unwrap()),
        FactType::RegionCode => Value::Text(rng.pick::<&str>(REGIONS).to_string()),
    }
}

fn random_profile(rng: &mut Seeded) -> Answers {
    let mut answers = Answers::default();
    if rng.chance(90) {
        answers = answers.with(
            "region",
            Some(Value::Text(rng.pick::<&str>(REGIONS).to_string())),
        );
    }
    if rng.chance(90) {
        answers = answers.with(
            "date",
            Some(Value::Day(Date::parse(rng.pick::<&str>(DATES)).unwrap())),
        );
    }
    let share = [15, 40, 70][rng.below(3)];
    for fact in FACTS
        .iter()
        .filter(|f| f.name != "region" && f.name != "date")
    {
        if rng.chance(share) {
            let value = random_value(rng, fact.kind);
            answers = answers.with(fact.name, Some(value));
        }
    }
    answers
}

/// The real policy files, plus an amendment with a `benefit = [...]` reference and a document
/// with an exclusive group, so every path of the search is walked.
fn extended_catalog() -> Catalog {
    let (mut files, problems) = policy_files::collect(Path::new("policies"));
    assert!(problems.is_empty(), "{problems:?}");
    files.push((
        "policies/140502/relaxed.toml".into(),
        r#"
[document]
id = "relaxed"
title = "放宽通知"
doc_number = "示例〔2021〕9号"
issuer = "示例区"
region = "140502"
source = "made up for a test"
in_force = { from = "2021-06-01", to = "2021-09-30", cite = "执行期限" }

[[benefit]]
id = "relaxed_training"
title = "岗位培训"
kind = "program"
payee = "none"
clause = "一"
quote = "……"
[[benefit.condition]]
text = "参加企业职工培训"
fact = "training.kind"
in = ["enterprise_employee"]
cite = "一"
[benefit.amount]
rule = "not_stated"
cite = "一"

[[benefit]]
id = "jc_skill_upgrade_bonus"
amends = "czf-2020-12"
title = "职工技能提升补贴（放宽）"
kind = "personal_bonus"
payee = "worker"
clause = "二"
quote = "……"
[[benefit.condition]]
text = "缴纳失业保险6个月以上"
fact = "unemployment_insurance_months"
at_least = 6
cite = "二"
[[benefit.condition]]
text = "参加岗位培训，或初次取证"
cite = "二"
any_of = [
  { benefit = ["relaxed_training"] },
  { fact = "certificate.first_time", is = true },
]
[benefit.amount]
rule = "table"
cite = "二"
row = [
  { when = { "certificate.level" = ["junior"] }, up_to = 1000 },
  { when = { "certificate.level" = ["intermediate", "senior"] }, yuan = 1800 },
]
"#
        .into(),
    ));
    files.push((
        "policies/140502/once.toml".into(),
        r#"
[document]
id = "once"
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

[[benefit]]
id = "allowance"
title = "培训期间生活费"
kind = "living_allowance"
payee = "worker"
clause = "六"
quote = "……"
[[benefit.condition]]
text = "参加上述培训"
benefit = ["flat", "by_day"]
cite = "六"
[benefit.amount]
rule = "steps"
by = "training.months"
cite = "六"
step = [ { at_least = 6, yuan = 1300 }, { at_least = 1, yuan = 200 } ]

[[benefit]]
id = "recent"
title = "新取证奖励"
kind = "personal_bonus"
payee = "worker"
clause = "七"
quote = "……"
[[benefit.condition]]
text = "证书核发之日起12个月内申请"
fact = "certificate.issued"
within_months = 12
cite = "七"
[benefit.amount]
rule = "fixed"
yuan = 100
cite = "七"
"#
        .into(),
    ));
    Catalog::from_files(&files).unwrap_or_else(|errors| {
        panic!(
            "the extended catalogue loads: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

#[derive(Default)]
struct Tally {
    profiles: usize,
    refused: usize,
    with_questions: usize,
    lines: usize,
    wrong: Vec<String>,
}

fn compare(catalog: &Catalog, answers: &Answers, today: Date, tally: &mut Tally) {
    let Ok((seen, estimate)) = trial_view(catalog, answers, today) else {
        tally.refused += 1; // an issue date too far from the estimate's date: refused
        return;
    };
    tally.profiles += 1;
    tally.lines += seen.len();
    tally.with_questions += usize::from(!estimate.next_questions.is_empty());
    let profile = || {
        answers
            .iter()
            .map(|(k, v)| format!("{k}={v:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if seen.len() != estimate.benefits.len() {
        tally.wrong.push(format!(
            "{} lines seen, {} in the estimate",
            seen.len(),
            estimate.benefits.len()
        ));
        return;
    }
    for (s, b) in seen.iter().zip(&estimate.benefits) {
        let trial = (s.status, s.amount.map(yuan), s.max.map(yuan));
        let full = (b.status, b.amount.clone(), b.amount_max.clone());
        if trial != full {
            tally.wrong.push(format!(
                "{}: a trial sees {trial:?}, the estimate says {full:?} ({})",
                b.id,
                profile()
            ));
        }
    }
}

fn run(catalog: &Catalog, profiles: &[(Answers, Date)], what: &str) -> Tally {
    let mut tally = Tally::default();
    for (answers, today) in profiles {
        compare(catalog, answers, *today, &mut tally);
    }
    println!(
        "{what}: {} profiles compared ({} refused), {} with questions to ask, {} lines, {} differences",
        tally.profiles,
        tally.refused,
        tally.with_questions,
        tally.lines,
        tally.wrong.len()
    );
    tally
}

fn random_profiles(seed: u64, n: usize) -> Vec<(Answers, Date)> {
    let mut rng = Seeded(seed);
    let today = Date::parse(TODAY).unwrap();
    (0..n).map(|_| (random_profile(&mut rng), today)).collect()
}

#[test]
fn a_trial_sees_each_line_as_the_estimate_shows_it() {
    let real = Catalog::embedded().unwrap();
    let extended = extended_catalog();
    let golden: Vec<(Answers, Date)> = golden_cases::answered_cases()
        .into_iter()
        .map(|(_, answers, today)| (answers, today))
        .collect();
    assert!(golden.len() > 200, "golden cases found: {}", golden.len());
    let mut wrong = Vec::new();
    for (catalog, profiles, what) in [
        (&real, golden.clone(), "golden cases, real catalogue"),
        (&extended, golden, "golden cases, extended catalogue"),
        (
            &real,
            random_profiles(0x5EED_0009, 2500),
            "random profiles, real catalogue",
        ),
        (
            &extended,
            random_profiles(0x5EED_0010, 1500),
            "random profiles, extended catalogue",
        ),
    ] {
        let tally = run(catalog, &profiles, what);
        assert!(
            tally.profiles * 10 > profiles.len() * 9,
            "{what}: too many refused"
        );
        assert!(
            tally.with_questions * 2 > tally.profiles,
            "{what}: too few open profiles"
        );
        wrong.extend(tally.wrong.into_iter().map(|w| format!("{what}: {w}")));
    }
    wrong.truncate(20);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
