//! From TOML text to the catalogue's types, collecting every problem as
//! `policies/…/file.toml:LINE: message`: unknown fields, unknown facts, values or groups,
//! missing citations, reversed or overlapping periods, negative amounts, caps below rates.
use super::*;
use crate::facts::{self, FactType};
use crate::money::Yuan;
use crate::regions;
use std::collections::BTreeMap;
use toml::Spanned;

mod amounts;
mod conditions;
mod head;
mod misleads;
mod named;
use amounts::{amount, RawAmount};
use conditions::{condition, referenced_benefits};
use head::{incomplete_after, office_and_phone, office_cite};
use named::Named;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    document: Spanned<RawDocument>,
    /// Conditions written once and used by name (`use = "…"`) in the benefits' conditions.
    #[serde(default)]
    named_condition: Vec<Spanned<RawCondition>>,
    #[serde(default)]
    benefit: Vec<Spanned<RawBenefit>>,
    #[serde(default)]
    measure: Vec<Spanned<RawMeasure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    id: String,
    title: String,
    doc_number: Option<String>,
    issuer: String,
    issued: Option<String>,
    region: String,
    source: String,
    /// Absent: the seed text the project was given, which counts as official.
    source_grade: Option<SourceGrade>,
    in_force: RawPeriod,
    period_note: Option<String>,
    incomplete: Option<String>,
    /// The last clause the captured text reaches, named in `incomplete` (required with it).
    incomplete_after: Option<String>,
    apply: Option<String>,
    /// The office the `apply` sentence names, word for word (absent: it names none).
    office: Option<String>,
    /// The clause of the document that names the office (required with `office`).
    office_cite: Option<String>,
    /// The phone line the `apply` sentence names, digits only.
    phone: Option<String>,
    /// The day the encoded text was last checked against its copy (`YYYY-MM-DD`).
    verified_on: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: String,
    to: Option<String>,
    cite: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBenefit {
    id: String,
    title: String,
    kind: BenefitKind,
    payee: Payee,
    clause: String,
    quote: String,
    in_force: Option<RawPeriod>,
    amends: Option<String>,
    exclusive_group: Option<String>,
    same_as: Option<String>,
    how_to_apply: Option<RawHowToApply>,
    #[serde(default)]
    condition: Vec<Spanned<RawCondition>>,
    amount: Spanned<RawAmount>,
}

/// A condition as written: exactly one test (`fact` with one rule, `any_of`, `all_of` or
/// `benefit`), plus the words shown to the worker at the top level; or only `use`, the name of
/// a `[[named_condition]]` of the same file (which is a condition as written with a `name`).
#[derive(Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    /// Only in a `[[named_condition]]`: the name its uses give.
    name: Option<String>,
    /// The named condition this one is, words, cite and test.
    #[serde(rename = "use")]
    use_: Option<String>,
    text: Option<String>,
    cite: Option<String>,
    if_not: Option<String>,
    fact: Option<String>,
    #[serde(rename = "in")]
    in_: Option<Vec<String>>,
    not_in: Option<Vec<String>>,
    at_least: Option<i64>,
    below: Option<i64>,
    is: Option<bool>,
    on_or_after: Option<String>,
    before: Option<String>,
    within_months: Option<u32>,
    any_of: Option<Vec<RawCondition>>,
    all_of: Option<Vec<RawCondition>>,
    benefit: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHowToApply {
    office: Option<String>,
    office_cite: Option<String>,
    #[serde(default)]
    materials: Vec<String>,
    materials_cite: Option<String>,
    deadline: Option<String>,
    deadline_cite: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: String,
    title: String,
    clause: String,
    quote: String,
    summary: String,
}

/// Collects problems of one file, each at its line.
struct Problems<'a> {
    path: &'a str,
    /// Where each line break of the file is, found once: a line is then a binary search away.
    /// (Counting the breaks before each benefit and condition afresh made checking grow with
    /// the square of the file: 2,000 benefits took 13.6 s.)
    newlines: Vec<usize>,
    found: Vec<Error>,
}

impl Problems<'_> {
    fn new<'a>(path: &'a str, text: &str) -> Problems<'a> {
        Problems {
            path,
            newlines: text
                .bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i))
                .collect(),
            found: Vec::new(),
        }
    }

    /// The line (from 1) of the byte at `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&at| at < offset) + 1
    }

    fn at(&mut self, line: usize, message: impl Into<String>) {
        self.found.push(Error::policy(self.path, line, message));
    }

    fn date(&mut self, line: usize, what: &str, text: &str) -> Option<Date> {
        let day = Date::parse(text);
        if day.is_none() {
            self.at(
                line,
                format!("{what}: \"{text}\" is not a day written YYYY-MM-DD"),
            );
        }
        day
    }

    fn period(&mut self, line: usize, what: &str, raw: &RawPeriod) -> Option<Period> {
        let from = self.date(line, &format!("{what}.from"), &raw.from)?;
        let to = match &raw.to {
            Some(t) => Some(self.date(line, &format!("{what}.to"), t)?),
            None => None,
        };
        if let Some(to) = to {
            if to < from {
                self.at(
                    line,
                    format!("{what}: the period ends ({to}) before it starts ({from})"),
                );
                return None;
            }
        }
        Some(Period { from, to })
    }

    fn cite(&mut self, line: usize, what: &str, cite: &Option<String>) -> String {
        match cite.as_deref().map(str::trim) {
            Some(c) if !c.is_empty() => c.to_string(),
            _ => {
                self.at(
                    line,
                    format!("{what} has no cite: name the clause it comes from"),
                );
                String::new()
            }
        }
    }

    fn fact(&mut self, line: usize, name: &str) -> Option<&'static facts::Fact> {
        let found = facts::fact(name);
        if found.is_none() {
            self.at(
                line,
                format!("unknown fact \"{name}\"; facts are listed in src/facts.rs"),
            );
        }
        found
    }

    fn values(&mut self, line: usize, fact: &facts::Fact, values: &[String]) {
        for value in values {
            if facts::value_label(fact.name, value).is_none() {
                let what = if fact.kind == FactType::Groups {
                    "group"
                } else {
                    "value"
                };
                self.at(
                    line,
                    format!("unknown {what} \"{value}\" for {}", fact.name),
                );
            }
        }
        if values.is_empty() {
            self.at(
                line,
                format!("an empty list of values for {} can never match", fact.name),
            );
        }
    }

    fn amount(&mut self, line: usize, what: &str, value: Option<Yuan>) -> Option<Decimal> {
        match value {
            None => {
                self.at(line, format!("amount rule needs `{what}`"));
                None
            }
            Some(Yuan(v)) if v.is_sign_negative() => {
                self.at(
                    line,
                    format!("{what} is negative ({v}): amounts are never below zero"),
                );
                None
            }
            Some(Yuan(v)) if v.is_zero() && what != "from" => {
                self.at(
                    line,
                    format!("{what} is 0: the worker would read that this pays nothing; where the document states no figure, use rule = \"not_stated\""),
                );
                None
            }
            Some(Yuan(v)) => Some(v),
        }
    }
}

pub(super) fn document(path: &str, text: &str) -> std::result::Result<Document, Vec<Error>> {
    let mut p = Problems::new(path, text);
    let raw: RawFile = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            let line = e.span().map(|s| p.line_of(s.start)).unwrap_or(1);
            let message = e.message().trim().to_string();
            return Err(vec![Error::policy(path, line, message)]);
        }
    };
    let head_line = p.line_of(raw.document.span().start);
    let head = raw.document.into_inner();

    if !(head.region.len() == 6 && head.region.bytes().all(|b| b.is_ascii_digit()))
        || (head.region != regions::NATIONAL && regions::province_of(&head.region).is_none())
    {
        p.at(
            head_line,
            format!(
                "region \"{}\" is not a GB/T 2260 code (000000 for national)",
                head.region
            ),
        );
    }
    let expected_tail = format!("{}/{}.toml", head.region, head.id);
    if !path.replace('\\', "/").ends_with(&expected_tail) {
        p.at(
            head_line,
            format!(
                "this file should be at policies/{expected_tail} (region and id of [document])"
            ),
        );
    }
    // A day that is not a day is reported (so the match below fails); an absent one is None.
    let issued = head
        .issued
        .as_ref()
        .map(|day| p.date(head_line, "issued", day));
    let verified_on = head
        .verified_on
        .as_ref()
        .map(|day| p.date(head_line, "verified_on", day));
    let in_force = p.period(head_line, "in_force", &head.in_force);
    let in_force_cite = p.cite(head_line, "in_force", &head.in_force.cite);
    for (field, words) in [
        ("id", &head.id),
        ("title", &head.title),
        ("issuer", &head.issuer),
    ] {
        misleads::blank(&mut p, head_line, field, words);
    }
    for (field, words) in [
        ("title", Some(head.title.as_str())),
        ("apply", head.apply.as_deref()),
        ("period_note", head.period_note.as_deref()),
        ("incomplete", head.incomplete.as_deref()),
    ] {
        misleads::placeholders(&mut p, head_line, field, words, &[]);
    }
    incomplete_after(&mut p, head_line, &head);
    office_and_phone(&mut p, head_line, &head);
    office_cite(&mut p, head_line, "office", &head.office, &head.office_cite);

    let mut named = Named::define(&mut p, raw.named_condition);
    let mut benefits = Vec::new();
    for spanned in raw.benefit {
        let line = p.line_of(spanned.span().start);
        let amount_line = p.line_of(spanned.get_ref().amount.span().start);
        let condition_lines: Vec<usize> = spanned
            .get_ref()
            .condition
            .iter()
            .map(|c| p.line_of(c.span().start))
            .collect();
        let b = spanned.into_inner();
        for (field, words) in [
            ("id", &b.id),
            ("title", &b.title),
            ("clause", &b.clause),
            ("quote", &b.quote),
        ] {
            misleads::blank(&mut p, line, field, words);
        }
        misleads::placeholders(&mut p, line, "title", Some(&b.title), &[]);
        if let Some(how) = &b.how_to_apply {
            for (field, words) in [
                ("how_to_apply.office", how.office.as_deref()),
                ("how_to_apply.deadline", how.deadline.as_deref()),
            ] {
                misleads::placeholders(&mut p, line, field, words, &[]);
            }
            for material in &how.materials {
                misleads::placeholders(&mut p, line, "how_to_apply.materials", Some(material), &[]);
            }
        }
        let own_period = b
            .in_force
            .as_ref()
            .and_then(|r| p.period(line, "benefit.in_force", r));
        if let (Some(own), Some(doc)) = (own_period, in_force) {
            let inside = own.from >= doc.from
                && match (own.to, doc.to) {
                    (_, None) => true,
                    (Some(o), Some(d)) => o <= d,
                    (None, Some(_)) => false,
                };
            if !inside {
                p.at(
                    line,
                    format!(
                        "{}: in_force {} lies outside the document's {}",
                        b.id,
                        own.describe(),
                        doc.describe()
                    ),
                );
            }
        }
        let mut conditions = Vec::new();
        for (raw_condition, cline) in b.condition.into_iter().zip(condition_lines) {
            conditions.extend(condition(
                &mut p,
                cline,
                &raw_condition.into_inner(),
                Some(&mut named),
            ));
        }
        let amount = amount(&mut p, amount_line, b.amount.into_inner(), &conditions);
        if let Some(amount) = amount {
            benefits.push(Benefit {
                id: b.id,
                title: b.title,
                kind: b.kind,
                payee: b.payee,
                clause: b.clause,
                quote: b.quote,
                in_force: own_period,
                amends: b.amends,
                exclusive_group: b.exclusive_group,
                same_as: b.same_as,
                how_to_apply: b.how_to_apply.map(|h| how_to_apply(&mut p, line, h)),
                conditions,
                amount,
                line,
            });
        }
    }

    named.unused(&mut p);

    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &benefits {
        if let Some(first) = seen.insert(&b.id, b.line) {
            p.found.push(Error::policy(
                path,
                b.line,
                format!(
                    "benefit id \"{}\" is used twice (first at line {first})",
                    b.id
                ),
            ));
        }
    }
    for b in &benefits {
        for c in &b.conditions {
            for referenced in referenced_benefits(&c.test) {
                if referenced == &b.id {
                    p.found.push(Error::policy(
                        path,
                        c.line,
                        format!("{} depends on itself", b.id),
                    ));
                } else if !seen.contains_key(referenced.as_str()) {
                    p.found.push(Error::policy(
                        path,
                        c.line,
                        format!("unknown benefit \"{referenced}\" in this document"),
                    ));
                }
            }
        }
    }

    let measures = raw
        .measure
        .into_iter()
        .map(|m| {
            let m = m.into_inner();
            Measure {
                id: m.id,
                title: m.title,
                clause: m.clause,
                quote: m.quote,
                summary: m.summary,
            }
        })
        .collect();

    match (issued, in_force, p.found.is_empty()) {
        (issued, Some(in_force), true) => Ok(Document {
            verified_on: verified_on.flatten(),
            path: path.to_string(),
            id: head.id,
            title: head.title,
            doc_number: head.doc_number,
            issuer: head.issuer,
            issued: issued.flatten(),
            region: head.region,
            source: head.source,
            source_grade: head.source_grade.unwrap_or(SourceGrade::Official),
            in_force,
            in_force_cite,
            period_note: head.period_note,
            incomplete: head.incomplete,
            incomplete_after: head.incomplete_after,
            apply: head.apply,
            office: head.office,
            office_cite: head.office_cite,
            phone: head.phone,
            benefits,
            measures,
        }),
        _ => Err(p.found),
    }
}

/// An amendment names a document that holds a standing version of the same benefit, for
/// the same region, and lies within that version's period.
fn amendment_target(
    documents: &[Document],
    doc: &Document,
    benefit: &Benefit,
    target: &str,
) -> Option<Error> {
    let complain = |message: String| Some(Error::policy(&doc.path, benefit.line, message));
    let Some(base_doc) = documents.iter().find(|d| d.id == target) else {
        return complain(format!(
            "{}: amends \"{target}\", which is no document of the catalogue",
            benefit.id
        ));
    };
    let Some(base) = base_doc.benefits.iter().find(|b| b.id == benefit.id) else {
        return complain(format!(
            "{}: amends {}, which has no benefit \"{}\"",
            benefit.id, base_doc.path, benefit.id
        ));
    };
    if base.amends.is_some() {
        return complain(format!(
            "{}: amends {}, which is itself an amendment; amend the standing rule",
            benefit.id, base_doc.path
        ));
    }
    // A place may amend a rule that reaches it (a province its own figure for the national
    // subsidy, rulings.md "Third round"), never a rule of another place: its amendment would
    // reach workers the rule it amends does not.
    if !regions::reaches(&base_doc.region, &doc.region) {
        return complain(format!(
            "{}: amends a rule of region {}, but this document is for {}, outside that region",
            benefit.id, base_doc.region, doc.region
        ));
    }
    let (own, standing) = (benefit.period(doc), base.period(base_doc));
    let inside = own.from >= standing.from
        && match (own.to, standing.to) {
            (_, None) => true,
            (Some(o), Some(s)) => o <= s,
            (None, Some(_)) => false,
        };
    if !inside {
        return complain(format!(
            "{}: amends {} for {}, outside the standing rule's {}",
            benefit.id,
            base_doc.path,
            own.describe(),
            standing.describe()
        ));
    }
    None
}

/// An office, materials and a deadline are shown to the worker as the document's own words,
/// so each needs the clause it comes from.
fn how_to_apply(p: &mut Problems, line: usize, raw: RawHowToApply) -> HowToApply {
    office_cite(
        p,
        line,
        "how_to_apply.office",
        &raw.office,
        &raw.office_cite,
    );
    let materials_cite = if raw.materials.is_empty() {
        raw.materials_cite
    } else {
        Some(p.cite(line, "how_to_apply.materials", &raw.materials_cite))
    };
    let deadline_cite = if raw.deadline.is_some() {
        Some(p.cite(line, "how_to_apply.deadline", &raw.deadline_cite))
    } else {
        raw.deadline_cite
    };
    HowToApply {
        office: raw.office,
        office_cite: raw.office_cite,
        materials: raw.materials,
        materials_cite,
        deadline: raw.deadline,
        deadline_cite,
    }
}

/// Problems only visible across files: the same document twice, or two versions of one
/// benefit in force on the same day.
pub(super) fn across_documents(documents: &[Document]) -> Vec<Error> {
    let mut errors = Vec::new();
    for (i, a) in documents.iter().enumerate() {
        for b in &documents[i + 1..] {
            if a.id == b.id {
                errors.push(Error::policy(
                    &b.path,
                    1,
                    format!("document id \"{}\" is also used by {}", b.id, a.path),
                ));
            }
        }
    }
    let versions: Vec<(&Document, &Benefit)> = documents
        .iter()
        .flat_map(|d| d.benefits.iter().map(move |b| (d, b)))
        .collect();
    for (doc, benefit) in &versions {
        if let Some(target) = &benefit.amends {
            errors.extend(amendment_target(documents, doc, benefit, target));
        }
        if let Some(other) = &benefit.same_as {
            let elsewhere = versions
                .iter()
                .any(|(d, b)| d.id != doc.id && &b.id == other);
            if !elsewhere {
                errors.push(Error::policy(
                    &doc.path,
                    benefit.line,
                    format!(
                        "{}: same_as \"{other}\", which is no benefit of another document",
                        benefit.id
                    ),
                ));
            }
        }
    }
    // Versions of one benefit id side by side, so that only they are compared with each other
    // (comparing every pair of benefits of the catalogue grew with its square).
    let mut by_id: BTreeMap<&str, Vec<(&Document, &Benefit)>> = BTreeMap::new();
    for (doc, benefit) in &versions {
        by_id.entry(&benefit.id).or_default().push((doc, benefit));
    }
    for same_id in by_id.values() {
        for (i, (da, a)) in same_id.iter().enumerate() {
            for (db, b) in &same_id[i + 1..] {
                // The same document (ids are one per document, checked above).
                if da.id == db.id {
                    continue;
                }
                // An amendment replaces the rule it amends for its own period: the two overlap
                // by design. Two amendments of one rule, or two unrelated versions, must not.
                let amends_other = a.amends.as_deref() == Some(db.id.as_str())
                    || b.amends.as_deref() == Some(da.id.as_str());
                // Two amendments of one rule for different places (the nation's notice and a
                // province's own figure) overlap by design too: the more local one governs where
                // it reaches, the other elsewhere.
                let different_places =
                    a.amends.is_some() && a.amends == b.amends && da.region != db.region;
                if amends_other || different_places || !a.period(da).overlaps(&b.period(db)) {
                    continue;
                }
                let what = if a.amends.is_some() && a.amends == b.amends {
                    "overlaps another amendment of the same rule"
                } else {
                    "overlaps its other version"
                };
                errors.push(Error::policy(
                    &db.path,
                    b.line,
                    format!(
                        "benefit \"{}\" ({}) {what} in {}:{} ({})",
                        b.id,
                        b.period(db).describe(),
                        da.path,
                        a.line,
                        a.period(da).describe()
                    ),
                ));
            }
        }
    }
    errors
}
