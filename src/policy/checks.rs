//! Checks on a document that loaded, for what would mislead a worker or fail at estimate
//! time: counts outside their fact's range (a step at 99999 months of a 0–600 fact), amounts
//! that are not money or whose products could overflow, and benefits that need each other in
//! a cycle (which the engine could never decide). Each problem is `path:LINE: message`.
use super::*;
use crate::facts::{self, FactType};
use crate::money::yuan;
use std::collections::BTreeMap;

/// The most any one amount may be, in yuan. No subsidy to one worker or employer comes near
/// it, and a sum of every benefit in a catalogue of such amounts stays far inside `Decimal`.
pub const MAX_YUAN: i64 = 100_000_000;

pub(super) fn document(doc: &Document) -> Vec<Error> {
    let mut errors = Vec::new();
    for b in &doc.benefits {
        let mut at = |message: String| {
            errors.push(Error::policy(
                &doc.path,
                b.amount.line,
                format!("{}: {message}", b.id),
            ))
        };
        amount(&b.amount.rule, &mut at);
    }
    errors.extend(cycles(doc));
    errors
}

/// The range `min..=max` of a count fact.
fn range_of(fact: &FactName) -> (i64, i64) {
    match facts::fact(fact.0).map(|f| f.kind) {
        Some(FactType::Count { min, max, .. }) => (min, max),
        _ => (0, 0),
    }
}

/// Every figure is yuan and fen, at most [`MAX_YUAN`].
fn money(what: &str, value: Decimal, at: &mut impl FnMut(String)) {
    if value > Decimal::from(MAX_YUAN) {
        at(format!(
            "{what} {} is more than {MAX_YUAN} yuan, more than any one subsidy can be",
            yuan(value)
        ));
    }
    if value.normalize().scale() > 2 {
        at(format!(
            "{what} {value} has more than two decimals: amounts are yuan and fen"
        ));
    }
}

fn amount(rule: &AmountRule, at: &mut impl FnMut(String)) {
    match rule {
        AmountRule::Fixed(v) | AmountRule::UpTo(v) => money("yuan", *v, at),
        AmountRule::Range { from, to } => {
            money("from", *from, at);
            money("to", *to, at);
        }
        AmountRule::Table { rows } => {
            for row in rows {
                if let Some(y) = row.yuan {
                    money("row.yuan", y, at);
                }
                if let Some(y) = row.up_to {
                    money("row.up_to", y, at);
                }
            }
        }
        AmountRule::PerUnit {
            rate,
            per,
            cap,
            max_units,
        } => {
            money("rate", *rate, at);
            if let Some(cap) = cap {
                money("cap", *cap, at);
            }
            let (_, max) = range_of(per);
            if let Some(m) = max_units {
                if !(1..=max).contains(m) {
                    at(format!(
                        "max_units {m} lies outside {}'s range 1–{max}",
                        per.0
                    ));
                }
            }
            // The engine pays rate × min(count, max_units), then at most the cap.
            let units = max_units.unwrap_or(max).clamp(0, max);
            match rate.checked_mul(Decimal::from(units)) {
                None => at(format!(
                    "rate {} × {units} {} overflows",
                    yuan(*rate),
                    per.0
                )),
                Some(most) => {
                    let paid = cap.map_or(most, |c| most.min(c));
                    if paid > Decimal::from(MAX_YUAN) {
                        at(format!(
                            "rate {} × {units} {} can pay {} yuan, more than {MAX_YUAN}: set a cap or max_units",
                            yuan(*rate),
                            per.0,
                            yuan(paid)
                        ));
                    }
                }
            }
        }
        AmountRule::Steps { by, steps } => {
            let (min, max) = range_of(by);
            for step in steps {
                money("step.yuan", step.yuan, at);
                if !(min..=max).contains(&step.at_least) {
                    at(format!(
                        "step at_least {} lies outside {}'s range {min}–{max}, so it can never be reached as written",
                        step.at_least, by.0
                    ));
                }
            }
        }
        AmountRule::NotStated | AmountRule::NotMoney => {}
    }
}

fn needs(test: &Test, out: &mut Vec<String>) {
    match test {
        Test::EligibleFor(ids) => out.extend(ids.iter().cloned()),
        Test::AnyOf(tests) | Test::AllOf(tests) => tests.iter().for_each(|t| needs(t, out)),
        Test::Fact { .. } => {}
    }
}

/// Benefits that need each other (A needs B, B needs A, or longer rings): each ring is
/// reported once, at the condition of its first benefit that starts it.
fn cycles(doc: &Document) -> Vec<Error> {
    // id → (benefit, the ids each of its conditions needs, with the condition's line)
    let mut graph: BTreeMap<&str, Vec<(String, usize)>> = BTreeMap::new();
    for b in &doc.benefits {
        let edges = graph.entry(&b.id).or_default();
        for c in &b.conditions {
            let mut ids = Vec::new();
            needs(&c.test, &mut ids);
            edges.extend(ids.into_iter().map(|id| (id, c.line)));
        }
    }
    let mut errors = Vec::new();
    let mut reported: Vec<Vec<String>> = Vec::new();
    for start in graph.keys() {
        // Depth-first search for a path back to `start`.
        let mut path: Vec<(String, usize)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if let Some(ring) = ring_back(&graph, start, start, &mut path, &mut seen) {
            let mut members: Vec<String> = ring.iter().map(|(id, _)| id.clone()).collect();
            members.sort();
            if reported.contains(&members) {
                continue;
            }
            reported.push(members);
            let line = ring[0].1;
            let words: Vec<String> = std::iter::once(start.to_string())
                .chain(ring.iter().map(|(id, _)| id.clone()))
                .collect();
            errors.push(Error::policy(
                &doc.path,
                line,
                format!(
                    "benefits need each other in a cycle ({}): none of them could ever be decided",
                    words.join(" → ")
                ),
            ));
        }
    }
    errors
}

fn ring_back(
    graph: &BTreeMap<&str, Vec<(String, usize)>>,
    start: &str,
    at: &str,
    path: &mut Vec<(String, usize)>,
    seen: &mut Vec<String>,
) -> Option<Vec<(String, usize)>> {
    for (next, line) in graph.get(at).into_iter().flatten() {
        path.push((next.clone(), *line));
        if next == start {
            return Some(path.clone());
        }
        if !seen.contains(next) {
            seen.push(next.clone());
            if let Some(ring) = ring_back(graph, start, next, path, seen) {
                return Some(ring);
            }
        }
        path.pop();
    }
    None
}
