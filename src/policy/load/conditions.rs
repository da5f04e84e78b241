//! A condition of a policy file (`[[benefit.condition]]`: `fact` with its rule, `any_of`,
//! `all_of`, `benefit`, or `use` of a named one) read into a [`Condition`] and its [`Test`],
//! each problem reported at its line.
use super::*;

/// A condition with the words the worker reads. `names` are the file's named conditions, or
/// None while a named condition itself is read (one cannot use another, so none forms a
/// cycle). None when its test could not be read (the problem is reported).
pub(super) fn condition(
    p: &mut Problems,
    cline: usize,
    raw: &RawCondition,
    names: Option<&mut Named>,
) -> Option<Condition> {
    if let Some(name) = &raw.use_ {
        return uses(p, cline, raw, names)
            .and_then(|names| names.condition(p, cline, name))
            .map(|named| Condition {
                line: cline,
                ..named
            });
    }
    let text = match raw.text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => t.to_string(),
        _ => {
            p.at(
                cline,
                "condition has no text: say it in plain words for the worker",
            );
            String::new()
        }
    };
    let cite = p.cite(cline, "condition", &raw.cite);
    let if_not = raw.if_not.clone();
    misleads::placeholders(p, cline, "text", Some(&text), &[]);
    let test = test(p, cline, raw, names)?;
    // {gap} anywhere but under an `at_least` is refused just below, in its words.
    misleads::placeholders(p, cline, "if_not", if_not.as_deref(), &["{gap}"]);
    if if_not.as_deref().is_some_and(|h| h.contains("{gap}"))
        && !matches!(
            test,
            Test::Fact {
                rule: FactRule::AtLeast(_),
                ..
            }
        )
    {
        p.at(
            cline,
            "if_not uses {gap}, which only an `at_least` condition can fill",
        );
    }
    Some(Condition {
        text,
        cite,
        test,
        if_not,
        line: cline,
    })
}

/// The named conditions, when `raw` (which has `use`) has nothing else and may use one.
fn uses<'n>(
    p: &mut Problems,
    line: usize,
    raw: &RawCondition,
    names: Option<&'n mut Named>,
) -> Option<&'n mut Named> {
    let only_use = RawCondition {
        use_: raw.use_.clone(),
        ..RawCondition::default()
    };
    if *raw != only_use {
        p.at(
            line,
            "a condition with `use` has nothing else: its words, cite and test are the named condition's",
        );
        return None;
    }
    if names.is_none() {
        p.at(
            line,
            "a named condition cannot use another one: write its test out",
        );
    }
    names
}

pub(super) fn test(
    p: &mut Problems,
    line: usize,
    raw: &RawCondition,
    mut names: Option<&mut Named>,
) -> Option<Test> {
    if let Some(name) = &raw.use_ {
        return uses(p, line, raw, names).and_then(|names| names.test(p, line, name));
    }
    if raw.name.is_some() {
        p.at(
            line,
            "`name` belongs to a [[named_condition]]; a benefit's condition uses one with `use = \"…\"`",
        );
    }
    let shapes = [
        raw.fact.is_some(),
        raw.any_of.is_some(),
        raw.all_of.is_some(),
        raw.benefit.is_some(),
    ];
    if shapes.iter().filter(|s| **s).count() != 1 {
        p.at(
            line,
            "a condition needs exactly one of `fact`, `any_of`, `all_of`, `benefit`",
        );
        return None;
    }
    if let Some(list) = raw.any_of.as_ref().or(raw.all_of.as_ref()) {
        if list.len() < 2 {
            p.at(line, "any_of and all_of need at least two conditions");
        }
        let inner: Option<Vec<Test>> = list
            .iter()
            .map(|c| test(p, line, c, names.as_deref_mut()))
            .collect();
        let inner = inner?;
        return Some(if raw.any_of.is_some() {
            Test::AnyOf(inner)
        } else {
            Test::AllOf(inner)
        });
    }
    if let Some(ids) = &raw.benefit {
        if ids.is_empty() {
            p.at(line, "`benefit` needs at least one benefit id");
        }
        return Some(Test::EligibleFor(ids.clone()));
    }
    let name = raw.fact.as_deref().unwrap_or_default();
    let fact = p.fact(line, name)?;
    let rules = [
        raw.in_.is_some(),
        raw.not_in.is_some(),
        raw.at_least.is_some(),
        raw.below.is_some(),
        raw.is.is_some(),
        raw.on_or_after.is_some(),
        raw.before.is_some(),
        raw.within_months.is_some(),
    ];
    if rules.iter().filter(|r| **r).count() != 1 {
        p.at(line, format!("condition on {name} needs exactly one of `in`, `not_in`, `at_least`, `below`, `is`, `on_or_after`, `before`, `within_months`"));
        return None;
    }
    let rule = match fact.kind {
        FactType::OneOf(_) | FactType::Groups => match (&raw.in_, &raw.not_in) {
            (Some(values), _) => {
                p.values(line, fact, values);
                let rule = FactRule::In(values.clone());
                misleads::every_value(p, line, fact, &rule);
                rule
            }
            (_, Some(values)) => {
                p.values(line, fact, values);
                let rule = FactRule::NotIn(values.clone());
                misleads::every_value(p, line, fact, &rule);
                rule
            }
            _ => {
                p.at(line, format!("{name} is a choice: use `in` or `not_in`"));
                return None;
            }
        },
        FactType::Count { min, max, .. } => {
            let (rule, n) = match (raw.at_least, raw.below) {
                (Some(n), _) => (FactRule::AtLeast(n), n),
                (_, Some(n)) => (FactRule::Below(n), n),
                _ => {
                    p.at(
                        line,
                        format!("{name} is a count: use `at_least` or `below`"),
                    );
                    return None;
                }
            };
            // at_least = min is met by every answer and at_least = max + 1 by none; below,
            // the other way round. Either reads like a rule and decides nothing.
            let word = if raw.at_least.is_some() {
                "at_least"
            } else {
                "below"
            };
            let outcome = match (raw.at_least.is_some(), n <= min, n > max) {
                (true, true, _) | (false, _, true) => Some("always met"),
                (true, _, true) | (false, true, _) => Some("never met"),
                _ => None,
            };
            if let Some(outcome) = outcome {
                p.at(
                    line,
                    format!("{name} runs from {min} to {max}, so {word} = {n} is {outcome}: the threshold must lie from {} to {max}", min + 1),
                );
            }
            rule
        }
        FactType::YesNo => match raw.is {
            Some(b) => FactRule::Is(b),
            None => {
                p.at(
                    line,
                    format!("{name} is yes or no: use `is = true` or `is = false`"),
                );
                return None;
            }
        },
        FactType::Day if fact.name != "date" => {
            match (&raw.on_or_after, &raw.before, raw.within_months) {
                (Some(day), _, _) => {
                    let day = p.date(line, "on_or_after", day)?;
                    misleads::earliest_day(p, line, name, "on_or_after", day, "always met");
                    FactRule::OnOrAfter(day)
                }
                (_, Some(day), _) => {
                    let day = p.date(line, "before", day)?;
                    misleads::earliest_day(p, line, name, "before", day, "never met");
                    FactRule::Before(day)
                }
                (_, _, Some(months)) if (1..=120).contains(&months) => {
                    FactRule::WithinMonths(months)
                }
                (_, _, Some(months)) => {
                    p.at(
                        line,
                        format!("within_months = {months}: a window runs from 1 to 120 months"),
                    );
                    return None;
                }
                _ => {
                    p.at(
                        line,
                        format!("{name} is a day: use `on_or_after`, `before` or `within_months`"),
                    );
                    return None;
                }
            }
        }
        FactType::Day | FactType::RegionCode => {
            p.at(
                line,
                format!("{name} is set by the document's period and region, not by a condition"),
            );
            return None;
        }
    };
    Some(Test::Fact {
        fact: FactName::of(fact.name),
        rule,
    })
}

/// The benefits a condition names (`benefit = [...]`), however deeply nested.
pub(super) fn referenced_benefits(test: &Test) -> Vec<&String> {
    match test {
        Test::EligibleFor(ids) => ids.iter().collect(),
        Test::AnyOf(tests) | Test::AllOf(tests) => {
            tests.iter().flat_map(referenced_benefits).collect()
        }
        Test::Fact { .. } => Vec::new(),
    }
}
