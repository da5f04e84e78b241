//! JSON text out, without serde_json: a small `serde::Serializer` for what the estimator
//! returns (objects, arrays, strings, whole numbers, booleans, `null`). The WebAssembly door
//! writes an estimate with it and hands the text to `JSON.parse`, which builds the page's object
//! faster than one boundary call per field, and keeps a JSON parser and float formatting out
//! of the module. A float is refused: money is a decimal string, never a float.
use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value could not be written: only a float, a non-string map key or a value's own
/// serialisation error.
#[derive(Debug)]
pub struct JsonError(String);

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

impl ser::Error for JsonError {
    fn custom<T: fmt::Display>(msg: T) -> JsonError {
        JsonError(msg.to_string())
    }
}

/// Where JSON text goes: UTF-8 (`String`) or UTF-16 code units (`Vec<u16>`, which a browser's
/// `TextDecoder("utf-16le")` turns into a JS string several times faster than it decodes UTF-8).
pub trait Sink {
    fn push_str(&mut self, s: &str);
    fn push(&mut self, c: char);
    /// Where the next text will go, to look back at what a key wrote.
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether the text from `at` on starts with `"`.
    fn quoted_from(&self, at: usize) -> bool;
}

impl Sink for String {
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s)
    }
    fn push(&mut self, c: char) {
        String::push(self, c)
    }
    fn len(&self) -> usize {
        String::len(self)
    }
    fn quoted_from(&self, at: usize) -> bool {
        self[at..].starts_with('"')
    }
}

impl Sink for Vec<u16> {
    fn push_str(&mut self, s: &str) {
        if s.is_ascii() {
            self.extend(s.bytes().map(u16::from));
        } else {
            self.extend(s.encode_utf16());
        }
    }
    fn push(&mut self, c: char) {
        let mut units = [0; 2];
        self.extend_from_slice(c.encode_utf16(&mut units));
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn quoted_from(&self, at: usize) -> bool {
        self.get(at) == Some(&u16::from(b'"'))
    }
}

/// Appends `value` as compact JSON to `out`.
pub fn write<T: Serialize + ?Sized, S: Sink>(value: &T, out: &mut S) -> Result<(), JsonError> {
    value.serialize(&mut Writer { out })
}

/// `value` as compact JSON text.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, JsonError> {
    let mut out = String::new();
    write(value, &mut out)?;
    Ok(out)
}

struct Writer<'a, S: Sink> {
    out: &'a mut S,
}

fn write_str<S: Sink>(out: &mut S, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.push_str(&s[start..i]);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xf) as usize] as char);
            }
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn write_u64<S: Sink>(out: &mut S, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(d as char);
    }
}

fn write_i64<S: Sink>(out: &mut S, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_u64(out, n.unsigned_abs());
}

/// A `fmt::Write` that escapes into the JSON string being written (for `collect_str`).
struct Escaping<'a, S: Sink>(&'a mut S);

impl<S: Sink> fmt::Write for Escaping<'_, S> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut quoted = String::with_capacity(s.len() + 2);
        write_str(&mut quoted, s);
        self.0.push_str(&quoted[1..quoted.len() - 1]);
        Ok(())
    }
}

/// The state of an object or array being written: whether a comma is due.
pub struct Compound<'a, 'b, S: Sink> {
    writer: &'b mut Writer<'a, S>,
    first: bool,
    /// A variant's object to close after the fields (`{"Variant": {...}}`).
    close_variant: bool,
}

impl<S: Sink> Compound<'_, '_, S> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(',');
        }
        self.first = false;
    }
}

impl<'a, 'b, S: Sink> ser::Serializer for &'b mut Writer<'a, S> {
    type Ok = ();
    type Error = JsonError;
    type SerializeSeq = Compound<'a, 'b, S>;
    type SerializeTuple = Compound<'a, 'b, S>;
    type SerializeTupleStruct = Compound<'a, 'b, S>;
    type SerializeTupleVariant = Compound<'a, 'b, S>;
    type SerializeMap = Compound<'a, 'b, S>;
    type SerializeStruct = Compound<'a, 'b, S>;
    type SerializeStructVariant = Compound<'a, 'b, S>;

    fn serialize_bool(self, v: bool) -> Result<(), JsonError> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), JsonError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), JsonError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), JsonError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), JsonError> {
        write_i64(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), JsonError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), JsonError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), JsonError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), JsonError> {
        write_u64(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), JsonError> {
        Err(JsonError("a float has no place in the estimate".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<(), JsonError> {
        Err(JsonError("a float has no place in the estimate".into()))
    }
    fn serialize_char(self, v: char) -> Result<(), JsonError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), JsonError> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), JsonError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), JsonError> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), JsonError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), JsonError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push(':');
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.out.push('[');
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push_str(":[");
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: true,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.out.push('{');
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: false,
        })
    }
    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b, S>, JsonError> {
        self.out.push('{');
        write_str(self.out, variant);
        self.out.push_str(":{");
        Ok(Compound {
            writer: self,
            first: true,
            close_variant: true,
        })
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), JsonError> {
        use fmt::Write;
        self.out.push('"');
        write!(Escaping(self.out), "{value}")
            .map_err(|_| JsonError("a value failed to format".into()))?;
        self.out.push('"');
        Ok(())
    }
}

impl<S: Sink> ser::SerializeSeq for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        self.comma();
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.out.push(']');
        if self.close_variant {
            self.writer.out.push('}');
        }
        Ok(())
    }
}

impl<S: Sink> ser::SerializeTuple for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink> ser::SerializeTupleStruct for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink> ser::SerializeTupleVariant for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeSeq::end(self)
    }
}

impl<S: Sink> ser::SerializeMap for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), JsonError> {
        self.comma();
        // Keys must be strings: write the key, then refuse anything that was not a string.
        let at = self.writer.out.len();
        key.serialize(&mut *self.writer)?;
        if !self.writer.out.quoted_from(at) {
            return Err(JsonError("a map key must be a string".into()));
        }
        self.writer.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), JsonError> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        self.writer.out.push('}');
        if self.close_variant {
            self.writer.out.push('}');
        }
        Ok(())
    }
}

impl<S: Sink> ser::SerializeStruct for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        self.comma();
        write_str(self.writer.out, key);
        self.writer.out.push(':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeMap::end(self)
    }
}

impl<S: Sink> ser::SerializeStructVariant for Compound<'_, '_, S> {
    type Ok = ();
    type Error = JsonError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), JsonError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), JsonError> {
        ser::SerializeMap::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;
    use crate::{estimate, questions, regions, Answers, Catalog, Date};

    /// What serde_json reads back from our text is what serde_json itself writes.
    fn same_as_serde_json<T: serde::Serialize>(value: &T) {
        let ours: serde_json::Value = serde_json::from_str(&to_string(value).unwrap()).unwrap();
        assert_eq!(ours, serde_json::to_value(value).unwrap());
    }

    #[test]
    fn estimates_questions_and_regions_read_back_as_serde_json_writes_them() {
        let catalog = Catalog::embedded().unwrap();
        for json in [
            r#"{}"#,
            r#"{"region": "140502", "date": "2021-06-01"}"#,
            r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
                "unemployment_insurance_months": 14, "training": {"kind": "inclusive"},
                "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"]}"#,
        ] {
            let answers = Answers::from_json_str(json).unwrap();
            let est = estimate(&catalog, &answers, Date::new(2026, 11, 22).unwrap()).unwrap();
            same_as_serde_json(&est);
            same_as_serde_json(&questions::questions(&catalog, &est, &answers).unwrap());
        }
        same_as_serde_json(&regions::picker());
        same_as_serde_json(&questions::question("groups"));
    }

    #[test]
    fn utf16_text_is_the_utf8_text() {
        let value = (
            "引号\"、换行\n",
            vec![Some(-3i64), None],
            "𠀀 (outside the BMP)",
        );
        let mut units: Vec<u16> = Vec::new();
        super::write(&value, &mut units).unwrap();
        assert_eq!(
            String::from_utf16(&units).unwrap(),
            to_string(&value).unwrap()
        );
    }

    #[test]
    fn strings_are_escaped_and_floats_refused() {
        assert_eq!(
            to_string("引号\"、反斜杠\\、换行\n和\u{1}").unwrap(),
            r#""引号\"、反斜杠\\、换行\n和\u0001""#
        );
        assert_eq!(to_string(&[-12i64, 0, 600]).unwrap(), "[-12,0,600]");
        assert!(to_string(&1.5f64).is_err());
    }
}
