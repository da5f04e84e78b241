//! What reads well in a policy file yet would mislead a worker, refused at its line: a table
//! row that an earlier row shadows or overlaps (only the first matching row is paid), a
//! catch-all row that is not last, a row the benefit's own conditions rule out, a placeholder
//! nothing fills (`{gapx}` shown as written), a condition on a choice that lists every value.
//! Thresholds outside their fact's range are refused in `conditions.rs`, per-unit amounts
//! over a count that is not days or months in `amounts.rs`. Each kind is named in the README
//! ("What the checker refuses") and mutated in `tests/policy_mutants.rs`.
use super::*;

/// The first `{…}` (or lone brace) in `text` that is not one of `allowed`, as written.
pub(super) fn unfilled<'t>(text: &'t str, allowed: &[&str]) -> Option<&'t str> {
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        let piece = &rest[at..];
        if piece.starts_with('}') {
            return Some("}");
        }
        let Some(end) = piece.find('}') else {
            return Some(piece.split_whitespace().next().unwrap_or("{"));
        };
        let name = &piece[..=end];
        if name[1..].contains('{') || !allowed.contains(&name) {
            return Some(name);
        }
        rest = &piece[end + 1..];
    }
    None
}

/// Refuses a placeholder in words shown to the worker that nothing fills in. `allowed` are
/// the placeholders the engine fills in this field (`{gap}` in an `if_not`).
pub(super) fn placeholders(
    p: &mut Problems,
    line: usize,
    field: &str,
    text: Option<&str>,
    allowed: &[&str],
) {
    let Some(piece) = text.and_then(|t| unfilled(t, allowed)) else {
        return;
    };
    let fills = if allowed.is_empty() {
        "nothing is filled in here".to_string()
    } else {
        format!("only {} is filled in here", allowed.join(", "))
    };
    p.at(
        line,
        format!(
            "{field} contains \"{piece}\", which the worker would read as it is written: {fills}"
        ),
    );
}

/// A condition on a choice that lists every value is always met (`in`) or never (`not_in`).
pub(super) fn every_value(p: &mut Problems, line: usize, fact: &facts::Fact, rule: &FactRule) {
    let FactType::OneOf(choices) = fact.kind else {
        return;
    };
    let (values, outcome) = match rule {
        FactRule::In(values) => (values, "always met"),
        FactRule::NotIn(values) => (values, "never met"),
        _ => return,
    };
    if choices.iter().all(|c| values.iter().any(|v| v == c.value)) {
        p.at(
            line,
            format!(
                "this condition lists every value of {}, so it is {outcome}: name only the values the document names",
                fact.name
            ),
        );
    }
}

/// The values of a row's `when` for `fact`, or None when the row does not name it (any value).
fn values_of<'r>(row: &'r Row, fact: &str) -> Option<&'r [String]> {
    row.when
        .iter()
        .find(|(f, _)| f.0 == fact)
        .map(|(_, v)| v.as_slice())
}

/// A worker both rows match, as `fact = "value"` pairs, or None when no worker matches both.
fn common_worker(a: &Row, b: &Row) -> Option<String> {
    let mut facts: Vec<&str> = a.when.iter().chain(&b.when).map(|(f, _)| f.0).collect();
    facts.sort_unstable();
    facts.dedup();
    let mut words = Vec::new();
    for fact in facts {
        let value = match (values_of(a, fact), values_of(b, fact)) {
            (Some(x), Some(y)) => x.iter().find(|v| y.contains(v))?,
            (Some(x), None) | (None, Some(x)) => x.first()?,
            (None, None) => continue,
        };
        words.push(format!("{fact} = \"{value}\""));
    }
    Some(if words.is_empty() {
        "every worker".to_string()
    } else {
        words.join(", ")
    })
}

/// Every worker `later` matches, `earlier` matches too.
fn covers(earlier: &Row, later: &Row) -> bool {
    earlier.when.iter().all(|(fact, values)| {
        values_of(later, fact.0).is_some_and(|v| v.iter().all(|x| values.contains(x)))
    })
}

/// The values a benefit's own top-level conditions leave a choice fact (None: any value).
fn allowed_by_conditions<'c>(
    conditions: &'c [Condition],
    fact: &str,
) -> Vec<(&'c FactRule, usize)> {
    conditions
        .iter()
        .filter_map(|c| match &c.test {
            Test::Fact { fact: f, rule } if f.0 == fact => Some((rule, c.line)),
            _ => None,
        })
        .collect()
}

/// The rows of a table, each with its line, in the order the engine tries them: the first
/// row that matches is paid. Rows are few (five or six), so each pair is compared.
pub(super) fn table_rows(p: &mut Problems, rows: &[(Row, usize)], conditions: &[Condition]) {
    let last = rows.len().saturating_sub(1);
    for (j, (row, line)) in rows.iter().enumerate() {
        if row.when.is_empty() && j < last {
            p.at(
                *line,
                format!(
                    "row {} has `when = {{}}`, which matches every worker, so the {} row(s) after it are never reached: put it last",
                    j + 1,
                    last - j
                ),
            );
            continue;
        }
        for (fact, values) in &row.when {
            for (rule, cline) in allowed_by_conditions(conditions, fact.0) {
                let ruled_out = values.iter().all(|v| match rule {
                    FactRule::In(allowed) => !allowed.contains(v),
                    FactRule::NotIn(refused) => refused.contains(v),
                    _ => false,
                });
                if ruled_out {
                    p.at(
                        *line,
                        format!(
                            "row {} can never be paid: it needs {} in {values:?}, which the benefit's condition at line {cline} rules out",
                            j + 1,
                            fact.0
                        ),
                    );
                }
            }
        }
        // A catch-all last row is the table's "otherwise": every earlier row comes first.
        if row.when.is_empty() {
            continue;
        }
        for (i, (earlier, earlier_line)) in rows[..j].iter().enumerate() {
            if earlier.when.is_empty() {
                continue; // reported above
            }
            if covers(earlier, row) {
                p.at(
                    *line,
                    format!(
                        "row {} can never be paid: row {} (line {earlier_line}) comes before it and matches every worker it matches; only the first matching row is paid",
                        j + 1,
                        i + 1
                    ),
                );
                break;
            }
            if let Some(worker) = common_worker(earlier, row) {
                p.at(
                    *line,
                    format!(
                        "row {} overlaps row {} (line {earlier_line}): a worker with {worker} matches both and is paid only the first; make the rows name different values",
                        j + 1,
                        i + 1
                    ),
                );
                break;
            }
        }
    }
}

/// A day condition at or before the earliest day an answer may carry decides nothing:
/// `on_or_after` it is always met, `before` it never is.
pub(super) fn earliest_day(
    p: &mut Problems,
    line: usize,
    fact: &str,
    word: &str,
    day: Date,
    outcome: &str,
) {
    // answers::EARLIEST_CERTIFICATE (build.rs compiles the policy module without `answers`).
    let earliest = Date::from_parts(1990, 1, 1);
    if day <= earliest {
        p.at(
            line,
            format!("{fact} is never earlier than {earliest}, so {word} = \"{day}\" is {outcome}: the day must come after {earliest}"),
        );
    }
}

/// Words every benefit and document must have: an empty one leaves a blank where the worker
/// reads a title, or a citation to nothing.
pub(super) fn blank(p: &mut Problems, line: usize, field: &str, text: &str) {
    if text.trim().is_empty() {
        let how = if field == "id" {
            "give it a short name in letters, digits and _, used by no other"
        } else {
            "write it as the document says it"
        };
        p.at(line, format!("{field} is empty: {how}"));
    }
}
