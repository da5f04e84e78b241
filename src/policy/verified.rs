//! When each document's text was last checked: `verified_on` in its policy file, and the
//! warning `subsidy check` gives where a document still in force was last checked more than a
//! year ago (a warning, not a failure: the text may well be unchanged).
use super::Catalog;
use crate::date::Date;

/// One line per document in force on `today` whose `verified_on` is absent or more than a
/// year before `today`, as `policies/…toml: warning: …`.
pub fn stale_checks(catalog: &Catalog, today: Date) -> Vec<String> {
    let year_ago = today.months_earlier(12).unwrap_or(today);
    catalog
        .documents
        .iter()
        .filter(|d| d.in_force.contains(today))
        .filter_map(|d| match d.verified_on {
            None => Some(format!(
                "{}: warning: no verified_on (the day its text was last checked)",
                d.path
            )),
            Some(day) if day < year_ago => Some(format!(
                "{}: warning: in force, but its text was last checked on {day}, more than a year ago; check it again and update verified_on",
                d.path
            )),
            Some(_) => None,
        })
        .collect()
}
