//! Money is `rust_decimal::Decimal` yuan, never a float. Policy files write amounts as whole
//! numbers (`1000`) or decimal strings (`"12.5"`); a TOML float is refused because it may
//! already have lost a cent. Every amount here is a product of a rate and a whole count, so
//! nothing is rounded; if a rule ever needs rounding it must name its strategy
//! (四舍五入 is `RoundingStrategy::MidpointAwayFromZero`).
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};
use std::str::FromStr;

/// Yuan as the contract writes it: `"1500"`, `"12.5"`, never `"1500.00"`. The digits are
/// written here rather than by `Decimal`'s `Display` (the same text, and 1.5 KB less wasm).
pub fn yuan(amount: Decimal) -> String {
    let amount = amount.normalize();
    let places = amount.scale() as usize;
    let mut mantissa = amount.mantissa().unsigned_abs();
    // Least significant first, with at least one digit before the point (a decimal has at
    // most 29 digits and 28 places: 30 fit).
    let mut digits = [0u8; 30];
    let mut n = 0;
    while mantissa > 0 || n <= places {
        digits[n] = b'0' + (mantissa % 10) as u8;
        mantissa /= 10;
        n += 1;
    }
    let mut out = String::with_capacity(n + 2);
    if amount.is_sign_negative() && !amount.is_zero() {
        out.push('-');
    }
    for (i, digit) in digits[..n].iter().rev().enumerate() {
        if i + places == n {
            out.push('.');
        }
        out.push(char::from(*digit));
    }
    out
}

/// Deserializes a policy amount from a TOML integer or a decimal string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yuan(pub Decimal);

impl<'de> Deserialize<'de> for Yuan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Yuan;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "an amount in yuan: a whole number such as 1500, or a string such as \"12.5\"",
                )
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Yuan, E> {
                Ok(Yuan(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Yuan, E> {
                Ok(Yuan(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Yuan, E> {
                let v = crate::number::show(v);
                Err(E::custom(format!(
                    "amount {v} is written as a float; write decimals as a string such as \"{v}\" so no cent is lost"
                )))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Yuan, E> {
                Decimal::from_str(v.trim())
                    .map(Yuan)
                    .map_err(|_| E::custom(format!("\"{v}\" is not an amount in yuan")))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_is_written_without_trailing_zeros() {
        assert_eq!(yuan(Decimal::new(150000, 2)), "1500");
        assert_eq!(yuan(Decimal::new(125, 1)), "12.5");
        assert_eq!(yuan(Decimal::ZERO), "0");
        assert_eq!(yuan(Decimal::new(-5, 2)), "-0.05");
    }

    #[test]
    fn yuan_writes_what_decimal_writes_normalized() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..20_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mantissa = match i % 3 {
                0 => i128::from(state as i32 % 100_000),
                1 => i128::from(state as i64),
                _ => (i128::from(state) << 32) * if state & 1 == 0 { 1 } else { -1 },
            };
            let amount = Decimal::from_i128_with_scale(mantissa, (state >> 40) as u32 % 29);
            assert_eq!(yuan(amount), amount.normalize().to_string(), "{amount:?}");
        }
        for amount in [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            -Decimal::ZERO,
        ] {
            assert_eq!(yuan(amount), amount.normalize().to_string(), "{amount:?}");
        }
    }
}
