//! Three-valued tests (yes, no, unknown) combined by Kleene's "and" and "or", and the
//! criteria a worker reads under "why" and "why not", with their citations and hints.
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::estimate::Criterion;
use crate::policy::*;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Truth {
    Yes,
    No,
    Unknown,
}

/// A condition's truth, and when unknown, the facts that would settle it.
#[derive(Debug, Clone)]
pub(super) struct Outcome {
    pub(super) truth: Truth,
    pub(super) missing: Vec<&'static str>,
}

impl Outcome {
    pub(super) fn known(yes: bool) -> Outcome {
        Outcome {
            truth: if yes { Truth::Yes } else { Truth::No },
            missing: Vec::new(),
        }
    }

    pub(super) fn unknown(missing: Vec<&'static str>) -> Outcome {
        Outcome {
            truth: Truth::Unknown,
            missing,
        }
    }

    /// Kleene's "and": one "no" decides; otherwise any "unknown" leaves it open.
    pub(super) fn all(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
        combine(outcomes, Truth::No, Truth::Yes)
    }
}

pub(super) fn combine(
    outcomes: impl IntoIterator<Item = Outcome>,
    decisive: Truth,
    otherwise: Truth,
) -> Outcome {
    let mut missing = Vec::new();
    for o in outcomes {
        if o.truth == decisive {
            return Outcome {
                truth: decisive,
                missing: Vec::new(),
            };
        }
        if o.truth == Truth::Unknown {
            add_all(&mut missing, &o.missing);
        }
    }
    if missing.is_empty() {
        Outcome {
            truth: otherwise,
            missing,
        }
    } else {
        Outcome::unknown(missing)
    }
}

/// Kleene's "and" or "or" taken one part at a time, as `combine` takes them, for parts that
/// must all be worked out whatever the first ones say (they may name other benefits).
pub(super) struct Parts {
    decisive: Truth,
    otherwise: Truth,
    decided: bool,
    missing: Vec<&'static str>,
}

impl Parts {
    pub(super) fn all() -> Parts {
        Parts::new(Truth::No, Truth::Yes)
    }

    pub(super) fn any() -> Parts {
        Parts::new(Truth::Yes, Truth::No)
    }

    fn new(decisive: Truth, otherwise: Truth) -> Parts {
        Parts {
            decisive,
            otherwise,
            decided: false,
            missing: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, part: &Outcome) {
        if self.decided {
            return;
        }
        if part.truth == self.decisive {
            self.decided = true;
            self.missing = Vec::new();
        } else if part.truth == Truth::Unknown {
            add_all(&mut self.missing, &part.missing);
        }
    }

    pub(super) fn outcome(self) -> Outcome {
        let truth = match (self.decided, self.missing.is_empty()) {
            (true, _) => self.decisive,
            (false, true) => self.otherwise,
            (false, false) => Truth::Unknown,
        };
        Outcome {
            truth,
            missing: self.missing,
        }
    }
}

pub(super) fn add_all(into: &mut Vec<&'static str>, from: &[&'static str]) {
    for f in from {
        if !into.contains(f) {
            into.push(f);
        }
    }
}

/// Checks one fact's answer against one rule; `date` is the day the estimate is for, against
/// which a claim window (`within_months`) is judged.
pub(super) fn fact_test(answers: &Answers, fact: FactName, rule: &FactRule, date: Date) -> Outcome {
    match holds(answers.at(fact.slot()), rule, date) {
        Some(yes) => Outcome::known(yes),
        None => Outcome::unknown(vec![fact.0]),
    }
}

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

pub(super) fn criterion<'a>(
    words: Option<&'a super::Words>,
    doc: &'a Document,
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
        cite: super::cite(words, doc, &condition.cite),
        hint,
        // Without a hint, the condition's own words and `met` are all there is.
        recall: crate::recall::Recall::of(condition),
    }
}

/// How a citation reads: a cite that names its own 文号 ("人社部发〔2017〕40号 一(二)", a
/// clause an amendment restates unchanged) stands as it is; a bare clause takes the
/// document's name. Worked out once per catalogue (`words.rs`); `super::cite` reads it there.
pub(super) fn compose_cite<'a>(doc: &Document, clause: &'a str) -> Cow<'a, str> {
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

/// The last day to claim, where the test is a claim window on a day the worker gave.
pub(super) fn claim_deadline(test: &Test, answers: &Answers) -> Option<Date> {
    match test {
        Test::Fact {
            fact: FactName(fact, _),
            rule: FactRule::WithinMonths(n),
        } => match answers.get(fact) {
            Some(Value::Day(day)) => day.months_later(*n),
            _ => None,
        },
        _ => None,
    }
}
