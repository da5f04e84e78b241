//! The embedded form's reader on single values: numbers, days, facts and amounts read back or
//! fail with the reason, and nesting past the limit is refused without a deep stack.
use super::*;

fn read<T: Wire>(bytes: &[u8]) -> Result<T, &'static str> {
    let mut r = Reader::new(bytes);
    let value = T::take(&mut r);
    r.bad.map_or(Ok(value), |bad| Err(bad.what))
}

fn bytes(value: &impl Wire) -> Vec<u8> {
    let mut out = Vec::new();
    value.put(&mut out);
    out
}

#[test]
fn numbers_days_facts_and_amounts_read_back_or_fail_cleanly() {
    for n in [0, 1, -1, 63, -64, 64, 300, i64::MAX, i64::MIN] {
        assert_eq!(read::<i64>(&bytes(&n)), Ok(n));
    }
    assert_eq!(
        read::<u32>(&bytes(&(u64::from(u32::MAX) + 1))).unwrap_err(),
        "a number too large"
    );
    assert_eq!(read::<u64>(&[0xff; 11]).unwrap_err(), "a number too long");

    let day = Date::new(2021, 2, 28).unwrap();
    assert_eq!(read::<Date>(&bytes(&day)), Ok(day));
    // 1899-12-31 and 2201-01-01 are days, but not days the estimator knows.
    for days in [-25_568i64, 84_371, i64::MIN, i64::MAX] {
        assert_eq!(
            read::<Date>(&bytes(&days)).unwrap_err(),
            "not a calendar day"
        );
    }

    let fact = FactName::of(crate::facts::FACTS[0].name);
    assert_eq!(read::<FactName>(&bytes(&fact)), Ok(fact));
    let unknown = bytes(&"no.such_fact".to_string());
    assert_eq!(
        read::<FactName>(&unknown).unwrap_err(),
        "a fact the registry does not know"
    );
    assert_eq!(
        read::<String>(&[2, 0xc3, 0x28]).unwrap_err(),
        "text that is not UTF-8"
    );
    assert_eq!(
        read::<String>(&[9, b'a']).unwrap_err(),
        "the bytes end early"
    );

    let amount = Decimal::new(125, 1);
    assert_eq!(
        read::<Option<Decimal>>(&bytes(&Some(amount))),
        Ok(Some(amount))
    );
    assert_eq!(
        read::<Option<Decimal>>(&[2]).unwrap_err(),
        "an unknown variant"
    );
    let mut scale_29 = bytes(&Decimal::ONE);
    *scale_29.last_mut().unwrap() = 29;
    assert_eq!(
        read::<Decimal>(&scale_29).unwrap_err(),
        "an amount out of range"
    );
}

#[test]
fn tests_nested_past_the_limit_are_refused_not_overflowed() {
    let mut deep = Test::EligibleFor(vec!["a".into()]);
    for _ in 0..MAX_NESTING {
        deep = Test::AnyOf(vec![deep]);
    }
    assert_eq!(read::<Test>(&bytes(&deep)), Ok(deep.clone()));
    let deeper = bytes(&Test::AllOf(vec![deep]));
    assert_eq!(read::<Test>(&deeper).unwrap_err(), "tests nested too deep");
    // A million openings in a row: refused at the limit, without a deep stack.
    let mut bomb = [2u8, 1].repeat(1_000_000);
    bomb.push(0);
    assert_eq!(read::<Test>(&bomb).unwrap_err(), "tests nested too deep");
}

#[test]
fn the_first_failure_is_the_one_reported_and_reading_stops_there() {
    // Bad text first, then bytes that would also fail as a fact: the text is named.
    let mut bytes = vec![2, 0xc3, 0x28];
    bytes.extend(self::bytes(&"no.such_fact".to_string()));
    assert_eq!(
        read::<(String, FactName)>(&bytes).unwrap_err(),
        "text that is not UTF-8"
    );
    // A count of a billion items and no items: one failure, not a billion reads.
    assert_eq!(
        read::<Vec<Vec<String>>>(&self::bytes(&1_000_000_000usize)).unwrap_err(),
        "the bytes end early"
    );
    // Where the bytes ran out is where the failure is, and nothing is read past it.
    let mut r = Reader::new(&[0xff]);
    u64::take(&mut r);
    assert_eq!(
        (r.at, r.bad.map(|b| (b.what, b.at))),
        (1, Some(("the bytes end early", 1)))
    );
}
