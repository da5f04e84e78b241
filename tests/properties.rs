//! Properties over random workers: at least 10,000 profiles drawn from the fact registry
//! (every fact, every value, counts near every threshold the catalogue names), checked for
//! what must hold whatever the answers. A failure names its seed and profile, so it can be
//! replayed: `PROPERTY_SEED=… cargo test --test properties`. (The sixth property, the wasm
//! door equal to the command line, runs in Node: tests/browser/wasm_fuzz.test.mjs.)
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use subsidy_estimator::answers::Value;
use subsidy_estimator::estimate::{BenefitResult, Status};
use subsidy_estimator::facts::{self, FactType, FACTS};
use subsidy_estimator::policy::{AmountRule, Benefit, FactRule, Payee, SourceGrade, Test};
use subsidy_estimator::{estimate, Answers, Catalog, Date, Estimate};

const PROFILES: usize = 10_000;
/// The day the doors would pass as "today" when a profile gives no date.
const TODAY: Date = Date::from_parts(2021, 6, 1);
/// Question soundness tries every answer to every listed question: one profile in 80 (about
/// 125 profiles, 500+ questions) keeps the suite quick.
const SOUNDNESS_EVERY: usize = 80;
const REGIONS: &[&str] = &[
    "140502", "140500", "140000", "520300", "540000", "450000", "110000",
];

/// splitmix64: small, seeded, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

fn seed() -> u64 {
    std::env::var("PROPERTY_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_210_601)
}

/// Days on either side of every period in the catalogue.
fn boundary_days(catalog: &Catalog) -> Vec<Date> {
    let mut days = Vec::new();
    for (doc, b) in catalog.benefits() {
        let p = b.period(doc);
        let from = p.from.days_since_epoch();
        days.extend(
            [from - 1, from]
                .into_iter()
                .filter_map(Date::from_days_since_epoch),
        );
        if let Some(to) = p.to {
            days.extend([to, to.next_day()]);
        }
    }
    days.sort();
    days.dedup();
    days
}

/// Every answer worth trying for one fact.
fn trials(catalog: &Catalog, fact: &facts::Fact) -> Vec<Value> {
    match fact.kind {
        FactType::Count { min, max, .. } => {
            let mut counts = vec![min, min + 1, max];
            for t in catalog.thresholds(fact.name) {
                counts.extend([t - 1, t, t + 1]);
            }
            counts.retain(|n| (min..=max).contains(n));
            counts.sort_unstable();
            counts.dedup();
            counts.into_iter().map(Value::Count).collect()
        }
        FactType::YesNo => vec![Value::YesNo(true), Value::YesNo(false)],
        FactType::OneOf(choices) => choices
            .iter()
            .map(|c| Value::Text(c.value.into()))
            .collect(),
        FactType::Groups => std::iter::once(Value::Groups(vec![]))
            .chain(
                facts::GROUPS
                    .iter()
                    .map(|g| Value::Groups(vec![g.value.into()])),
            )
            .collect(),
        FactType::Day => boundary_days(catalog).into_iter().map(Value::Day).collect(),
        FactType::RegionCode => REGIONS.iter().map(|r| Value::Text(r.to_string())).collect(),
    }
}

/// A random worker: each fact known or not, values near the thresholds most of the time.
/// Half the workers answer nearly everything (so that benefits are decided and paid), half
/// answer little (so that questions remain); dates fall mostly inside the documents' periods.
fn profile(rng: &mut Rng, trial_values: &BTreeMap<&'static str, Vec<Value>>) -> Answers {
    let answers = if rng.chance(35) {
        near_a_paid_worker(rng, trial_values)
    } else {
        any_worker(rng, trial_values)
    };
    possible(answers)
}

/// The estimator refuses a certificate issued more than a year after the estimate's day:
/// such days are forgotten, as a worker would correct them.
fn possible(mut answers: Answers) -> Answers {
    let day = answers.date().unwrap_or(TODAY);
    let latest = day.days_since_epoch() + 365;
    for fact in FACTS
        .iter()
        .filter(|f| f.kind == FactType::Day && f.name != "date")
    {
        if let Some(Value::Day(d)) = answers.get(fact.name) {
            if d.days_since_epoch() > latest {
                answers = answers.with(fact.name, None);
            }
        }
    }
    answers
}

fn any_worker(rng: &mut Rng, trial_values: &BTreeMap<&'static str, Vec<Value>>) -> Answers {
    let mut answers = Answers::default();
    let fullness = if rng.chance(50) { 95 } else { 40 };
    for fact in FACTS {
        if !rng.chance(if fact.name == "region" { 90 } else { fullness }) {
            continue;
        }
        let value = match fact.kind {
            FactType::Day if fact.name == "date" && rng.chance(70) => {
                let from = Date::new(2020, 10, 26).unwrap().days_since_epoch();
                Value::Day(Date::from_days_since_epoch(from + rng.below(430) as i64).unwrap())
            }
            FactType::Day if fact.name == "date" || rng.chance(50) => {
                let days = Date::new(2017, 1, 1).unwrap().days_since_epoch();
                Value::Day(Date::from_days_since_epoch(days + rng.below(11 * 365) as i64).unwrap())
            }
            FactType::Count { min, max, .. } if rng.chance(30) => {
                Value::Count(min + rng.below((max - min + 1) as usize) as i64)
            }
            FactType::Groups => {
                let mut groups: Vec<String> = (0..rng.below(4))
                    .map(|_| rng.pick(facts::GROUPS).value.to_string())
                    .collect();
                groups.sort();
                groups.dedup();
                Value::Groups(groups)
            }
            _ => match trial_values.get(fact.name) {
                Some(values) if !values.is_empty() => rng.pick(values).clone(),
                _ => continue,
            },
        };
        answers = answers.with(fact.name, Some(value));
    }
    answers
}

/// Workers the documents pay (the page tests' three), each with a few answers changed or
/// forgotten: random answers alone rarely meet every condition of a benefit at once.
fn near_a_paid_worker(rng: &mut Rng, trial_values: &BTreeMap<&'static str, Vec<Value>>) -> Answers {
    const PAID: &[&str] = &[
        r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
            "unemployment_insurance_months": 14, "training": {"kind": "none"},
            "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": ["two_after"], "hukou": "rural",
            "training": {"kind": "labor_preparation", "months": 12}, "subsidized_trainings_this_year": 0}"#,
        r#"{"region": "140502", "date": "2021-06-01", "groups": ["poor_labor"],
            "training": {"kind": "inclusive", "days": 10}, "subsidized_trainings_this_year": 0,
            "same_occupation_level_this_year": false}"#,
    ];
    let paid = PAID[rng.below(PAID.len())];
    let mut answers = Answers::from_json_str(paid).unwrap();
    for _ in 0..rng.below(4) {
        let fact = rng.pick(FACTS);
        let values = &trial_values[fact.name];
        let value = if rng.chance(25) || values.is_empty() {
            None
        } else {
            Some(rng.pick(values).clone())
        };
        answers = answers.with(fact.name, value);
    }
    answers
}

/// What a worker sees of each benefit: status and amounts.
fn outcomes(e: &Estimate) -> Vec<(String, Status, Option<String>, Option<String>)> {
    e.benefits
        .iter()
        .map(|b| {
            (
                b.id.to_string(),
                b.status,
                b.amount.clone(),
                b.amount_max.clone(),
            )
        })
        .collect()
}

fn money(text: &Option<String>) -> Option<Decimal> {
    text.as_deref()
        .map(|t| t.parse().expect("amounts are decimals"))
}

/// The catalogue's benefit behind a result (ids repeat across versions: match the document).
fn rule_of<'a>(catalog: &'a Catalog, b: &BenefitResult) -> &'a Benefit {
    catalog
        .document(b.source.document_id)
        .and_then(|d| d.benefits.iter().find(|x| x.id == b.id))
        .unwrap_or_else(|| panic!("{} is not in the catalogue", b.id))
}

fn check_status_and_amounts(catalog: &Catalog, e: &Estimate, wrong: &mut Vec<String>) {
    let mut total = Decimal::ZERO;
    let mut uncounted = Vec::new();
    for b in &e.benefits {
        // 1. The status agrees with the criteria.
        if b.status != Status::NotInForce {
            let all_met = b.criteria.iter().all(|c| c.met == Some(true));
            let some_failed = b.criteria.iter().any(|c| c.met == Some(false));
            let expected = if all_met {
                Status::Eligible
            } else if some_failed {
                Status::Ineligible
            } else {
                Status::Undetermined
            };
            // rulings.md, "Third round": a line governed by an unverified notice is never
            // eligible or ineligible on that notice alone (where the confirmed rule agrees, its
            // own line is shown), so such a line is always undetermined, whatever its criteria;
            // and where an unknown issue date decides which notice governs, the line waits on
            // it although the criteria of the one shown may fail.
            let unverified = b.source.source_grade == SourceGrade::Unverified;
            let date_decides = b.status == Status::Undetermined
                && b.missing.contains(&"certificate.issued")
                && expected == Status::Ineligible;
            if unverified && b.status != Status::Undetermined {
                wrong.push(format!(
                    "{}: {:?} on an unverified notice alone",
                    b.id, b.status
                ));
            } else if b.status != expected && !unverified && !date_decides {
                wrong.push(format!(
                    "{}: {:?} but criteria say {expected:?}",
                    b.id, b.status
                ));
            }
        }
        if b.status != Status::Eligible && b.amount.is_some() {
            wrong.push(format!("{}: {:?} with an amount", b.id, b.status));
        }
        // 2. The caps hold.
        let (amount, max) = (money(&b.amount), money(&b.amount_max));
        if amount.is_some_and(|a| a < Decimal::ZERO) || max.is_some_and(|m| m < Decimal::ZERO) {
            wrong.push(format!("{}: a negative amount", b.id));
        }
        if let (Some(a), Some(m)) = (amount, max) {
            if a > m {
                wrong.push(format!("{}: amount {a} above its maximum {m}", b.id));
            }
        }
        let ceiling = match &rule_of(catalog, b).amount.rule {
            AmountRule::Fixed(v) => Some(*v),
            AmountRule::UpTo(v) => Some(*v),
            AmountRule::Range { to, .. } => Some(*to),
            AmountRule::PerUnit {
                rate,
                cap,
                max_units,
                per,
            } => {
                let units = max_units.or(match facts::fact(per.0).map(|f| f.kind) {
                    Some(FactType::Count { max, .. }) => Some(max),
                    _ => None,
                });
                let by_units = units.map(|u| *rate * Decimal::from(u));
                match (cap, by_units) {
                    (Some(c), Some(u)) => Some((*c).min(u)),
                    (c, u) => c.or(u),
                }
            }
            AmountRule::Steps { steps, .. } => steps.iter().map(|s| s.yuan).max(),
            AmountRule::Table { rows } => rows.iter().filter_map(|r| r.yuan.max(r.up_to)).max(),
            AmountRule::NotStated | AmountRule::NotMoney => None,
        };
        for (what, v) in [("amount", amount), ("amount_max", max)] {
            match (v, ceiling) {
                (Some(v), Some(c)) if v > c => {
                    wrong.push(format!("{}: {what} {v} above the rule's ceiling {c}", b.id))
                }
                (Some(v), None) => {
                    wrong.push(format!("{}: {what} {v} from a rule with no figure", b.id))
                }
                _ => {}
            }
        }
        if b.status == Status::Eligible && b.payee == Payee::Worker {
            match amount {
                Some(a) => total += a,
                None => uncounted.push(b.id),
            }
        }
    }
    // 3. The total is the sum of the eligible worker amounts.
    if e.totals.worker.parse::<Decimal>().ok() != Some(total) {
        wrong.push(format!(
            "totals.worker {} but the amounts add to {total}",
            e.totals.worker
        ));
    }
    if e.totals.worker_uncounted != uncounted {
        wrong.push(format!(
            "worker_uncounted {:?}, expected {uncounted:?}",
            e.totals.worker_uncounted
        ));
    }
}

/// Benefits whose conditions on `fact` (and those of the benefits they need) only ever ask
/// for *at least* some count: more of it can only help. (Amounts by count are monotone by
/// construction: `subsidy check` orders steps, and per-unit pay only grows.)
fn monotone_in(catalog: &Catalog, fact: &str) -> Vec<(String, String)> {
    fn has_below(test: &Test, fact: &str, needs: &mut Vec<String>) -> bool {
        match test {
            Test::Fact {
                fact: f,
                rule: FactRule::Below(_),
            } => f.0 == fact,
            Test::Fact { .. } => false,
            Test::AnyOf(tests) | Test::AllOf(tests) => {
                tests.iter().any(|t| has_below(t, fact, needs))
            }
            Test::EligibleFor(ids) => {
                needs.extend(ids.iter().cloned());
                false
            }
        }
    }
    let mut monotone = Vec::new();
    for doc in catalog.documents() {
        let direct: BTreeMap<&str, (bool, Vec<String>)> = doc
            .benefits
            .iter()
            .map(|b| {
                let mut needs = Vec::new();
                let below = b
                    .conditions
                    .iter()
                    .any(|c| has_below(&c.test, fact, &mut needs));
                (b.id.as_str(), (below, needs))
            })
            .collect();
        for b in &doc.benefits {
            // "同一次培训不重复补贴": a benefit that pays only when it is the largest of its
            // group may give way to another that grows faster.
            if b.exclusive_group.is_some() {
                continue;
            }
            let (mut stack, mut seen, mut ok) = (vec![b.id.clone()], Vec::new(), true);
            while let Some(id) = stack.pop() {
                if seen.contains(&id) {
                    continue;
                }
                let Some((below, needs)) = direct.get(id.as_str()) else {
                    continue;
                };
                ok &= !below;
                stack.extend(needs.iter().cloned());
                seen.push(id);
            }
            if ok {
                monotone.push((doc.id.clone(), b.id.clone()));
            }
        }
    }
    monotone
}

type Counts = BTreeMap<&'static str, usize>;

/// Profiles `range` of the run with `seed` (one thread's share).
fn run(
    seed: u64,
    range: std::ops::Range<usize>,
    catalog: &Catalog,
    trial_values: &BTreeMap<&'static str, Vec<Value>>,
    monotone: &BTreeMap<&'static str, Vec<(String, String)>>,
) -> (Counts, Vec<String>) {
    let mut rng = Rng(seed);
    let today = TODAY;
    let mut counts = Counts::new();
    let mut failures = Vec::new();
    for i in range {
        let answers = profile(&mut rng, trial_values);
        let e = estimate(catalog, &answers, today).expect("valid answers are estimated");
        let mut wrong = Vec::new();
        check_status_and_amounts(catalog, &e, &mut wrong);
        *counts.entry("status, caps and totals").or_default() += 1;

        // 4. Monotone in months and days: more never loses a benefit or lowers its amount.
        // One count a profile, at random among those it answers, keeps the suite quick.
        let known: Vec<_> = monotone
            .iter()
            .filter(|(fact, _)| answers.count(fact).is_some())
            .collect();
        let one = (!known.is_empty() && i % 2 == 0).then(|| *rng.pick(&known));
        let count = one.and_then(|(fact, benefits)| {
            let n = answers.count(fact)?;
            match facts::fact(fact)?.kind {
                FactType::Count { max, .. } if n < max => Some((fact, benefits, n, max)),
                _ => None,
            }
        });
        if let Some((fact, benefits, n, max)) = count {
            let more = (n + 1 + rng.below(40) as i64).min(max);
            let after = estimate(
                catalog,
                &answers.clone().with(fact, Some(Value::Count(more))),
                today,
            )
            .unwrap();
            *counts.entry("monotonicity").or_default() += 1;
            for (b0, b1) in e.benefits.iter().zip(&after.benefits) {
                if !benefits.contains(&(b0.source.document_id.to_string(), b0.id.to_string())) {
                    continue;
                }
                if b0.status == Status::Eligible && b1.status != Status::Eligible {
                    wrong.push(format!(
                        "{}: eligible at {fact} = {n}, {:?} at {more}",
                        b0.id, b1.status
                    ));
                }
                if b0.status == Status::Eligible && money(&b1.amount) < money(&b0.amount) {
                    wrong.push(format!(
                        "{}: {fact} {n} → {more} lowers the amount {:?} → {:?}",
                        b0.id, b0.amount, b1.amount
                    ));
                }
                if b1.status == Status::Ineligible && b0.status != Status::Ineligible {
                    wrong.push(format!(
                        "{}: ineligible at {fact} = {more} but not at {n}",
                        b0.id
                    ));
                }
            }
        }

        // 5. Question soundness: some answer to each listed question changes some result.
        if i % SOUNDNESS_EVERY == 0 {
            let before = outcomes(&e);
            for q in &e.next_questions {
                let fact = facts::fact(q).expect("next_questions names facts");
                let changes = trial_values[fact.name].iter().any(|v| {
                    let tried = answers.clone().with(fact.name, Some(v.clone()));
                    // An answer the estimator refuses (a day too late) changes nothing.
                    estimate(catalog, &tried, today).is_ok_and(|e| outcomes(&e) != before)
                });
                *counts.entry("questions checked for soundness").or_default() += 1;
                if !changes {
                    wrong.push(format!("next question {q} cannot change any result"));
                }
            }
        }
        if !wrong.is_empty() {
            let answered: Vec<String> = answers.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
            failures.push(format!(
                "seed {seed}, profile {i} ({}):\n  {}",
                answered.join(", "),
                wrong.join("\n  ")
            ));
            if failures.len() >= 5 {
                break;
            }
        }
    }
    (counts, failures)
}

#[test]
fn ten_thousand_random_workers_keep_every_property() {
    let catalog = Catalog::embedded().unwrap();
    let seed = seed();
    let trial_values: BTreeMap<&'static str, Vec<Value>> = FACTS
        .iter()
        .map(|f| (f.name, trials(&catalog, f)))
        .collect();
    let monotone: BTreeMap<&'static str, Vec<(String, String)>> = [
        "unemployment_insurance_months",
        "training.days",
        "training.months",
    ]
    .into_iter()
    .filter(|f| facts::fact(f).is_some())
    .map(|f| (f, monotone_in(&catalog, f)))
    .collect();
    // Two threads, one seed each, half the profiles each.
    let halves: Vec<(Counts, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..2u64)
            .map(|t| {
                let (catalog, trial_values, monotone) = (&catalog, &trial_values, &monotone);
                let range = (t as usize * PROFILES / 2)..((t as usize + 1) * PROFILES / 2);
                scope.spawn(move || run(seed + t, range, catalog, trial_values, monotone))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut counts = Counts::new();
    let mut failures = Vec::new();
    for (c, f) in halves {
        for (k, v) in c {
            *counts.entry(k).or_default() += v;
        }
        failures.extend(f);
    }
    eprintln!("properties checked (seed {seed}): {counts:?}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(counts["status, caps and totals"], PROFILES);
    assert!(counts["monotonicity"] >= PROFILES / 4, "{counts:?}");
    assert!(
        counts["questions checked for soundness"] >= 100,
        "{counts:?}"
    );
}

/// The generator reaches both sides of things: every status occurs, and money is paid.
#[test]
fn the_random_workers_reach_every_status_and_some_money() {
    let catalog = Catalog::embedded().unwrap();
    let mut rng = Rng(seed());
    let trial_values: BTreeMap<&'static str, Vec<Value>> = FACTS
        .iter()
        .map(|f| (f.name, trials(&catalog, f)))
        .collect();
    let today = TODAY;
    let mut seen = Vec::new();
    let mut paid = 0;
    for _ in 0..300 {
        let e = estimate(&catalog, &profile(&mut rng, &trial_values), today).unwrap();
        for b in &e.benefits {
            if !seen.contains(&b.status) {
                seen.push(b.status);
            }
        }
        paid += usize::from(e.totals.worker != "0");
    }
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert!(paid > 10, "only {paid} of 300 workers are paid anything");
}
