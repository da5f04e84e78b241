//! The answers the question search tries for each fact, from what the catalogue's index
//! (`policy::index`) knows of the rules.
use crate::answers::Value;
use crate::date::Date;
use crate::facts;
pub(super) use crate::policy::index::{bit, Facts, Index};

/// The answers worth trying for a fact: every choice, yes and no, and for counts both
/// sides of every threshold the catalogue names, so no boundary is missed.
pub(super) fn trial_values(index: &Index, fact: &'static str, date: Date) -> Vec<Value> {
    match facts::fact(fact).map(|f| f.kind) {
        Some(facts::FactType::Count { min, max, .. }) => {
            let mut counts = vec![min, min + 1, min + 2, max];
            for &t in index.per_fact(fact).map_or(&[][..], |f| &f.thresholds) {
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
        Some(facts::FactType::Day) => trial_days(index, fact, date)
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
fn trial_days(index: &Index, fact: &str, date: Date) -> Vec<Date> {
    let mut out = vec![date];
    if let Some(f) = index.per_fact(fact) {
        out.extend(&f.days);
        for &n in &f.windows {
            // Issue days around the earliest whose window still holds `date`.
            if let Some(start) = date.months_earlier(n) {
                out.extend([start.previous_day(), start, start.next_day()]);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
