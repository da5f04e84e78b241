//! What the estimator answers: the contract's JSON shape (`docs/api.md`). Money is a
//! decimal string in yuan. Outcomes (`ineligible`, `not_in_force`, …) are answers, not errors.
use crate::date::Date;
use crate::policy::{BenefitKind, Payee, SourceGrade};
use crate::recall::{Recall, Recalled};
use serde::Serialize;
use std::borrow::Cow;

// The words every estimate may repeat, beside the catalogue's own.

/// What the worker reads where a text is encoded from a copy that is not the official one.
pub const SECONDARY_SOURCE: &str = "来源为转载，请以官方原文为准";

/// What the worker reads where a notice is known only from leads (`source_grade =
/// "unverified"`).
pub const UNVERIFIED_SOURCE: &str =
    "这份通知只见于转载和第三方资料，尚未找到官方原文，不能确认；请向参保地人社部门咨询或拨打12333";

/// The words rulings.md prescribes where a document names a benefit but no figure.
pub const NOT_STATED: &str = "本文件未列明补贴标准，以当地人社部门公布为准";

/// The national service line of the 人社 departments, printed on every next step.
pub const PHONE: &str = "12333";

/// What most offices ask for, shown only as guidance where a document lists no materials.
pub const GENERAL_MATERIALS: &[&str] = &[
    "本人身份证",
    "社会保障卡或本人银行卡",
    "证书或培训结业证明（原件和复印件）",
];

/// The words above, each given to `put`, for a door that sends words once (the wasm's,
/// `crate::tape`).
pub fn words(put: &mut dyn FnMut(&str)) {
    for word in [NOT_STATED, SECONDARY_SOURCE, UNVERIFIED_SOURCE, PHONE] {
        put(word);
    }
    GENERAL_MATERIALS.iter().for_each(|w| put(w));
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NextStep<'a> {
    /// The office to apply to ("晋城市城区人力资源和社会保障局（区人社局）").
    pub office: &'a str,
    /// The clause that names the office, as a citation reads ("人社部发〔2017〕40号 二(一)");
    /// `null` where no document names one (the office is then "当地人社部门").
    pub office_cite: Option<Cow<'a, str>>,
    /// How the policy file says it, in full ("向…咨询申领，或拨打12333").
    pub how: &'a str,
    /// `12333`, for a `tel:` link.
    pub phone: &'a str,
    /// Materials the document states, with `materials_cite`; empty where it states none.
    pub materials: &'a [String],
    pub materials_cite: Option<Cow<'a, str>>,
    /// Where the document states no materials: the general list, to be shown as "一般需要".
    pub materials_general: &'static [&'static str],
    /// The last day to apply, where a condition sets a claim window and its start is known.
    pub deadline: Option<Date>,
    /// The deadline is before the estimate's own date (rulings.md, "Third round": "已过" only
    /// against that date): a claim may no longer be accepted then.
    pub deadline_passed: bool,
    /// The deadline in the document's words ("证书核发之日起12个月内"), with its citation.
    pub deadline_text: Option<&'a str>,
    pub deadline_cite: Option<Cow<'a, str>>,
    /// Its rule's key: without a deadline, all it depends on (`crate::recall`).
    /// Not sent.
    #[serde(skip)]
    pub(crate) recall: Recall,
}

impl Recalled for NextStep<'_> {
    fn recall(&self) -> Recall {
        match self.deadline {
            None => self.recall,
            Some(_) => Recall::NONE,
        }
    }
}

/// The catalogue's own words are borrowed from it (`'a`), never copied: an estimate writes
/// what it works out (reasons, notes, amounts) and points at the rest.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Estimate<'a> {
    pub date: Date,
    /// `null` until the worker says where they live; then only national documents are listed.
    pub region: Option<String>,
    pub region_name: Option<String>,
    pub benefits: Vec<BenefitResult<'a>>,
    pub totals: Totals<'a>,
    /// Unknown facts that could still change some benefit, most useful first.
    pub next_questions: Vec<&'static str>,
    /// Each document that reaches the region, and whether it covers `date`.
    #[serde(serialize_with = "crate::recall::each")]
    pub documents: Vec<DocumentResult<'a>>,
    /// Set when no document in force on `date` states an amount: where to ask instead.
    pub nothing_in_force_note: Option<String>,
    /// The packs (file names) that reach the region but are not loaded: the wasm door fills
    /// it where a place's packs have not been added (api.md, "Policy packs"); always empty
    /// for the command line, which has every document.
    pub packs_missing: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
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
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct BenefitResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: BenefitKind,
    pub payee: Payee,
    pub status: Status,
    pub amount: Option<String>,
    pub amount_max: Option<String>,
    pub amount_note: Option<Cow<'a, str>>,
    /// `amount` and `amount_max` as numbers, for the engine's comparisons and sums (not sent:
    /// the strings are; and no decimal is read back from text).
    #[serde(skip)]
    pub(crate) worth: (Option<rust_decimal::Decimal>, Option<rust_decimal::Decimal>),
    pub missing: Vec<&'static str>,
    #[serde(serialize_with = "crate::recall::each")]
    pub criteria: Vec<Criterion<'a>>,
    /// One sentence: why this status.
    pub reason: Cow<'a, str>,
    /// The last day to apply, where a condition sets a claim window and the day it runs
    /// from is known (证书核发之日起12个月内).
    pub deadline: Option<Date>,
    /// Where to apply, the phone line, what to bring and by when: set on benefits that apply
    /// or may apply (`engine::steps`).
    #[serde(serialize_with = "crate::recall::maybe")]
    pub next_step: Option<NextStep<'a>>,
    /// Set instead of `source.ended_note` where the document governing the line has ended but
    /// the worker's claim window under it is still open on the device's today: "证书在2025年取得，
    /// 按这份通知办理，2026年12月20日前申请" (`engine::steps`).
    pub claim_window_note: Option<String>,
    #[serde(serialize_with = "crate::recall::one")]
    pub source: Source<'a>,
    /// The rule whose line this is (the version that governs it). Not sent.
    #[serde(skip)]
    pub(crate) rule: crate::policy::RuleId,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Criterion<'a> {
    pub text: &'a str,
    /// `null`: unknown.
    pub met: Option<bool>,
    pub cite: Cow<'a, str>,
    /// When not met: what would change it ("再缴纳3个月失业保险即可申领").
    pub hint: Option<Cow<'a, str>>,
    /// Its condition's key, where it has no hint: then `met` is all it depends on beside it
    /// (`crate::recall`). Not sent.
    #[serde(skip)]
    pub(crate) recall: Recall,
}

impl Recalled for Criterion<'_> {
    fn recall(&self) -> Recall {
        match self.met {
            _ if self.hint.is_some() => Recall::NONE,
            None => self.recall,
            Some(true) => self.recall.form(1),
            Some(false) => self.recall.form(2),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Source<'a> {
    pub document: &'a str,
    pub doc_number: Option<&'a str>,
    pub clause: &'a str,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub document_id: &'a str,
    pub issuer: &'a str,
    /// The clause's own words.
    pub quote: &'a str,
    pub amount_cite: Cow<'a, str>,
    /// `official`, `official_mirror`, `news` or `secondary`: the copy of the text encoded.
    pub source_grade: SourceGrade,
    /// Set for a copy that is not the official text: "来源为转载，请以官方原文为准".
    pub source_warning: Option<&'static str>,
    /// Plain words about what the period rests on, where it is not the text itself.
    pub period_note: Option<&'a str>,
    /// Set when the document covered the chosen date but has ended since (a past date):
    /// "这份文件已于2021年12月31日到期，现在申请是否还能受理，请先向…确认".
    pub ended_note: Option<Cow<'a, str>>,
    /// Its rule's key: with `ended_note`, all a source's words depend on, so the wasm door
    /// sends each once (`crate::recall`). Not sent.
    #[serde(skip)]
    pub(crate) recall: Recall,
}

impl Recalled for Source<'_> {
    fn recall(&self) -> Recall {
        self.recall.form(self.ended_note.is_some() as u32)
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Totals<'a> {
    /// Sum of exact amounts of eligible benefits paid to the worker.
    pub worker: String,
    /// Eligible benefits paid to the worker whose exact amount is not known yet, so not in
    /// `worker`.
    pub worker_uncounted: Vec<&'a str>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DocumentResult<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub doc_number: Option<&'a str>,
    pub issuer: &'a str,
    pub region: &'a str,
    pub region_name: Cow<'a, str>,
    /// The signing day, where the captured text carries one.
    pub issued: Option<Date>,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub in_force: bool,
    /// "2020-10-26至2021-12-31", and why.
    pub period_text: Cow<'a, str>,
    pub period_cite: &'a str,
    /// Plain words about what the period rests on, where it is not the text itself.
    pub period_note: Option<&'a str>,
    /// The copy of the text encoded, and how far it can be trusted.
    pub source: &'a str,
    pub source_grade: SourceGrade,
    /// Set when the captured text is cut off: what is missing.
    pub incomplete: Option<&'a str>,
    /// With `incomplete`: the last clause the captured text reaches ("四(二)"), as data, so
    /// that no one need find it in `incomplete`'s words.
    pub incomplete_after: Option<&'a str>,
    pub apply: Option<&'a str>,
    pub benefit_count: usize,
    /// The day the document's text was last checked (`verified_on` of its policy file).
    pub verified_on: Option<Date>,
    /// Its document's key: with `in_force`, all it depends on (`crate::recall`).
    /// Not sent.
    #[serde(skip)]
    pub(crate) recall: Recall,
}

impl Recalled for DocumentResult<'_> {
    fn recall(&self) -> Recall {
        self.recall.form(self.in_force as u32)
    }
}

impl<'a> Estimate<'a> {
    pub fn benefit(&self, id: &str) -> Option<&BenefitResult<'a>> {
        self.benefits.iter().find(|b| b.id == id)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("an estimate always serialises")
    }
}
