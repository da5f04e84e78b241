//! `next_questions`: which unknown facts could still change some benefit, and in which order a
//! conversation asks them. The catalogue knows which facts each benefit reads (its conditions,
//! the benefits it names in `benefit = [...]`, its amount rule, the versions that amend it and
//! `certificate.issued` that chooses among them, the other members of its exclusive group), so
//! a trial answer re-evaluates only the benefits it can reach, and a trial evaluation works out
//! status and amounts only: no words, no notes, no copies of the answers.
use super::index::{bit, trial_values, Index};
use super::kleene::Outcome;
use super::lines::{pay_once, Layout, Over, Shown, Walk};
use super::rules::{Decided, Read, Sink};
use super::Doc;
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::estimate::*;
use crate::facts;
use crate::policy::*;
use rust_decimal::Decimal;

/// Unknown facts that could still change the result, most useful first. A fact is listed
/// only when some answer to it, on its own, changes some benefit's status or amount, so a
/// worker is never asked a question that cannot change their result; it ranks by how many
/// benefits it can change, counting twice those that pay the worker or their training. Ties
/// keep the natural order of a conversation (`facts::FACTS`). Should no single answer decide
/// anything while benefits are still open, the facts they miss are listed as they are.
pub(super) fn next_questions(
    index: &Index,
    layout: &Layout,
    docs: &[Doc],
    answers: &Answers,
    date: Date,
    benefits: &[BenefitResult],
) -> Vec<&'static str> {
    let open = open_facts(benefits);
    if open.is_empty() {
        return Vec::new();
    }
    let lines = &layout.lines;
    debug_assert_eq!(lines.len(), benefits.len());
    let mut walk = Walk::default();
    // What the worker sees now is the estimate itself (`tests/search_equivalence.rs` holds a
    // trial with their own answers to it): no trial needed.
    let baseline: Vec<Seen> = benefits.iter().map(Seen::of).collect();
    let mut trial_seen = baseline.clone();
    let mut ranked: Vec<(&'static str, u32)> = Vec::new();
    let mut changed = vec![false; lines.len()];
    let mut reached: Vec<usize> = Vec::new();
    let mut todo: Vec<usize> = Vec::new();
    for &fact in &open {
        let wanted = bit(fact);
        reached.clear();
        reached.extend((0..lines.len()).filter(|&i| lines[i].reads & wanted != 0));
        if reached.is_empty() {
            continue; // no benefit here reads it: no answer can change anything
        }
        changed.iter_mut().for_each(|c| *c = false);
        for value in trial_values(index, fact, date) {
            // A line already seen to change need not be worked out again, unless the
            // others of its exclusive group need it to choose which one is paid.
            todo.clear();
            todo.extend(
                reached
                    .iter()
                    .copied()
                    .filter(|&i| !changed[i] || lines[i].grouped),
            );
            if todo.is_empty() {
                break;
            }
            let trial = Trial {
                answers,
                trial: facts::position(fact).map(|at| (at, &value)),
            };
            see(&mut walk, docs, layout, trial, date, &todo, &mut trial_seen);
            for &i in &todo {
                changed[i] |= trial_seen[i] != baseline[i];
                trial_seen[i] = baseline[i];
            }
        }
        let weight = weight(benefits, &changed);
        if weight > 0 {
            ranked.push((fact, weight));
        }
    }
    in_order(&open, ranked)
}

/// The facts that benefits still open (or eligible with an amount still open) miss.
fn open_facts(benefits: &[BenefitResult]) -> Vec<&'static str> {
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
    open
}

/// How much a fact matters: each benefit it can change counts, twice when it pays the worker
/// or their training.
fn weight(benefits: &[BenefitResult], changed: &[bool]) -> u32 {
    benefits
        .iter()
        .zip(changed)
        .filter(|(_, c)| **c)
        .map(|(b, _)| match b.payee {
            Payee::Worker | Payee::Provider => 2,
            Payee::Employer | Payee::None => 1,
        })
        .sum()
}

/// Most weight first, ties in conversation order, kinds before their details.
fn in_order(open: &[&'static str], mut ranked: Vec<(&'static str, u32)>) -> Vec<&'static str> {
    if ranked.is_empty() {
        ranked = open.iter().map(|f| (*f, 0)).collect();
    }
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(facts::order(a.0).cmp(&facts::order(b.0)))
    });
    let mut order: Vec<&'static str> = ranked.into_iter().map(|(f, _)| f).collect();
    kind_before_details(&mut order);
    order
}

/// What a worker sees of one benefit, and all that a trial works out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub status: Status,
    pub amount: Option<Decimal>,
    pub max: Option<Decimal>,
}

impl Seen {
    /// What a worker sees of a line of the estimate.
    fn of(line: &BenefitResult) -> Seen {
        Seen {
            status: line.status,
            amount: line.worth.0,
            max: line.worth.1,
        }
    }
}

impl Shown<'_> for Seen {
    fn status(&self) -> Status {
        self.status
    }
    fn worth(&self) -> (Option<Decimal>, Option<Decimal>) {
        (self.amount, self.max)
    }
    fn opened(self, max: Option<Decimal>) -> Seen {
        Seen {
            status: Status::Undetermined,
            amount: None,
            max,
        }
    }
    fn unconfirmed(
        notice: Seen,
        _: Seen,
        max: Option<Decimal>,
        _: &Document,
        _: &Document,
    ) -> Seen {
        notice.opened(max)
    }
    fn issue_date_decides(self, max: Option<Decimal>) -> Seen {
        self.opened(max)
    }
    fn not_paid(&mut self, _: &Seen) {
        *self = Seen::default();
    }
}

impl Default for Seen {
    fn default() -> Seen {
        Seen {
            status: Status::Ineligible,
            amount: None,
            max: None,
        }
    }
}

/// The worker's answers, with one fact set to a trial value: read through, never copied.
#[derive(Clone, Copy)]
pub(super) struct Trial<'a> {
    pub(super) answers: &'a Answers,
    /// The fact tried, by its place in the registry, and its trial value.
    pub(super) trial: Option<(usize, &'a Value)>,
}

impl<'a> Read<'a> for Trial<'a> {
    /// A fact a rule names: its place is known.
    fn fact(self, fact: FactName) -> Option<&'a Value> {
        match self.trial {
            Some((tried, value)) if tried == fact.slot() => Some(value),
            _ => self.answers.at(fact.slot()),
        }
    }
}

/// The question search's sink (`rules::Sink`): a line is what the worker sees of it and
/// whether some fact is still missing; no word is written.
struct Trying;

impl<'a> Sink<'a> for Trying {
    type Missing = bool;
    type Line = (Seen, bool);
    type Shown = Seen;
    type Criteria = ();

    fn criteria(&self, _: &'a Benefit) {}

    fn criterion(
        &self,
        _: &'a Document,
        _: RuleId,
        _: usize,
        _: &'a Condition,
        _: &Outcome<bool>,
        _: &mut (),
    ) {
    }

    fn line(
        &self,
        _: &'a Document,
        _: RuleId,
        _: &'a Benefit,
        _: (),
        decided: Decided<bool>,
    ) -> (Seen, bool) {
        let seen = Seen {
            status: decided.status,
            amount: decided.amount,
            max: decided.max,
        };
        (seen, decided.missing)
    }

    fn shown(line: (Seen, bool)) -> Seen {
        line.0
    }

    fn status(line: &(Seen, bool)) -> (Status, bool) {
        (line.0.status, line.1)
    }

    fn keep(line: &(Seen, bool)) -> Option<(Seen, bool)> {
        Some(*line)
    }

    fn reuse(kept: &mut Option<(Seen, bool)>) -> Option<(Seen, bool)> {
        *kept
    }
}

/// Works out the lines `todo` (ascending) into `out` with the trial answer, then pays each
/// exclusive group once, as the estimate does.
fn see(
    walk: &mut Walk<(Seen, bool), bool>,
    docs: &[Doc],
    layout: &Layout,
    at: Trial,
    date: Date,
    todo: &[usize],
    out: &mut [Seen],
) {
    let issued = match at.fact(super::ISSUED) {
        Some(Value::Day(day)) => Some(*day),
        _ => None,
    };
    let over = Over {
        docs,
        layout,
        sink: &Trying,
        read: at,
        date,
        issued,
    };
    walk.restart();
    let mut current: Option<usize> = None;
    let mut grouped: Option<usize> = None;
    for &i in todo {
        let line = &layout.lines[i];
        if current != Some(line.doc) {
            if let Some(g) = grouped.take() {
                pay_once(layout, g, out);
            }
            current = Some(line.doc);
        }
        if line.grouped {
            grouped = Some(line.doc);
        }
        out[i] = walk.line(&over, i);
    }
    if let Some(g) = grouped {
        pay_once(layout, g, out);
    }
}

/// What a trial would see with the worker's own answers, line by line (for the test that
/// holds the trials to the full evaluation).
pub(super) fn seen_now(
    catalog: &Catalog,
    docs: &[Doc],
    answers: &Answers,
    date: Date,
) -> Vec<Seen> {
    let layout = Layout::of(Index::of_catalog(catalog), docs);
    let every: Vec<usize> = (0..layout.lines.len()).collect();
    let mut out = vec![Seen::default(); layout.lines.len()];
    let trial = Trial {
        answers,
        trial: None,
    };
    see(
        &mut Walk::default(),
        docs,
        &layout,
        trial,
        date,
        &every,
        &mut out,
    );
    out
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
