//! Why a benefit has its status, in one sentence, and the note beside an amount it cannot show
//! yet: each written piece by piece into one string of the right size (no formatting), or
//! borrowed where the words never change.
use crate::estimate::{Criterion, Status};
use crate::facts;
use crate::money::yuan;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The sentence under a benefit: what failed, what is still to be known, or that it holds.
/// (A benefit out of its period says so with `not_in_force_reason`.)
pub(super) fn reason(
    status: Status,
    criteria: &[Criterion],
    missing: &[&'static str],
) -> Cow<'static, str> {
    match status {
        Status::Ineligible => {
            let failed = || criteria.iter().filter(|c| c.met == Some(false));
            let hints = || failed().filter_map(|c| c.hint.as_deref());
            let size = failed().map(|c| c.text.len() + 9).sum::<usize>()
                + hints().map(|h| h.len() + 3).sum::<usize>();
            let mut reason = String::with_capacity(size + 45);
            reason.push_str("这一项需要");
            for (i, c) in failed().enumerate() {
                reason.push_str(if i == 0 { "“" } else { "、“" });
                reason.push_str(c.text);
                reason.push('”');
            }
            reason.push_str("，按您的回答不符合。");
            for hint in hints() {
                reason.push_str(hint);
                if !hint.ends_with(['。', '！', '？']) {
                    reason.push('。');
                }
            }
            Cow::Owned(reason)
        }
        Status::Undetermined => {
            let labels = || {
                missing
                    .iter()
                    .filter_map(|m| facts::fact(m))
                    .map(|f| f.label)
            };
            let mut reason =
                String::with_capacity(labels().map(|l| l.len() + 3).sum::<usize>() + 18);
            reason.push_str("还需了解：");
            for (i, label) in labels().enumerate() {
                if i > 0 {
                    reason.push('、');
                }
                reason.push_str(label);
            }
            reason.push('。');
            Cow::Owned(reason)
        }
        Status::Eligible => Cow::Borrowed("符合全部条件。"),
        Status::NotInForce => Cow::Borrowed(""),
    }
}

/// "所选日期2021年6月1日不在《…》的执行期（…）内。"
pub(super) fn not_in_force_reason(date_words: &str, title: &str, period: &str) -> String {
    words(&[
        date_words,
        "不在《",
        title,
        "》的执行期（",
        period,
        "）内。",
    ])
}

/// Beside the amount of a benefit out of its period.
pub(super) fn not_in_force_note(date_words: &str, period: &str) -> String {
    words(&[
        date_words,
        "不在这份文件的执行期（",
        period,
        "）内，所以不显示金额",
    ])
}

/// Beside the amount of an undetermined benefit: the most it can be, where that is known.
pub(super) fn undetermined_note(ceiling: Option<Decimal>) -> Cow<'static, str> {
    const OPEN: &str = "还需回答几个问题才能确定是否符合条件";
    match ceiling {
        Some(c) => Cow::Owned(words(&[OPEN, "；如符合，不超过", &yuan(c), "元"])),
        None => Cow::Borrowed(OPEN),
    }
}

/// Pieces of a sentence, one after another, in one string of the right size.
fn words(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    pieces.iter().for_each(|p| out.push_str(p));
    out
}
