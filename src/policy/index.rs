//! What the engine knows of a catalogue before any answer, worked out once from the rules and
//! kept with it (`Catalog::index_cell`), by the catalogue's ids. For the question search: which facts each benefit
//! reads (so a trial answer re-evaluates only the benefits it can reach), and which answers are
//! worth trying for each fact (every threshold and day the rules name). Worked out once per
//! catalogue, from the rules alone, and kept with it.
use super::words::Words;
use super::*;
use crate::date::Date;
use crate::facts;

/// What the engine keeps of a catalogue, by its ids (`Catalog::index_cell`, filled on first
/// use): what the question search needs, and the sentences an estimate borrows.
#[derive(Debug)]
pub struct Index {
    /// Per document (`DocId`), per rule: the facts whose answer can change its line.
    pub(crate) reads: Vec<Vec<Facts>>,
    /// Per fact of the registry, in its order.
    pub(crate) facts: Vec<PerFact>,
    /// The catalogue's sentences an estimate borrows.
    pub(crate) words: Words,
}

/// What the rules name of one fact.
#[derive(Debug, Default)]
pub(crate) struct PerFact {
    /// For a count: every threshold (`Catalog::thresholds`).
    pub(crate) thresholds: Vec<i64>,
    /// For a day: both sides of every `on_or_after`/`before` day and, for the issue date,
    /// of every amendment's period.
    pub(crate) days: Vec<Date>,
    /// For a day: the months of every claim window (`within_months`), whose trial days
    /// depend on the estimate's date.
    pub(crate) windows: Vec<u32>,
}

impl Index {
    /// The catalogue's index, worked out on first use and kept with it (`Catalog::index_cell`).
    pub(crate) fn of_catalog(catalog: &Catalog) -> &Index {
        catalog.index_cell().get_or_init(|| Index::of(catalog))
    }

    fn of(catalog: &Catalog) -> Index {
        let facts = facts::FACTS
            .iter()
            .map(|f| {
                let mut per = PerFact::default();
                match f.kind {
                    facts::FactType::Count { .. } => per.thresholds = catalog.thresholds(f.name),
                    facts::FactType::Day => day_rules(catalog, f.name, &mut per),
                    _ => {}
                }
                per
            })
            .collect();
        Index {
            reads: reads(catalog),
            facts,
            words: Words::of(catalog),
        }
    }

    pub(crate) fn per_fact(&self, fact: &str) -> Option<&PerFact> {
        self.facts.get(facts::order(fact))
    }
}

fn day_rules(catalog: &Catalog, fact: &str, per: &mut PerFact) {
    fn walk(test: &Test, fact: &str, per: &mut PerFact) {
        match test {
            Test::Fact { fact: f, rule } if f.0 == fact => match rule {
                FactRule::OnOrAfter(d) | FactRule::Before(d) => {
                    per.days.extend([d.previous_day(), *d])
                }
                FactRule::WithinMonths(n) if !per.windows.contains(n) => per.windows.push(*n),
                _ => {}
            },
            Test::AnyOf(tests) | Test::AllOf(tests) => {
                tests.iter().for_each(|t| walk(t, fact, per))
            }
            _ => {}
        }
    }
    for (doc, b) in catalog.benefits() {
        b.conditions.iter().for_each(|c| walk(&c.test, fact, per));
        if b.amends.is_some() && fact == "certificate.issued" {
            let period = b.period(doc);
            per.days.extend([period.from.previous_day(), period.from]);
            if let Some(to) = period.to {
                per.days.extend([to, to.next_day()]);
            }
        }
    }
    per.days.sort_unstable();
    per.days.dedup();
}

/// Facts as bits, one per entry of `facts::FACTS`.
pub(crate) type Facts = u64;
const _: () = assert!(
    facts::FACTS.len() <= 64,
    "facts no longer fit one u64 bit set"
);

pub(crate) fn bit(fact: &str) -> Facts {
    match facts::order(fact) {
        n if n < 64 => 1 << n,
        _ => 0,
    }
}

/// The facts one test reads, and the benefits (of its own document) it names.
fn test_reads(test: &Test, names: &mut Vec<String>) -> Facts {
    match test {
        Test::Fact { fact, .. } => bit(fact.0),
        Test::AnyOf(tests) | Test::AllOf(tests) => {
            tests.iter().fold(0, |r, t| r | test_reads(t, names))
        }
        Test::EligibleFor(ids) => {
            names.extend(ids.iter().cloned());
            0
        }
    }
}

fn amount_reads(amount: &Amount) -> Facts {
    match &amount.rule {
        AmountRule::PerUnit { per, .. } => bit(per.0),
        AmountRule::Steps { by, .. } => bit(by.0),
        AmountRule::Table { rows } => rows
            .iter()
            .flat_map(|r| r.when.iter())
            .fold(0, |r, (fact, _)| r | bit(fact.0)),
        _ => 0,
    }
}

/// For each benefit of each document, the facts whose answer can change the line a worker
/// sees for it.
fn reads(catalog: &Catalog) -> Vec<Vec<Facts>> {
    // What each benefit reads itself, then through the benefits it names, to a fixed point.
    let mut reads: Vec<Vec<Facts>> = Vec::new();
    for doc in catalog.documents() {
        let mut own = Vec::new();
        let mut named: Vec<Vec<usize>> = Vec::new();
        for b in &doc.benefits {
            let mut names = Vec::new();
            let r = b.conditions.iter().fold(amount_reads(&b.amount), |r, c| {
                r | test_reads(&c.test, &mut names)
            });
            own.push(r);
            named.push(
                names
                    .iter()
                    .filter_map(|n| doc.benefits.iter().position(|x| &x.id == n))
                    .collect(),
            );
        }
        loop {
            let mut grew = false;
            for (i, targets) in named.iter().enumerate() {
                let through = targets.iter().fold(own[i], |r, &j| r | own[j]);
                grew |= through != own[i];
                own[i] = through;
            }
            if !grew {
                break;
            }
        }
        reads.push(own);
    }
    // A standing rule's line shows the version that governs: it reads every version, and the
    // issue date that chooses among them.
    let mut lines = reads.clone();
    for (di, doc) in catalog.documents().iter().enumerate() {
        for (bi, b) in doc.benefits.iter().enumerate() {
            for (dj, other) in catalog.documents().iter().enumerate() {
                for (bj, version) in other.benefits.iter().enumerate() {
                    if version.id == b.id && version.amends.as_deref() == Some(doc.id.as_str()) {
                        lines[di][bi] |= reads[dj][bj] | bit("certificate.issued");
                    }
                }
            }
        }
    }
    // Only the largest of an exclusive group is paid, so each member reads what all read.
    for (di, doc) in catalog.documents().iter().enumerate() {
        let own = lines[di].clone();
        for (bi, b) in doc.benefits.iter().enumerate() {
            for group in doc
                .benefits
                .iter()
                .filter(|r| r.id == b.id)
                .filter_map(|r| r.exclusive_group.as_deref())
            {
                for (bj, mate) in doc.benefits.iter().enumerate() {
                    let in_group = doc
                        .benefits
                        .iter()
                        .any(|r| r.id == mate.id && r.exclusive_group.as_deref() == Some(group));
                    if in_group {
                        lines[di][bi] |= own[bj];
                    }
                }
            }
        }
    }
    lines
}
