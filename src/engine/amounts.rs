//! Amount rules: fixed, per_unit, table, steps, range, up_to, not_stated, not_money. An
//! amount is worked out as far as the answers pin it down; nothing is rounded.
use super::kleene::{add_all, Missing, Outcome, Parts, Truth};
use super::NOT_STATED;
use crate::answers::{Answers, Value};
use crate::facts;
use crate::money::yuan;
use crate::policy::*;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// An amount as far as the answers pin it down.
pub(super) struct Money<'a> {
    pub(super) amount: Option<Decimal>,
    /// The most it can be, when `amount` is not exact or the document gives a range.
    pub(super) max: Option<Decimal>,
    /// The catalogue's own words where they say it all, borrowed.
    pub(super) note: Option<Cow<'a, str>>,
    pub(super) missing: Vec<&'static str>,
}

impl Money<'_> {
    /// No amount at all (a benefit that shows none).
    pub(super) fn none() -> Self {
        Money {
            amount: None,
            max: None,
            note: None,
            missing: Vec::new(),
        }
    }
}

fn per_unit_word(per: &str) -> &'static str {
    match facts::fact(per).map(|f| f.kind) {
        Some(facts::FactType::Count { unit, .. }) => unit,
        _ => "",
    }
}

pub(super) fn amount<'a>(amount: &'a Amount, answers: &Answers) -> Money<'a> {
    let mut money = match &amount.rule {
        AmountRule::Fixed(v) => Money {
            amount: Some(*v),
            max: None,
            note: None,
            missing: Vec::new(),
        },
        AmountRule::PerUnit {
            rate,
            per: FactName(per, _),
            cap,
            max_units,
        } => {
            let unit = per_unit_word(per);
            let each = format!("每{}{}元", unit.trim_start_matches('个'), yuan(*rate));
            match answers.count(per) {
                Some(n) => {
                    let counted = max_units.map_or(n, |m| n.min(m));
                    // `subsidy check` bounds every product; checked arithmetic is the second wall.
                    let Some(raw) = rate.checked_mul(Decimal::from(counted)) else {
                        return Money {
                            amount: None,
                            max: None,
                            note: Some(Cow::Borrowed(TOO_LARGE)),
                            missing: Vec::new(),
                        };
                    };
                    let paid = cap.map_or(raw, |c| raw.min(c));
                    let mut note = format!("{each}×{counted}{unit}={}元", yuan(raw));
                    if counted < n {
                        note = format!("最多按{}{unit}计，{note}", counted);
                    }
                    if paid < raw {
                        note.push_str(&format!("，超过上限，按{}元计", yuan(paid)));
                    }
                    Money {
                        amount: Some(paid),
                        max: None,
                        note: Some(note.into()),
                        missing: Vec::new(),
                    }
                }
                None => {
                    let ceiling =
                        cap.or(max_units.and_then(|m| rate.checked_mul(Decimal::from(m))));
                    let label = facts::fact(per).map_or("", |f| f.label);
                    let note = match ceiling {
                        Some(c) => format!(
                            "{each}，最高{}元；还不知道{label}，暂时算不出准确金额",
                            yuan(c)
                        ),
                        None => format!("{each}；还不知道{label}，暂时算不出准确金额"),
                    };
                    Money {
                        amount: None,
                        max: ceiling,
                        note: Some(note.into()),
                        missing: vec![per],
                    }
                }
            }
        }
        AmountRule::Table { rows } => {
            let mut open: Vec<&'static str> = Vec::new();
            // What the amount could still be; a row without a figure means no ceiling is known.
            let mut possible: Vec<Option<Decimal>> = Vec::new();
            let mut chosen = None;
            for row in rows {
                let outcome: Outcome<Vec<&'static str>> =
                    row_test(row, |fact| answers.at(fact.slot()));
                match outcome.truth {
                    Truth::No => continue,
                    Truth::Unknown => {
                        add_all(&mut open, &outcome.missing);
                        possible.push(row.yuan.or(row.up_to));
                    }
                    Truth::Yes => {
                        if open.is_empty() {
                            chosen = Some(row);
                            break;
                        }
                        possible.push(row.yuan.or(row.up_to));
                        break;
                    }
                }
            }
            match chosen {
                // A ceiling set by the document, the figure itself set locally.
                Some(Row {
                    up_to: Some(cap),
                    note,
                    ..
                }) => Money {
                    amount: None,
                    max: Some(*cap),
                    note: Some(match note {
                        Some(n) => Cow::Borrowed(n),
                        None => format!("最高{}元", yuan(*cap)).into(),
                    }),
                    missing: Vec::new(),
                },
                Some(row) => Money {
                    amount: row.yuan,
                    max: None,
                    note: match (row.yuan, &row.note) {
                        (_, Some(n)) => Some(Cow::Borrowed(n)),
                        (None, None) => Some(Cow::Borrowed(NOT_STATED)),
                        (Some(_), None) => None,
                    },
                    missing: Vec::new(),
                },
                None if !open.is_empty() => {
                    let labels: Vec<&str> = open
                        .iter()
                        .filter_map(|f| facts::fact(f))
                        .map(|f| f.label)
                        .collect();
                    Money {
                        amount: None,
                        max: possible
                            .into_iter()
                            .collect::<Option<Vec<Decimal>>>()
                            .and_then(|v| v.into_iter().max()),
                        note: Some(format!("金额取决于{}", labels.join("、")).into()),
                        missing: open,
                    }
                }
                None => Money {
                    amount: None,
                    max: None,
                    note: Some(Cow::Borrowed(NOT_STATED)),
                    missing: Vec::new(),
                },
            }
        }
        AmountRule::Steps {
            by: FactName(by, _),
            steps,
        } => {
            let unit = per_unit_word(by);
            match answers.count(by) {
                Some(n) => match steps.iter().find(|s| n >= s.at_least) {
                    Some(s) => Money {
                        amount: Some(s.yuan),
                        max: None,
                        note: Some(format!("满{}{unit}，{}元", s.at_least, yuan(s.yuan)).into()),
                        missing: Vec::new(),
                    },
                    None => Money {
                        amount: None,
                        max: None,
                        note: None,
                        missing: Vec::new(),
                    },
                },
                None => Money {
                    amount: None,
                    max: steps.first().map(|s| s.yuan),
                    note: Some(
                        steps
                            .iter()
                            .map(|s| format!("满{}{unit}{}元", s.at_least, yuan(s.yuan)))
                            .collect::<Vec<_>>()
                            .join("，")
                            .into(),
                    ),
                    missing: vec![by],
                },
            }
        }
        AmountRule::Range { from, to } => Money {
            amount: Some(*from),
            max: Some(*to),
            note: Some(
                format!(
                    "每人{}—{}元，具体金额由当地人社部门核定",
                    yuan(*from),
                    yuan(*to)
                )
                .into(),
            ),
            missing: Vec::new(),
        },
        AmountRule::UpTo(v) => Money {
            amount: None,
            max: Some(*v),
            note: Some(
                format!(
                    "文件只规定最高不超过{}元，具体金额由当地人社部门核定",
                    yuan(*v)
                )
                .into(),
            ),
            missing: Vec::new(),
        },
        AmountRule::NotStated => Money {
            amount: None,
            max: None,
            note: Some(Cow::Borrowed(NOT_STATED)),
            missing: Vec::new(),
        },
        AmountRule::NotMoney => Money {
            amount: None,
            max: None,
            note: None,
            missing: Vec::new(),
        },
    };
    if let Some(extra) = &amount.note {
        money.note = Some(match money.note {
            Some(n) => format!("{n}。{extra}").into(),
            None => Cow::Borrowed(extra),
        });
    }
    money
}

/// The figures of an amount and nothing else, for the trials of `next_questions`: the exact
/// amount, the ceiling, and whether some unknown fact still decides it. It follows `amount`
/// step for step without building a word; `tests/search_equivalence.rs` holds the two together.
pub(super) fn figures<'v>(
    amount: &Amount,
    get: impl Fn(FactName) -> Option<&'v Value>,
) -> (Option<Decimal>, Option<Decimal>, bool) {
    let count = |fact: FactName| match get(fact) {
        Some(Value::Count(n)) => Some(*n),
        _ => None,
    };
    match &amount.rule {
        AmountRule::Fixed(v) => (Some(*v), None, false),
        AmountRule::PerUnit {
            rate,
            per,
            cap,
            max_units,
        } => match count(*per) {
            Some(n) => {
                let counted = max_units.map_or(n, |m| n.min(m));
                match rate.checked_mul(Decimal::from(counted)) {
                    Some(raw) => (Some(cap.map_or(raw, |c| raw.min(c))), None, false),
                    None => (None, None, false),
                }
            }
            None => (
                None,
                cap.or(max_units.and_then(|m| rate.checked_mul(Decimal::from(m)))),
                true,
            ),
        },
        AmountRule::Table { rows } => {
            let mut open = false;
            let mut possible_max: Option<Decimal> = None;
            let mut possible_all_known = true;
            let mut possible = |figure: Option<Decimal>| match figure {
                Some(f) => possible_max = Some(possible_max.map_or(f, |m| m.max(f))),
                None => possible_all_known = false,
            };
            let mut chosen = None;
            for row in rows {
                let outcome: Outcome<bool> = row_test(row, &get);
                match outcome.truth {
                    Truth::No => continue,
                    Truth::Unknown => {
                        open = true;
                        possible(row.yuan.or(row.up_to));
                    }
                    Truth::Yes => {
                        if !open {
                            chosen = Some(row);
                            break;
                        }
                        possible(row.yuan.or(row.up_to));
                        break;
                    }
                }
            }
            match chosen {
                Some(Row {
                    up_to: Some(cap), ..
                }) => (None, Some(*cap), false),
                Some(row) => (row.yuan, None, false),
                None if open => (None, possible_max.filter(|_| possible_all_known), true),
                None => (None, None, false),
            }
        }
        AmountRule::Steps { by, steps } => match count(*by) {
            Some(n) => (
                steps.iter().find(|s| n >= s.at_least).map(|s| s.yuan),
                None,
                false,
            ),
            None => (None, steps.first().map(|s| s.yuan), true),
        },
        AmountRule::Range { from, to } => (Some(*from), Some(*to), false),
        AmountRule::UpTo(v) => (None, Some(*v), false),
        AmountRule::NotStated | AmountRule::NotMoney => (None, None, false),
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
