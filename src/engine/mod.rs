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
mod kleene;
mod lines;
mod reasons;
mod rules;
mod search;
mod steps;

use crate::answers::{Answers, Value};
use crate::date::{Date, Period};
use crate::error::Result;
use crate::estimate::*;
pub use crate::estimate::{NOT_STATED, SECONDARY_SOURCE, UNVERIFIED_SOURCE};
use crate::money::yuan;
use crate::policy::words::compose_cite;
pub use crate::policy::words::Words;
use crate::policy::*;
use crate::recall::Recall;
use crate::regions;
use conditions::{claim_deadline, criterion, Outcome};
use index::Index;
use kleene::add_all;
use lines::{pay_once, Layout, Over, Shown, Walk};
use reasons::{not_in_force_note, not_in_force_reason, reason, undetermined_note};
use rules::{Decided, Ruled, Sink};
use rust_decimal::Decimal;
use search::next_questions;
pub use search::Seen;
use std::borrow::Cow;

/// The estimate's sink (`rules::Sink`): the criteria, reasons and notes, written from what the
/// pass decided.
struct Estimating<'a, 'r> {
    answers: &'r Answers,
    date: Date,
    /// "所选日期2021年6月1日" or "今天（2026年11月22日）".
    date_words: &'r str,
    words: &'a Words,
}

impl<'a> Sink<'a> for Estimating<'a, '_> {
    type Missing = Vec<&'static str>;
    type Line = BenefitResult<'a>;
    type Shown = BenefitResult<'a>;
    type Criteria = Vec<Criterion<'a>>;

    fn criteria(&self, benefit: &'a Benefit) -> Vec<Criterion<'a>> {
        Vec::with_capacity(benefit.conditions.len())
    }

    fn criterion(
        &self,
        _: &'a Document,
        at: RuleId,
        k: usize,
        condition: &'a Condition,
        outcome: &Outcome,
        criteria: &mut Vec<Criterion<'a>>,
    ) {
        criteria.push(criterion(
            self.words,
            at,
            k,
            condition,
            outcome,
            self.answers,
            self.date,
        ));
    }

    fn line(
        &self,
        doc: &'a Document,
        at: RuleId,
        benefit: &'a Benefit,
        mut criteria: Vec<Criterion<'a>>,
        decided: Decided<Vec<&'static str>>,
    ) -> BenefitResult<'a> {
        let status = decided.status;
        match decided.ruled {
            Ruled::NoUnits(fact) => criteria.push(Criterion {
                text: no_units_text(fact),
                met: Some(false),
                cite: Cow::Borrowed(self.words.amount_cite(at, &benefit.amount.cite)),
                hint: None,
                recall: Recall::NONE,
            }),
            Ruled::SameAs => criteria.push(Criterion {
                text: SAME_AS_CRITERION,
                met: None,
                cite: compose_cite(doc, &benefit.clause),
                hint: None,
                recall: Recall::NONE,
            }),
            Ruled::Conditions | Ruled::NotInForce | Ruled::Cycle => {}
        }
        let period = benefit.period(doc);
        let described = self.words.period(at);
        let amount_note = match status {
            Status::Eligible => amounts::note(&benefit.amount, &decided.figures),
            Status::Undetermined => Some(undetermined_note(decided.max)),
            Status::Ineligible => None,
            Status::NotInForce => Some(Cow::Owned(not_in_force_note(self.date_words, described))),
        };
        let missing = decided.missing;
        let reason = match status {
            Status::NotInForce => {
                Cow::Owned(not_in_force_reason(self.date_words, &doc.title, described))
            }
            _ => reason(status, &criteria, &missing),
        };
        let mut line = BenefitResult {
            id: &benefit.id,
            title: &benefit.title,
            kind: benefit.kind,
            payee: benefit.payee,
            status,
            amount: decided.amount.map(yuan),
            amount_max: decided.max.map(yuan),
            worth: (decided.amount, decided.max),
            amount_note,
            missing,
            criteria,
            reason,
            deadline: benefit
                .conditions
                .iter()
                .find_map(|c| claim_deadline(&c.test, self.answers)),
            next_step: None,
            claim_window_note: None,
            source: Source {
                document: &doc.title,
                doc_number: doc.doc_number.as_deref(),
                clause: &benefit.clause,
                effective_from: period.from,
                effective_to: period.to,
                document_id: &doc.id,
                issuer: &doc.issuer,
                quote: &benefit.quote,
                amount_cite: Cow::Borrowed(self.words.amount_cite(at, &benefit.amount.cite)),
                source_grade: doc.source_grade,
                source_warning: match doc.source_grade {
                    SourceGrade::Unverified => Some(UNVERIFIED_SOURCE),
                    grade if grade.is_secondary() => Some(SECONDARY_SOURCE),
                    _ => None,
                },
                period_note: doc.period_note.as_deref(),
                ended_note: None,
                // Everything above is the rule's and its document's own: the same every time.
                recall: Recall::source(at),
            },
            rule: at,
        };
        if decided.ruled == Ruled::SameAs {
            line.reason = Cow::Borrowed(SAME_AS_REASON);
            line.amount_note = Some(Cow::Borrowed("金额见“失业保险技能提升补贴”一项"));
        }
        line
    }

    fn shown(line: BenefitResult<'a>) -> BenefitResult<'a> {
        line
    }

    fn status(line: &BenefitResult<'a>) -> (Status, Vec<&'static str>) {
        (line.status, line.missing.clone())
    }

    fn keep(_: &BenefitResult<'a>) -> Option<BenefitResult<'a>> {
        None
    }

    fn reuse(kept: &mut Option<BenefitResult<'a>>) -> Option<BenefitResult<'a>> {
        kept.take()
    }
}

/// The criterion a per-day (per-month) amount adds when the count is 0.
fn no_units_text(fact: &str) -> &'static str {
    match fact {
        "training.months" => "培训至少1个月",
        _ => "培训至少1天",
    }
}

/// The criterion and the reason of a clause that only names a benefit another line carries.
pub const SAME_AS_CRITERION: &str = "符合全国“失业保险技能提升补贴”的条件";
pub const SAME_AS_REASON: &str =
    "这一条说的就是全国的“失业保险技能提升补贴”，本身没有另外的条件：能不能领、领多少，请看“失业保险技能提升补贴”一项";

/// How wide a place is: 0 a county, 1 a city, 2 a province, 3 the nation.
fn level(code: &str) -> u8 {
    if code == regions::NATIONAL {
        3
    } else if code.ends_with("0000") {
        2
    } else if code.ends_with("00") {
        1
    } else {
        0
    }
}

/// A document of the catalogue with its id: what the engine passes around.
#[derive(Clone, Copy)]
pub(super) struct Doc<'a> {
    /// Its id in the catalogue (`doc.id` is the document's own name, "czf-2020-12").
    pub(super) at: DocId,
    pub(super) doc: &'a Document,
}

impl std::ops::Deref for Doc<'_> {
    type Target = Document;
    fn deref(&self) -> &Document {
        self.doc
    }
}

/// The order the documents that reach a worker are taken in: the most local first, then the
/// newest. An amendment earlier in it hides a wider one of the same days (`candidates`).
fn nearest_first(a: &Document, b: &Document) -> std::cmp::Ordering {
    level(&a.region)
        .cmp(&level(&b.region))
        .then(b.in_force.from.cmp(&a.in_force.from))
}

/// Which documents reach the worker: all of them for their region, only national ones
/// while the region is unknown. Most local first (`nearest_first`).
fn documents_for<'a>(catalog: &'a Catalog, region: Option<&str>) -> Vec<Doc<'a>> {
    let mut docs: Vec<Doc> = catalog
        .with_ids()
        .filter(|(_, d)| match region {
            Some(r) => regions::reaches(&d.region, r),
            None => d.region == regions::NATIONAL,
        })
        .map(|(at, doc)| Doc { at, doc })
        .collect();
    docs.sort_by(|a, b| nearest_first(a, b));
    docs
}

/// The certificate's issue date, which chooses the version of an amended rule that governs.
pub(crate) const ISSUED: FactName = FactName::registered("certificate.issued");

/// The day that chooses which version of an amended rule governs: the certificate's issue
/// date where the worker gave it, else the estimate's date (rulings.md, "Dates, asked once").
pub fn governing_day(answers: &Answers, date: Date) -> Date {
    match answers.at(ISSUED.slot()) {
        Some(Value::Day(day)) => *day,
        _ => date,
    }
}

/// The version of a standing rule (`base`, in `base_doc`) that governs on `day` among `docs`
/// (the documents that reach a place, in any order), as the estimate chooses it with the issue
/// date known (`candidates`): the amendment whose period holds the day, the most local first,
/// else the standing rule; `None` where the version chosen is not in force that day. The
/// timeline test walks every day, in each place, with it.
pub fn governing<'a>(
    docs: &[&'a Document],
    base_doc: &'a Document,
    base: &'a Benefit,
    day: Date,
) -> Option<(&'a Document, &'a Benefit)> {
    let mut amendments: Vec<(&Document, &Benefit)> = docs
        .iter()
        .flat_map(|d| d.benefits.iter().map(move |b| (*d, b)))
        .filter(|(_, b)| b.id == base.id && b.amends.as_deref() == Some(base_doc.id.as_str()))
        .collect();
    amendments.sort_by(|(a, _), (b, _)| nearest_first(a, b));
    let periods: Vec<Period> = amendments.iter().map(|(d, b)| b.period(d)).collect();
    // With the issue date known, `candidates` names exactly one version.
    let (doc, rule) = match candidates(&periods, Some(day), day).first() {
        Some(Some(i)) => amendments[*i],
        _ => (base_doc, base),
    };
    rule.period(doc).contains(day).then_some((doc, rule))
}

/// How many months before the estimate's date a certificate may have been issued and still
/// be claimed: the claim window of 人社部发〔2017〕40号 二(一), which every version keeps. With
/// the issue date unknown, the versions governing some day of this window are the candidates.
pub const CLAIMABLE_MONTHS: u32 = 12;

/// The versions of an amended rule that could govern its line, as indices into `amendments`
/// (the periods of the amending versions, in the documents' order), `None` for the standing
/// rule; the one shown first. With the issue date known, only the version of that day; unknown,
/// the version of `date` and every other that governs some day of the `CLAIMABLE_MONTHS`
/// before it (rulings.md, "Third round": `date` chooses only where every candidate agrees).
pub fn candidates(amendments: &[Period], issued: Option<Date>, date: Date) -> Vec<Option<usize>> {
    let at = |day: Date| amendments.iter().position(|p| p.contains(day));
    if let Some(day) = issued {
        return vec![at(day)];
    }
    let start = date.months_earlier(CLAIMABLE_MONTHS).unwrap_or(date);
    let window = Period {
        from: start,
        to: Some(date),
    };
    let mut out = vec![at(date)];
    let covering: Vec<&Period> = amendments.iter().filter(|p| p.overlaps(&window)).collect();
    // Where it reaches, a more local amendment (earlier in the list) hides a wider one of the
    // same days: a version hidden on every day of the window governs none of them.
    let hidden = |i: usize| {
        let p = &amendments[i];
        let from = p.from.max(start);
        let to = p.to.map_or(date, |to| to.min(date));
        amendments[..i]
            .iter()
            .any(|q| q.contains(from) && q.contains(to))
    };
    for (i, p) in amendments.iter().enumerate() {
        if p.overlaps(&window) && !out.contains(&Some(i)) && !hidden(i) {
            out.push(Some(i));
        }
    }
    // The standing rule is a candidate where some day of the window has no amendment: walk
    // from its first day along the periods that hold the next uncovered day (no sort: a sort
    // of its own would weigh on the WebAssembly module).
    let mut next = start; // the first day not yet covered
    while next <= date {
        let Some(p) = covering.iter().find(|p| p.contains(next)) else {
            break;
        };
        next = p.to.map_or(date.next_day(), Date::next_day);
    }
    if next <= date && !out.contains(&None) {
        out.push(None);
    }
    out
}

/// Every benefit of every document that reaches the worker, evaluated on `date`. An amended
/// rule is one line, at its standing rule's place, evaluated as the version that governs.
fn evaluate_all<'a>(
    docs: &[Doc<'a>],
    layout: &Layout,
    answers: &Answers,
    date: Date,
    words: &'a Words,
) -> Vec<BenefitResult<'a>> {
    let date_words = match answers.date() {
        Some(d) => format!("所选日期{}", d.chinese()),
        None => format!("今天（{}）", date.chinese()),
    };
    let sink = Estimating {
        answers,
        date,
        date_words: &date_words,
        words,
    };
    let issued = match answers.at(ISSUED.slot()) {
        Some(Value::Day(day)) => Some(*day),
        _ => None,
    };
    let over = Over {
        docs,
        layout,
        sink: &sink,
        read: answers,
        date,
        issued,
    };
    let mut walk = Walk::default();
    let lines = &layout.lines;
    let mut benefits = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        benefits.push(walk.line(&over, i));
        if lines.get(i + 1).is_none_or(|next| next.doc != line.doc) {
            pay_once(layout, line.doc, &mut benefits);
        }
    }
    benefits
}

impl<'a> Shown<'a> for BenefitResult<'a> {
    fn status(&self) -> Status {
        self.status
    }

    fn worth(&self) -> (Option<Decimal>, Option<Decimal>) {
        self.worth
    }

    /// The line as undetermined: no amount, its ceiling where it had one.
    fn opened(mut self, max: Option<Decimal>) -> Self {
        self.status = Status::Undetermined;
        self.amount = None;
        self.amount_max = max.map(yuan);
        self.worth = (None, max);
        self.amount_note = Some(undetermined_note(max));
        self
    }

    /// Says in plain words what is reported, that it is not confirmed, and whom to ask.
    fn unconfirmed(
        notice: Self,
        standing: Self,
        max: Option<Decimal>,
        notice_doc: &Document,
        standing_doc: &Document,
    ) -> Self {
        let mut missing = notice.missing.clone();
        if standing.status == Status::Undetermined {
            add_all(&mut missing, &standing.missing);
        }
        let notice_says = match notice.status {
            Status::Eligible => "按报道的规定您符合条件",
            Status::Undetermined => "按报道的规定还要再回答几个问题",
            _ => "按报道的规定您不符合条件",
        };
        // Pieces, not a template: a string search would weigh on the WebAssembly module.
        let standing_says = match standing.status {
            Status::Eligible => "您符合条件",
            Status::Undetermined => "还要再回答几个问题",
            _ => "您不符合条件",
        };
        let mut line = notice.opened(max);
        if missing.is_empty() {
            // Nothing left to answer: only the notice itself is in doubt.
            line.amount_note = Some(Cow::Owned(match max {
                Some(m) => format!(
                    "能否领取取决于尚未核实的通知，请向参保地人社部门确认；如能领取，不超过{}元",
                    yuan(m)
                ),
                None => "能否领取取决于尚未核实的通知，请向参保地人社部门确认".to_string(),
            }));
        }
        line.missing = missing;
        line.reason = Cow::Owned(format!(
            "据第三方资料，{}这项补贴有新的规定，但尚未找到官方原文，还不能确认。{notice_says}；按已确认的{}{standing_says}。请向参保地人社部门咨询，或拨打12333。",
            notice_doc.in_force.describe(),
            standing_doc.short_name(),
        ));
        line
    }

    /// With the issue date unknown, the notices that could govern disagree: the line waits on
    /// the date (rulings.md, "Third round": a date that decides is asked, not assumed).
    fn issue_date_decides(self, max: Option<Decimal>) -> Self {
        let mut line = self.opened(max);
        add_all(&mut line.missing, &["certificate.issued"]);
        line.reason =
            Cow::Borrowed("证书核发日期不同，适用的国家通知不同，结果也不同：请回答证书的核发日期");
        line
    }

    /// "同一次培训不重复补贴": ineligible, saying which line pays for the training.
    fn not_paid(&mut self, kept: &Self) {
        let kept_title = kept.title;
        self.status = Status::Ineligible;
        self.amount = None;
        self.amount_max = None;
        self.worth = (None, None);
        self.amount_note = None;
        self.missing.clear();
        let text = "同一次培训不重复补贴";
        self.reason = format!("{text}：这次培训已按金额较高的“{kept_title}”补贴。").into();
        if let Some(cite) = self.criteria.first().map(|c| c.cite.clone()) {
            self.criteria.push(Criterion {
                text,
                met: Some(false),
                cite,
                hint: Some(format!("已按“{kept_title}”补贴").into()),
                recall: Recall::NONE,
            });
        }
    }
}

/// The estimate for `answers`, on `answers.date` or else on `today` (the doors pass the
/// device's date; the core reads no clock).
pub fn estimate<'a>(catalog: &'a Catalog, answers: &Answers, today: Date) -> Result<Estimate<'a>> {
    let date = answers.date().unwrap_or(today);
    if let Some(Value::Day(issued)) = answers.at(ISSUED.slot()) {
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
    let index = Index::of_catalog(catalog);
    let words = &index.words;
    let layout = Layout::of(index, &docs);
    let mut benefits = evaluate_all(&docs, &layout, answers, date, words);
    steps::attach(&mut benefits, catalog, words, date, today);
    // An amending notice is listed when it governs a line of this estimate; the others are
    // versions the worker's answers do not reach (their periods are in each line's source).
    let documents = docs
        .iter()
        .filter(|doc| {
            !doc.benefits.iter().any(|b| b.amends.is_some())
                || benefits.iter().any(|b| b.source.document_id == doc.id)
        })
        .map(|&Doc { at, doc }| {
            let (region_name, period_text) = words.document(at);
            let (region_name, period_text) =
                (Cow::Borrowed(region_name), Cow::Borrowed(period_text));
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
                incomplete_after: doc.incomplete_after.as_deref(),
                apply: doc.apply.as_deref(),
                benefit_count: doc.benefits.len(),
                verified_on: doc.verified_on,
                // All above but `in_force` is the document's own.
                recall: Recall::document(at),
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
    next.extend(next_questions(
        index, &layout, &docs, answers, date, &benefits,
    ));
    let region_name = region.map(regions::full_name);
    let nothing_in_force_note = steps::nothing_in_force_note(&docs, date, region_name.as_deref());
    Ok(Estimate {
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
    })
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
