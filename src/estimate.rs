//! What the estimator answers: the contract's JSON shape (`../shared/spec/api.md`). Money is a
//! decimal string in yuan. Outcomes (`ineligible`, `not_in_force`, …) are answers, not errors.
use crate::date::Date;
use crate::policy::{BenefitKind, Payee, SourceGrade};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Estimate {
    pub date: Date,
    /// `null` until the worker says where they live; then only national documents are listed.
    pub region: Option<String>,
    pub region_name: Option<String>,
    pub benefits: Vec<BenefitResult>,
    pub totals: Totals,
    /// Unknown facts that could still change some benefit, most useful first.
    pub next_questions: Vec<String>,
    /// Each document that reaches the region, and whether it covers `date`.
    pub documents: Vec<DocumentResult>,
    /// Set when no document in force on `date` states an amount: where to ask instead.
    pub nothing_in_force_note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Eligible,
    Ineligible,
    /// Some fact that matters is unknown; `missing` names it.
    Undetermined,
    /// The document does not cover the date.
    NotInForce,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenefitResult {
    pub id: String,
    pub title: String,
    pub kind: BenefitKind,
    pub payee: Payee,
    pub status: Status,
    pub amount: Option<String>,
    pub amount_max: Option<String>,
    pub amount_note: Option<String>,
    pub missing: Vec<String>,
    pub criteria: Vec<Criterion>,
    /// One sentence: why this status.
    pub reason: String,
    /// The last day to apply, where a condition sets a claim window and the day it runs
    /// from is known (证书核发之日起12个月内).
    pub deadline: Option<Date>,
    /// Where to apply, the phone line, what to bring and by when: set on benefits that apply
    /// or may apply (`next_step::attach`).
    pub next_step: Option<crate::next_step::NextStep>,
    pub source: Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub text: String,
    /// `null`: unknown.
    pub met: Option<bool>,
    pub cite: String,
    /// When not met: what would change it ("再缴纳3个月失业保险即可申领").
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub document: String,
    pub doc_number: Option<String>,
    pub clause: String,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub document_id: String,
    pub issuer: String,
    /// The clause's own words.
    pub quote: String,
    pub amount_cite: String,
    /// `official`, `official_mirror`, `news` or `secondary`: the copy of the text encoded.
    pub source_grade: SourceGrade,
    /// Set for a copy that is not the official text: "来源为转载，请以官方原文为准".
    pub source_warning: Option<String>,
    /// Plain words about what the period rests on, where it is not the text itself.
    pub period_note: Option<String>,
    /// Set when the document covered the chosen date but has ended since (a past date):
    /// "这份文件已于2021年12月31日到期，现在申请是否还能受理，请先向…确认".
    pub ended_note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Sum of exact amounts of eligible benefits paid to the worker.
    pub worker: String,
    /// Eligible benefits paid to the worker whose exact amount is not known yet, so not in
    /// `worker`.
    pub worker_uncounted: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentResult {
    pub id: String,
    pub title: String,
    pub doc_number: Option<String>,
    pub issuer: String,
    pub region: String,
    pub region_name: String,
    /// The signing day, where the captured text carries one.
    pub issued: Option<Date>,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub in_force: bool,
    /// "2020-10-26至2021-12-31", and why.
    pub period_text: String,
    pub period_cite: String,
    /// Plain words about what the period rests on, where it is not the text itself.
    pub period_note: Option<String>,
    /// The copy of the text encoded, and how far it can be trusted.
    pub source: String,
    pub source_grade: SourceGrade,
    /// Set when the captured text is cut off: what is missing.
    pub incomplete: Option<String>,
    pub apply: Option<String>,
    pub benefit_count: usize,
}

impl Estimate {
    pub fn benefit(&self, id: &str) -> Option<&BenefitResult> {
        self.benefits.iter().find(|b| b.id == id)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an estimate always serialises")
    }
}
