//! Checks on a document that loaded, for what would mislead a worker or fail at estimate
//! time: counts outside their fact's range (a step at 99999 months of a 0–600 fact), amounts
//! that are not money or whose products could overflow, and benefits that need each other in
//! a cycle (which the engine could never decide). Each problem is `path:LINE: message`.
use super::*;
use crate::facts::FactType;
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
    match fact.fact().map(|f| f.kind) {
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
/// reported once, at the condition of its first benefit that starts it. One depth-first walk
/// over the benefits, each benefit and each need visited once, so a file of thousands of
/// benefits is checked in step with its size.
fn cycles(doc: &Document) -> Vec<Error> {
    let index: BTreeMap<&str, usize> = doc
        .benefits
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    // For each benefit, the benefits its conditions need, with the condition's line.
    let edges: Vec<Vec<(usize, usize)>> = doc
        .benefits
        .iter()
        .map(|b| {
            let mut out = Vec::new();
            for c in &b.conditions {
                let mut ids = Vec::new();
                needs(&c.test, &mut ids);
                out.extend(
                    ids.iter()
                        .filter_map(|id| Some((*index.get(id.as_str())?, c.line))),
                );
            }
            out
        })
        .collect();
    const NEW: usize = usize::MAX;
    const DONE: usize = usize::MAX - 1;
    // NEW, DONE, or the benefit's place on the path being walked.
    let mut state = vec![NEW; doc.benefits.len()];
    let mut errors = Vec::new();
    for &start in index.values() {
        if state[start] != NEW {
            continue;
        }
        // (benefit, how many of its needs were followed)
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 0;
        while let Some(&(node, followed)) = path.last() {
            let Some(&(next, _)) = edges[node].get(followed) else {
                state[node] = DONE;
                path.pop();
                continue;
            };
            path.last_mut().expect("the path is not empty").1 += 1;
            match state[next] {
                NEW => {
                    state[next] = path.len();
                    path.push((next, 0));
                }
                DONE => {}
                from => {
                    // Back to a benefit on the path: the path from there is a ring.
                    let ring = &path[from..];
                    let line = edges[ring[0].0][ring[0].1 - 1].1;
                    let mut words: Vec<&str> = ring
                        .iter()
                        .take(12)
                        .map(|&(i, _)| doc.benefits[i].id.as_str())
                        .collect();
                    if ring.len() > 12 {
                        words.push("…");
                    }
                    words.push(&doc.benefits[next].id);
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
        }
    }
    errors
}
