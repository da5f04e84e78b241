//! The catalogue's embedded form: borsh (little-endian numbers, `u32` lengths, a `u8` tag per
//! enum variant, no field names), derived on the types of this module's parent, with the few
//! encodings written here by hand so that reading checks what the types promise. `build.rs`
//! writes it, `Catalog::embedded` reads it; whatever does not read back — a day that is not
//! a calendar day, an unregistered fact, an amount beyond `Decimal` — is an `io::Error`,
//! never a panic and never a guess.
use super::FactName;
use crate::date::{Date, Period};
use borsh::io::{Error, ErrorKind, Read, Result, Write};
use borsh::{BorshDeserialize, BorshSerialize};

fn invalid(message: &str) -> Error {
    Error::new(ErrorKind::InvalidData, message)
}

/// By name: the registry (`crate::facts`) gives back its own `&'static str`.
impl BorshSerialize for FactName {
    fn serialize<W: Write>(&self, writer: &mut W) -> Result<()> {
        self.0.serialize(writer)
    }
}

impl BorshDeserialize for FactName {
    fn deserialize_reader<R: Read>(reader: &mut R) -> Result<FactName> {
        let name = String::deserialize_reader(reader)?;
        crate::facts::fact(&name)
            .map(|f| FactName(f.name))
            .ok_or_else(|| invalid("a fact the registry does not know"))
    }
}

/// Days since 1970-01-01, read back only as a day `Date::new` accepts.
impl BorshSerialize for Date {
    fn serialize<W: Write>(&self, writer: &mut W) -> Result<()> {
        let days = i32::try_from(self.days_since_epoch()).map_err(|_| invalid("a day"))?;
        days.serialize(writer)
    }
}

impl BorshDeserialize for Date {
    fn deserialize_reader<R: Read>(reader: &mut R) -> Result<Date> {
        let days = i32::deserialize_reader(reader)?;
        Date::from_days_since_epoch(i64::from(days)).ok_or_else(|| invalid("not a calendar day"))
    }
}

impl BorshSerialize for Period {
    fn serialize<W: Write>(&self, writer: &mut W) -> Result<()> {
        self.from.serialize(writer)?;
        self.to.serialize(writer)
    }
}

impl BorshDeserialize for Period {
    fn deserialize_reader<R: Read>(reader: &mut R) -> Result<Period> {
        Ok(Period {
            from: Date::deserialize_reader(reader)?,
            to: Option::<Date>::deserialize_reader(reader)?,
        })
    }
}

/// Amounts as mantissa (`i128`) and scale (`u32`), read back through
/// `Decimal::try_from_i128_with_scale`, which refuses a scale or a mantissa out of range.
pub(super) mod decimal {
    use super::*;
    use rust_decimal::Decimal;

    pub fn write<W: Write>(amount: &Decimal, writer: &mut W) -> Result<()> {
        amount.mantissa().serialize(writer)?;
        amount.scale().serialize(writer)
    }

    pub fn read<R: Read>(reader: &mut R) -> Result<Decimal> {
        let mantissa = i128::deserialize_reader(reader)?;
        let scale = u32::deserialize_reader(reader)?;
        Decimal::try_from_i128_with_scale(mantissa, scale)
            .map_err(|_| invalid("an amount out of range"))
    }

    pub fn write_opt<W: Write>(amount: &Option<Decimal>, writer: &mut W) -> Result<()> {
        match amount {
            None => 0u8.serialize(writer),
            Some(amount) => {
                1u8.serialize(writer)?;
                write(amount, writer)
            }
        }
    }

    pub fn read_opt<R: Read>(reader: &mut R) -> Result<Option<Decimal>> {
        match u8::deserialize_reader(reader)? {
            0 => Ok(None),
            1 => read(reader).map(Some),
            _ => Err(invalid("an optional amount's tag")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn days_facts_and_amounts_read_back_or_fail_cleanly() {
        let day = Date::new(2021, 2, 28).unwrap();
        assert_eq!(
            borsh::from_slice::<Date>(&borsh::to_vec(&day).unwrap()).unwrap(),
            day
        );
        // 1899-12-31 and 2201-01-01 are days, but not days the estimator knows.
        for days in [-25_568, 84_371, i32::MIN, i32::MAX] {
            assert!(borsh::from_slice::<Date>(&borsh::to_vec(&days).unwrap()).is_err());
        }

        let fact = FactName(crate::facts::FACTS[0].name);
        assert_eq!(
            borsh::from_slice::<FactName>(&borsh::to_vec(&fact).unwrap()).unwrap(),
            fact
        );
        let unknown = borsh::to_vec("no.such_fact").unwrap();
        let error = borsh::from_slice::<FactName>(&unknown).unwrap_err();
        assert!(error.to_string().contains("registry"), "{error}");

        let amount = Decimal::new(125, 1);
        let mut bytes = Vec::new();
        decimal::write(&amount, &mut bytes).unwrap();
        assert_eq!(decimal::read(&mut bytes.as_slice()).unwrap(), amount);
        let mut bytes = Vec::new();
        decimal::write_opt(&None, &mut bytes).unwrap();
        decimal::write_opt(&Some(amount), &mut bytes).unwrap();
        let mut reader = bytes.as_slice();
        assert_eq!(decimal::read_opt(&mut reader).unwrap(), None);
        assert_eq!(decimal::read_opt(&mut reader).unwrap(), Some(amount));
        assert!(decimal::read_opt(&mut [2u8].as_slice()).is_err());
        for (mantissa, scale) in [(1i128, 29u32), (i128::MAX, 0)] {
            let mut bytes = borsh::to_vec(&mantissa).unwrap();
            bytes.extend(borsh::to_vec(&scale).unwrap());
            assert!(decimal::read(&mut bytes.as_slice()).is_err());
        }
    }
}
