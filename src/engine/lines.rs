//! From rules to the estimate's lines, written once for the estimate and the question search:
//! which lines there are (a standing rule of each document that reaches the worker, in their
//! order), which version of an amended rule governs a line (`super::candidates`), what an
//! unconfirmed notice leaves open, and "同一次培训不重复补贴" (pay-once). Each decision is made
//! here on what a line shows (`Shown`); the estimate's lines write their words themselves.
use super::index::{Facts, Index};
use super::rules::{Cx, Pass, Read, Sink};
use super::Doc;
use crate::date::{Date, Period};
use crate::estimate::Status;
use crate::policy::*;
use rust_decimal::Decimal;

/// What the line-level decisions read of a line, and how they change it.
pub(super) trait Shown<'a>: Sized {
    fn status(&self) -> Status;
    /// The exact amount and the most it can be, as the line shows them.
    fn worth(&self) -> (Option<Decimal>, Option<Decimal>);
    /// A line left open (`undetermined`) with this ceiling.
    fn opened(self, max: Option<Decimal>) -> Self;
    /// An unconfirmed notice and the confirmed rule it would replace disagree: the notice's
    /// line, open with this ceiling, with what both miss.
    fn unconfirmed(
        notice: Self,
        standing: Self,
        max: Option<Decimal>,
        notice_doc: &Document,
        standing_doc: &Document,
    ) -> Self;
    /// The versions that could govern disagree while the issue date is unknown.
    fn issue_date_decides(self, max: Option<Decimal>) -> Self;
    /// Not paid: the same training is paid by `kept` of the same exclusive group.
    fn not_paid(&mut self, kept: &Self);
}

/// The most a line can be, as it shows it: an eligible line's ceiling or exact amount, an
/// undetermined line's ceiling; nothing for the others.
fn ceiling<'a>(line: &impl Shown<'a>) -> Option<Decimal> {
    match line.status() {
        Status::Eligible | Status::Undetermined => {
            let (amount, max) = line.worth();
            max.or(amount)
        }
        Status::Ineligible | Status::NotInForce => None,
    }
}

/// Law reported but not confirmed (`source_grade = "unverified"`), decided once for every
/// rule: the line is `eligible` only where the rule it would replace says so too, `ineligible`
/// only where both say so (the confirmed rule's line is then shown), and otherwise open
/// (rulings.md, "Third round").
fn unconfirmed<'a, T: Shown<'a>>(
    notice: T,
    standing: T,
    notice_doc: &Document,
    standing_doc: &Document,
) -> T {
    let no = |s: Status| matches!(s, Status::Ineligible | Status::NotInForce);
    match (notice.status(), standing.status()) {
        (Status::Eligible, Status::Eligible) => return standing,
        (a, b) if no(a) && no(b) => return standing,
        _ => {}
    }
    let max = ceiling(&notice).or(ceiling(&standing));
    T::unconfirmed(notice, standing, max, notice_doc, standing_doc)
}

/// One line of the estimate: a standing rule of one of the documents that reach the worker.
pub(super) struct Line {
    /// Index into the documents that reach the worker.
    pub(super) doc: usize,
    /// Index into that document's benefits.
    pub(super) benefit: usize,
    /// The facts whose answer can change the line (`index::reads`).
    pub(super) reads: Facts,
    /// The versions of this rule other documents among them give (document, benefit), in their
    /// order: the issue date may choose one of them instead.
    versions: Vec<(usize, usize)>,
    /// A member of an exclusive group: the group is worked out together.
    pub(super) grouped: bool,
}

/// The estimate's lines, and the members of each exclusive group among them.
pub(super) struct Layout {
    pub(super) lines: Vec<Line>,
    /// For each document, for each of its rules with an exclusive group (in file order), the
    /// lines of the group's members.
    groups: Vec<Vec<Vec<usize>>>,
}

impl Layout {
    pub(super) fn of(index: &Index, docs: &[Doc]) -> Layout {
        let lines = lines(index, docs);
        let groups = groups_of(docs, &lines);
        Layout { lines, groups }
    }
}

/// The estimate's lines, in its order.
fn lines(index: &Index, docs: &[Doc]) -> Vec<Line> {
    let index = &index.reads;
    // Amendments are few: list them once rather than search every document for every line.
    let amendments: Vec<(usize, usize, &Benefit)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| doc.benefits.iter().enumerate().map(move |(j, b)| (d, j, b)))
        .filter(|(_, _, b)| b.amends.is_some())
        .collect();
    let mut lines = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        // Ids are unique in a document: a rule is in a group where it says so itself.
        for (b, benefit) in doc.benefits.iter().enumerate() {
            if benefit.amends.is_none() {
                lines.push(Line {
                    doc: d,
                    benefit: b,
                    reads: index[doc.at.at()][b],
                    versions: amendments
                        .iter()
                        .filter(|(e, _, b)| {
                            b.id == benefit.id
                                && b.amends.as_deref() == Some(doc.id.as_str())
                                && *e != d
                        })
                        .map(|(e, j, _)| (*e, *j))
                        .collect(),
                    grouped: benefit.exclusive_group.is_some(),
                });
            }
        }
    }
    lines
}

fn groups_of(docs: &[Doc], lines: &[Line]) -> Vec<Vec<Vec<usize>>> {
    docs.iter()
        .enumerate()
        .map(|(d, doc)| {
            doc.benefits
                .iter()
                .filter_map(|b| b.exclusive_group.as_deref())
                .map(|group| {
                    // Ids are unique in a document: a line is in the group its rule names.
                    (0..lines.len())
                        .filter(|&i| {
                            let line = &lines[i];
                            line.doc == d
                                && doc.benefits[line.benefit].exclusive_group.as_deref()
                                    == Some(group)
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// "同一次培训不重复补贴": for each rule of document `d` with an exclusive group (in file
/// order), of the group's eligible lines only the largest is paid (ties: the first in the file);
/// the others are not.
pub(super) fn pay_once<'a, T: Shown<'a>>(layout: &Layout, d: usize, lines: &mut [T]) {
    for members in &layout.groups[d] {
        let worth = |s: &T| {
            let (amount, max) = s.worth();
            amount.or(max).unwrap_or(Decimal::ZERO)
        };
        let eligible = || {
            members
                .iter()
                .copied()
                .filter(|&i| lines[i].status() == Status::Eligible)
        };
        let kept = eligible()
            .rev()
            .max_by(|&a, &b| worth(&lines[a]).cmp(&worth(&lines[b])));
        let Some(kept) = kept else { continue };
        let dropped: Vec<usize> = eligible().filter(|&i| i != kept).collect();
        for i in dropped {
            let (line, kept) = pick(lines, i, kept);
            line.not_paid(kept);
        }
    }
}

/// Line `i` to change, beside line `kept` to read (`i != kept`).
fn pick<T>(lines: &mut [T], i: usize, kept: usize) -> (&mut T, &T) {
    if i < kept {
        let (a, b) = lines.split_at_mut(kept);
        (&mut a[i], &b[0])
    } else {
        let (a, b) = lines.split_at_mut(i);
        (&mut b[0], &a[kept])
    }
}

/// Works out lines: each with the version that governs it. Two passes are reused from line to
/// line: one over the line's own document, one over an amending document.
pub(super) struct Walk<L, M> {
    own: Pass<L, M>,
    amending: Pass<L, M>,
    /// The document `own` is over in this run.
    current: Option<usize>,
}

impl<L, M> Default for Walk<L, M> {
    fn default() -> Self {
        Walk {
            own: Pass::default(),
            amending: Pass::default(),
            current: None,
        }
    }
}

/// What a walk reads: the documents and their lines, the sink, the answers and the dates.
pub(super) struct Over<'a, 'l, 's, S, R> {
    pub(super) docs: &'l [Doc<'a>],
    pub(super) layout: &'l Layout,
    pub(super) sink: &'s S,
    pub(super) read: R,
    pub(super) date: Date,
    /// The certificate's issue date, where known: it chooses the version that governs.
    pub(super) issued: Option<Date>,
}

impl<L, M: super::kleene::Missing + Clone> Walk<L, M> {
    /// A new run (new answers): every document is worked out afresh.
    pub(super) fn restart(&mut self) {
        self.current = None;
    }

    /// Line `i` of the layout, as the version that governs it shows it.
    pub(super) fn line<'a, 'v, S, R>(&mut self, over: &Over<'a, '_, '_, S, R>, i: usize) -> S::Shown
    where
        S: Sink<'a, Line = L, Missing = M>,
        R: Read<'v>,
    {
        let line = &over.layout.lines[i];
        let doc = over.docs[line.doc];
        if self.current != Some(line.doc) {
            self.current = Some(line.doc);
            self.own.reset(doc.doc);
        }
        let cx = Cx {
            sink: over.sink,
            id: doc.at,
            doc: doc.doc,
            read: over.read,
            date: over.date,
        };
        if line.versions.is_empty() {
            return S::shown(self.own.line(&cx, line.benefit));
        }
        // Every version that could govern; the one of `date` is shown, and the line is open
        // where they disagree.
        let periods: Vec<Period> = line
            .versions
            .iter()
            .map(|&(e, j)| over.docs[e].benefits[j].period(&over.docs[e]))
            .collect();
        let mut shown: Option<S::Shown> = None;
        let mut agree = true;
        for candidate in super::candidates(&periods, over.issued, over.date) {
            let seen = match candidate {
                None => S::shown(self.own.line(&cx, line.benefit)),
                Some(v) => {
                    let (e, j) = line.versions[v];
                    let amending_doc = over.docs[e];
                    self.amending.reset(amending_doc.doc);
                    let amending_cx = Cx {
                        id: amending_doc.at,
                        doc: amending_doc.doc,
                        ..cx
                    };
                    let notice = S::shown(self.amending.line(&amending_cx, j));
                    match amending_doc.source_grade {
                        SourceGrade::Unverified => {
                            let standing = S::shown(self.own.line(&cx, line.benefit));
                            unconfirmed(notice, standing, amending_doc.doc, doc.doc)
                        }
                        _ => notice,
                    }
                }
            };
            match &shown {
                None => shown = Some(seen),
                Some(first) => {
                    agree = first.status() == seen.status();
                    if !agree {
                        break;
                    }
                }
            }
        }
        // `candidates` names at least the version of `date`.
        let shown = shown.unwrap_or_else(|| S::shown(self.own.line(&cx, line.benefit)));
        if agree {
            shown
        } else {
            let max = ceiling(&shown);
            shown.issue_date_decides(max)
        }
    }
}
