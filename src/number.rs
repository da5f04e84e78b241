//! A number from the answers written back in an error message, without Rust's float
//! formatting (`<f64 as Display>` would add about 14 KB to the WebAssembly module for a
//! message few ever see). Nothing shown is a guess:
//!
//! - a number with at most six decimal places that reads back as the very same `f64` is
//!   written plainly, in the fewest places (what a person typed: `12`, `2.5`, `0.1`);
//! - a whole number below 2⁶⁴ is written exactly (`9007199254740993` arrives as
//!   `9007199254740992`, and that is what is shown);
//! - anything else is marked `≈`, with six decimal places in scientific form (`≈1e-7`,
//!   `≈3.333333e300`).

/// `x` as `m × 2^e`, exactly.
fn parts(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    }
}

/// `q` with the decimal point `places` digits from the right (written as two `u64`s: the
/// whole part of a float below 2⁶⁴ fits, and formatting `u128` would cost the module 1.5 KB).
fn decimal(q: u128, places: u32) -> String {
    let scale = 10u128.pow(places);
    let (whole, fraction) = ((q / scale) as u64, (q % scale) as u64);
    match places {
        0 => whole.to_string(),
        _ => format!("{whole}.{fraction:0width$}", width = places as usize),
    }
}

/// The integer nearest to `m × 10^places / 2^shift`, if as a decimal of `places` places it
/// reads back as `m / 2^shift` (`m` from `parts`, so `2^-shift` is one step between floats).
fn reads_back(m: u64, shift: u32, places: u32) -> Option<u128> {
    if shift == 0 || shift > 120 {
        return None;
    }
    let scaled = u128::from(m) * 10u128.pow(places);
    let q = (scaled + (1 << (shift - 1))) >> shift;
    let off = (q << shift).abs_diff(scaled);
    // Half a step either way; a quarter below a power of two, where the step below is half.
    let below = (q << shift) < scaled && m == 1 << 52;
    let room = if below { 4 } else { 2 };
    (off * room < 10u128.pow(places)).then_some(q)
}

/// `x` for an error message (finite or not).
pub fn show(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let (m, e) = parts(x.abs());
    if e >= 0 {
        if m.leading_zeros() >= e as u32 {
            return format!("{sign}{}", m << e);
        }
    } else if m == 0 {
        return "0".into();
    } else if let Some((q, places)) =
        (0..=6).find_map(|places| reads_back(m, e.unsigned_abs(), places).map(|q| (q, places)))
    {
        return format!("{sign}{}", decimal(q, places));
    }
    approximately(sign, x.abs())
}

/// `≈d.dddddde±n`: scaled by tens in floating point, then rounded to six places.
fn approximately(sign: &str, mut y: f64) -> String {
    let mut exponent = 0i32;
    while y >= 10.0 {
        y /= 10.0;
        exponent += 1;
    }
    while y < 1.0 {
        y *= 10.0;
        exponent -= 1;
    }
    let (m, e) = parts(y);
    let shift = e.unsigned_abs();
    let mut q = (u128::from(m) * 1_000_000 + (1 << (shift - 1))) >> shift;
    if q >= 10_000_000 {
        q /= 10;
        exponent += 1;
    }
    let mut places = 6;
    while places > 0 && q % 10 == 0 {
        q /= 10;
        places -= 1;
    }
    format!("≈{sign}{}e{exponent}", decimal(q, places))
}

#[cfg(test)]
mod tests {
    use super::show;

    #[test]
    fn what_a_person_types_reads_as_typed() {
        for (x, shown) in [
            (0.0, "0"),
            (-0.0, "0"),
            (12.0, "12"),
            (-3.0, "-3"),
            (2.5, "2.5"),
            (0.1, "0.1"),
            (-0.3, "-0.3"),
            (12.75, "12.75"),
            (0.000001, "0.000001"),
            (123456.654321, "123456.654321"),
            (1e15, "1000000000000000"),
            (4503599627370495.5, "4503599627370495.5"),
            (9007199254740993.0, "9007199254740992"),
            (18446744073709549568.0, "18446744073709549568"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(show(x), shown, "{x:?}");
        }
    }

    #[test]
    fn the_rest_is_marked_approximate() {
        for (x, shown) in [
            (1.0 / 3.0, "≈3.333333e-1"),
            (0.0000001, "≈1e-7"),
            (-2.5e-300, "≈-2.5e-300"),
            (1e20, "≈1e20"),
            (1e300, "≈1e300"),
            (f64::MAX, "≈1.797693e308"),
            (f64::MIN_POSITIVE / 4.0, "≈5.562685e-309"),
            (5e-324, "≈4.940656e-324"),
        ] {
            assert_eq!(show(x), shown, "{x:?}");
        }
    }

    /// Whatever is shown without `≈` is the number itself, read back.
    #[test]
    fn a_plain_answer_reads_back_as_the_same_number() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let (mut plain, mut compared) = (0, 0);
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = match state % 3 {
                0 => f64::from_bits(state),
                1 => (state % 100_000_000) as f64 / 10f64.powi((state >> 40) as i32 % 8),
                _ => (state >> 11) as f64 * 2f64.powi((state % 80) as i32 - 40),
            };
            let shown = show(x);
            if !shown.starts_with('≈') && x.is_finite() {
                plain += 1;
                assert_eq!(shown.parse::<f64>().unwrap(), x, "{x:?}");
                if !shown.contains('.') || x.abs() >= 1e16 {
                    continue;
                }
                assert_eq!(
                    shown,
                    format!("{x}"),
                    "the fewest places, as Rust writes it"
                );
                compared += 1;
            }
        }
        assert!(
            plain > 8_000 && compared > 4_000,
            "{plain} plain, {compared} compared"
        );
    }
}
