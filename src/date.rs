//! Calendar days and the one rule for periods: `from` and `to` are both inclusive, and a
//! missing `to` means the document states no end.
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The earliest day the estimator knows, for rules that do not look at dates.
    pub const MIN: Date = Date::from_parts(1900, 1, 1);

    /// A day known to be real, for constants (`Date::new` checks days given at run time).
    pub const fn from_parts(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// A real calendar day between the years 1900 and 2200, or `None`.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = (1900..=2200).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`; `None` for anything else, including 2021-02-30.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            text.get(range.clone())
                .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|s| s.parse().ok())
        };
        Date::new(
            digits(0..4)? as i32,
            digits(5..7)? as u8,
            digits(8..10)? as u8,
        )
    }

    /// The civil date of a count of days since 1970-01-01 (H. Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date::new(year, month, day)
    }

    /// Days since 1970-01-01: lets tests walk a timeline day by day.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn next_day(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + 1).unwrap_or(self)
    }

    /// "2021年6月1日", as a worker writes a date.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// The last day of a period of `months` months that starts on this day, reckoned as
    /// 民法典 第二百零一条、第二百零二条 reckon it: the starting day is not counted, so the period
    /// ends on the corresponding day of the month `months` later, or on that month's last day
    /// where it has no such day (2024-02-29 + 12 months → 2025-02-28; 2025-01-31 + 1 → 2025-02-28).
    pub fn months_later(self, months: u32) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        if !(1900..=2200).contains(&year) {
            return None;
        }
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    /// The day `months` months earlier, clamped to the month's end like `months_later`: the
    /// earliest issue day whose `months` window still reaches this day is near it.
    pub fn months_earlier(self, months: u32) -> Option<Date> {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = (index.rem_euclid(12) + 1) as u8;
        Date::new(year, month, self.day.min(days_in_month(year, month)))
    }

    pub fn previous_day(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() - 1).unwrap_or(self)
    }
}

impl Date {
    /// `YYYY-MM-DD` written digit by digit (not through `core::fmt`: a wasm estimate writes
    /// dozens of dates), for the years 0 to 9999; `None` outside them.
    fn iso(self, out: &mut [u8; 10]) -> Option<&str> {
        let year = u16::try_from(self.year).ok().filter(|y| *y <= 9999)?;
        if self.month > 99 || self.day > 99 {
            return None;
        }
        let digits = [year / 1000, year / 100 % 10, year / 10 % 10, year % 10];
        let two = |n: u8| [b'0' + n / 10 % 10, b'0' + n % 10];
        let [m1, m2] = two(self.month);
        let [d1, d2] = two(self.day);
        *out = [
            b'0' + digits[0] as u8,
            b'0' + digits[1] as u8,
            b'0' + digits[2] as u8,
            b'0' + digits[3] as u8,
            b'-',
            m1,
            m2,
            b'-',
            d1,
            d2,
        ];
        std::str::from_utf8(out).ok()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.iso(&mut [0; 10]) {
            Some(text) => f.write_str(text),
            None => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// A day crosses as `YYYY-MM-DD` (its `Serialize` above): a string in the TypeScript
/// declarations (`crate::declarations`).
#[cfg(test)]
impl ts_rs::TS for Date {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_string()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_string()
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.iso(&mut [0; 10]) {
            Some(text) => s.serialize_str(text),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("{text} is not a day")))
    }
}

/// The days a document (or one version of a benefit) covers. Both ends are inclusive:
/// 2020-10-26..=2021-12-31 covers 2021-12-31 and not 2022-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Date,
    /// `None`: the text states no end.
    pub to: Option<Date>,
}

impl Period {
    pub fn contains(&self, day: Date) -> bool {
        day >= self.from && self.to.is_none_or(|to| day <= to)
    }

    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = other.to.is_none_or(|to| self.from <= to);
        let other_starts_before_self_ends = self.to.is_none_or(|to| other.from <= to);
        starts_before_other_ends && other_starts_before_self_ends
    }

    /// "2020年10月26日至2021年12月31日" or "2018年7月12日起（文件未规定截止日期）".
    pub fn describe(&self) -> String {
        match self.to {
            Some(to) => format!("{}至{}", self.from.chinese(), to.chinese()),
            None => format!("{}起（文件未规定截止日期）", self.from.chinese()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_written_as_core_fmt_would_write_it() {
        let fmt = |d: Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
        let (first, last) = (
            Date::new(1900, 1, 1).unwrap(),
            Date::new(2200, 12, 31).unwrap(),
        );
        for days in first.days_since_epoch()..=last.days_since_epoch() {
            let day = Date::from_days_since_epoch(days).unwrap();
            assert_eq!(day.to_string(), fmt(day));
        }
        for (year, month, day) in [
            (0, 1, 1),
            (7, 2, 3),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 1, 1),
            (2021, 100, 255),
        ] {
            let d = Date::from_parts(year, month, day);
            assert_eq!(d.to_string(), fmt(d));
            assert_eq!(serde_json::to_value(d).unwrap(), serde_json::json!(fmt(d)));
        }
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(
            Date::parse("2020-02-29").map(|d| d.to_string()).as_deref(),
            Some("2020-02-29")
        );
        for bad in [
            "2021-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-4-01",
            "20210401",
            "2021-04-31",
            "abcd-ef-gh",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad} should be rejected");
        }
    }

    #[test]
    fn epoch_days_round_trip_across_a_century() {
        let mut day = Date::new(1990, 1, 1).unwrap();
        for _ in 0..(365 * 60) {
            let n = day.days_since_epoch();
            assert_eq!(Date::from_days_since_epoch(n), Some(day));
            let next = day.next_day();
            assert_eq!(next.days_since_epoch(), n + 1, "after {day}");
            day = next;
        }
    }

    #[test]
    fn a_months_period_ends_on_the_corresponding_day_or_the_months_last_day() {
        let d = |t: &str| Date::parse(t).unwrap();
        for (start, months, last) in [
            ("2025-05-10", 12, "2026-05-10"),
            ("2024-02-29", 12, "2025-02-28"),
            ("2023-02-28", 12, "2024-02-28"),
            ("2025-01-31", 1, "2025-02-28"),
            ("2024-01-31", 1, "2024-02-29"),
            ("2025-12-15", 1, "2026-01-15"),
            ("2025-03-31", 6, "2025-09-30"),
        ] {
            assert_eq!(
                d(start).months_later(months),
                Some(d(last)),
                "{start} + {months} months"
            );
        }
        assert_eq!(d("2200-06-01").months_later(12), None);
        assert_eq!(d("2021-01-01").previous_day(), d("2020-12-31"));
    }

    #[test]
    fn period_ends_are_inclusive() {
        let p = Period {
            from: Date::new(2020, 10, 26).unwrap(),
            to: Date::new(2021, 12, 31),
        };
        assert!(!p.contains(Date::new(2020, 10, 25).unwrap()));
        assert!(p.contains(Date::new(2020, 10, 26).unwrap()));
        assert!(p.contains(Date::new(2021, 12, 31).unwrap()));
        assert!(!p.contains(Date::new(2022, 1, 1).unwrap()));
        let open = Period {
            from: Date::new(2022, 1, 1).unwrap(),
            to: None,
        };
        assert!(!p.overlaps(&open));
        assert!(open.contains(Date::new(2199, 1, 1).unwrap()));
    }
}
