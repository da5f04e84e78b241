//! Amount rules: fixed, per_unit, table, steps, range, up_to, not_stated, not_money. An
//! amount is worked out as far as the answers pin it down; nothing is rounded.
use super::kleene::{Missing, Outcome, Parts, Truth};
use crate::answers::Value;
use crate::estimate::NOT_STATED;
use crate::facts;
use crate::money::yuan;
use crate::policy::*;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// An amount as far as the answers pin it down, worked out once for the estimate and the
/// question search alike (`figures`); the estimate's words are written from it (`note`).
pub(super) struct Figures<M> {
    pub(super) amount: Option<Decimal>,
    /// The most it can be, when `amount` is not exact or the document gives a range.
    pub(super) max: Option<Decimal>,
    /// What an unknown fact leaves open: the facts, or only whether any (`kleene::Missing`).
    pub(super) missing: M,
    /// What decided it, for the words.
    chosen: Chosen,
}

/// What decided an amount, beyond its rule.
#[derive(Clone, Copy)]
enum Chosen {
    Nothing,
    /// A per-unit amount: the count answered, and the units paid for.
    Count {
        answered: i64,
        counted: i64,
    },
    /// A per-unit amount whose product cannot be computed.
    TooLarge,
    /// A table's row, or a step, by its place.
    Row(usize),
    Step(usize),
    /// A table whose rows wait on unknown facts.
    Open,
}

impl<M: Missing> Figures<M> {
    /// No amount at all (a benefit that shows none).
    pub(super) fn none() -> Self {
        Figures {
            amount: None,
            max: None,
            missing: M::default(),
            chosen: Chosen::Nothing,
        }
    }
}

fn per_unit_word(per: FactName) -> &'static str {
    match per.fact().map(|f| f.kind) {
        Some(facts::FactType::Count { unit, .. }) => unit,
        _ => "",
    }
}

/// The figures of an amount: the exact amount, the ceiling, what unknown facts still decide
/// it, and what decided it. No words.
pub(super) fn figures<'v, M: Missing>(
    amount: &Amount,
    get: impl Fn(FactName) -> Option<&'v Value>,
) -> Figures<M> {
    let count = |fact: FactName| match get(fact) {
        Some(Value::Count(n)) => Some(*n),
        _ => None,
    };
    let figures = |amount, max, chosen| Figures {
        amount,
        max,
        missing: M::default(),
        chosen,
    };
    match &amount.rule {
        AmountRule::Fixed(v) => figures(Some(*v), None, Chosen::Nothing),
        AmountRule::PerUnit {
            rate,
            per,
            cap,
            max_units,
        } => match count(*per) {
            Some(n) => {
                let counted = max_units.map_or(n, |m| n.min(m));
                // `subsidy check` bounds every product; checked arithmetic is the second wall.
                match rate.checked_mul(Decimal::from(counted)) {
                    Some(raw) => figures(
                        Some(cap.map_or(raw, |c| raw.min(c))),
                        None,
                        Chosen::Count {
                            answered: n,
                            counted,
                        },
                    ),
                    None => figures(None, None, Chosen::TooLarge),
                }
            }
            None => Figures {
                amount: None,
                max: cap.or(max_units.and_then(|m| rate.checked_mul(Decimal::from(m)))),
                missing: M::fact(per.0),
                chosen: Chosen::Nothing,
            },
        },
        AmountRule::Table { rows } => {
            let mut open = M::default();
            // What the amount could still be; a row without a figure means no ceiling is known.
            let mut possible_max: Option<Decimal> = None;
            let mut possible_all_known = true;
            let mut possible = |figure: Option<Decimal>| match figure {
                Some(f) => possible_max = Some(possible_max.map_or(f, |m| m.max(f))),
                None => possible_all_known = false,
            };
            let mut chosen = None;
            for (i, row) in rows.iter().enumerate() {
                let outcome: Outcome<M> = row_test(row, &get);
                match outcome.truth {
                    Truth::No => continue,
                    Truth::Unknown => {
                        open.add(&outcome.missing);
                        possible(row.yuan.or(row.up_to));
                    }
                    Truth::Yes => {
                        if open.is_empty() {
                            chosen = Some(i);
                            break;
                        }
                        possible(row.yuan.or(row.up_to));
                        break;
                    }
                }
            }
            match chosen {
                // A ceiling set by the document, the figure itself set locally.
                Some(i) => match &rows[i] {
                    Row {
                        up_to: Some(cap), ..
                    } => figures(None, Some(*cap), Chosen::Row(i)),
                    row => figures(row.yuan, None, Chosen::Row(i)),
                },
                None if !open.is_empty() => Figures {
                    amount: None,
                    max: possible_max.filter(|_| possible_all_known),
                    missing: open,
                    chosen: Chosen::Open,
                },
                None => figures(None, None, Chosen::Nothing),
            }
        }
        AmountRule::Steps { by, steps } => match count(*by) {
            Some(n) => match steps.iter().position(|s| n >= s.at_least) {
                Some(i) => figures(Some(steps[i].yuan), None, Chosen::Step(i)),
                None => figures(None, None, Chosen::Nothing),
            },
            None => Figures {
                amount: None,
                max: steps.first().map(|s| s.yuan),
                missing: M::fact(by.0),
                chosen: Chosen::Nothing,
            },
        },
        AmountRule::Range { from, to } => figures(Some(*from), Some(*to), Chosen::Nothing),
        AmountRule::UpTo(v) => figures(None, Some(*v), Chosen::Nothing),
        AmountRule::NotStated | AmountRule::NotMoney => figures(None, None, Chosen::Nothing),
    }
}

/// The words beside an amount, written from its figures: the catalogue's own words where they
/// say it all (borrowed), else the sum as it was worked out.
pub(super) fn note<'a>(
    amount: &'a Amount,
    figures: &Figures<Vec<&'static str>>,
) -> Option<Cow<'a, str>> {
    let note: Option<Cow<'a, str>> = match (&amount.rule, figures.chosen) {
        (AmountRule::Fixed(_) | AmountRule::NotMoney, _) => None,
        (AmountRule::PerUnit { .. }, Chosen::TooLarge) => Some(Cow::Borrowed(TOO_LARGE)),
        (AmountRule::PerUnit { rate, per, cap, .. }, chosen) => {
            let unit = per_unit_word(*per);
            let each = format!("每{}{}元", unit.trim_start_matches('个'), yuan(*rate));
            Some(match chosen {
                Chosen::Count { answered, counted } => {
                    let raw = rate * Decimal::from(counted);
                    let mut note = format!("{each}×{counted}{unit}={}元", yuan(raw));
                    if counted < answered {
                        note = format!("最多按{}{unit}计，{note}", counted);
                    }
                    if let Some(paid) = cap.filter(|c| *c < raw) {
                        note.push_str(&format!("，超过上限，按{}元计", yuan(paid)));
                    }
                    note.into()
                }
                _ => {
                    let label = per.fact().map_or("", |f| f.label);
                    match figures.max {
                        Some(c) => format!(
                            "{each}，最高{}元；还不知道{label}，暂时算不出准确金额",
                            yuan(c)
                        ),
                        None => format!("{each}；还不知道{label}，暂时算不出准确金额"),
                    }
                    .into()
                }
            })
        }
        (AmountRule::Table { rows }, Chosen::Row(i)) => match &rows[i] {
            Row {
                up_to: Some(cap),
                note,
                ..
            } => Some(match note {
                Some(n) => Cow::Borrowed(n),
                None => format!("最高{}元", yuan(*cap)).into(),
            }),
            row => match (row.yuan, &row.note) {
                (_, Some(n)) => Some(Cow::Borrowed(n)),
                (None, None) => Some(Cow::Borrowed(NOT_STATED)),
                (Some(_), None) => None,
            },
        },
        (AmountRule::Table { .. }, Chosen::Open) => {
            let labels: Vec<&str> = figures
                .missing
                .iter()
                .filter_map(|f| facts::fact(f))
                .map(|f| f.label)
                .collect();
            Some(format!("金额取决于{}", labels.join("、")).into())
        }
        (AmountRule::Table { .. } | AmountRule::NotStated, _) => Some(Cow::Borrowed(NOT_STATED)),
        (AmountRule::Steps { by, steps }, Chosen::Step(i)) => {
            let (unit, s) = (per_unit_word(*by), &steps[i]);
            Some(format!("满{}{unit}，{}元", s.at_least, yuan(s.yuan)).into())
        }
        (AmountRule::Steps { by, steps }, _) if !figures.missing.is_empty() => {
            let unit = per_unit_word(*by);
            Some(
                steps
                    .iter()
                    .map(|s| format!("满{}{unit}{}元", s.at_least, yuan(s.yuan)))
                    .collect::<Vec<_>>()
                    .join("，")
                    .into(),
            )
        }
        (AmountRule::Steps { .. }, _) => None,
        (AmountRule::Range { from, to }, _) => Some(
            format!(
                "每人{}—{}元，具体金额由当地人社部门核定",
                yuan(*from),
                yuan(*to)
            )
            .into(),
        ),
        (AmountRule::UpTo(v), _) => Some(
            format!(
                "文件只规定最高不超过{}元，具体金额由当地人社部门核定",
                yuan(*v)
            )
            .into(),
        ),
    };
    match (&amount.note, note) {
        (None, note) => note,
        (Some(extra), Some(n)) => Some(format!("{n}。{extra}").into()),
        (Some(extra), None) => Some(Cow::Borrowed(extra)),
    }
}

/// A table row's test: Kleene's "and" over its facts, each one of its values.
fn row_test<'v, M: Missing>(row: &Row, get: impl Fn(FactName) -> Option<&'v Value>) -> Outcome<M> {
    let mut all = Parts::all();
    for (fact, values) in &row.when {
        all.add(&Outcome::of_fact(in_values(get(*fact), values), fact.0));
        if all.decided() {
            break;
        }
    }
    all.outcome()
}

/// A row's test of one answer: the answer is one of `values` (for `groups`, the worker is in one).
fn in_values(value: Option<&Value>, values: &[String]) -> Option<bool> {
    Some(match value? {
        Value::Text(t) => values.contains(t),
        Value::Groups(g) => g.iter().any(|x| values.contains(x)),
        Value::YesNo(yes) => values.iter().any(|v| (v == "yes") == *yes),
        _ => false,
    })
}

/// Shown instead of a figure that cannot be computed (a policy file `subsidy check` refuses).
const TOO_LARGE: &str = "政策文件中的金额超出可计算范围，暂时算不出金额";

/// A training of 0 days (or months) under a per-day (per-month) amount: there is nothing to
/// subsidise, so the benefit is refused rather than shown as "符合 0元" (rulings.md, "Third
/// round"). The count fact, where it is known to be 0.
pub(super) fn no_units<'v>(
    amount: &Amount,
    get: impl Fn(FactName) -> Option<&'v Value>,
) -> Option<&'static str> {
    match &amount.rule {
        AmountRule::PerUnit { per, .. } => match get(*per) {
            Some(Value::Count(0)) => Some(per.0),
            _ => None,
        },
        _ => None,
    }
}
