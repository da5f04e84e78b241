//! The one evaluator: a pass over a document's rules gives, per rule, its status, its figures
//! and what it misses, each rule once, in whatever order `benefit = [...]` needs them.
//!
//! What a pass writes beyond that is its sink's: the estimate's sink (`engine::Estimating`)
//! writes the criteria, reasons and notes from the outcomes this pass has decided; the question
//! search's (`search::Trying`) writes no words at all. The pass is generic over the sink (and
//! over how answers are read: the worker's own, or with one trial answer), so each use is
//! compiled on its own and the search pays for no word it does not write.
use super::amounts::{self, Figures};
use super::conditions::holds;
use super::kleene::{Missing, Outcome, Parts, Truth};
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::estimate::Status;
use crate::policy::*;
use rust_decimal::Decimal;

/// Where a pass reads the answers: the worker's own, or with one trial answer beside them.
pub(super) trait Read<'v>: Copy {
    fn fact(self, fact: FactName) -> Option<&'v Value>;
}

impl<'v> Read<'v> for &'v Answers {
    fn fact(self, fact: FactName) -> Option<&'v Value> {
        self.at(fact.slot())
    }
}

/// Why a rule has the status it has, beyond its conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ruled {
    /// By its conditions (and, where it is eligible or open, its amount).
    Conditions,
    /// Outside its period on the estimate's date.
    NotInForce,
    /// Every condition holds, but a per-day (per-month) amount has 0 units: this fact.
    NoUnits(&'static str),
    /// Every condition holds, but the clause only names a benefit another line carries.
    SameAs,
    /// Caught in a cycle of benefits naming each other: nothing can be concluded.
    Cycle,
}

/// What the pass decided of one rule: all a sink writes its line from.
pub(super) struct Decided<M> {
    pub(super) status: Status,
    pub(super) ruled: Ruled,
    /// What the line shows: the exact amount (eligible only) and the most it can be.
    pub(super) amount: Option<Decimal>,
    pub(super) max: Option<Decimal>,
    /// What is missing: the conditions' and the amount's (eligible and open lines only).
    pub(super) missing: M,
    /// The amount as worked out (`amounts::none` where the line shows none).
    pub(super) figures: Figures<M>,
}

/// What a pass writes beside the decisions: the estimate's words, or nothing.
pub(super) trait Sink<'a> {
    type Missing: Missing + Clone;
    /// One rule's line.
    type Line;
    /// What the estimate's line-level decisions (`lines`) read of a line and change.
    type Shown: super::lines::Shown<'a>;
    /// What is written of a rule's conditions while they are worked out.
    type Criteria;

    fn criteria(&self, benefit: &'a Benefit) -> Self::Criteria;
    /// Condition `k` of rule `at`, worked out.
    fn criterion(
        &self,
        doc: &'a Document,
        at: RuleId,
        k: usize,
        condition: &'a Condition,
        outcome: &Outcome<Self::Missing>,
        criteria: &mut Self::Criteria,
    );
    fn line(
        &self,
        doc: &'a Document,
        at: RuleId,
        benefit: &'a Benefit,
        criteria: Self::Criteria,
        decided: Decided<Self::Missing>,
    ) -> Self::Line;
    /// A rule's line as the estimate shows it.
    fn shown(line: Self::Line) -> Self::Shown;
    /// What `benefit = [...]` needs of a line.
    fn status(line: &Self::Line) -> (Status, Self::Missing);
    /// A line handed to its own place may also be kept for a later ask (a copy where that is
    /// cheap); `None`: a later ask works it out again.
    fn keep(line: &Self::Line) -> Option<Self::Line>;
    /// A line kept: handed over (taken), or copied.
    fn reuse(kept: &mut Option<Self::Line>) -> Option<Self::Line>;
}

/// What a pass reads: the sink, the document, the answers and the estimate's date.
pub(super) struct Cx<'a, 's, S, R> {
    pub(super) sink: &'s S,
    pub(super) id: DocId,
    pub(super) doc: &'a Document,
    pub(super) read: R,
    pub(super) date: Date,
}

/// A rule worked out in this run: its status, what it misses, and its line where kept.
struct Done<L, M> {
    run: u32,
    status: Status,
    missing: M,
    line: Option<L>,
}

/// The rules of one document, each worked out once per run. A pass is reused from one run to
/// the next (the question search runs it for every trial answer): a new run only counts on.
pub(super) struct Pass<L, M> {
    done: Vec<Option<Done<L, M>>>,
    run: u32,
    in_progress: Vec<usize>,
}

impl<L, M> Default for Pass<L, M> {
    fn default() -> Self {
        Pass {
            done: Vec::new(),
            run: 0,
            in_progress: Vec::new(),
        }
    }
}

impl<L, M: Missing + Clone> Pass<L, M> {
    /// A new run, over `doc`.
    pub(super) fn reset(&mut self, doc: &Document) {
        self.run += 1;
        if self.done.len() < doc.benefits.len() {
            self.done.resize_with(doc.benefits.len(), || None);
        }
        self.in_progress.clear();
    }

    fn fresh(&mut self, i: usize) -> Option<&mut Done<L, M>> {
        let run = self.run;
        self.done[i].as_mut().filter(|d| d.run == run)
    }

    /// The line of rule `i` of the document, for its own place.
    pub(super) fn line<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, i: usize) -> L
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        if let Some(done) = self.fresh(i) {
            return match S::reuse(&mut done.line) {
                Some(line) => line,
                // Asked for twice: the same answers give the same line.
                None => self.uncached(cx, i),
            };
        }
        if self.in_progress.contains(&i) {
            return self.cycle(cx, i);
        }
        // Its own line comes first: the line goes straight to it, and what others need of it
        // stays here.
        let line = self.uncached(cx, i);
        self.store(i, S::status(&line), S::keep(&line));
        line
    }

    /// The status of rule `i`, named by another (`benefit = [...]`), and what it misses.
    fn status<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, i: usize) -> (Status, M)
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        if let Some(done) = self.fresh(i) {
            return (done.status, done.missing.clone());
        }
        if self.in_progress.contains(&i) {
            return S::status(&self.cycle(cx, i));
        }
        // Worked out before its own line: the line waits there.
        let line = self.uncached(cx, i);
        let status = S::status(&line);
        self.store(i, status.clone(), Some(line));
        status
    }

    fn store(&mut self, i: usize, (status, missing): (Status, M), line: Option<L>) {
        self.done[i] = Some(Done {
            run: self.run,
            status,
            missing,
            line,
        });
    }

    fn uncached<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, i: usize) -> L
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        self.in_progress.push(i);
        let line = self.evaluate(cx, i);
        self.in_progress.pop();
        line
    }

    fn cycle<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, i: usize) -> L
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        let benefit = &cx.doc.benefits[i];
        let criteria = cx.sink.criteria(benefit);
        finish(
            cx,
            i,
            criteria,
            Status::Undetermined,
            Ruled::Cycle,
            M::default(),
        )
    }

    fn evaluate<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, i: usize) -> L
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        let benefit = &cx.doc.benefits[i];
        let mut criteria = cx.sink.criteria(benefit);
        let at = RuleId {
            doc: cx.id,
            rule: i,
        };
        let mut all = Parts::all();
        for (k, condition) in benefit.conditions.iter().enumerate() {
            let outcome = self.test(cx, &condition.test);
            let criteria = &mut criteria;
            cx.sink
                .criterion(cx.doc, at, k, condition, &outcome, criteria);
            all.add(&outcome);
        }
        // An amendment is only evaluated when its period holds the governing day (the
        // certificate's issue date), which may lie before the estimate's date.
        if benefit.amends.is_none() && !benefit.period(cx.doc).contains(cx.date) {
            let none = M::default();
            return finish(cx, i, criteria, Status::NotInForce, Ruled::NotInForce, none);
        }
        let overall = all.outcome();
        match overall.truth {
            Truth::No => finish(
                cx,
                i,
                criteria,
                Status::Ineligible,
                Ruled::Conditions,
                M::default(),
            ),
            Truth::Unknown => finish(
                cx,
                i,
                criteria,
                Status::Undetermined,
                Ruled::Conditions,
                overall.missing,
            ),
            Truth::Yes => {
                // Nothing to pay for: a training of 0 days is refused, not "符合 0元".
                if let Some(fact) = amounts::no_units(&benefit.amount, |f| cx.read.fact(f)) {
                    let ruled = Ruled::NoUnits(fact);
                    return finish(cx, i, criteria, Status::Ineligible, ruled, M::default());
                }
                // A clause that only names a benefit another line carries is never eligible
                // on its own: whether it is met is that line's answer (rulings.md, "Third
                // round").
                if benefit.same_as.is_some() {
                    let ruled = Ruled::SameAs;
                    let none = M::default();
                    return finish(cx, i, criteria, Status::Undetermined, ruled, none);
                }
                let none = M::default();
                finish(cx, i, criteria, Status::Eligible, Ruled::Conditions, none)
            }
        }
    }

    fn test<'a, 'v, S, R>(&mut self, cx: &Cx<'a, '_, S, R>, test: &Test) -> Outcome<M>
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        match test {
            Test::Fact { fact, rule } => {
                Outcome::of_fact(holds(cx.read.fact(*fact), rule, cx.date), fact.0)
            }
            Test::AllOf(tests) | Test::AnyOf(tests) => {
                let mut parts = match test {
                    Test::AllOf(_) => Parts::all(),
                    _ => Parts::any(),
                };
                // Every part is worked out: a part may name a benefit, reached in file order.
                for t in tests {
                    let part = self.test(cx, t);
                    parts.add(&part);
                }
                parts.outcome()
            }
            Test::EligibleFor(ids) => {
                let mut any = Parts::any();
                for id in ids {
                    // An id the document does not have counts as "no".
                    let Some(j) = cx.doc.benefits.iter().position(|b| &b.id == id) else {
                        continue;
                    };
                    let (status, missing) = self.status(cx, j);
                    any.add(&match status {
                        Status::Eligible => Outcome::known(true),
                        Status::Ineligible | Status::NotInForce => Outcome::known(false),
                        Status::Undetermined => Outcome::unknown(missing),
                    });
                }
                any.outcome()
            }
        }
    }
}

/// A rule's line from its status: the amount is worked out where the line shows one (eligible
/// or open), and what it misses joins the conditions'.
fn finish<'a, 'v, S, R>(
    cx: &Cx<'a, '_, S, R>,
    rule: usize,
    criteria: S::Criteria,
    status: Status,
    ruled: Ruled,
    mut missing: S::Missing,
) -> S::Line
where
    S: Sink<'a>,
    R: Read<'v>,
{
    let benefit = &cx.doc.benefits[rule];
    let at = RuleId { doc: cx.id, rule };
    let figures: Figures<S::Missing> = match status {
        Status::Eligible | Status::Undetermined => {
            amounts::figures(&benefit.amount, |f| cx.read.fact(f))
        }
        Status::Ineligible | Status::NotInForce => Figures::none(),
    };
    let (amount, max) = match status {
        Status::Eligible => (figures.amount, figures.max),
        Status::Undetermined => (None, figures.max.or(figures.amount)),
        Status::Ineligible | Status::NotInForce => (None, None),
    };
    match status {
        Status::Eligible | Status::Undetermined => missing.add(&figures.missing),
        Status::Ineligible | Status::NotInForce => missing = S::Missing::default(),
    }
    let decided = Decided {
        status,
        ruled,
        amount,
        max,
        missing,
        figures,
    };
    cx.sink.line(cx.doc, at, benefit, criteria, decided)
}
