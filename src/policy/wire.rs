//! The catalogue's embedded form, written by `build.rs` and read by `Catalog::embedded`: the
//! fields of each type in the order they are declared, no names. Counts, lengths and small
//! numbers are LEB128 varints (zigzag for signed ones), text is UTF-8 after its length, an
//! `Option` or an enum variant is one tag byte, a day is its count since 1970-01-01 and an
//! amount its `Decimal` mantissa and scale. Each type names its fields once (`record!`,
//! `tags!`) for both directions, so writer and reader cannot drift apart. Line numbers in the
//! policy files (only the checks' messages use them, and the checks read the TOML) are not
//! embedded: 0.7 KB gzip of the module.
//!
//! Hand-written rather than borsh: measured in the WebAssembly module, 12.4 KB raw less (8 KB
//! of it catalogue bytes: varint lengths, days as numbers) and no dependency (README, "What
//! the module is made of"). Whatever does not read back — bytes cut short or left over, text
//! that is not UTF-8, a day that is not a calendar day, an unregistered fact, an amount beyond
//! `Decimal`, tests nested past `MAX_NESTING` — is an `Error`, never a panic or a guess.
use super::*;

/// How deep `any_of` / `all_of` may nest in the embedded form (policy files nest far less): a
/// damaged byte cannot send the reader down a million levels.
const MAX_NESTING: usize = 32;

/// Reads with a sticky error: the first thing that does not read back is kept in `bad`, the
/// rest of the bytes are skipped, and every later read gives an empty value (0, "", no items),
/// so reading stops soon and the caller checks `bad` once. No `Result` at every field: that
/// kept a drop path per field, several KB of the module.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    nesting: usize,
    bad: Option<Bad>,
}

/// What could not be read, and at which byte.
pub(crate) struct Bad {
    what: &'static str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            nesting: 0,
            bad: None,
        }
    }

    /// Keeps the first failure (and where it was), and skips the rest of the bytes.
    #[inline(never)]
    fn fail(&mut self, what: &'static str, at: usize) {
        if self.bad.is_none() {
            self.bad = Some(Bad { what, at });
        }
        self.at = self.bytes.len();
    }

    fn failed(&self) -> bool {
        self.bad.is_some()
    }

    fn byte(&mut self) -> u8 {
        let Some(&b) = self.bytes.get(self.at) else {
            self.fail("the bytes end early", self.at);
            return 0;
        };
        self.at += 1;
        b
    }

    fn bytes(&mut self, n: usize) -> &'a [u8] {
        if n > self.bytes.len() - self.at {
            self.fail("the bytes end early", self.at);
            return &[];
        }
        self.at += n;
        &self.bytes[self.at - n..self.at]
    }

    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte();
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return value;
            }
        }
        self.fail("a number too long", self.at);
        0
    }

    fn tag(&mut self, variants: u8) -> u8 {
        match self.byte() {
            tag if tag < variants => tag,
            _ => {
                self.fail("an unknown variant", self.at);
                0
            }
        }
    }

    /// A count or number that must fit `T`; 0 (and a failure) if it does not.
    fn fitting<T: TryFrom<u64> + Default>(&mut self, what: &'static str) -> T {
        let n = self.varint();
        T::try_from(n).unwrap_or_else(|_| {
            self.fail(what, self.at);
            T::default()
        })
    }

    /// Text of `n` bytes, checked as UTF-8.
    fn text(&mut self, n: usize) -> &'a str {
        let at = self.at;
        std::str::from_utf8(self.bytes(n)).unwrap_or_else(|_| {
            self.fail("text that is not UTF-8", at);
            ""
        })
    }
}

/// A variant's tag, then its data.
fn tagged(out: &mut Vec<u8>, tag: u8, value: &impl Wire) {
    out.push(tag);
    value.put(out);
}

fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A value in the embedded form. `take` gives an empty value after a failure (see `Reader`).
pub(crate) trait Wire: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Self;
}

impl Catalog {
    /// The catalogue in the embedded form (without `measures`).
    pub fn to_embedded(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.put(&mut out);
        out
    }

    /// Reads what `to_embedded` wrote; every byte must be used.
    pub fn from_embedded(bytes: &[u8]) -> Result<Catalog, Error> {
        let mut r = Reader::new(bytes);
        let catalog = Catalog::take(&mut r);
        if r.at != bytes.len() {
            r.fail("bytes left over after the catalogue", r.at);
        }
        match r.bad {
            None => Ok(catalog),
            Some(bad) => {
                let message = format!("{} (byte {} of {})", bad.what, bad.at, bytes.len());
                Err(Error::policy("(embedded catalogue)", 0, message))
            }
        }
    }
}

impl Wire for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        varint(out, *self)
    }
    fn take(r: &mut Reader) -> u64 {
        r.varint()
    }
}

impl Wire for usize {
    fn put(&self, out: &mut Vec<u8>) {
        varint(out, *self as u64)
    }
    fn take(r: &mut Reader) -> usize {
        r.fitting("a count too large")
    }
}

impl Wire for u32 {
    fn put(&self, out: &mut Vec<u8>) {
        varint(out, u64::from(*self))
    }
    fn take(r: &mut Reader) -> u32 {
        r.fitting("a number too large")
    }
}

/// Zigzag: small numbers of either sign take one byte.
impl Wire for i64 {
    fn put(&self, out: &mut Vec<u8>) {
        varint(out, ((self << 1) ^ (self >> 63)) as u64)
    }
    fn take(r: &mut Reader) -> i64 {
        let n = r.varint();
        (n >> 1) as i64 ^ -((n & 1) as i64)
    }
}

impl Wire for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self))
    }
    fn take(r: &mut Reader) -> bool {
        r.tag(2) == 1
    }
}

impl Wire for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader) -> String {
        let n = usize::take(r);
        r.text(n).to_owned()
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.put(out);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<T> {
        match r.tag(2) {
            0 => None,
            _ => Some(T::take(r)),
        }
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        self.iter().for_each(|item| item.put(out));
    }
    fn take(r: &mut Reader) -> Vec<T> {
        let n = usize::take(r);
        // Every item takes a byte at least: a damaged count cannot reserve more than that.
        let mut items = Vec::with_capacity(n.min(r.bytes.len() - r.at));
        for _ in 0..n {
            if r.failed() {
                break;
            }
            items.push(T::take(r));
        }
        items
    }
}

impl<A: Wire, B: Wire> Wire for (A, B) {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
        self.1.put(out);
    }
    fn take(r: &mut Reader) -> (A, B) {
        (A::take(r), B::take(r))
    }
}

/// Read back only as a day `Date::new` accepts (1900–2200).
impl Wire for Date {
    fn put(&self, out: &mut Vec<u8>) {
        self.days_since_epoch().put(out)
    }
    fn take(r: &mut Reader) -> Date {
        // Within i32 first: `from_days_since_epoch` reckons in i64 without overflow there.
        let days = i32::try_from(i64::take(r)).ok();
        days.and_then(|d| Date::from_days_since_epoch(i64::from(d)))
            .unwrap_or_else(|| {
                r.fail("not a calendar day", r.at);
                Date::MIN
            })
    }
}

/// By name: the registry (`crate::facts`) gives back its own `&'static str`.
impl Wire for FactName {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.len().put(out);
        out.extend_from_slice(self.0.as_bytes());
    }
    fn take(r: &mut Reader) -> FactName {
        let n = usize::take(r);
        let at = r.at;
        match crate::facts::fact(r.text(n)) {
            Some(f) => FactName::of(f.name),
            None => {
                r.fail("a fact the registry does not know", at);
                FactName::of("")
            }
        }
    }
}

/// Mantissa (16 bytes, little-endian) and scale, checked by `Decimal::try_from_i128_with_scale`.
impl Wire for Decimal {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.mantissa().to_le_bytes());
        self.scale().put(out);
    }
    fn take(r: &mut Reader) -> Decimal {
        let mut mantissa = [0; 16];
        if let Ok(bytes) = <[u8; 16]>::try_from(r.bytes(16)) {
            mantissa = bytes;
        }
        let scale = u32::take(r);
        Decimal::try_from_i128_with_scale(i128::from_le_bytes(mantissa), scale).unwrap_or_else(
            |_| {
                r.fail("an amount out of range", r.at);
                Decimal::ZERO
            },
        )
    }
}

/// A struct as its fields, in order; `skip` fields are not embedded and read as empty.
macro_rules! record {
    ($name:ident { $($field:ident),* $(,)? } $(skip { $($skipped:ident),* })?) => {
        impl Wire for $name {
            fn put(&self, out: &mut Vec<u8>) {
                $(self.$field.put(out);)*
            }
            fn take(r: &mut Reader) -> $name {
                $name {
                    $($field: Wire::take(r),)*
                    $($($skipped: Default::default(),)*)?
                }
            }
        }
    };
}

/// An enum without data as its variant's place in this list.
macro_rules! tags {
    ($name:ident { $($variant:ident),* $(,)? }) => {
        impl Wire for $name {
            fn put(&self, out: &mut Vec<u8>) {
                const ALL: &[$name] = &[$($name::$variant),*];
                out.push(ALL.iter().position(|v| v == self).unwrap_or(0) as u8);
            }
            fn take(r: &mut Reader) -> $name {
                const ALL: &[$name] = &[$($name::$variant),*];
                ALL[usize::from(r.tag(ALL.len() as u8))]
            }
        }
    };
}

record!(Catalog { documents } skip { index });
record!(Document {
    path, id, title, doc_number, issuer, issued, region, source, source_grade, in_force,
    in_force_cite, period_note, incomplete, incomplete_after, apply, office, office_cite, phone,
    verified_on,
    benefits,
} skip { measures });
record!(Period { from, to });
record!(Benefit {
    id,
    title,
    kind,
    payee,
    clause,
    quote,
    in_force,
    amends,
    exclusive_group,
    same_as,
    how_to_apply,
    conditions,
    amount,
} skip { line });
record!(Condition {
    text,
    cite,
    test,
    if_not
} skip { line });
record!(Amount { rule, cite, note } skip { line });
record!(Row {
    when,
    yuan,
    up_to,
    note
});
record!(Step { at_least, yuan });
record!(HowToApply {
    office,
    office_cite,
    materials,
    materials_cite,
    deadline,
    deadline_cite
});
tags!(SourceGrade {
    Official,
    OfficialMirror,
    News,
    Secondary,
    Unverified
});
tags!(BenefitKind {
    PersonalBonus,
    TrainingSubsidy,
    LivingAllowance,
    EmployerSubsidy,
    CareerPathway,
    Program
});
tags!(Payee {
    Worker,
    Provider,
    Employer,
    None
});

impl Wire for Test {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Test::Fact { fact, rule } => {
                out.push(0);
                fact.put(out);
                rule.put(out);
            }
            Test::AnyOf(tests) => tagged(out, 1, tests),
            Test::AllOf(tests) => tagged(out, 2, tests),
            Test::EligibleFor(ids) => tagged(out, 3, ids),
        }
    }
    fn take(r: &mut Reader) -> Test {
        match r.tag(4) {
            0 => Test::Fact {
                fact: Wire::take(r),
                rule: Wire::take(r),
            },
            3 => Test::EligibleFor(Wire::take(r)),
            tag => {
                if r.nesting == MAX_NESTING {
                    r.fail("tests nested too deep", r.at);
                    return Test::AllOf(Vec::new());
                }
                r.nesting += 1;
                let tests = Wire::take(r);
                r.nesting -= 1;
                match tag {
                    1 => Test::AnyOf(tests),
                    _ => Test::AllOf(tests),
                }
            }
        }
    }
}

impl Wire for FactRule {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            FactRule::In(values) => tagged(out, 0, values),
            FactRule::NotIn(values) => tagged(out, 1, values),
            FactRule::AtLeast(n) => tagged(out, 2, n),
            FactRule::Below(n) => tagged(out, 3, n),
            FactRule::Is(b) => tagged(out, 4, b),
            FactRule::OnOrAfter(day) => tagged(out, 5, day),
            FactRule::Before(day) => tagged(out, 6, day),
            FactRule::WithinMonths(n) => tagged(out, 7, n),
        }
    }
    fn take(r: &mut Reader) -> FactRule {
        match r.tag(8) {
            0 => FactRule::In(Wire::take(r)),
            1 => FactRule::NotIn(Wire::take(r)),
            2 => FactRule::AtLeast(Wire::take(r)),
            3 => FactRule::Below(Wire::take(r)),
            4 => FactRule::Is(Wire::take(r)),
            5 => FactRule::OnOrAfter(Wire::take(r)),
            6 => FactRule::Before(Wire::take(r)),
            _ => FactRule::WithinMonths(Wire::take(r)),
        }
    }
}

impl Wire for AmountRule {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            AmountRule::Fixed(yuan) => tagged(out, 0, yuan),
            AmountRule::PerUnit {
                rate,
                per,
                cap,
                max_units,
            } => {
                tagged(out, 1, rate);
                per.put(out);
                cap.put(out);
                max_units.put(out);
            }
            AmountRule::Table { rows } => tagged(out, 2, rows),
            AmountRule::Steps { by, steps } => {
                tagged(out, 3, by);
                steps.put(out);
            }
            AmountRule::Range { from, to } => {
                tagged(out, 4, from);
                to.put(out);
            }
            AmountRule::UpTo(yuan) => tagged(out, 5, yuan),
            AmountRule::NotStated => out.push(6),
            AmountRule::NotMoney => out.push(7),
        }
    }
    fn take(r: &mut Reader) -> AmountRule {
        match r.tag(8) {
            0 => AmountRule::Fixed(Wire::take(r)),
            1 => AmountRule::PerUnit {
                rate: Wire::take(r),
                per: Wire::take(r),
                cap: Wire::take(r),
                max_units: Wire::take(r),
            },
            2 => AmountRule::Table {
                rows: Wire::take(r),
            },
            3 => AmountRule::Steps {
                by: Wire::take(r),
                steps: Wire::take(r),
            },
            4 => AmountRule::Range {
                from: Wire::take(r),
                to: Wire::take(r),
            },
            5 => AmountRule::UpTo(Wire::take(r)),
            6 => AmountRule::NotStated,
            _ => AmountRule::NotMoney,
        }
    }
}

#[cfg(test)]
mod tests;
