//! What a worker does next for each benefit that applies to them: where to apply, the phone
//! line, what to bring, and by when; and, for a date in the past, that the document has since
//! ended. Everything a document states comes from its policy file with its citation; where a
//! document is silent about materials the worker is told so, and the general list is given only
//! as "一般需要" guidance, never as a rule.
use crate::date::Date;
use crate::estimate::{BenefitResult, Estimate, Status};
use crate::policy::{AmountRule, Benefit, Document};
use crate::recall::{Recall, Recalled};
use serde::Serialize;
use std::borrow::Cow;

/// The national service line of the 人社 departments, printed on every next step.
pub const PHONE: &str = "12333";

/// What most offices ask for, shown only as guidance where a document lists no materials.
pub const GENERAL_MATERIALS: &[&str] = &[
    "本人身份证",
    "社会保障卡或本人银行卡",
    "证书或培训结业证明（原件和复印件）",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct NextStep<'a> {
    /// The office to apply to ("晋城市城区人力资源和社会保障局（区人社局）").
    pub office: &'a str,
    /// How the policy file says it, in full ("向…咨询申领，或拨打12333").
    pub how: &'a str,
    /// `12333`, for a `tel:` link.
    pub phone: &'static str,
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
    /// The rule it is made from: without a deadline, all it depends on (`crate::recall`).
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

/// Where nothing with a figure is in force on the estimate's date: says so, and where current
/// rules can be asked (the place's own 人社 office, 12333). `None` while some document in force
/// states an amount or a ceiling.
pub fn nothing_in_force_note(
    documents: &[&Document],
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

/// Fills `next_step` on every benefit that applies or may apply, and `ended_note` on every
/// benefit of a document that ended before `today` although it covered the chosen date.
pub fn attach<'a>(
    estimate: &mut Estimate<'a>,
    documents: &[&'a Document],
    today: Date,
    words: Option<&'a crate::engine::Words>,
) {
    // A line borrows its document's id and its rule's id: found by address, else by words.
    fn find<'t, T>(items: &'t [T], id: impl Fn(&T) -> &str, wanted: &str) -> Option<&'t T> {
        let by_address = items.iter().find(|t| std::ptr::eq(id(t), wanted));
        by_address.or_else(|| items.iter().find(|t| id(t) == wanted))
    }
    // The lines of one document share its office words: shortened once.
    let mut short: Option<(&'a str, &'a str)> = None;
    let date = estimate.date;
    for result in &mut estimate.benefits {
        let Some(doc) = find(documents, |d| &d.id, result.source.document_id) else {
            continue;
        };
        let Some(rule) = find(&doc.benefits, |b| &b.id, result.id) else {
            continue;
        };
        let office = office_text(doc, rule);
        let office_words = match short {
            Some((words, cut)) if std::ptr::eq(words, office) => cut,
            _ => {
                let cut = words
                    .and_then(|w| w.office(office))
                    .unwrap_or_else(|| office_short(office));
                short = Some((office, cut));
                cut
            }
        };
        if let Some(end) = doc.in_force.to {
            // An ended notice whose claim window is still open governs the line: it says so,
            // and never "请先…确认" as if the claim might no longer be taken.
            let open_window = result.deadline.filter(|last| *last >= today);
            if let (Some(last), true) = (open_window, end < today) {
                if result.status != Status::NotInForce {
                    result.claim_window_note = Some(claim_window_note(doc, last));
                }
            } else if end < today && result.status != Status::NotInForce {
                result.source.ended_note =
                    Some(match words.and_then(|w| w.ended(doc, office_words)) {
                        Some(note) => Cow::Borrowed(note),
                        None => Cow::Owned(ended_note(end, office_words)),
                    });
            }
        }
        if matches!(result.status, Status::Eligible | Status::Undetermined) {
            result.next_step = Some(next_step(
                doc,
                rule,
                result,
                (office, office_words),
                date,
                words,
            ));
        }
    }
}

fn next_step<'a>(
    doc: &'a Document,
    rule: &'a Benefit,
    result: &BenefitResult,
    (words, office): (&'a str, &'a str),
    date: Date,
    catalog_words: Option<&'a crate::engine::Words>,
) -> NextStep<'a> {
    let how = rule.how_to_apply.as_ref();
    let materials: &[String] = how.map_or(&[], |h| &h.materials);
    let cite = |c: Option<&'a String>| c.map(|c| crate::engine::cite(catalog_words, doc, c));
    NextStep {
        office,
        how: words,
        phone: PHONE,
        materials_cite: cite(how.and_then(|h| h.materials_cite.as_ref())),
        materials_general: if materials.is_empty() {
            GENERAL_MATERIALS
        } else {
            &[]
        },
        materials,
        deadline: result.deadline,
        deadline_passed: result.deadline.is_some_and(|d| d < date),
        deadline_text: how.and_then(|h| h.deadline.as_deref()),
        deadline_cite: cite(how.and_then(|h| h.deadline_cite.as_ref())),
        // The rule's third part (its source is the first two): all above but the deadline is
        // the rule's and its document's own.
        recall: Recall::of(rule).form(2),
    }
}

/// Where to apply for `rule`, in the words of its policy file.
fn office_text<'a>(doc: &'a Document, rule: &'a Benefit) -> &'a str {
    rule.how_to_apply
        .as_ref()
        .and_then(|h| h.office.as_deref())
        .or(doc.apply.as_deref())
        .unwrap_or("当地人力资源和社会保障部门")
}

/// Where to apply for `rule`: the policy file's words, and the office alone.
pub fn office_of<'a>(doc: &'a Document, rule: &'a Benefit) -> (&'a str, &'a str) {
    let words = office_text(doc, rule);
    (words, office_short(words))
}

/// What a benefit of a document that ended on `end` says: ask `office` first.
pub fn ended_note(end: Date, office: &str) -> String {
    format!(
        "这份文件已于{}到期，现在申请是否还能受理，请先向{}确认",
        end.chinese(),
        office
    )
}

/// What a line governed by an ended notice says while its claim window is open: "证书在2025年
/// 取得，按这份通知办理，2026年12月20日前申请". The year is the notice's where its period is one
/// year (the yearly relaxation notices); else the period is named.
pub fn claim_window_note(doc: &Document, last: Date) -> String {
    let from = doc.in_force.from;
    let when = match doc.in_force.to {
        Some(to) if to.year() == from.year() => format!("{}年", from.year()),
        Some(to) => format!("{}至{}", from.chinese(), to.chinese()),
        None => format!("{}以后", from.chinese()),
    };
    format!("证书在{when}取得，按这份通知办理，{}前申请", last.chinese())
}

/// Where the words name no office.
pub const NO_OFFICE: &str = "当地人社部门";

/// "向晋城市城区人社局咨询申领，或拨打12333" → the office alone, for "请先向…确认".
fn office_short(apply: &str) -> &str {
    let words = apply.trim_start_matches('向');
    // The first place any of the words starts.
    let cut = ["咨询", "申请", "申领", "办理", "，", "。"]
        .iter()
        .filter_map(|w| words.find(w))
        .min()
        .unwrap_or(words.len());
    let office = words[..cut].trim();
    if office.is_empty() {
        NO_OFFICE
    } else {
        office
    }
}

#[cfg(test)]
mod tests {
    use super::office_short;

    #[test]
    fn the_office_is_read_out_of_the_apply_words() {
        assert_eq!(
            office_short(
                "向晋城市城区人力资源和社会保障局（区人社局）咨询申领，或拨打12333人社服务热线"
            ),
            "晋城市城区人力资源和社会保障局（区人社局）"
        );
        assert_eq!(
            office_short("参保地失业保险经办机构"),
            "参保地失业保险经办机构"
        );
        assert_eq!(
            office_short("向当地人社部门咨询，或拨打12333"),
            "当地人社部门"
        );
    }
}
