//! `next_questions`: which unknown facts could still change some benefit, found by trying
//! answers, and in which order a conversation asks them.
use super::evaluate_all;
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::estimate::*;
use crate::facts;
use crate::policy::*;

/// What a worker would see change in one benefit: its status and its amounts.
fn outcome_of(b: &BenefitResult) -> (Status, &Option<String>, &Option<String>) {
    (b.status, &b.amount, &b.amount_max)
}

/// The answers worth trying for a fact: every choice, yes and no, and for counts both
/// sides of every threshold the catalogue names, so no boundary is missed.
fn trial_values(catalog: &Catalog, fact: &'static str, date: Date) -> Vec<Value> {
    match facts::fact(fact).map(|f| f.kind) {
        Some(facts::FactType::Count { min, max, .. }) => {
            let mut counts = vec![min, min + 1, min + 2, max];
            for t in thresholds(catalog, fact) {
                counts.extend([t - 1, t, t + 1]);
            }
            counts.retain(|n| (min..=max).contains(n));
            counts.sort_unstable();
            counts.dedup();
            counts.into_iter().map(Value::Count).collect()
        }
        Some(facts::FactType::YesNo) => vec![Value::YesNo(true), Value::YesNo(false)],
        Some(facts::FactType::OneOf(choices)) => choices
            .iter()
            .map(|c| Value::Text(c.value.to_string()))
            .collect(),
        Some(facts::FactType::Day) => trial_days(catalog, fact, date)
            .into_iter()
            .map(Value::Day)
            .collect(),
        Some(facts::FactType::Groups) => std::iter::once(Value::Groups(Vec::new()))
            .chain(
                facts::GROUPS
                    .iter()
                    .map(|g| Value::Groups(vec![g.value.to_string()])),
            )
            .collect(),
        _ => Vec::new(),
    }
}

/// Days worth trying for a day fact: both sides of every `on_or_after`/`before` day; for a
/// claim window, the issue days whose window ends just before, on and after `date`; both
/// sides of every amendment's period (the issue date chooses the governing notice); and the
/// estimate's date itself.
fn trial_days(catalog: &Catalog, fact: &str, date: Date) -> Vec<Date> {
    fn walk(test: &Test, fact: &str, date: Date, out: &mut Vec<Date>) {
        match test {
            Test::Fact { fact: f, rule } if f.0 == fact => match rule {
                FactRule::OnOrAfter(d) | FactRule::Before(d) => out.extend([d.previous_day(), *d]),
                FactRule::WithinMonths(n) => {
                    // Issue days around the earliest whose window still holds `date`.
                    if let Some(start) = date.months_earlier(*n) {
                        out.extend([start.previous_day(), start, start.next_day()]);
                    }
                }
                _ => {}
            },
            Test::AnyOf(tests) | Test::AllOf(tests) => {
                tests.iter().for_each(|t| walk(t, fact, date, out))
            }
            _ => {}
        }
    }
    let mut out = vec![date];
    for (doc, b) in catalog.benefits() {
        b.conditions
            .iter()
            .for_each(|c| walk(&c.test, fact, date, &mut out));
        if b.amends.is_some() && fact == "certificate.issued" {
            let period = b.period(doc);
            out.extend([period.from.previous_day(), period.from]);
            if let Some(to) = period.to {
                out.extend([to, to.next_day()]);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn thresholds(catalog: &Catalog, fact: &str) -> Vec<i64> {
    fn walk(test: &Test, fact: &str, out: &mut Vec<i64>) {
        match test {
            Test::Fact {
                fact: f,
                rule: FactRule::AtLeast(n) | FactRule::Below(n),
            } if f.0 == fact => out.push(*n),
            Test::AnyOf(tests) | Test::AllOf(tests) => {
                tests.iter().for_each(|t| walk(t, fact, out))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (_, b) in catalog.benefits() {
        b.conditions
            .iter()
            .for_each(|c| walk(&c.test, fact, &mut out));
        match &b.amount.rule {
            AmountRule::Steps { by, steps } if by.0 == fact => {
                out.extend(steps.iter().map(|s| s.at_least))
            }
            AmountRule::PerUnit {
                per,
                max_units: Some(m),
                ..
            } if per.0 == fact => out.push(*m),
            _ => {}
        }
    }
    out
}

/// Unknown facts that could still change the result, most useful first. A fact is listed
/// only when some answer to it, on its own, changes some benefit's status or amount, so a
/// worker is never asked a question that cannot change their result; it ranks by how many
/// benefits it can change, counting twice those that pay the worker or their training. Ties
/// keep the natural order of a conversation (`facts::FACTS`). Should no single answer decide
/// anything while benefits are still open, the facts they miss are listed as they are.
pub(super) fn next_questions(
    catalog: &Catalog,
    docs: &[&Document],
    answers: &Answers,
    date: Date,
    benefits: &[BenefitResult],
) -> Vec<String> {
    let mut open: Vec<&'static str> = Vec::new();
    for b in benefits
        .iter()
        .filter(|b| matches!(b.status, Status::Undetermined | Status::Eligible))
    {
        for m in &b.missing {
            if let Some(f) = facts::fact(m) {
                if !open.contains(&f.name) {
                    open.push(f.name);
                }
            }
        }
    }
    let mut ranked: Vec<(&'static str, u32)> = Vec::new();
    for &fact in &open {
        let mut changed = vec![false; benefits.len()];
        for value in trial_values(catalog, fact, date) {
            let trial = evaluate_all(docs, &answers.clone().with(fact, Some(value)), date, false);
            for (i, (before, after)) in benefits.iter().zip(&trial).enumerate() {
                changed[i] |= outcome_of(before) != outcome_of(after);
            }
        }
        let weight: u32 = benefits
            .iter()
            .zip(&changed)
            .filter(|(_, c)| **c)
            .map(|(b, _)| match b.payee {
                Payee::Worker | Payee::Provider => 2,
                Payee::Employer | Payee::None => 1,
            })
            .sum();
        if weight > 0 {
            ranked.push((fact, weight));
        }
    }
    if ranked.is_empty() {
        ranked = open.iter().map(|f| (*f, 0)).collect();
    }
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(facts::order(a.0).cmp(&facts::order(b.0)))
    });
    let mut order: Vec<&'static str> = ranked.into_iter().map(|(f, _)| f).collect();
    kind_before_details(&mut order);
    order.into_iter().map(str::to_string).collect()
}

/// A conversation asks what certificate or training it is before asking about its level,
/// days or months: where `certificate.kind` (or `training.kind`) is still to be asked, its
/// details move to just after it.
fn kind_before_details(order: &mut Vec<&'static str>) {
    for object in ["certificate", "training"] {
        let kind = format!("{object}.kind");
        let Some(kind_at) = order.iter().position(|f| *f == kind) else {
            continue;
        };
        let details: Vec<&'static str> = order[..kind_at]
            .iter()
            .copied()
            .filter(|f| {
                f.strip_prefix(object)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
            .collect();
        if details.is_empty() {
            continue;
        }
        order.retain(|f| !details.contains(f));
        let kind_at = order.iter().position(|f| *f == kind).unwrap_or(0);
        for (i, detail) in details.into_iter().enumerate() {
            order.insert(kind_at + 1 + i, detail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::kind_before_details;

    #[test]
    fn a_certificate_is_named_before_its_level_is_asked() {
        let mut order = vec![
            "certificate.level",
            "groups",
            "certificate.kind",
            "training.days",
            "training.kind",
        ];
        kind_before_details(&mut order);
        assert_eq!(
            order,
            [
                "groups",
                "certificate.kind",
                "certificate.level",
                "training.kind",
                "training.days"
            ]
        );
        let mut known_kind = vec!["certificate.level", "groups"];
        kind_before_details(&mut known_kind);
        assert_eq!(known_kind, ["certificate.level", "groups"]);
    }
}
