//! Three-valued tests (yes, no, unknown; combined by `kleene`), and the criteria a worker reads under "why" and "why not", with their citations and hints.
use super::kleene::Truth;
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::estimate::Criterion;
use crate::policy::*;
use std::borrow::Cow;

/// A condition's truth, and when unknown, the facts that would settle it.
pub(super) type Outcome = super::kleene::Outcome<Vec<&'static str>>;

/// Whether one answer meets one rule: `None` while the fact is unknown. Shared by the full
/// evaluation and the trials of `next_questions`, which hold a trial answer beside the rest.
pub(super) fn holds(value: Option<&Value>, rule: &FactRule, date: Date) -> Option<bool> {
    let value = value?;
    Some(match (rule, value) {
        (FactRule::In(values), Value::Text(t)) => values.contains(t),
        (FactRule::NotIn(values), Value::Text(t)) => !values.contains(t),
        (FactRule::In(values), Value::Groups(g)) => g.iter().any(|x| values.contains(x)),
        (FactRule::NotIn(values), Value::Groups(g)) => !g.iter().any(|x| values.contains(x)),
        (FactRule::AtLeast(n), Value::Count(v)) => v >= n,
        (FactRule::Below(n), Value::Count(v)) => v < n,
        (FactRule::Is(b), Value::YesNo(v)) => v == b,
        (FactRule::OnOrAfter(d), Value::Day(v)) => v >= d,
        (FactRule::Before(d), Value::Day(v)) => v < d,
        (FactRule::WithinMonths(n), Value::Day(v)) => {
            v.months_later(*n).is_some_and(|last| date <= last)
        }
        // The loader only pairs rules with facts of the matching type.
        _ => false,
    })
}

/// Condition `k` of rule `at` as the worker reads it, from its outcome.
pub(super) fn criterion<'a>(
    words: &'a super::Words,
    at: RuleId,
    k: usize,
    condition: &'a Condition,
    outcome: &Outcome,
    answers: &Answers,
    date: Date,
) -> Criterion<'a> {
    let met = match outcome.truth {
        Truth::Yes => Some(true),
        Truth::No => Some(false),
        Truth::Unknown => None,
    };
    let deadline = claim_deadline(&condition.test, answers);
    let hint = match (met, &condition.if_not, deadline) {
        // A claim window names its last day whether or not it is still open.
        (_, _, Some(last)) => Some(Cow::Owned(if date <= last {
            format!("请在{}前（含当天）申请", last.chinese())
        } else {
            let mut words = format!("申请期限已于{}截止", last.chinese());
            if let Some(more) = &condition.if_not {
                words.push('；');
                words.push_str(more);
            }
            words
        })),
        (Some(false), Some(template), None) => Some(match &condition.test {
            Test::Fact {
                fact,
                rule: FactRule::AtLeast(n),
            } => {
                let have = answers.count(fact.0).unwrap_or(0);
                Cow::Owned(template.replace("{gap}", &(n - have).to_string()))
            }
            _ => Cow::Borrowed(template.as_str()),
        }),
        _ => None,
    };
    Criterion {
        text: &condition.text,
        met,
        cite: Cow::Borrowed(words.condition_cite(at, k, &condition.cite)),
        hint,
        // Without a hint, the condition's own words and `met` are all there is.
        recall: crate::recall::Recall::criterion(at, k),
    }
}

/// The last day to claim, where the test is a claim window on a day the worker gave.
pub(super) fn claim_deadline(test: &Test, answers: &Answers) -> Option<Date> {
    match test {
        Test::Fact {
            fact,
            rule: FactRule::WithinMonths(n),
        } => match answers.at(fact.slot()) {
            Some(Value::Day(day)) => day.months_later(*n),
            _ => None,
        },
        _ => None,
    }
}
