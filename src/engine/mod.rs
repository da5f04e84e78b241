//! The estimator's reasoning: three-valued conditions (yes, no, unknown) and exact amounts.
//!
//! A benefit is `eligible` only when every condition is known to hold, `ineligible` as soon
//! as one is known to fail, whatever else is unknown, and otherwise `undetermined` with the
//! unknown facts in `missing` (`../shared/spec/rulings.md`, "How unknowns combine"). Outside
//! its document's period it is `not_in_force`. No fact is ever assumed.
//!
//! `conditions` holds the three-valued tests, `amounts` the amount rules, `search` the
//! choice of the next questions; this file evaluates documents for a place and sums them.
mod amounts;
mod conditions;
mod index;
mod reasons;
mod search;
mod words;

use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::error::Result;
use crate::estimate::*;
use crate::money::yuan;
use crate::policy::*;
use crate::recall::Recall;
use crate::regions;
use amounts::amount;
use conditions::{add_all, claim_deadline, criterion, fact_test, Outcome, Parts, Truth};
pub use index::Index;
use reasons::{not_in_force_note, not_in_force_reason, reason, undetermined_note};
use rust_decimal::Decimal;
use search::next_questions;
pub use search::Seen;
use std::borrow::Cow;
pub use words::{borrowed_words, cite, ByAddress, Words};

/// A benefit already evaluated: what `benefit = [...]` needs of it, and its full result until
/// its own line takes it (handed over, not copied).
struct Done<'a> {
    status: Status,
    missing: Vec<&'static str>,
    full: Option<BenefitResult<'a>>,
}

/// Evaluates the benefits of one document, each once, in any order their conditions need.
struct DocumentRun<'a, 'r> {
    document: &'a Document,
    answers: &'r Answers,
    date: Date,
    /// "所选日期2021年6月1日" or "今天（2026年11月22日）".
    date_words: &'r str,
    words: Option<&'a Words>,
    /// Per benefit of the document, by its place there (ids are unique in a document).
    done: Vec<Option<Done<'a>>>,
    in_progress: Vec<&'a str>,
}

impl<'a> DocumentRun<'a, '_> {
    fn test(&mut self, test: &'a Test) -> Outcome {
        match test {
            Test::Fact { fact, rule } => fact_test(self.answers, *fact, rule, self.date),
            Test::AllOf(tests) | Test::AnyOf(tests) => {
                let mut parts = match test {
                    Test::AllOf(_) => Parts::all(),
                    _ => Parts::any(),
                };
                for t in tests {
                    parts.add(&self.test(t));
                }
                parts.outcome()
            }
            Test::EligibleFor(ids) => {
                let mut parts = Parts::any();
                for id in ids {
                    parts.add(&match self.status_by_id(id) {
                        Some((status, missing)) => match status {
                            Status::Eligible => Outcome::known(true),
                            Status::Ineligible | Status::NotInForce => Outcome::known(false),
                            Status::Undetermined => Outcome::unknown(missing),
                        },
                        None => Outcome::known(false),
                    });
                }
                parts.outcome()
            }
        }
    }

    /// Where `benefit` sits in this document (by address: it is one of them).
    fn place(&self, benefit: &Benefit) -> Option<usize> {
        let benefits = &self.document.benefits;
        benefits.iter().position(|b| std::ptr::eq(b, benefit))
    }

    /// The status of a benefit this document names, and the facts it misses.
    fn status_by_id(&mut self, id: &str) -> Option<(Status, Vec<&'static str>)> {
        let at = self.document.benefits.iter().position(|b| b.id == id)?;
        let benefit = &self.document.benefits[at];
        if self.done[at].is_none() {
            if self.in_progress.contains(&benefit.id.as_str()) {
                let r = self.cycle(benefit);
                return Some((r.status, r.missing));
            }
            self.keep(benefit, at);
        }
        let done = self.done[at].as_ref()?;
        Some((done.status, done.missing.clone()))
    }

    /// A cycle of benefits depending on each other: nothing can be concluded.
    fn cycle(&self, benefit: &'a Benefit) -> BenefitResult<'a> {
        self.result(benefit, Status::Undetermined, Vec::new(), Vec::new())
    }

    /// Evaluates a benefit named by another before its own line: its full result waits there.
    fn keep(&mut self, benefit: &'a Benefit, at: usize) {
        let result = self.uncached(benefit);
        self.done[at] = Some(Done {
            status: result.status,
            missing: result.missing.clone(),
            full: Some(result),
        });
    }

    /// A benefit's result for its line of the estimate.
    fn benefit(&mut self, benefit: &'a Benefit) -> BenefitResult<'a> {
        let Some(at) = self.place(benefit) else {
            return self.uncached(benefit);
        };
        match &mut self.done[at] {
            Some(done) => match done.full.take() {
                Some(full) => full,
                // Asked for twice: the same answers give the same result.
                None => self.uncached(benefit),
            },
            None if self.in_progress.contains(&benefit.id.as_str()) => self.cycle(benefit),
            // Its own line comes first: the result goes straight to it, and what others
            // need of it stays here.
            None => {
                let result = self.uncached(benefit);
                self.done[at] = Some(Done {
                    status: result.status,
                    missing: result.missing.clone(),
                    full: None,
                });
                result
            }
        }
    }

    fn uncached(&mut self, benefit: &'a Benefit) -> BenefitResult<'a> {
        self.in_progress.push(&benefit.id);
        let result = self.evaluate(benefit);
        self.in_progress.pop();
        result
    }

    fn evaluate(&mut self, benefit: &'a Benefit) -> BenefitResult<'a> {
        let mut criteria = Vec::with_capacity(benefit.conditions.len());
        let mut all = Parts::all();
        for condition in &benefit.conditions {
            let outcome = self.test(&condition.test);
            criteria.push(criterion(
                self.words,
                self.document,
                condition,
                &outcome,
                self.answers,
                self.date,
            ));
            all.add(&outcome);
        }
        // An amendment is only evaluated when its period holds the governing day (the
        // certificate's issue date), which may lie before the estimate's date.
        if benefit.amends.is_none() && !benefit.period(self.document).contains(self.date) {
            return self.result(benefit, Status::NotInForce, criteria, Vec::new());
        }
        let overall = all.outcome();
        let status = match overall.truth {
            Truth::Yes => Status::Eligible,
            Truth::No => Status::Ineligible,
            Truth::Unknown => Status::Undetermined,
        };
        self.result(benefit, status, criteria, overall.missing)
    }

    fn result(
        &self,
        benefit: &'a Benefit,
        status: Status,
        criteria: Vec<Criterion<'a>>,
        mut missing: Vec<&'static str>,
    ) -> BenefitResult<'a> {
        let doc = self.document;
        // A source names this document as the rule's own (and is recalled by the rule alone).
        debug_assert!(doc.benefits.iter().any(|b| std::ptr::eq(b, benefit)));
        let period = benefit.period(doc);
        let described = || match self.words.and_then(|w| w.period(period)) {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(period.describe()),
        };
        // Only an eligible or undetermined benefit shows an amount.
        let money = match status {
            Status::Eligible | Status::Undetermined => amount(&benefit.amount, self.answers),
            Status::Ineligible | Status::NotInForce => amounts::Money::none(),
        };
        let (amount, amount_max, amount_note) = match status {
            Status::Eligible => {
                add_all(&mut missing, &money.missing);
                (money.amount, money.max, money.note)
            }
            Status::Undetermined => {
                add_all(&mut missing, &money.missing);
                let ceiling = money.max.or(money.amount);
                (None, ceiling, Some(undetermined_note(ceiling)))
            }
            Status::Ineligible => (None, None, None),
            Status::NotInForce => (
                None,
                None,
                Some(Cow::Owned(not_in_force_note(self.date_words, &described()))),
            ),
        };
        if !matches!(status, Status::Eligible | Status::Undetermined) {
            missing.clear();
        }
        let reason = match status {
            Status::NotInForce => Cow::Owned(not_in_force_reason(
                self.date_words,
                &doc.title,
                &described(),
            )),
            _ => reason(status, &criteria, &missing),
        };
        BenefitResult {
            id: &benefit.id,
            title: &benefit.title,
            kind: benefit.kind,
            payee: benefit.payee,
            status,
            amount: amount.map(yuan),
            amount_max: amount_max.map(yuan),
            worth: (amount, amount_max),
            amount_note,
            missing,
            criteria,
            reason,
            deadline: benefit
                .conditions
                .iter()
                .find_map(|c| claim_deadline(&c.test, self.answers)),
            next_step: None,
            source: Source {
                document: &doc.title,
                doc_number: doc.doc_number.as_deref(),
                clause: &benefit.clause,
                effective_from: period.from,
                effective_to: period.to,
                document_id: &doc.id,
                issuer: &doc.issuer,
                quote: &benefit.quote,
                amount_cite: cite(self.words, doc, &benefit.amount.cite),
                source_grade: doc.source_grade,
                source_warning: doc.source_grade.is_secondary().then_some(SECONDARY_SOURCE),
                period_note: doc.period_note.as_deref(),
                ended_note: None,
                // Everything above is the rule's and its document's own: the same every time.
                recall: Recall::of(benefit),
            },
        }
    }
}

/// What the worker reads where a text is encoded from a copy that is not the official one.
pub const SECONDARY_SOURCE: &str = "来源为转载，请以官方原文为准";

/// The words rulings.md prescribes where a document names a benefit but no figure.
pub const NOT_STATED: &str = "本文件未列明补贴标准，以当地人社部门公布为准";

/// Which documents reach the worker: all of them for their region, only national ones
/// while the region is unknown. Most local first.
fn documents_for<'a>(catalog: &'a Catalog, region: Option<&str>) -> Vec<&'a Document> {
    let level = |code: &str| -> u8 {
        if code == regions::NATIONAL {
            3
        } else if code.ends_with("0000") {
            2
        } else if code.ends_with("00") {
            1
        } else {
            0
        }
    };
    let mut docs: Vec<&Document> = catalog
        .documents
        .iter()
        .filter(|d| match region {
            Some(r) => regions::reaches(&d.region, r),
            None => d.region == regions::NATIONAL,
        })
        .collect();
    docs.sort_by(|a, b| {
        level(&a.region)
            .cmp(&level(&b.region))
            .then(b.in_force.from.cmp(&a.in_force.from))
    });
    docs
}

/// The day that chooses which version of an amended rule governs: the certificate's issue
/// date where the worker gave it, else the estimate's date (rulings.md, "Dates, asked once").
pub fn governing_day(answers: &Answers, date: Date) -> Date {
    match answers.get("certificate.issued") {
        Some(Value::Day(day)) => *day,
        _ => date,
    }
}

/// The versions of a standing rule (`base`, in `base_doc`) that govern on `day`: the
/// amendment among `docs` whose period holds the day, else the standing rule itself where its
/// period holds it. The loader refuses overlapping amendments, so there is at most one; the
/// timeline test walks every day to prove it.
pub fn governing<'a>(
    docs: &[&'a Document],
    base_doc: &'a Document,
    base: &'a Benefit,
    day: Date,
) -> Vec<(&'a Document, &'a Benefit)> {
    let amendments: Vec<(&Document, &Benefit)> = docs
        .iter()
        .flat_map(|d| d.benefits.iter().map(move |b| (*d, b)))
        .filter(|(d, b)| {
            b.id == base.id
                && b.amends.as_deref() == Some(base_doc.id.as_str())
                && b.period(d).contains(day)
        })
        .collect();
    if !amendments.is_empty() || !base.period(base_doc).contains(day) {
        return amendments;
    }
    vec![(base_doc, base)]
}

/// Every benefit of every document that reaches the worker, evaluated on `date`. An amended
/// rule is one line, at its standing rule's place, evaluated as the version that governs.
fn evaluate_all<'a>(
    docs: &[&'a Document],
    answers: &Answers,
    date: Date,
    words: Option<&'a Words>,
) -> Vec<BenefitResult<'a>> {
    let date_words = match answers.date() {
        Some(d) => format!("所选日期{}", d.chinese()),
        None => format!("今天（{}）", date.chinese()),
    };
    let run = |document| DocumentRun {
        document,
        answers,
        date,
        date_words: &date_words,
        words,
        done: std::iter::repeat_with(|| None)
            .take(document.benefits.len())
            .collect(),
        in_progress: Vec::new(),
    };
    let day = governing_day(answers, date);
    // Amendments are few: list them once, so a rule nobody amends is not searched for one.
    let amended: Vec<(&str, &str)> = docs
        .iter()
        .flat_map(|d| d.benefits.iter())
        .filter_map(|b| b.amends.as_deref().map(|doc| (doc, b.id.as_str())))
        .collect();
    let mut benefits = Vec::with_capacity(docs.iter().map(|d| d.benefits.len()).sum());
    for doc in docs {
        let mut own = run(doc);
        let first = benefits.len();
        for benefit in &doc.benefits {
            if benefit.amends.is_some() {
                continue; // shown at the place of the rule it amends
            }
            let version = amended
                .contains(&(doc.id.as_str(), benefit.id.as_str()))
                .then(|| {
                    governing(docs, doc, benefit, day)
                        .into_iter()
                        .find(|(d, _)| !std::ptr::eq(*d, *doc))
                })
                .flatten();
            benefits.push(match version {
                Some((amending_doc, amendment)) => run(amending_doc).benefit(amendment),
                None => own.benefit(benefit),
            });
        }
        pay_once_per_training(&doc.benefits, &mut benefits[first..]);
    }
    benefits
}

/// "同一次培训不重复补贴": of the eligible benefits of one document that share an
/// `exclusive_group`, only the largest is paid (ties: the first in the file); the others are
/// ineligible and say why.
fn pay_once_per_training(rules: &[Benefit], results: &mut [BenefitResult]) {
    let groups: Vec<&str> = rules
        .iter()
        .filter_map(|b| b.exclusive_group.as_deref())
        .collect();
    for group in groups {
        let members: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.status == Status::Eligible
                    && rules
                        .iter()
                        .any(|b| b.id == r.id && b.exclusive_group.as_deref() == Some(group))
            })
            .map(|(i, _)| i)
            .collect();
        let worth = |r: &BenefitResult| r.worth.0.or(r.worth.1).unwrap_or(Decimal::ZERO);
        let Some(&kept) = members
            .iter()
            .rev()
            .max_by(|a, b| worth(&results[**a]).cmp(&worth(&results[**b])))
        else {
            continue;
        };
        let kept_title = results[kept].title;
        for &i in members.iter().filter(|i| **i != kept) {
            let r = &mut results[i];
            r.status = Status::Ineligible;
            r.amount = None;
            r.amount_max = None;
            r.worth = (None, None);
            r.amount_note = None;
            r.missing.clear();
            let text = "同一次培训不重复补贴";
            r.reason = format!("{text}：这次培训已按金额较高的“{kept_title}”补贴。").into();
            if let Some(cite) = r.criteria.first().map(|c| c.cite.clone()) {
                r.criteria.push(Criterion {
                    text,
                    met: Some(false),
                    cite,
                    hint: Some(format!("已按“{kept_title}”补贴").into()),
                    recall: Recall::NONE,
                });
            }
        }
    }
}

/// The estimate for `answers`, on `answers.date` or else on `today` (the doors pass the
/// device's date; the core reads no clock).
pub fn estimate<'a>(catalog: &'a Catalog, answers: &Answers, today: Date) -> Result<Estimate<'a>> {
    let date = answers.date().unwrap_or(today);
    if let Some(Value::Day(issued)) = answers.get("certificate.issued") {
        let latest = date.months_later(12).unwrap_or(date);
        if *issued > latest {
            return Err(crate::error::Error::answer(
                "certificate.issued",
                format!(
                    "expected a day no later than one year after the estimate's date ({date}), that is by {latest}, got \"{issued}\""
                ),
            ));
        }
    }
    let region = answers.region();
    let docs = documents_for(catalog, region);
    let words = Index::of_catalog(catalog).map(|i| &i.words);
    let benefits = evaluate_all(&docs, answers, date, words);
    // An amending notice is listed when it governs a line of this estimate; the others are
    // versions the worker's answers do not reach (their periods are in each line's source).
    let documents = docs
        .iter()
        .filter(|doc| {
            !doc.benefits.iter().any(|b| b.amends.is_some())
                || benefits.iter().any(|b| b.source.document_id == doc.id)
        })
        .map(|doc| {
            let (region_name, period_text) = match words.and_then(|w| w.document(doc)) {
                Some((name, period)) => (Cow::Borrowed(name), Cow::Borrowed(period)),
                None => (
                    Cow::Owned(regions::full_name(&doc.region)),
                    Cow::Owned(doc.in_force.describe()),
                ),
            };
            DocumentResult {
                id: &doc.id,
                title: &doc.title,
                doc_number: doc.doc_number.as_deref(),
                issuer: &doc.issuer,
                region: &doc.region,
                region_name,
                issued: doc.issued,
                effective_from: doc.in_force.from,
                effective_to: doc.in_force.to,
                in_force: doc.in_force.contains(date),
                period_text,
                period_cite: &doc.in_force_cite,
                period_note: doc.period_note.as_deref(),
                source: &doc.source,
                source_grade: doc.source_grade,
                incomplete: doc.incomplete.as_deref(),
                apply: doc.apply.as_deref(),
                benefit_count: doc.benefits.len(),
                // All above but `in_force` is the document's own.
                recall: Recall::of(*doc),
            }
        })
        .collect();

    let mut worker_total = Decimal::ZERO;
    let mut worker_uncounted = Vec::new();
    for b in benefits
        .iter()
        .filter(|b| b.status == Status::Eligible && b.payee == Payee::Worker)
    {
        match b.worth.0 {
            Some(a) => {
                worker_total = worker_total.checked_add(a).ok_or_else(|| {
                    crate::Error::policy("(catalogue)", 0, "the worker's total overflows")
                })?
            }
            None => worker_uncounted.push(b.id),
        }
    }

    let mut next = if region.is_none() {
        vec!["region"]
    } else {
        Vec::new()
    };
    next.extend(next_questions(catalog, &docs, answers, date, &benefits));
    let region_name = region.map(regions::full_name);
    let nothing_in_force_note =
        crate::next_step::nothing_in_force_note(&docs, date, region_name.as_deref());
    let mut estimate = Estimate {
        date,
        region: region.map(str::to_string),
        region_name,
        next_questions: next,
        benefits,
        totals: Totals {
            worker: yuan(worker_total),
            worker_uncounted,
        },
        documents,
        nothing_in_force_note,
        packs_missing: Vec::new(),
    };
    crate::next_step::attach(&mut estimate, &docs, today, words);
    Ok(estimate)
}

/// What a trial of `next_questions` sees of each line with the worker's own answers, beside
/// the estimate: `tests/search_equivalence.rs` holds the two together.
#[doc(hidden)]
pub fn trial_view<'a>(
    catalog: &'a Catalog,
    answers: &Answers,
    today: Date,
) -> Result<(Vec<Seen>, Estimate<'a>)> {
    let estimate = estimate(catalog, answers, today)?;
    let date = answers.date().unwrap_or(today);
    let docs = documents_for(catalog, answers.region());
    Ok((search::seen_now(catalog, &docs, answers, date), estimate))
}
