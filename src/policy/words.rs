//! The catalogue's own sentences, worked out once with its index (`index.rs`) rather than in
//! every estimate: each citation as a worker reads it, each document's place and period in
//! words, each rule's period, where to apply for each rule, and each "这份文件已于…到期" note.
//! An estimate borrows them (no formatting, no copies), and the wasm door sends each to JS
//! once, then names it by number. They are found by the ids of the catalogue (`DocId`, a
//! rule's place in its document, a condition's in its rule), never by address.
use super::*;
use crate::date::{Date, Period};
use crate::regions;
use std::borrow::Cow;
use RuleId as RuleAt;

#[derive(Debug, Default)]
pub struct Words {
    /// By `DocId`.
    documents: Vec<DocumentWords>,
    /// Each period of a rule or document, in words.
    periods: Vec<(Period, String)>,
}

#[derive(Debug)]
struct DocumentWords {
    region_name: String,
    period_text: String,
    /// By the rule's place in the document.
    rules: Vec<RuleWords>,
    /// The notes shown once the document has ended, one per office its rules name.
    ended: Vec<String>,
}

/// A rule's sentences. A cite is `None` where it names its own 文号 and stands as it is.
#[derive(Debug)]
struct RuleWords {
    /// By the condition's place in the rule.
    conditions: Vec<Option<String>>,
    amount: Option<String>,
    /// The cite of the office its next step names (`office_and_cite`).
    office: Option<String>,
    materials: Option<String>,
    deadline: Option<String>,
    /// Its note in `ended`, where the document has an end.
    ended: Option<usize>,
    /// Its period in words, in `Words::periods`.
    period: usize,
}

/// A cite composed, kept only where it differs from the clause as written.
fn composed(doc: &Document, clause: &str) -> Option<String> {
    match compose_cite(doc, clause) {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    }
}

impl Words {
    pub(crate) fn of(catalog: &Catalog) -> Words {
        let mut words = Words::default();
        for doc in catalog.documents() {
            let periods =
                std::iter::once(doc.in_force).chain(doc.benefits.iter().map(|b| b.period(doc)));
            for period in periods {
                if !words.periods.iter().any(|(p, _)| *p == period) {
                    words.periods.push((period, period.describe()));
                }
            }
            let mut ended: Vec<String> = Vec::new();
            let rules = doc
                .benefits
                .iter()
                .map(|b| {
                    let how = b.how_to_apply.as_ref();
                    let cite = |c: Option<&String>| c.and_then(|c| composed(doc, c));
                    let note = doc.in_force.to.map(|end| {
                        let note = ended_note(end, office(doc, b));
                        match ended.iter().position(|n| *n == note) {
                            Some(k) => k,
                            None => {
                                ended.push(note);
                                ended.len() - 1
                            }
                        }
                    });
                    let period = b.period(doc);
                    let period = words.periods.iter().position(|(p, _)| *p == period);
                    RuleWords {
                        period: period.unwrap_or_default(),
                        conditions: b
                            .conditions
                            .iter()
                            .map(|c| composed(doc, &c.cite))
                            .collect(),
                        amount: composed(doc, &b.amount.cite),
                        office: office_and_cite(doc, b).1.and_then(|c| composed(doc, c)),
                        materials: cite(how.and_then(|h| h.materials_cite.as_ref())),
                        deadline: cite(how.and_then(|h| h.deadline_cite.as_ref())),
                        ended: note,
                    }
                })
                .collect();
            words.documents.push(DocumentWords {
                region_name: regions::full_name(&doc.region),
                period_text: doc.in_force.describe(),
                rules,
                ended,
            });
        }
        words
    }

    fn rule(&self, at: RuleAt) -> &RuleWords {
        &self.documents[at.doc.at()].rules[at.rule]
    }

    /// Condition `k` of a rule: its cite as it reads.
    pub(crate) fn condition_cite<'a>(&'a self, at: RuleAt, k: usize, clause: &'a str) -> &'a str {
        self.rule(at).conditions[k].as_deref().unwrap_or(clause)
    }

    /// A rule's amount: its cite as it reads.
    pub(crate) fn amount_cite<'a>(&'a self, at: RuleAt, clause: &'a str) -> &'a str {
        self.rule(at).amount.as_deref().unwrap_or(clause)
    }

    /// The cite of the office a rule's next step names (`office_and_cite`), as it reads.
    pub(crate) fn office_cite<'a>(&'a self, at: RuleAt, clause: &'a str) -> &'a str {
        self.rule(at).office.as_deref().unwrap_or(clause)
    }

    /// The cites of what the document says about applying: materials, deadline.
    pub(crate) fn apply_cites<'a>(
        &'a self,
        at: RuleAt,
        how: &'a HowToApply,
    ) -> (Option<&'a str>, Option<&'a str>) {
        let rule = self.rule(at);
        let or = |own: &'a Option<String>, clause: &'a Option<String>| {
            own.as_deref().or(clause.as_deref())
        };
        (
            or(&rule.materials, &how.materials_cite),
            or(&rule.deadline, &how.deadline_cite),
        )
    }

    /// A document's region name and its period in words.
    pub(crate) fn document(&self, doc: DocId) -> (&str, &str) {
        let d = &self.documents[doc.at()];
        (d.region_name.as_str(), d.period_text.as_str())
    }

    /// A rule's period in words.
    pub(crate) fn period(&self, at: RuleAt) -> &str {
        &self.periods[self.rule(at).period].1
    }

    /// Every sentence held, for a door that sends words once.
    fn all(&self) -> impl Iterator<Item = &str> {
        let documents = self.documents.iter().flat_map(|d| {
            let cites = d.rules.iter().flat_map(|r| {
                r.conditions
                    .iter()
                    .chain([&r.amount, &r.office, &r.materials, &r.deadline])
                    .filter_map(|c| c.as_deref())
            });
            [&*d.region_name, &*d.period_text]
                .into_iter()
                .chain(d.ended.iter().map(|e| &**e))
                .chain(cites)
        });
        let periods = self.periods.iter().map(|p| &*p.1);
        documents.chain(periods)
    }

    /// The note for a rule once its document has ended, naming its office.
    pub(crate) fn ended(&self, at: RuleAt) -> Option<&str> {
        let k = self.rule(at).ended?;
        Some(&self.documents[at.doc.at()].ended[k])
    }
}

/// Every word an estimate can take from `catalog`, each given to `put`: its documents' and
/// rules' own fields, and what is worked out of them once (citations, places, periods, notes,
/// each rule's office). A door that sends words once (the wasm's, `crate::tape`) numbers these,
/// by content. (A callback, not a list: one loop of calls is smaller in the module than a list
/// extended from arrays of each length.)
pub fn catalogue_words(catalog: &Catalog, put: &mut dyn FnMut(&str)) {
    super::index::Index::of_catalog(catalog)
        .words
        .all()
        .for_each(&mut *put);
    let some = |put: &mut dyn FnMut(&str), words: &[&Option<String>]| {
        for word in words.iter().filter_map(|w| w.as_deref()) {
            put(word);
        }
    };
    for doc in catalog.documents() {
        for word in [
            &doc.id,
            &doc.title,
            &doc.issuer,
            &doc.region,
            &doc.source,
            &doc.in_force_cite,
        ] {
            put(word);
        }
        let optional = [
            &doc.doc_number,
            &doc.period_note,
            &doc.incomplete,
            &doc.incomplete_after,
            &doc.apply,
            &doc.phone,
        ];
        some(put, &optional);
        for b in &doc.benefits {
            for word in [&b.id, &b.title, &b.clause, &b.quote, &b.amount.cite] {
                put(word);
            }
            let (office, cite) = office_and_cite(doc, b);
            put(office);
            if let Some(cite) = cite {
                put(cite);
            }
            for c in &b.conditions {
                put(&c.text);
                put(&c.cite);
            }
            if let Some(how) = &b.how_to_apply {
                how.materials.iter().for_each(|m| put(m));
                let optional = [
                    &how.office,
                    &how.office_cite,
                    &how.materials_cite,
                    &how.deadline,
                    &how.deadline_cite,
                ];
                some(put, &optional);
            }
        }
    }
}

/// How a citation reads: a cite that names its own 文号 ("人社部发〔2017〕40号 一(二)", a
/// clause an amendment restates unchanged) stands as it is; a bare clause takes the
/// document's name. Worked out once per catalogue (`words.rs`), and read there.
pub fn compose_cite<'a>(doc: &Document, clause: &'a str) -> Cow<'a, str> {
    if clause.contains('〔') {
        Cow::Borrowed(clause)
    } else {
        let short = doc.short_name();
        let mut cite = String::with_capacity(short.len() + 1 + clause.len());
        cite.push_str(short);
        cite.push(' ');
        cite.push_str(clause);
        Cow::Owned(cite)
    }
}

/// Where to apply for `rule`, in the words of its policy file.
pub fn office_text<'a>(doc: &'a Document, rule: &'a Benefit) -> &'a str {
    rule.how_to_apply
        .as_ref()
        .and_then(|h| h.office.as_deref())
        .or(doc.apply.as_deref())
        .unwrap_or("当地人力资源和社会保障部门")
}

/// What a benefit of a document that ended on `end` says: ask `office` first.
pub fn ended_note(end: Date, office: &str) -> String {
    format!(
        "这份文件已于{}到期，现在申请是否还能受理，请先向{}确认",
        end.chinese(),
        office
    )
}

/// Where the policy file names no office.
pub const NO_OFFICE: &str = "当地人社部门";

/// The office alone, for "请先向…确认" and the next step (`office_and_cite`).
pub fn office<'a>(doc: &'a Document, rule: &'a Benefit) -> &'a str {
    office_and_cite(doc, rule).0
}

/// The office of a rule's next step and the clause that names it, chosen together: the rule's
/// own (`how_to_apply.office`), else its document's structured `office`, else `NO_OFFICE`,
/// which no clause names.
pub fn office_and_cite<'a>(doc: &'a Document, rule: &'a Benefit) -> (&'a str, Option<&'a str>) {
    let own = rule.how_to_apply.as_ref().filter(|h| h.office.is_some());
    match (own, doc.office.as_deref()) {
        (Some(how), _) => (
            how.office.as_deref().unwrap_or(NO_OFFICE),
            how.office_cite.as_deref(),
        ),
        (None, Some(office)) => (office, doc.office_cite.as_deref()),
        (None, None) => (NO_OFFICE, None),
    }
}
