//! Shared by the fuzz targets: the embedded catalogue, a fixed day, and the invariants every
//! estimate must keep whatever the answers.
use rust_decimal::Decimal;
use subsidy_estimator::estimate::Status;
use subsidy_estimator::policy::Payee;
use subsidy_estimator::{estimate, Answers, Catalog, Date, Estimate};

#[allow(dead_code)] // not every target estimates against the embedded catalogue
pub fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().expect("the embedded catalogue loads"))
}

pub fn day() -> Date {
    Date::new(2021, 6, 1).unwrap()
}

/// Estimates `answers` against `catalog` and checks what must hold for any answers.
pub fn estimate_and_check<'a>(catalog: &'a Catalog, answers: &Answers) -> Estimate<'a> {
    let e = estimate(catalog, answers, day()).expect("checked answers are always estimated");
    let mut total = Decimal::ZERO;
    for b in &e.benefits {
        let amount = b
            .amount
            .as_deref()
            .map(|a| a.parse::<Decimal>().expect("amounts are decimals"));
        let max = b
            .amount_max
            .as_deref()
            .map(|a| a.parse::<Decimal>().expect("maxima are decimals"));
        assert!(
            amount.is_none_or(|a| a >= Decimal::ZERO),
            "{}: negative amount",
            b.id
        );
        if let (Some(a), Some(m)) = (amount, max) {
            assert!(a <= m, "{}: amount {a} above its maximum {m}", b.id);
        }
        if b.status != Status::Eligible {
            assert!(amount.is_none(), "{}: {:?} with an amount", b.id, b.status);
        } else if b.payee == Payee::Worker {
            total += amount.unwrap_or_default();
        }
        if b.status != Status::NotInForce {
            let all = b.criteria.iter().all(|c| c.met == Some(true));
            let some_no = b.criteria.iter().any(|c| c.met == Some(false));
            let expected = if all {
                Status::Eligible
            } else if some_no {
                Status::Ineligible
            } else {
                Status::Undetermined
            };
            assert_eq!(b.status, expected, "{}: status against its criteria", b.id);
        }
    }
    assert_eq!(
        e.totals.worker.parse::<Decimal>().unwrap(),
        total,
        "the worker total"
    );
    e
}
