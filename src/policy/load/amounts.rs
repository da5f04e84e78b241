//! A benefit's amount (`[benefit.amount]`: fixed, per unit, table, steps, range, up to, not
//! stated, not money) read into an [`Amount`], each problem reported at its line.
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAmount {
    rule: String,
    cite: Option<String>,
    note: Option<String>,
    yuan: Option<Yuan>,
    rate: Option<Yuan>,
    per: Option<String>,
    cap: Option<Yuan>,
    max_units: Option<i64>,
    from: Option<Yuan>,
    to: Option<Yuan>,
    by: Option<String>,
    #[serde(default)]
    row: Vec<Spanned<RawRow>>,
    #[serde(default)]
    step: Vec<RawStep>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    when: BTreeMap<String, Vec<String>>,
    yuan: Option<Yuan>,
    up_to: Option<Yuan>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStep {
    at_least: i64,
    yuan: Yuan,
}

fn count_fact(
    p: &mut Problems,
    line: usize,
    name: Option<&str>,
    what: &str,
) -> Option<&'static str> {
    let Some(name) = name else {
        p.at(
            line,
            format!("amount rule needs `{what}`, the count it multiplies or steps by"),
        );
        return None;
    };
    let fact = p.fact(line, name)?;
    let FactType::Count { unit, .. } = fact.kind else {
        p.at(line, format!("{what} = \"{name}\" is not a count"));
        return None;
    };
    // A rate is paid per day or per month of training; per year of age, per try… would
    // multiply money by something no document pays for.
    if what == "per" && !matches!(unit, "天" | "个月") {
        p.at(
            line,
            format!("per = \"{name}\" counts {unit}: a per-unit amount is a rate per day (天) or per month (个月), so `per` must be a count of days or months"),
        );
        return None;
    }
    Some(fact.name)
}

pub(super) fn amount(
    p: &mut Problems,
    line: usize,
    raw: RawAmount,
    conditions: &[Condition],
) -> Option<Amount> {
    let cite = p.cite(line, "amount", &raw.cite);
    let rule = match raw.rule.as_str() {
        "fixed" => AmountRule::Fixed(p.amount(line, "yuan", raw.yuan)?),
        "per_unit" => {
            let rate = p.amount(line, "rate", raw.rate)?;
            let per = count_fact(p, line, raw.per.as_deref(), "per")?;
            let cap = match raw.cap {
                Some(c) => Some(p.amount(line, "cap", Some(c))?),
                None => None,
            };
            if let Some(cap) = cap {
                if cap < rate {
                    p.at(line, format!("cap {cap} is below the rate {rate}: not even one unit could be paid in full"));
                }
            }
            if raw.max_units.is_some_and(|m| m < 1) {
                p.at(line, "max_units must be at least 1");
            }
            AmountRule::PerUnit {
                rate,
                per: FactName::of(per),
                cap,
                max_units: raw.max_units,
            }
        }
        "table" => {
            if raw.row.is_empty() {
                p.at(line, "a table needs at least one [[…amount.row]]");
            }
            let mut rows = Vec::new();
            for spanned in raw.row {
                // Each row's own line (rows are written one a line, or as [[…amount.row]]).
                let line = p.line_of(spanned.span().start);
                let row = spanned.into_inner();
                let mut when = Vec::new();
                for (name, values) in row.when {
                    let fact = p.fact(line, &name)?;
                    match fact.kind {
                        FactType::OneOf(_) => p.values(line, fact, &values),
                        // A yes-or-no fact matches "yes" or "no" (贵州's 急需紧缺 figures).
                        FactType::YesNo => {
                            if values.is_empty() || values.iter().any(|v| v != "yes" && v != "no") {
                                p.at(
                                    line,
                                    format!(
                                        "{name} is a yes-or-no fact: match it on \"yes\" or \"no\""
                                    ),
                                );
                            }
                        }
                        _ => p.at(
                            line,
                            format!("table rows match on choices or yes/no; {name} is neither"),
                        ),
                    }
                    when.push((FactName::of(fact.name), values));
                }
                let yuan = match row.yuan {
                    Some(y) => Some(p.amount(line, "row.yuan", Some(y))?),
                    None => None,
                };
                let up_to = match row.up_to {
                    Some(y) => Some(p.amount(line, "row.up_to", Some(y))?),
                    None => None,
                };
                if yuan.is_some() && up_to.is_some() {
                    p.at(
                        line,
                        "a row gives `yuan` (the figure) or `up_to` (a ceiling), not both",
                    );
                }
                if yuan.is_none() && up_to.is_none() && row.note.is_none() {
                    p.at(
                        line,
                        format!("row {} gives no amount: write `yuan` (the figure) or `up_to` (a ceiling), or, where the document states none, a `note` saying so", rows.len() + 1),
                    );
                }
                misleads::placeholders(p, line, "row.note", row.note.as_deref(), &[]);
                rows.push((
                    Row {
                        when,
                        yuan,
                        up_to,
                        note: row.note,
                    },
                    line,
                ));
            }
            misleads::table_rows(p, &rows, conditions);
            let rows = rows.into_iter().map(|(row, _)| row).collect();
            AmountRule::Table { rows }
        }
        "steps" => {
            let by = count_fact(p, line, raw.by.as_deref(), "by")?;
            let mut steps = Vec::new();
            for s in raw.step {
                let yuan = p.amount(line, "step.yuan", Some(s.yuan))?;
                steps.push(Step {
                    at_least: s.at_least,
                    yuan,
                });
            }
            if steps.is_empty() {
                p.at(line, "steps need at least one [[…amount.step]]");
            }
            if steps
                .windows(2)
                .any(|w| w[0].at_least <= w[1].at_least || w[0].yuan < w[1].yuan)
            {
                p.at(
                    line,
                    "list steps from the highest threshold down, each paying no less than the next",
                );
            }
            AmountRule::Steps {
                by: FactName::of(by),
                steps,
            }
        }
        "range" => {
            let from = p.amount(line, "from", raw.from)?;
            let to = p.amount(line, "to", raw.to)?;
            if to < from {
                p.at(line, format!("range {from}–{to} runs backwards"));
            }
            AmountRule::Range { from, to }
        }
        "up_to" => AmountRule::UpTo(p.amount(line, "yuan", raw.yuan)?),
        "not_stated" => AmountRule::NotStated,
        "not_money" => AmountRule::NotMoney,
        other => {
            p.at(line, format!("unknown amount rule \"{other}\"; expected fixed, per_unit, table, steps, range, up_to, not_stated or not_money"));
            return None;
        }
    };
    misleads::placeholders(p, line, "amount.note", raw.note.as_deref(), &[]);
    Some(Amount {
        rule,
        cite,
        note: raw.note,
        line,
    })
}
