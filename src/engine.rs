//! The estimator's reasoning: three-valued conditions (yes, no, unknown) and exact amounts.
//!
//! A benefit is `eligible` only when every condition is known to hold, `ineligible` as soon
//! as one is known to fail, whatever else is unknown, and otherwise `undetermined` with the
//! unknown facts in `missing` (`../shared/spec/rulings.md`, "How unknowns combine"). Outside
//! its document's period it is `not_in_force`. No fact is ever assumed.
use crate::answers::{Answers, Value};
use crate::date::Date;
use crate::error::Result;
use crate::estimate::*;
use crate::facts;
use crate::money::yuan;
use crate::policy::*;
use crate::regions;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Truth {
    Yes,
    No,
    Unknown,
}

/// A condition's truth, and when unknown, the facts that would settle it.
#[derive(Debug, Clone)]
struct Outcome {
    truth: Truth,
    missing: Vec<&'static str>,
}

impl Outcome {
    fn known(yes: bool) -> Outcome {
        Outcome {
            truth: if yes { Truth::Yes } else { Truth::No },
            missing: Vec::new(),
        }
    }

    fn unknown(missing: Vec<&'static str>) -> Outcome {
        Outcome {
            truth: Truth::Unknown,
            missing,
        }
    }

    /// Kleene's "and": one "no" decides; otherwise any "unknown" leaves it open.
    fn all(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
        combine(outcomes, Truth::No, Truth::Yes)
    }

    /// Kleene's "or": one "yes" decides; otherwise any "unknown" leaves it open.
    fn any(outcomes: impl IntoIterator<Item = Outcome>) -> Outcome {
        combine(outcomes, Truth::Yes, Truth::No)
    }
}

fn combine(
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

fn add_all(into: &mut Vec<&'static str>, from: &[&'static str]) {
    for f in from {
        if !into.contains(f) {
            into.push(f);
        }
    }
}

/// Checks one fact's answer against one rule; `date` is the day the estimate is for, against
/// which a claim window (`within_months`) is judged.
fn fact_test(answers: &Answers, fact: &'static str, rule: &FactRule, date: Date) -> Outcome {
    let Some(value) = answers.get(fact) else {
        return Outcome::unknown(vec![fact]);
    };
    let yes = match (rule, value) {
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
    };
    Outcome::known(yes)
}

/// Evaluates the benefits of one document, each once, in any order their conditions need.
struct DocumentRun<'a> {
    document: &'a Document,
    answers: &'a Answers,
    date: Date,
    /// "所选日期2021年6月1日" or "今天（2026年11月22日）".
    date_words: &'a str,
    /// `false` while trying answers for `next_questions`: only statuses and amounts are
    /// compared there, so the words (criteria, reasons, sources) are not built.
    words: bool,
    done: BTreeMap<&'a str, BenefitResult>,
    in_progress: Vec<&'a str>,
}

impl<'a> DocumentRun<'a> {
    fn test(&mut self, test: &'a Test) -> Outcome {
        match test {
            Test::Fact {
                fact: FactName(fact),
                rule,
            } => fact_test(self.answers, fact, rule, self.date),
            Test::AllOf(tests) => {
                let outcomes: Vec<Outcome> = tests.iter().map(|t| self.test(t)).collect();
                Outcome::all(outcomes)
            }
            Test::AnyOf(tests) => {
                let outcomes: Vec<Outcome> = tests.iter().map(|t| self.test(t)).collect();
                Outcome::any(outcomes)
            }
            Test::EligibleFor(ids) => {
                let outcomes: Vec<Outcome> = ids
                    .iter()
                    .map(|id| match self.benefit_by_id(id) {
                        Some(r) => match r.status {
                            Status::Eligible => Outcome::known(true),
                            Status::Ineligible | Status::NotInForce => Outcome::known(false),
                            Status::Undetermined => Outcome::unknown(
                                r.missing
                                    .iter()
                                    .filter_map(|m| facts::fact(m).map(|f| f.name))
                                    .collect(),
                            ),
                        },
                        None => Outcome::known(false),
                    })
                    .collect();
                Outcome::any(outcomes)
            }
        }
    }

    fn benefit_by_id(&mut self, id: &str) -> Option<BenefitResult> {
        let benefit = self.document.benefits.iter().find(|b| b.id == id)?;
        Some(self.benefit(benefit))
    }

    fn benefit(&mut self, benefit: &'a Benefit) -> BenefitResult {
        if let Some(done) = self.done.get(benefit.id.as_str()) {
            return done.clone();
        }
        if self.in_progress.contains(&benefit.id.as_str()) {
            // A cycle of benefits depending on each other: nothing can be concluded.
            return self.result(benefit, Status::Undetermined, Vec::new(), Vec::new());
        }
        self.in_progress.push(&benefit.id);
        let result = self.evaluate(benefit);
        self.in_progress.pop();
        self.done.insert(&benefit.id, result.clone());
        result
    }

    fn evaluate(&mut self, benefit: &'a Benefit) -> BenefitResult {
        let mut criteria = Vec::new();
        let mut outcomes = Vec::new();
        for condition in &benefit.conditions {
            let outcome = self.test(&condition.test);
            if self.words {
                criteria.push(criterion(
                    self.document,
                    condition,
                    &outcome,
                    self.answers,
                    self.date,
                ));
            }
            outcomes.push(outcome);
        }
        // An amendment is only evaluated when its period holds the governing day (the
        // certificate's issue date), which may lie before the estimate's date.
        if benefit.amends.is_none() && !benefit.period(self.document).contains(self.date) {
            return self.result(benefit, Status::NotInForce, criteria, Vec::new());
        }
        let overall = Outcome::all(outcomes);
        let status = match overall.truth {
            Truth::Yes => Status::Eligible,
            Truth::No => Status::Ineligible,
            Truth::Unknown => Status::Undetermined,
        };
        self.result(benefit, status, criteria, overall.missing)
    }

    fn result(
        &self,
        benefit: &Benefit,
        status: Status,
        criteria: Vec<Criterion>,
        mut missing: Vec<&'static str>,
    ) -> BenefitResult {
        let doc = self.document;
        let period = benefit.period(doc);
        let money = amount(&benefit.amount, self.answers);
        let (amount, amount_max, amount_note) = match status {
            Status::Eligible => {
                add_all(&mut missing, &money.missing);
                (money.amount, money.max, money.note)
            }
            Status::Undetermined => {
                add_all(&mut missing, &money.missing);
                let ceiling = money.max.or(money.amount);
                let note = match ceiling {
                    Some(c) => format!(
                        "还需回答几个问题才能确定是否符合条件；如符合，最多{}元",
                        yuan(c)
                    ),
                    None => "还需回答几个问题才能确定是否符合条件".to_string(),
                };
                (None, ceiling, Some(note))
            }
            Status::Ineligible => (None, None, None),
            Status::NotInForce => (
                None,
                None,
                Some(format!(
                    "{}不在这份文件的执行期（{}）内，所以不显示金额",
                    self.date_words,
                    period.describe()
                )),
            ),
        };
        let missing: Vec<String> = match status {
            Status::Eligible | Status::Undetermined => {
                missing.iter().map(|m| m.to_string()).collect()
            }
            _ => Vec::new(),
        };
        let reason = match status {
            _ if !self.words => String::new(),
            Status::NotInForce => format!(
                "{}不在《{}》的执行期（{}）内。",
                self.date_words,
                doc.title,
                period.describe()
            ),
            Status::Ineligible => {
                let failed: Vec<&Criterion> =
                    criteria.iter().filter(|c| c.met == Some(false)).collect();
                let needs: Vec<String> = failed.iter().map(|c| format!("“{}”", c.text)).collect();
                let mut reason = format!("这一项需要{}，按您的回答不符合。", needs.join("、"));
                for hint in failed.iter().filter_map(|c| c.hint.as_deref()) {
                    reason.push_str(hint);
                    if !hint.ends_with(['。', '！', '？']) {
                        reason.push('。');
                    }
                }
                reason
            }
            Status::Undetermined => {
                let labels: Vec<&str> = missing
                    .iter()
                    .filter_map(|m| facts::fact(m))
                    .map(|f| f.label)
                    .collect();
                format!("还需了解：{}。", labels.join("、"))
            }
            Status::Eligible => "符合全部条件。".to_string(),
        };
        BenefitResult {
            id: benefit.id.clone(),
            title: benefit.title.clone(),
            kind: benefit.kind,
            payee: benefit.payee,
            status,
            amount: amount.map(yuan),
            amount_max: amount_max.map(yuan),
            amount_note,
            missing,
            criteria,
            reason,
            deadline: benefit
                .conditions
                .iter()
                .find_map(|c| claim_deadline(&c.test, self.answers)),
            next_step: None,
            source: if self.words {
                Source {
                    document: doc.title.clone(),
                    doc_number: doc.doc_number.clone(),
                    clause: benefit.clause.clone(),
                    effective_from: period.from,
                    effective_to: period.to,
                    document_id: doc.id.clone(),
                    issuer: doc.issuer.clone(),
                    quote: benefit.quote.clone(),
                    amount_cite: cite(doc, &benefit.amount.cite),
                    source_grade: doc.source_grade,
                    source_warning: doc
                        .source_grade
                        .is_secondary()
                        .then(|| SECONDARY_SOURCE.to_string()),
                    period_note: doc.period_note.clone(),
                    ended_note: None,
                }
            } else {
                Source::blank(period)
            },
        }
    }
}

fn criterion(
    doc: &Document,
    condition: &Condition,
    outcome: &Outcome,
    answers: &Answers,
    date: Date,
) -> Criterion {
    let met = match outcome.truth {
        Truth::Yes => Some(true),
        Truth::No => Some(false),
        Truth::Unknown => None,
    };
    let hint = match (met, &condition.if_not) {
        // A claim window names its last day whether or not it is still open.
        _ if claim_deadline(&condition.test, answers).is_some() => {
            let last = claim_deadline(&condition.test, answers).unwrap_or(date);
            Some(if date <= last {
                format!("请在{}前（含当天）申请", last.chinese())
            } else {
                let mut words = format!("申请期限已于{}截止", last.chinese());
                if let Some(more) = &condition.if_not {
                    words.push('；');
                    words.push_str(more);
                }
                words
            })
        }
        (Some(false), Some(template)) => Some(match &condition.test {
            Test::Fact {
                fact,
                rule: FactRule::AtLeast(n),
            } => {
                let have = answers.count(fact.0).unwrap_or(0);
                template.replace("{gap}", &(n - have).to_string())
            }
            _ => template.clone(),
        }),
        _ => None,
    };
    Criterion {
        text: condition.text.clone(),
        met,
        cite: cite(doc, &condition.cite),
        hint,
    }
}

/// How a citation reads: a cite that names its own 文号 ("人社部发〔2017〕40号 一(二)", a
/// clause an amendment restates unchanged) stands as it is; a bare clause takes the
/// document's name.
pub fn cite(doc: &Document, clause: &str) -> String {
    if clause.contains('〔') {
        clause.to_string()
    } else {
        format!("{} {clause}", doc.short_name())
    }
}

/// The last day to claim, where the test is a claim window on a day the worker gave.
fn claim_deadline(test: &Test, answers: &Answers) -> Option<Date> {
    match test {
        Test::Fact {
            fact: FactName(fact),
            rule: FactRule::WithinMonths(n),
        } => match answers.get(fact) {
            Some(Value::Day(day)) => day.months_later(*n),
            _ => None,
        },
        _ => None,
    }
}

/// An amount as far as the answers pin it down.
struct Money {
    amount: Option<Decimal>,
    /// The most it can be, when `amount` is not exact or the document gives a range.
    max: Option<Decimal>,
    note: Option<String>,
    missing: Vec<&'static str>,
}

fn per_unit_word(per: &str) -> &'static str {
    match facts::fact(per).map(|f| f.kind) {
        Some(facts::FactType::Count { unit, .. }) => unit,
        _ => "",
    }
}

fn amount(amount: &Amount, answers: &Answers) -> Money {
    let mut money = match &amount.rule {
        AmountRule::Fixed(v) => Money {
            amount: Some(*v),
            max: None,
            note: None,
            missing: Vec::new(),
        },
        AmountRule::PerUnit {
            rate,
            per: FactName(per),
            cap,
            max_units,
        } => {
            let unit = per_unit_word(per);
            let each = format!("每{}{}元", unit.trim_start_matches('个'), yuan(*rate));
            match answers.count(per) {
                Some(n) => {
                    let counted = max_units.map_or(n, |m| n.min(m));
                    // `subsidy check` bounds every product; checked arithmetic is the second wall.
                    let Some(raw) = rate.checked_mul(Decimal::from(counted)) else {
                        return Money {
                            amount: None,
                            max: None,
                            note: Some(TOO_LARGE.to_string()),
                            missing: Vec::new(),
                        };
                    };
                    let paid = cap.map_or(raw, |c| raw.min(c));
                    let mut note = format!("{each}×{counted}{unit}={}元", yuan(raw));
                    if counted < n {
                        note = format!("最多按{}{unit}计，{note}", counted);
                    }
                    if paid < raw {
                        note.push_str(&format!("，超过上限，按{}元计", yuan(paid)));
                    }
                    Money {
                        amount: Some(paid),
                        max: None,
                        note: Some(note),
                        missing: Vec::new(),
                    }
                }
                None => {
                    let ceiling =
                        cap.or(max_units.and_then(|m| rate.checked_mul(Decimal::from(m))));
                    let label = facts::fact(per).map_or("", |f| f.label);
                    let note = match ceiling {
                        Some(c) => format!(
                            "{each}，最高{}元；还不知道{label}，暂时算不出准确金额",
                            yuan(c)
                        ),
                        None => format!("{each}；还不知道{label}，暂时算不出准确金额"),
                    };
                    Money {
                        amount: None,
                        max: ceiling,
                        note: Some(note),
                        missing: vec![per],
                    }
                }
            }
        }
        AmountRule::Table { rows } => {
            let mut open: Vec<&'static str> = Vec::new();
            // What the amount could still be; a row without a figure means no ceiling is known.
            let mut possible: Vec<Option<Decimal>> = Vec::new();
            let mut chosen = None;
            for row in rows {
                let outcome = Outcome::all(row.when.iter().map(|(FactName(fact), values)| {
                    fact_test(answers, fact, &FactRule::In(values.clone()), Date::MIN)
                }));
                match outcome.truth {
                    Truth::No => continue,
                    Truth::Unknown => {
                        add_all(&mut open, &outcome.missing);
                        possible.push(row.yuan.or(row.up_to));
                    }
                    Truth::Yes => {
                        if open.is_empty() {
                            chosen = Some(row);
                            break;
                        }
                        possible.push(row.yuan.or(row.up_to));
                        break;
                    }
                }
            }
            match chosen {
                // A ceiling set by the document, the figure itself set locally.
                Some(Row {
                    up_to: Some(cap),
                    note,
                    ..
                }) => Money {
                    amount: None,
                    max: Some(*cap),
                    note: Some(
                        note.clone()
                            .unwrap_or_else(|| format!("最高{}元", yuan(*cap))),
                    ),
                    missing: Vec::new(),
                },
                Some(row) => Money {
                    amount: row.yuan,
                    max: None,
                    note: match (row.yuan, &row.note) {
                        (_, Some(n)) => Some(n.clone()),
                        (None, None) => Some(NOT_STATED.to_string()),
                        (Some(_), None) => None,
                    },
                    missing: Vec::new(),
                },
                None if !open.is_empty() => {
                    let labels: Vec<&str> = open
                        .iter()
                        .filter_map(|f| facts::fact(f))
                        .map(|f| f.label)
                        .collect();
                    Money {
                        amount: None,
                        max: possible
                            .into_iter()
                            .collect::<Option<Vec<Decimal>>>()
                            .and_then(|v| v.into_iter().max()),
                        note: Some(format!("金额取决于{}", labels.join("、"))),
                        missing: open,
                    }
                }
                None => Money {
                    amount: None,
                    max: None,
                    note: Some(NOT_STATED.to_string()),
                    missing: Vec::new(),
                },
            }
        }
        AmountRule::Steps {
            by: FactName(by),
            steps,
        } => {
            let unit = per_unit_word(by);
            match answers.count(by) {
                Some(n) => match steps.iter().find(|s| n >= s.at_least) {
                    Some(s) => Money {
                        amount: Some(s.yuan),
                        max: None,
                        note: Some(format!("满{}{unit}，{}元", s.at_least, yuan(s.yuan))),
                        missing: Vec::new(),
                    },
                    None => Money {
                        amount: None,
                        max: None,
                        note: None,
                        missing: Vec::new(),
                    },
                },
                None => Money {
                    amount: None,
                    max: steps.first().map(|s| s.yuan),
                    note: Some(
                        steps
                            .iter()
                            .map(|s| format!("满{}{unit}{}元", s.at_least, yuan(s.yuan)))
                            .collect::<Vec<_>>()
                            .join("，"),
                    ),
                    missing: vec![by],
                },
            }
        }
        AmountRule::Range { from, to } => Money {
            amount: Some(*from),
            max: Some(*to),
            note: Some(format!(
                "每人{}—{}元，具体金额由当地人社部门核定",
                yuan(*from),
                yuan(*to)
            )),
            missing: Vec::new(),
        },
        AmountRule::UpTo(v) => Money {
            amount: None,
            max: Some(*v),
            note: Some(format!(
                "文件只规定最高不超过{}元，具体金额由当地人社部门核定",
                yuan(*v)
            )),
            missing: Vec::new(),
        },
        AmountRule::NotStated => Money {
            amount: None,
            max: None,
            note: Some(NOT_STATED.to_string()),
            missing: Vec::new(),
        },
        AmountRule::NotMoney => Money {
            amount: None,
            max: None,
            note: None,
            missing: Vec::new(),
        },
    };
    if let Some(extra) = &amount.note {
        money.note = Some(match money.note {
            Some(n) => format!("{n}。{extra}"),
            None => extra.clone(),
        });
    }
    money
}

/// What the worker reads where a text is encoded from a copy that is not the official one.
pub const SECONDARY_SOURCE: &str = "来源为转载，请以官方原文为准";

/// Shown instead of a figure that cannot be computed (a policy file `subsidy check` refuses).
const TOO_LARGE: &str = "政策文件中的金额超出可计算范围，暂时算不出金额";

/// The words rulings.md prescribes where a document names a benefit but no figure.
pub const NOT_STATED: &str = "本文件未列明补贴标准，以当地人社部门公布为准";

/// Which documents reach the worker: all of them for their region, only national ones
/// while the region is unknown. Most local first.
fn documents_for<'a>(catalog: &'a Catalog, region: Option<&str>) -> Vec<&'a Document> {
    let mut docs: Vec<&Document> = catalog
        .documents
        .iter()
        .filter(|d| match region {
            Some(r) => regions::reaches(&d.region, r),
            None => d.region == regions::NATIONAL,
        })
        .collect();
    let level = |code: &str| -> u8 {
        if code == regions::NATIONAL {
            3
        } else if code.ends_with("0000") {
            2
        } else if code.ends_with("00") {
            1
        } else {
            0
        }
    };
    docs.sort_by(|a, b| {
        level(&a.region)
            .cmp(&level(&b.region))
            .then(b.in_force.from.cmp(&a.in_force.from))
    });
    docs
}

/// The day that chooses which version of an amended rule governs: the certificate's issue
/// date where the worker gave it, else the estimate's date (rulings.md, "Dates, asked once").
pub fn governing_day(answers: &Answers, date: Date) -> Date {
    match answers.get("certificate.issued") {
        Some(Value::Day(day)) => *day,
        _ => date,
    }
}

/// The versions of a standing rule (`base`, in `base_doc`) that govern on `day`: the
/// amendment among `docs` whose period holds the day, else the standing rule itself where its
/// period holds it. The loader refuses overlapping amendments, so there is at most one; the
/// timeline test walks every day to prove it.
pub fn governing<'a>(
    docs: &[&'a Document],
    base_doc: &'a Document,
    base: &'a Benefit,
    day: Date,
) -> Vec<(&'a Document, &'a Benefit)> {
    let amendments: Vec<(&Document, &Benefit)> = docs
        .iter()
        .flat_map(|d| d.benefits.iter().map(move |b| (*d, b)))
        .filter(|(d, b)| {
            b.id == base.id
                && b.amends.as_deref() == Some(base_doc.id.as_str())
                && b.period(d).contains(day)
        })
        .collect();
    if !amendments.is_empty() || !base.period(base_doc).contains(day) {
        return amendments;
    }
    vec![(base_doc, base)]
}

/// Every benefit of every document that reaches the worker, evaluated on `date`. An amended
/// rule is one line, at its standing rule's place, evaluated as the version that governs.
fn evaluate_all(
    docs: &[&Document],
    answers: &Answers,
    date: Date,
    words: bool,
) -> Vec<BenefitResult> {
    let date_words = match answers.date() {
        Some(d) => format!("所选日期{}", d.chinese()),
        None => format!("今天（{}）", date.chinese()),
    };
    let run = |document| DocumentRun {
        document,
        answers,
        date,
        date_words: &date_words,
        words,
        done: BTreeMap::new(),
        in_progress: Vec::new(),
    };
    let day = governing_day(answers, date);
    let mut benefits = Vec::new();
    for doc in docs {
        let mut own = run(doc);
        let first = benefits.len();
        for benefit in &doc.benefits {
            if benefit.amends.is_some() {
                continue; // shown at the place of the rule it amends
            }
            let version = governing(docs, doc, benefit, day)
                .into_iter()
                .find(|(d, _)| !std::ptr::eq(*d, *doc));
            benefits.push(match version {
                Some((amending_doc, amendment)) => run(amending_doc).benefit(amendment),
                None => own.benefit(benefit),
            });
        }
        pay_once_per_training(&doc.benefits, &mut benefits[first..]);
    }
    benefits
}

/// "同一次培训不重复补贴": of the eligible benefits of one document that share an
/// `exclusive_group`, only the largest is paid (ties: the first in the file); the others are
/// ineligible and say why.
fn pay_once_per_training(rules: &[Benefit], results: &mut [BenefitResult]) {
    let groups: Vec<&str> = rules
        .iter()
        .filter_map(|b| b.exclusive_group.as_deref())
        .collect();
    for group in groups {
        let members: Vec<usize> = results
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                r.status == Status::Eligible
                    && rules
                        .iter()
                        .any(|b| b.id == r.id && b.exclusive_group.as_deref() == Some(group))
            })
            .map(|(i, _)| i)
            .collect();
        let worth = |r: &BenefitResult| {
            r.amount
                .as_deref()
                .or(r.amount_max.as_deref())
                .and_then(|a| a.parse::<Decimal>().ok())
                .unwrap_or(Decimal::ZERO)
        };
        let Some(&kept) = members
            .iter()
            .rev()
            .max_by(|a, b| worth(&results[**a]).cmp(&worth(&results[**b])))
        else {
            continue;
        };
        let kept_title = results[kept].title.clone();
        for &i in members.iter().filter(|i| **i != kept) {
            let r = &mut results[i];
            r.status = Status::Ineligible;
            r.amount = None;
            r.amount_max = None;
            r.amount_note = None;
            r.missing.clear();
            let text = "同一次培训不重复补贴";
            r.reason = format!("{text}：这次培训已按金额较高的“{kept_title}”补贴。");
            if let Some(cite) = r.criteria.first().map(|c| c.cite.clone()) {
                r.criteria.push(Criterion {
                    text: text.to_string(),
                    met: Some(false),
                    cite,
                    hint: Some(format!("已按“{kept_title}”补贴")),
                });
            }
        }
    }
}

/// The estimate for `answers`, on `answers.date` or else on `today` (the doors pass the
/// device's date; the core reads no clock).
pub fn estimate(catalog: &Catalog, answers: &Answers, today: Date) -> Result<Estimate> {
    let date = answers.date().unwrap_or(today);
    if let Some(Value::Day(issued)) = answers.get("certificate.issued") {
        let latest = date.months_later(12).unwrap_or(date);
        if *issued > latest {
            return Err(crate::error::Error::answer(
                "certificate.issued",
                format!(
                    "expected a day no later than one year after the estimate's date ({date}), that is by {latest}, got \"{issued}\""
                ),
            ));
        }
    }
    let region = answers.region();
    let docs = documents_for(catalog, region);
    let benefits = evaluate_all(&docs, answers, date, true);
    // An amending notice is listed when it governs a line of this estimate; the others are
    // versions the worker's answers do not reach (their periods are in each line's source).
    let documents = docs
        .iter()
        .filter(|doc| {
            !doc.benefits.iter().any(|b| b.amends.is_some())
                || benefits.iter().any(|b| b.source.document_id == doc.id)
        })
        .map(|doc| DocumentResult {
            id: doc.id.clone(),
            title: doc.title.clone(),
            doc_number: doc.doc_number.clone(),
            issuer: doc.issuer.clone(),
            region: doc.region.clone(),
            region_name: regions::full_name(&doc.region),
            issued: doc.issued,
            effective_from: doc.in_force.from,
            effective_to: doc.in_force.to,
            in_force: doc.in_force.contains(date),
            period_text: doc.in_force.describe(),
            period_cite: doc.in_force_cite.clone(),
            period_note: doc.period_note.clone(),
            source: doc.source.clone(),
            source_grade: doc.source_grade,
            incomplete: doc.incomplete.clone(),
            apply: doc.apply.clone(),
            benefit_count: doc.benefits.len(),
        })
        .collect();

    let mut worker_total = Decimal::ZERO;
    let mut worker_uncounted = Vec::new();
    for b in benefits
        .iter()
        .filter(|b| b.status == Status::Eligible && b.payee == Payee::Worker)
    {
        match b.amount.as_deref().and_then(|a| a.parse::<Decimal>().ok()) {
            Some(a) => {
                worker_total = worker_total.checked_add(a).ok_or_else(|| {
                    crate::Error::policy("(catalogue)", 0, "the worker's total overflows")
                })?
            }
            None => worker_uncounted.push(b.id.clone()),
        }
    }

    let mut next = if region.is_none() {
        vec!["region".to_string()]
    } else {
        Vec::new()
    };
    next.extend(next_questions(catalog, &docs, answers, date, &benefits));
    let mut estimate = Estimate {
        date,
        region: region.map(str::to_string),
        region_name: region.map(regions::full_name),
        next_questions: next,
        benefits,
        totals: Totals {
            worker: yuan(worker_total),
            worker_uncounted,
        },
        documents,
        nothing_in_force_note: crate::next_step::nothing_in_force_note(
            &docs,
            date,
            region.map(regions::full_name).as_deref(),
        ),
    };
    crate::next_step::attach(&mut estimate, &docs, today);
    Ok(estimate)
}

/// What a worker would see change in one benefit: its status and its amounts.
fn outcome_of(b: &BenefitResult) -> (Status, &Option<String>, &Option<String>) {
    (b.status, &b.amount, &b.amount_max)
}

/// The answers worth trying for a fact: every choice, yes and no, and for counts both
/// sides of every threshold the catalogue names, so no boundary is missed.
fn trial_values(catalog: &Catalog, fact: &'static str, date: Date) -> Vec<Value> {
    match facts::fact(fact).map(|f| f.kind) {
        Some(facts::FactType::Count { min, max, .. }) => {
            let mut counts = vec![min, min + 1, min + 2, max];
            for t in thresholds(catalog, fact) {
                counts.extend([t.saturating_sub(1), t, t.saturating_add(1)]);
            }
            counts.retain(|n| (min..=max).contains(n));
            counts.sort_unstable();
            counts.dedup();
            counts.into_iter().map(Value::Count).collect()
        }
        Some(facts::FactType::YesNo) => vec![Value::YesNo(true), Value::YesNo(false)],
        Some(facts::FactType::OneOf(choices)) => choices
            .iter()
            .map(|c| Value::Text(c.value.to_string()))
            .collect(),
        Some(facts::FactType::Day) => trial_days(catalog, fact, date)
            .into_iter()
            .map(Value::Day)
            .collect(),
        Some(facts::FactType::Groups) => std::iter::once(Value::Groups(Vec::new()))
            .chain(
                facts::GROUPS
                    .iter()
                    .map(|g| Value::Groups(vec![g.value.to_string()])),
            )
            .collect(),
        _ => Vec::new(),
    }
}

/// Days worth trying for a day fact: both sides of every `on_or_after`/`before` day; for a
/// claim window, the issue days whose window ends just before, on and after `date`; both
/// sides of every amendment's period (the issue date chooses the governing notice); and the
/// estimate's date itself.
fn trial_days(catalog: &Catalog, fact: &str, date: Date) -> Vec<Date> {
    fn walk(test: &Test, fact: &str, date: Date, out: &mut Vec<Date>) {
        match test {
            Test::Fact { fact: f, rule } if f.0 == fact => match rule {
                FactRule::OnOrAfter(d) | FactRule::Before(d) => out.extend([d.previous_day(), *d]),
                FactRule::WithinMonths(n) => {
                    // Issue days around the earliest whose window still holds `date`.
                    if let Some(start) = date.months_earlier(*n) {
                        out.extend([start.previous_day(), start, start.next_day()]);
                    }
                }
                _ => {}
            },
            Test::AnyOf(tests) | Test::AllOf(tests) => {
                tests.iter().for_each(|t| walk(t, fact, date, out))
            }
            _ => {}
        }
    }
    let mut out = vec![date];
    for (doc, b) in catalog.benefits() {
        b.conditions
            .iter()
            .for_each(|c| walk(&c.test, fact, date, &mut out));
        if b.amends.is_some() && fact == "certificate.issued" {
            let period = b.period(doc);
            out.extend([period.from.previous_day(), period.from]);
            if let Some(to) = period.to {
                out.extend([to, to.next_day()]);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn thresholds(catalog: &Catalog, fact: &str) -> Vec<i64> {
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
    for (_, b) in catalog.benefits() {
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

/// Unknown facts that could still change the result, most useful first. A fact is listed
/// only when some answer to it, on its own, changes some benefit's status or amount, so a
/// worker is never asked a question that cannot change their result; it ranks by how many
/// benefits it can change, counting twice those that pay the worker or their training. Ties
/// keep the natural order of a conversation (`facts::FACTS`). Should no single answer decide
/// anything while benefits are still open, the facts they miss are listed as they are.
fn next_questions(
    catalog: &Catalog,
    docs: &[&Document],
    answers: &Answers,
    date: Date,
    benefits: &[BenefitResult],
) -> Vec<String> {
    let mut open: Vec<&'static str> = Vec::new();
    for b in benefits
        .iter()
        .filter(|b| matches!(b.status, Status::Undetermined | Status::Eligible))
    {
        for m in &b.missing {
            if let Some(f) = facts::fact(m) {
                if !open.contains(&f.name) {
                    open.push(f.name);
                }
            }
        }
    }
    let mut ranked: Vec<(&'static str, u32)> = Vec::new();
    for &fact in &open {
        let mut changed = vec![false; benefits.len()];
        for value in trial_values(catalog, fact, date) {
            let trial = evaluate_all(docs, &answers.clone().with(fact, Some(value)), date, false);
            for (i, (before, after)) in benefits.iter().zip(&trial).enumerate() {
                changed[i] |= outcome_of(before) != outcome_of(after);
            }
        }
        let weight: u32 = benefits
            .iter()
            .zip(&changed)
            .filter(|(_, c)| **c)
            .map(|(b, _)| match b.payee {
                Payee::Worker | Payee::Provider => 2,
                Payee::Employer | Payee::None => 1,
            })
            .sum();
        if weight > 0 {
            ranked.push((fact, weight));
        }
    }
    if ranked.is_empty() {
        ranked = open.iter().map(|f| (*f, 0)).collect();
    }
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(facts::order(a.0).cmp(&facts::order(b.0)))
    });
    let mut order: Vec<&'static str> = ranked.into_iter().map(|(f, _)| f).collect();
    kind_before_details(&mut order);
    order.into_iter().map(str::to_string).collect()
}

/// A conversation asks what certificate or training it is before asking about its level,
/// days or months: where `certificate.kind` (or `training.kind`) is still to be asked, its
/// details move to just after it.
fn kind_before_details(order: &mut Vec<&'static str>) {
    for object in ["certificate", "training"] {
        let kind = format!("{object}.kind");
        let Some(kind_at) = order.iter().position(|f| *f == kind) else {
            continue;
        };
        let details: Vec<&'static str> = order[..kind_at]
            .iter()
            .copied()
            .filter(|f| {
                f.strip_prefix(object)
                    .is_some_and(|rest| rest.starts_with('.'))
            })
            .collect();
        if details.is_empty() {
            continue;
        }
        order.retain(|f| !details.contains(f));
        let kind_at = order.iter().position(|f| *f == kind).unwrap_or(0);
        for (i, detail) in details.into_iter().enumerate() {
            order.insert(kind_at + 1 + i, detail);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::kind_before_details;

    #[test]
    fn a_certificate_is_named_before_its_level_is_asked() {
        let mut order = vec![
            "certificate.level",
            "groups",
            "certificate.kind",
            "training.days",
            "training.kind",
        ];
        kind_before_details(&mut order);
        assert_eq!(
            order,
            [
                "groups",
                "certificate.kind",
                "certificate.level",
                "training.kind",
                "training.days"
            ]
        );
        let mut known_kind = vec!["certificate.level", "groups"];
        kind_before_details(&mut known_kind);
        assert_eq!(known_kind, ["certificate.level", "groups"]);
    }
}
