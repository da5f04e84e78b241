//! What a worker does next for each benefit that applies to them: where to apply, the phone
//! line, what to bring, and by when; and, for a date in the past, that the document has since
//! ended. Everything a document states comes from its policy file with its citation; where a
//! document is silent about materials the worker is told so, and the general list is given only
//! as "一般需要" guidance, never as a rule. Built by the engine from the rule that governs each
//! line (its `RuleId`), once the line's status is final.
use super::Doc;
use crate::date::Date;
use crate::estimate::{BenefitResult, NextStep, Status, GENERAL_MATERIALS, PHONE};
use crate::policy::words::{office_and_cite, office_text, Words};
use crate::policy::{AmountRule, Benefit, Catalog, Document, RuleId};
use crate::recall::Recall;
use std::borrow::Cow;

/// Where nothing with a figure is in force on the estimate's date: says so, and where current
/// rules can be asked (the place's own 人社 office, 12333). `None` while some document in force
/// states an amount or a ceiling.
pub(super) fn nothing_in_force_note(
    documents: &[Doc],
    date: Date,
    region_name: Option<&str>,
) -> Option<String> {
    let has_figure =
        |b: &Benefit| !matches!(b.amount.rule, AmountRule::NotStated | AmountRule::NotMoney);
    let any = documents
        .iter()
        .any(|d| d.in_force.contains(date) && d.benefits.iter().any(has_figure));
    if any {
        return None;
    }
    let office = match region_name {
        Some(name) => format!("{name}人力资源和社会保障局"),
        None => "当地人力资源和社会保障局".to_string(),
    };
    Some(format!(
        "{}没有在执行期内、写明补贴金额的文件。现行的补贴标准，请向{office}咨询，或拨打12333。",
        date.chinese()
    ))
}

/// Fills `next_step` on every line that applies or may apply, and `ended_note` on every line
/// of a document that ended before `today` although it covered the chosen date.
pub(super) fn attach<'a>(
    benefits: &mut [BenefitResult<'a>],
    catalog: &'a Catalog,
    words: &'a Words,
    date: Date,
    today: Date,
) {
    for result in benefits {
        let at = result.rule;
        let doc = catalog.document_at(at.doc);
        let rule = &doc.benefits[at.rule];
        let apply = office_text(doc, rule);
        let phone = doc.phone.as_deref().unwrap_or(PHONE);
        let office = office_and_cite(doc, rule);
        if let Some(end) = doc.in_force.to {
            // An ended notice whose claim window is still open governs the line: it says so,
            // and never "请先…确认" as if the claim might no longer be taken.
            let open_window = result.deadline.filter(|last| *last >= today);
            if let (Some(last), true) = (open_window, end < today) {
                if result.status != Status::NotInForce {
                    result.claim_window_note = Some(claim_window_note(doc, last));
                }
            } else if end < today && result.status != Status::NotInForce {
                result.source.ended_note = words.ended(at).map(Cow::Borrowed);
            }
        }
        if matches!(result.status, Status::Eligible | Status::Undetermined) {
            result.next_step = Some(next_step(
                at,
                rule,
                result,
                (apply, office, phone),
                date,
                words,
            ));
        }
    }
}

fn next_step<'a>(
    at: RuleId,
    rule: &'a Benefit,
    result: &BenefitResult,
    (apply, (office, office_cite), phone): (&'a str, (&'a str, Option<&'a str>), &'a str),
    date: Date,
    words: &'a Words,
) -> NextStep<'a> {
    let how = rule.how_to_apply.as_ref();
    let materials: &[String] = how.map_or(&[], |h| &h.materials);
    let (materials_cite, deadline_cite) = match how {
        Some(how) => words.apply_cites(at, how),
        None => (None, None),
    };
    NextStep {
        office,
        office_cite: office_cite.map(|clause| Cow::Borrowed(words.office_cite(at, clause))),
        how: apply,
        phone,
        materials_cite: materials_cite.map(Cow::Borrowed),
        materials_general: if materials.is_empty() {
            GENERAL_MATERIALS
        } else {
            &[]
        },
        materials,
        deadline: result.deadline,
        deadline_passed: result.deadline.is_some_and(|d| d < date),
        deadline_text: how.and_then(|h| h.deadline.as_deref()),
        deadline_cite: deadline_cite.map(Cow::Borrowed),
        // The rule's third part (its source is the first two): all above but the deadline is
        // the rule's and its document's own.
        recall: Recall::step(at),
    }
}

/// What a line governed by an ended notice says while its claim window is open: "证书在2025年
/// 取得，按这份通知办理，2026年12月20日前申请". The year is the notice's where its period is one
/// year (the yearly relaxation notices); else the period is named.
pub(super) fn claim_window_note(doc: &Document, last: Date) -> String {
    let from = doc.in_force.from;
    let when = match doc.in_force.to {
        Some(to) if to.year() == from.year() => format!("{}年", from.year()),
        Some(to) => format!("{}至{}", from.chinese(), to.chinese()),
        None => format!("{}以后", from.chinese()),
    };
    format!("证书在{when}取得，按这份通知办理，{}前申请", last.chinese())
}
