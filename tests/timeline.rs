//! Walks every day from 2017 to 2027 and proves, for every benefit id, that at most one
//! version is in force on any day (no overlaps) and that its days in force form one unbroken
//! stretch (no gaps between versions); and that the estimator says `not_in_force` exactly on
//! the days outside a document's period. An amended rule (the national 技能提升补贴 and its
//! yearly relaxations) is walked as one: a notice governs each day (as `engine::governing`,
//! the estimate's own choice, names it), and the estimate shows that notice's line.
use std::collections::BTreeMap;
use subsidy_estimator::engine::governing;
use subsidy_estimator::estimate::Status;
use subsidy_estimator::policy::Document;
use subsidy_estimator::{estimate, Answers, Catalog, Date};

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn no_benefit_has_overlapping_versions_or_gaps_between_them() {
    let catalog = Catalog::embedded().unwrap();
    let mut ids: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    // Amendments overlap the rule they amend by design; they are walked below.
    for (doc, b) in catalog.benefits().filter(|(_, b)| b.amends.is_none()) {
        ids.entry(b.id.as_str()).or_default().push(b.period(doc));
    }
    let mut problems = Vec::new();
    for (id, versions) in &ids {
        let mut first_in_force: Option<Date> = None;
        let mut last_in_force: Option<Date> = None;
        let mut gap_start: Option<Date> = None;
        let mut current = day("2017-01-01");
        let end = day("2027-12-31");
        while current <= end {
            let count = versions.iter().filter(|p| p.contains(current)).count();
            if count > 1 {
                problems.push(format!("{id}: {count} versions in force on {current}"));
                break;
            }
            if count == 1 {
                if let (Some(g), Some(_)) = (gap_start, last_in_force) {
                    problems.push(format!(
                        "{id}: no version in force from {g} until {current}"
                    ));
                    break;
                }
                first_in_force.get_or_insert(current);
                last_in_force = Some(current);
                gap_start = None;
            } else if last_in_force.is_some() && gap_start.is_none() {
                gap_start = Some(current);
            }
            current = current.next_day();
        }
        assert!(
            first_in_force.is_some() || problems.iter().any(|p| p.starts_with(id)),
            "{id} is never in force"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_estimate_says_not_in_force_exactly_outside_each_documents_period() {
    let catalog = Catalog::embedded().unwrap();
    let today = day("2026-11-22");
    let mut wrong = Vec::new();
    // Amending notices are walked by the test below: whether one is listed depends on the
    // certificate's issue date, not only on the estimate's date.
    for doc in catalog
        .documents()
        .iter()
        .filter(|d| d.benefits.iter().all(|b| b.amends.is_none()))
    {
        // A worker in the document's own region (a national document: Beijing).
        let region = if doc.region == "000000" {
            "110000".to_string()
        } else {
            doc.region.clone()
        };
        let mut dates = vec![];
        let mut d = day("2017-01-01");
        while d <= day("2027-12-31") {
            dates.push(d);
            d = Date::from_days_since_epoch(d.days_since_epoch() + 7).unwrap();
        }
        for edge in [Some(doc.in_force.from), doc.in_force.to]
            .into_iter()
            .flatten()
        {
            let n = edge.days_since_epoch();
            dates.extend([n - 1, n, n + 1].map(|x| Date::from_days_since_epoch(x).unwrap()));
        }
        for date in dates {
            let answers = Answers::from_json(
                &serde_json::json!({ "region": region, "date": date.to_string() }),
            )
            .unwrap();
            let est = estimate(&catalog, &answers, today).unwrap();
            let in_force = doc.in_force.contains(date);
            let listed = est
                .documents
                .iter()
                .find(|r| r.id == doc.id)
                .expect("document reaches its own region");
            if listed.in_force != in_force {
                wrong.push(format!(
                    "{} on {date}: documents[].in_force {}",
                    doc.id, listed.in_force
                ));
            }
            for b in est
                .benefits
                .iter()
                .filter(|b| b.source.document_id == doc.id)
            {
                let said_not_in_force = b.status == Status::NotInForce;
                if said_not_in_force == in_force {
                    wrong.push(format!(
                        "{} {} on {date}: status {:?}",
                        doc.id, b.id, b.status
                    ));
                }
                if said_not_in_force && (b.amount.is_some() || b.amount_max.is_some()) {
                    wrong.push(format!(
                        "{} on {date}: an amount is shown although not in force",
                        b.id
                    ));
                }
                if said_not_in_force && !b.reason.contains(&doc.in_force.describe()) {
                    wrong.push(format!(
                        "{} on {date}: the reason does not name the period: {}",
                        b.id, b.reason
                    ));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{}",
        wrong
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn exactly_one_notice_governs_an_amended_rule_on_each_day_from_2017_to_2027() {
    let catalog = Catalog::embedded().unwrap();
    let today = day("2026-11-22");
    // A province's own figures amend the national rule where it reaches: each place is walked
    // with the documents that reach it (北京: the nation's alone; 遵义, 南宁, 晋城: with their
    // province's).
    for place in ["110000", "520300", "450100", "140502"] {
        let all: Vec<&Document> = catalog
            .documents()
            .iter()
            .filter(|d| subsidy_estimator::regions::reaches(&d.region, place))
            .collect();
        let notices = walk_place(&catalog, &all, place, today);
        // The walk reaches the notice reported but not confirmed (2026) everywhere, and each
        // province's own figures in its own places only.
        let expected: &[&str] = match place {
            "520300" => &["guizhou-2025-skill-upgrade", "skill-relax-2026-reported"],
            "450100" => &["guangxi-2024-skill-upgrade", "skill-relax-2026-reported"],
            "140502" => &["shanxi-2025-skill-upgrade", "skill-relax-2026-reported"],
            _ => &["rsbf-2025-18", "skill-relax-2026-reported"],
        };
        for notice in expected {
            assert!(
                notices.iter().any(|n| n == notice),
                "{place}: {notice} never governs ({notices:?})"
            );
        }
        for foreign in [
            "guizhou-2025-skill-upgrade",
            "guangxi-2024-skill-upgrade",
            "shanxi-2025-skill-upgrade",
        ] {
            assert!(
                expected.contains(&foreign) || !notices.iter().any(|n| n == foreign),
                "{place}: {foreign} governs outside its province"
            );
        }
    }
}

/// Walks every day from 2017 to 2027 in `place`; returns every notice seen governing.
fn walk_place(
    catalog: &Catalog,
    all: &[&Document],
    place: &str,
    today: subsidy_estimator::Date,
) -> Vec<String> {
    let mut notices: Vec<String> = Vec::new();
    let mut walked = 0;
    let mut wrong = Vec::new();
    for (base_doc, base) in catalog.benefits().filter(|(doc, b)| {
        b.amends.is_none()
            && catalog
                .benefits()
                .any(|(_, a)| a.id == b.id && a.amends.as_deref() == Some(doc.id.as_str()))
    }) {
        walked += 1;
        let mut current = day("2017-01-01");
        let mut last_governing = String::new();
        while current <= day("2027-12-31") {
            // Two amendments of one place never overlap: the loader refuses them
            // (tests/amendments.rs), and this walk checks it of the files as they are, apart
            // from `governing` (which takes the first of an overlap, nearest first); and no day
            // is left without a version in force.
            let mut by_place: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for d in all {
                for b in &d.benefits {
                    if b.id == base.id
                        && b.amends.as_deref() == Some(base_doc.id.as_str())
                        && b.period(d).contains(current)
                    {
                        by_place.entry(&d.region).or_default().push(&d.id);
                    }
                }
            }
            for (region, ids) in by_place.iter().filter(|(_, ids)| ids.len() > 1) {
                wrong.push(format!(
                    "{} in {place} on {current}: amendments of {region} overlap: {ids:?}",
                    base.id
                ));
            }
            match governing(all, base_doc, base, current) {
                None => wrong.push(format!(
                    "{} in {place} on {current}: no version in force",
                    base.id
                )),
                Some((governing_doc, _)) => {
                    let notice = &governing_doc.id;
                    if !notices.contains(notice) {
                        notices.push(notice.clone());
                    }
                    // At every change of notice, and once a week, the estimate itself names it.
                    if *notice != last_governing || current.days_since_epoch() % 7 == 0 {
                        let region = place;
                        let answers = Answers::from_json(&serde_json::json!({
                            "region": region, "date": current.to_string(),
                            "certificate": { "issued": current.to_string() }
                        }))
                        .unwrap();
                        let est = estimate(catalog, &answers, today).unwrap();
                        let lines: Vec<_> =
                            est.benefits.iter().filter(|b| b.id == base.id).collect();
                        if lines.len() != 1 || lines[0].source.document_id != *notice {
                            wrong.push(format!(
                            "{} on {current}: the estimate shows {:?}, expected one line from {notice}",
                            base.id,
                            lines.iter().map(|b| &b.source.document_id).collect::<Vec<_>>()
                        ));
                        }
                        last_governing = notice.clone();
                    }
                }
            }
            current = current.next_day();
        }
    }
    assert!(walked > 0, "no amended rule in the catalogue");
    assert!(
        wrong.is_empty(),
        "{}",
        wrong
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    notices
}
