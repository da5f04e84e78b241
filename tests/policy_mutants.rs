//! The mutation suite: each kind of mistake that would mislead a worker, made in copies of the
//! real policy files (every place in every file where the kind can be made), must be refused
//! by the check at its line, `path:LINE: …`, with words that say what is wrong. The kinds are
//! those named in the README ("What the checker refuses"). Run with `-- --nocapture` to see the
//! count of mutants tried and refused, by kind.
use std::collections::BTreeMap;
use subsidy_estimator::facts::{self, FactType};
use subsidy_estimator::Catalog;
#[path = "../src/policy_files.rs"]
mod policy_files;

struct Mutant {
    kind: &'static str,
    path: String,
    text: String,
    /// The line (from 1) the problem must be reported at.
    line: usize,
    words: String,
}

/// One policy file's lines, to make mutants of.
struct File<'a> {
    path: &'a str,
    lines: Vec<&'a str>,
}

impl File<'_> {
    /// The text with line `at` (from 0) replaced by `with` (which may hold several lines).
    fn replaced(&self, at: usize, with: &str) -> String {
        let mut out: Vec<&str> = self.lines.clone();
        out[at] = with;
        out.join("\n") + "\n"
    }

    /// The text with `new` inserted before line `at` (from 0).
    fn inserted(&self, at: usize, new: &str) -> String {
        let mut out: Vec<&str> = self.lines.clone();
        out.insert(at, new);
        out.join("\n") + "\n"
    }

    /// The nearest line at or before `at` that starts with `header` (from 0).
    fn header_before(&self, at: usize, header: &str) -> usize {
        (0..=at)
            .rev()
            .find(|&i| self.lines[i].starts_with(header))
            .unwrap_or_else(|| panic!("{}:{}: no {header} above", self.path, at + 1))
    }

    /// Lines `from..to` of the block (a condition, a benefit) that line `at` is in: from its
    /// header to the next header of any kind.
    fn block(&self, at: usize, header: &str) -> std::ops::Range<usize> {
        self.block_from(self.header_before(at, header))
    }

    /// The block whose header is line `from` (from 0), to the next header of any kind.
    fn block_from(&self, from: usize) -> std::ops::Range<usize> {
        let to = (from + 1..self.lines.len())
            .find(|&i| self.lines[i].starts_with('['))
            .unwrap_or(self.lines.len());
        from..to
    }

    /// The value of `key = "…"` in the block, if any.
    fn key_in(&self, block: std::ops::Range<usize>, key: &str) -> Option<&str> {
        let prefix = format!("{key} = \"");
        self.lines[block]
            .iter()
            .find_map(|l| l.strip_prefix(prefix.as_str())?.strip_suffix('"'))
    }

    fn mutant(&self, kind: &'static str, text: String, line: usize, words: &str) -> Mutant {
        Mutant {
            kind,
            path: self.path.to_string(),
            text,
            line: line + 1,
            words: words.to_string(),
        }
    }
}

fn range_of(fact: &str) -> Option<(i64, i64)> {
    match facts::fact(fact)?.kind {
        FactType::Count { min, max, .. } => Some((min, max)),
        _ => None,
    }
}

fn choices_of(fact: &str) -> Vec<&'static str> {
    match facts::fact(fact).map(|f| f.kind) {
        Some(FactType::OneOf(choices)) => choices.iter().map(|c| c.value).collect(),
        _ => Vec::new(),
    }
}

/// The facts a table row's `when` names, as written: `"certificate.level" = [...]`.
fn row_facts(row: &str) -> Vec<&str> {
    row.split('"')
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].trim_start().starts_with("= ["))
        .map(|w| w[0])
        .filter(|f| facts::fact(f).is_some())
        .collect()
}

/// The number after `key = ` in `line`, with where it starts and ends.
fn number_after(line: &str, key: &str) -> Option<(usize, usize, i64)> {
    let start = line.find(&format!("{key} = "))? + key.len() + 3;
    let len = line[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
        .unwrap_or(line.len() - start);
    Some((start, start + len, line[start..start + len].parse().ok()?))
}

fn mutants_of(file: &File) -> Vec<Mutant> {
    let mut out = Vec::new();
    let lines = &file.lines;
    let count_facts_not_days_or_months: Vec<&str> = facts::FACTS
        .iter()
        .filter(
            |f| matches!(f.kind, FactType::Count { unit, .. } if unit != "天" && unit != "个月"),
        )
        .map(|f| f.name)
        .collect();
    let mut first_row_of_table = true;
    for (at, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        // ── table rows, written one a line: `{ when = { … }, yuan = 1000 },`
        if trimmed.starts_with("{ when = ") {
            // The same row again ahead of it: the row itself is now shadowed.
            out.push(file.mutant(
                "shadowed row",
                file.inserted(at, line),
                at + 1,
                "can never be paid: row",
            ));
            // Ahead of it, a row naming its values and one more fact: the two overlap.
            if let Some(extra) = facts::FACTS.iter().find(|f| {
                matches!(f.kind, FactType::OneOf(_)) && !row_facts(line).contains(&f.name)
            }) {
                let value = choices_of(extra.name)[0];
                let wider = line.replacen(
                    "{ when = { ",
                    &format!("{{ when = {{ \"{}\" = [\"{value}\"], ", extra.name),
                    1,
                );
                out.push(file.mutant(
                    "overlapping row",
                    file.inserted(at, &wider),
                    at + 1,
                    "overlaps row",
                ));
            }
            if first_row_of_table {
                out.push(file.mutant(
                    "catch-all row not last",
                    file.inserted(at, "  { when = {}, yuan = 100 },"),
                    at,
                    "matches every worker",
                ));
            }
            for key in ["yuan", "up_to"] {
                if let Some((start, end, _)) = number_after(line, key) {
                    if !line.contains("note = ") {
                        let dropped = format!("{}{}", &line[..start - key.len() - 5], &line[end..]);
                        out.push(file.mutant(
                            "row without an amount",
                            file.replaced(at, &dropped),
                            at,
                            "gives no amount",
                        ));
                    }
                    let zero = format!("{}0{}", &line[..start], &line[end..]);
                    out.push(file.mutant("zero amount", file.replaced(at, &zero), at, "is 0"));
                }
            }
            if let Some(start) = line.find("note = \"") {
                let braced = format!("{}{{n}}{}", &line[..start + 8], &line[start + 8..]);
                out.push(file.mutant(
                    "unfilled placeholder",
                    file.replaced(at, &braced),
                    at,
                    "contains \"{n}\"",
                ));
            }
            // A row the benefit's own conditions rule out.
            let benefit = file.block(at, "[[benefit]]").start..at;
            for fact in row_facts(line) {
                let fact_line = format!("fact = \"{fact}\"");
                for c in benefit.clone().filter(|&i| lines[i] == fact_line) {
                    let Some(list) = lines[c + 1].strip_prefix("in = ") else {
                        continue;
                    };
                    let Some(outside) = choices_of(fact)
                        .into_iter()
                        .find(|v| !list.contains(&format!("\"{v}\"")))
                    else {
                        continue;
                    };
                    let key = format!("\"{fact}\" = [");
                    let start = line.find(&key).unwrap() + key.len();
                    let end = start + line[start..].find(']').unwrap();
                    let ruled_out = format!("{}\"{outside}\"{}", &line[..start], &line[end..]);
                    out.push(file.mutant(
                        "row ruled out by the conditions",
                        file.replaced(at, &ruled_out),
                        at,
                        "rules out",
                    ));
                }
            }
            first_row_of_table = false;
            continue;
        }
        if trimmed.starts_with("row = [") {
            first_row_of_table = true;
        }
        // ── conditions
        // A benefit's condition, or a named one (`[[named_condition]]`, refused at its own line).
        let condition_header = (0..=at)
            .rev()
            .find(|&i| lines[i].starts_with('['))
            .filter(|&h| lines[h] == "[[benefit.condition]]" || lines[h] == "[[named_condition]]");
        if let Some(header) = condition_header {
            for key in ["at_least", "below"] {
                // `at_least = 12` under `fact = "…"`, or `{ fact = "…", at_least = 12 }`.
                let fact = if line.starts_with(key) {
                    file.key_in(file.block_from(header), "fact")
                } else {
                    line.split("fact = \"")
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .filter(|_| line.contains(&format!(", {key} = ")))
                };
                let (Some(fact), Some((start, end, _))) = (fact, number_after(line, key)) else {
                    continue;
                };
                let Some((min, max)) = range_of(fact) else {
                    continue;
                };
                let never = if key == "at_least" { max + 1 } else { min };
                let always = if key == "at_least" { min } else { max + 1 };
                for (n, words) in [(never, "is never met"), (always, "is always met")] {
                    let moved = format!("{}{n}{}", &line[..start], &line[end..]);
                    out.push(file.mutant(
                        "threshold outside its fact's range",
                        file.replaced(at, &moved),
                        header,
                        words,
                    ));
                }
            }
            for (key, placeholder) in [("if_not", "{gapx}"), ("text", "{name}")] {
                let prefix = format!("{key} = \"");
                if let Some(rest) = line.strip_prefix(prefix.as_str()) {
                    out.push(file.mutant(
                        "unfilled placeholder",
                        file.replaced(at, &format!("{prefix}{placeholder}{rest}")),
                        header,
                        &format!("contains \"{placeholder}\""),
                    ));
                }
            }
            for (key, outcome) in [("in", "always met"), ("not_in", "never met")] {
                let Some(_) = line.strip_prefix(&format!("{key} = [")) else {
                    continue;
                };
                let Some(fact) = file.key_in(file.block_from(header), "fact") else {
                    continue;
                };
                let every = choices_of(fact);
                if every.is_empty() {
                    continue;
                }
                let all: Vec<String> = every.iter().map(|v| format!("\"{v}\"")).collect();
                out.push(file.mutant(
                    "condition listing every value",
                    file.replaced(at, &format!("{key} = [{}]", all.join(", "))),
                    header,
                    outcome,
                ));
            }
            for (key, outcome) in [("on_or_after", "always met"), ("before", "never met")] {
                if line.starts_with(&format!("{key} = \"")) {
                    out.push(file.mutant(
                        "day before any answer",
                        file.replaced(at, &format!("{key} = \"1989-12-31\"")),
                        header,
                        outcome,
                    ));
                }
            }
        }
        // ── amounts
        if (0..=at)
            .rev()
            .find(|&i| lines[i].starts_with('['))
            .is_some_and(|h| lines[h] == "[benefit.amount]")
        {
            let header = file.header_before(at, "[benefit.amount]");
            if line.starts_with("per = \"") {
                for fact in &count_facts_not_days_or_months {
                    out.push(file.mutant(
                        "per-unit amount not per day or month",
                        file.replaced(at, &format!("per = \"{fact}\"")),
                        header,
                        "must be a count of days or months",
                    ));
                }
            }
            for key in ["yuan", "rate", "cap"] {
                if line.starts_with(&format!("{key} = ")) {
                    out.push(file.mutant(
                        "zero amount",
                        file.replaced(at, &format!("{key} = 0")),
                        header,
                        "is 0",
                    ));
                }
            }
            if let Some(rest) = line.strip_prefix("note = \"") {
                out.push(file.mutant(
                    "unfilled placeholder",
                    file.replaced(at, &format!("note = \"{{n}}{rest}")),
                    header,
                    "contains \"{n}\"",
                ));
            }
        }
        // ── the words of a benefit
        if lines[..=at].iter().rev().find(|l| l.starts_with('[')) == Some(&"[[benefit]]") {
            let header = file.header_before(at, "[[benefit]]");
            for key in ["id", "title", "clause", "quote"] {
                if line.starts_with(&format!("{key} = \"")) {
                    out.push(file.mutant(
                        "empty words",
                        file.replaced(at, &format!("{key} = \"\"")),
                        header,
                        "is empty",
                    ));
                }
            }
            if let Some(rest) = line.strip_prefix("title = \"") {
                out.push(file.mutant(
                    "unfilled placeholder",
                    file.replaced(at, &format!("title = \"{{title}}{rest}")),
                    header,
                    "contains \"{title}\"",
                ));
            }
        }
    }
    out
}

/// The mutants the issue named, each made by hand in policies/140502/czf-2020-12.toml.
fn named_in_the_issue(file: &File) -> Vec<Mutant> {
    let find = |needle: &str| {
        file.lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} is not in {}", file.path))
    };
    let junior = find(r#"{ when = { "certificate.level" = ["junior"] }, yuan = 1000 }"#);
    let months = find("at_least = 12");
    let gap = find("if_not = \"再缴纳{gap}个月失业保险即可满足这一条件\"");
    let per = find("per = \"training.days\"");
    vec![
        file.mutant(
            "issue: a row ahead shadows 中级",
            file.inserted(
                junior,
                r#"  { when = { "certificate.level" = ["junior", "intermediate"] }, yuan = 1000 },"#,
            ),
            junior + 1,
            "can never be paid: row 1",
        ),
        file.mutant(
            "issue: when = {} ahead",
            file.inserted(junior, "  { when = {}, yuan = 1000 },"),
            junior,
            "matches every worker",
        ),
        file.mutant(
            "issue: a row with no amount",
            file.replaced(junior, r#"  { when = { "certificate.level" = ["junior"] } },"#),
            junior,
            "gives no amount",
        ),
        file.mutant(
            "issue: {gapx}",
            file.replaced(gap, "if_not = \"再缴纳{gapx}个月失业保险即可满足这一条件\""),
            file.header_before(gap, "[[benefit.condition]]"),
            "contains \"{gapx}\"",
        ),
        file.mutant(
            "issue: at_least = 601 of 0–600",
            file.replaced(months, "at_least = 601"),
            file.header_before(months, "[[benefit.condition]]"),
            "at_least = 601 is never met",
        ),
        file.mutant(
            "issue: per year of age",
            file.replaced(per, "per = \"age\""),
            file.header_before(per, "[benefit.amount]"),
            "counts 岁",
        ),
    ]
}

#[test]
fn every_mutant_that_would_mislead_is_refused_at_its_line() {
    let (files, problems) = policy_files::collect(std::path::Path::new("policies"));
    assert!(problems.is_empty(), "{problems:?}");
    let mut mutants = Vec::new();
    for (path, text) in &files {
        let file = File {
            path,
            lines: text.lines().collect(),
        };
        mutants.extend(mutants_of(&file));
        if path.ends_with("140502/czf-2020-12.toml") {
            mutants.extend(named_in_the_issue(&file));
        }
    }
    // kind → (tried, refused at the line with the words)
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut missed = Vec::new();
    for m in &mutants {
        let original = &files.iter().find(|(p, _)| *p == m.path).unwrap().1;
        let amended: Vec<String> = original
            .lines()
            .filter_map(|l| l.strip_prefix("amends = \"")?.strip_suffix('"'))
            .map(|id| format!("/{id}.toml"))
            .collect();
        // The mutated file with the documents it amends (each kind is a problem of one file).
        let with_mutant: Vec<(&str, &str)> = files
            .iter()
            .filter(|(p, _)| *p == m.path || amended.iter().any(|a| p.ends_with(a.as_str())))
            .map(|(p, t)| {
                (
                    p.as_str(),
                    if *p == m.path {
                        m.text.as_str()
                    } else {
                        t.as_str()
                    },
                )
            })
            .collect();
        let errors: Vec<String> = match Catalog::from_files(&with_mutant) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(|e| e.to_string()).collect(),
        };
        let at = format!("{}:{}: ", m.path, m.line);
        let refused = errors
            .iter()
            .any(|e| e.starts_with(&at) && e.contains(&m.words));
        let entry = tally.entry(m.kind).or_default();
        entry.0 += 1;
        if refused {
            entry.1 += 1;
        } else {
            missed.push(format!(
                "{} at {}:{} (\"{}\"), got: {errors:?}",
                m.kind, m.path, m.line, m.words
            ));
        }
    }
    println!("mutants by kind: tried / refused at their line");
    for (kind, (tried, refused)) in &tally {
        println!("  {kind:<42} {tried:>4} / {refused:>4}");
    }
    let (tried, refused) = tally.values().fold((0, 0), |(t, r), (a, b)| (t + a, r + b));
    println!("  {:<42} {tried:>4} / {refused:>4}", "all");
    assert!(
        missed.is_empty(),
        "{} not refused:\n{}",
        missed.len(),
        missed.join("\n")
    );
    for kind in [
        "shadowed row",
        "overlapping row",
        "catch-all row not last",
        "row without an amount",
        "row ruled out by the conditions",
        "unfilled placeholder",
        "threshold outside its fact's range",
        "per-unit amount not per day or month",
        "zero amount",
        "condition listing every value",
        "day before any answer",
        "empty words",
    ] {
        assert!(
            tally.get(kind).is_some_and(|(t, _)| *t > 0),
            "no mutant of kind {kind}"
        );
    }
}
