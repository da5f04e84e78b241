//! The policy catalogue: one TOML file per source document under
//! `policies/<region-code>/<document-id>.toml`, read into the types below. Every condition and
//! every amount carries the clause it comes from. `load` turns text into these types and
//! reports each problem with its file and line; nothing here evaluates a worker's answers.
//!
//! `build.rs` compiles this module too: it checks every policy file when the crate is built
//! and embeds the checked catalogue in a compact binary form of its own (`wire`,
//! `Catalog::embedded`), so a broken file fails the build and the WebAssembly module carries
//! no TOML parser and no serde reader.
mod checks;
pub(crate) mod index;
mod load;
pub mod pack;
pub mod studio;
mod verified;
mod wire;
pub mod words;

// build.rs compiles this module too and has no use for it.
#[allow(unused_imports)]
pub use verified::stale_checks;

use crate::date::{Date, Period};
use crate::error::Error;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Every document the estimator knows, prepared for the engine: immutable once made (its
/// fields are private), so what the engine works out of it once (`index::Index`: the facts
/// each rule reads, the answers worth trying, the sentences an estimate borrows) can never go
/// stale. A document's id is its place here (`DocId`), a rule's its place in its document.
#[derive(Debug)]
pub struct Catalog {
    documents: Vec<Document>,
    /// What the engine needs of this catalogue beyond its documents (`index`), worked out on
    /// first use, never serialised.
    index: std::sync::OnceLock<index::Index>,
}

/// A copy is a new catalogue: its index is worked out afresh on first use.
impl Clone for Catalog {
    fn clone(&self) -> Catalog {
        Catalog::new(self.documents.clone())
    }
}

/// A document's id: its place in its catalogue (`Catalog::document_at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub(crate) u32);

impl DocId {
    /// Its place in the catalogue's documents.
    pub fn at(self) -> usize {
        self.0 as usize
    }
}

/// A rule's id: its document's, and its place among the document's benefits. (A condition's
/// is its rule's and its place among the rule's conditions.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleId {
    pub doc: DocId,
    pub rule: usize,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// `policies/140502/czf-2020-12.toml`
    pub path: String,
    pub id: String,
    pub title: String,
    /// 文号, where the text carries one.
    pub doc_number: Option<String>,
    pub issuer: String,
    /// The signing day; `None` where the captured text carries none.
    pub issued: Option<Date>,
    /// GB/T 2260 code; `000000` for national documents.
    pub region: String,
    /// The copy of the text this was encoded from (a seed file, or a named site).
    pub source: String,
    /// How trustworthy that copy is; the page warns when it is not an official one.
    pub source_grade: SourceGrade,
    pub in_force: Period,
    /// Why the period is what it is: the clause, and the reading where the text is unclear.
    pub in_force_cite: String,
    /// Plain words shown beside the period when it rests on something other than the text
    /// itself (a capture site's "现行有效" note, say).
    pub period_note: Option<String>,
    /// Set when the captured text ends early: what is missing.
    pub incomplete: Option<String>,
    /// With `incomplete`: the last clause the captured text reaches, perhaps only in part
    /// ("四(二)"), as it is named in `incomplete`; the page says "只收录到四(二)".
    pub incomplete_after: Option<String>,
    /// Where a worker applies, in plain words.
    pub apply: Option<String>,
    /// The office `apply` names, word for word; absent where it names none (the next step
    /// then says `words::NO_OFFICE`).
    pub office: Option<String>,
    /// The clause of the document that names `office` (with it, and only with it).
    pub office_cite: Option<String>,
    /// The phone line `apply` names (digits); absent: `estimate::PHONE`.
    pub phone: Option<String>,
    /// The day the encoded text was last checked against its copy; `subsidy check` warns
    /// where a document in force was last checked more than a year ago.
    pub verified_on: Option<Date>,
    pub benefits: Vec<Benefit>,
    /// Measures for organisations (training-centre grants, master studios, labour brands):
    /// kept with their citations, never in a worker's results. Read and checked from the
    /// TOML files (`subsidy check`, the build) but not embedded: nothing in the engine or its
    /// outputs reads them, so `Catalog::embedded` has them empty.
    pub measures: Vec<Measure>,
}

impl Document {
    /// How a citation names this document: its 文号, or its title where it has none.
    pub fn short_name(&self) -> &str {
        self.doc_number.as_deref().unwrap_or(&self.title)
    }
}

/// How far a copy of a text can be trusted (`../shared/sources/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceGrade {
    /// A government site, or the seed text the project was given.
    Official,
    /// A verbatim copy of a government document on another site.
    OfficialMirror,
    /// A news report quoting the issuing ministry.
    News,
    /// An aggregator or a local summary: a lead, encoded only where nothing better exists.
    Secondary,
    /// A notice known only from leads that disagree or cannot be checked (no official copy,
    /// no news report): law that is reported but not confirmed. Under it a line is never
    /// `eligible` or `ineligible` on the notice alone (`engine`, rulings.md "Third round").
    Unverified,
}

impl SourceGrade {
    /// Whether the worker is told to check the official text ("来源为转载，请以官方原文为准").
    pub fn is_secondary(self) -> bool {
        matches!(self, SourceGrade::News | SourceGrade::Secondary)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BenefitKind {
    PersonalBonus,
    TrainingSubsidy,
    LivingAllowance,
    EmployerSubsidy,
    CareerPathway,
    Program,
}

/// Who receives the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Payee {
    /// Cash to the person.
    Worker,
    /// Pays the trainer or assessor, so the training or certificate is free to the worker.
    Provider,
    Employer,
    None,
}

#[derive(Debug, Clone)]
pub struct Benefit {
    pub id: String,
    pub title: String,
    pub kind: BenefitKind,
    pub payee: Payee,
    pub clause: String,
    /// The words of the clause, as the document has them.
    pub quote: String,
    /// A version of a benefit may cover less than its document; `None`: the document's period.
    pub in_force: Option<Period>,
    /// The id of a document whose benefit of the same id this one replaces for its own period
    /// (a year's relaxation notice amends the standing rule). Which version governs is chosen
    /// by the certificate's issue date, or the estimate's date (`engine::governing`).
    pub amends: Option<String>,
    /// Benefits of one document that pay for the same training: where several are eligible,
    /// only the largest is paid ("同一次培训不重复补贴").
    pub exclusive_group: Option<String>,
    /// The id of a benefit of another document that this clause only names (西藏's "失业保险
    /// 支持参保职工提升职业技能" is the national 技能提升补贴): the line is never `eligible` on its
    /// own and points to that one (rulings.md, "Third round").
    pub same_as: Option<String>,
    /// Where and how to apply, where the document says more than its `apply` line.
    pub how_to_apply: Option<HowToApply>,
    pub conditions: Vec<Condition>,
    pub amount: Amount,
    pub line: usize,
}

/// One condition of a benefit, as the worker reads it under "why" and "why not".
#[derive(Debug, Clone)]
pub struct Condition {
    pub text: String,
    pub cite: String,
    pub test: Test,
    /// What would change a "no": "再缴纳{gap}个月失业保险即可申领" (`{gap}` is filled in for
    /// `at_least` tests).
    pub if_not: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    Fact {
        fact: FactName,
        rule: FactRule,
    },
    AnyOf(Vec<Test>),
    AllOf(Vec<Test>),
    /// Eligible for at least one of these benefits of the same document (a living allowance
    /// is paid during a training the worker is eligible for).
    EligibleFor(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactRule {
    /// The answer is one of these values (for `groups`: the worker is in one of these groups).
    In(Vec<String>),
    NotIn(Vec<String>),
    AtLeast(i64),
    Below(i64),
    Is(bool),
    /// A day fact on or after this day ("2017年1月1日以后取得").
    OnOrAfter(Date),
    /// A day fact before this day.
    Before(Date),
    /// The estimate's date falls within this many months of a day fact ("证书核发之日起12个月内
    /// 申请"); the last day is reckoned by `Date::months_later`.
    WithinMonths(u32),
}

#[derive(Debug, Clone)]
pub struct Amount {
    pub rule: AmountRule,
    pub cite: String,
    /// Plain words added to the result's `amount_note`.
    pub note: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub enum AmountRule {
    Fixed(Decimal),
    /// `rate` × the count in `per` (days or months), at most `max_units` of them, at most `cap`.
    PerUnit {
        rate: Decimal,
        per: FactName,
        cap: Option<Decimal>,
        max_units: Option<i64>,
    },
    /// The first row whose `when` matches gives the amount; a row without one is a case the
    /// document names without stating a figure.
    Table {
        rows: Vec<Row>,
    },
    /// The highest step the count reaches: 12 months → 2500, 6 months → 1300.
    Steps {
        by: FactName,
        steps: Vec<Step>,
    },
    Range {
        from: Decimal,
        to: Decimal,
    },
    UpTo(Decimal),
    NotStated,
    /// Not a payment at all (a title-review pathway): no amount and no "not stated" note.
    NotMoney,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub when: Vec<(FactName, Vec<String>)>,
    pub yuan: Option<Decimal>,
    /// A ceiling instead of a figure: "初级不超过1000元", set locally.
    pub up_to: Option<Decimal>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub at_least: i64,
    pub yuan: Decimal,
}

/// What a document says about applying for one benefit: each stated thing with its clause.
#[derive(Debug, Clone, Default)]
pub struct HowToApply {
    /// The office, where it is not the document's `apply` line.
    pub office: Option<String>,
    /// The clause that names that office (with it, and only with it).
    pub office_cite: Option<String>,
    /// Materials the document lists (empty: it lists none).
    pub materials: Vec<String>,
    pub materials_cite: Option<String>,
    /// The deadline in the document's words ("证书核发之日起12个月内").
    pub deadline: Option<String>,
    pub deadline_cite: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Measure {
    pub id: String,
    pub title: String,
    pub clause: String,
    pub quote: String,
    pub summary: String,
}

impl Catalog {
    /// Reads policy files given as `(path, text)`, reporting every problem found.
    pub fn from_files<P: AsRef<str>, T: AsRef<str>>(
        files: &[(P, T)],
    ) -> std::result::Result<Catalog, Vec<Error>> {
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        for (path, text) in files {
            match load::document(path.as_ref(), text.as_ref()) {
                Ok(doc) => {
                    errors.extend(checks::document(&doc));
                    documents.push(doc)
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        errors.extend(load::across_documents(&documents));
        if errors.is_empty() {
            Ok(Catalog::new(documents))
        } else {
            Err(errors)
        }
    }

    /// A catalogue of these documents, each given its id (its place).
    pub fn new(documents: Vec<Document>) -> Catalog {
        assert!(u32::try_from(documents.len()).is_ok(), "too many documents");
        Catalog {
            documents,
            index: Default::default(),
        }
    }

    /// Every document, in order: document `DocId(i)` is the `i`th.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The documents, to make another catalogue of.
    pub fn into_documents(self) -> Vec<Document> {
        self.documents
    }

    /// Every document with its id.
    pub fn with_ids(&self) -> impl Iterator<Item = (DocId, &Document)> {
        self.documents
            .iter()
            .enumerate()
            .map(|(i, d)| (DocId(i as u32), d))
    }

    pub fn document_at(&self, id: DocId) -> &Document {
        &self.documents[id.at()]
    }

    /// What the engine worked out of this catalogue, worked out on first use.
    pub(crate) fn index_cell(&self) -> &std::sync::OnceLock<index::Index> {
        &self.index
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Every threshold the catalogue names for a count fact, in conditions (`at_least`,
    /// `below`) and in amounts (steps, `max_units`): the question search tries both sides of each.
    pub fn thresholds(&self, fact: &str) -> Vec<i64> {
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
        for (_, b) in self.benefits() {
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

    /// Every benefit with its document.
    pub fn benefits(&self) -> impl Iterator<Item = (&Document, &Benefit)> {
        self.documents
            .iter()
            .flat_map(|d| d.benefits.iter().map(move |b| (d, b)))
    }
}

impl Benefit {
    /// The days this version of the benefit covers.
    pub fn period(&self, document: &Document) -> Period {
        self.in_force.unwrap_or(document.in_force)
    }
}

/// A dotted fact name from the registry (`crate::facts`); only registered names exist
/// (the embedded form names it, `wire`). Its place in the registry is kept beside it, so the
/// engine reads an answer without looking the name up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactName(pub &'static str, pub(crate) u8);

impl FactName {
    pub fn of(name: &'static str) -> FactName {
        let at = crate::facts::position(name).map_or(u8::MAX, |at| at as u8);
        FactName(name, at)
    }

    /// A fact the code names itself, its place found when the crate is compiled
    /// (`crate::facts::registered`).
    pub const fn registered(name: &'static str) -> FactName {
        FactName(name, crate::facts::registered(name) as u8)
    }

    /// Its place in the registry (`crate::facts::position`).
    pub(crate) const fn slot(self) -> usize {
        self.1 as usize
    }

    /// Its entry in the registry, by its place.
    pub fn fact(self) -> Option<&'static crate::facts::Fact> {
        crate::facts::FACTS.get(self.slot())
    }
}
