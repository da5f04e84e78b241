//! The browser door's way out: any `Serialize` value written as a tape of numbers, which one
//! small JS function (`tape.js`, beside `src/wasm.rs`) turns into plain objects in one call.
//! Building the objects property by property from Rust cost one boundary crossing per
//! property; the tape crosses once. Words that last as long as the program (the catalogue's,
//! leaked once, and literals) are numbered, sent the first time a tape uses them and named by
//! number after: the JS side keeps them in a table, so an estimate repeats a quote or a title
//! without decoding it again. Everything
//! else (reasons, notes, amounts) goes as UTF-16 text, decoded in one piece per call: a JS
//! string's own units, so decoding is a copy (Node's UTF-8 decoder took 8× longer on the
//! Chinese of an estimate), and the tape counts its positions in them.
//!
//! The words of the tape, each a `u32`:
//! `0` null · `1` true · `2` false · `3 n` an integer (`n` as `i32`) · `4 lo hi` a float's bits ·
//! `5 k` table string `k` · `6 end` the text up to `end` (from where the last one ended) ·
//! `7 k end` the same, kept as table string `k` · `8 n` a list of `n` values · `9 n` an object
//! of `n` keys, each a string followed by its value.
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::hash::{BuildHasherDefault, Hasher};

const NULL: u32 = 0;
const TRUE: u32 = 1;
const FALSE: u32 = 2;
const INT: u32 = 3;
const FLOAT: u32 = 4;
const KEPT: u32 = 5;
const TEXT: u32 = 6;
const KEEP: u32 = 7;
const LIST: u32 = 8;
const OBJECT: u32 = 9;

/// Hashes a string's address and length (a multiply and a rotate per word).
#[derive(Default)]
pub struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|b| self.write_usize(*b as usize));
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub struct Tape {
    pub words: Vec<u32>,
    /// This call's text, UTF-16.
    pub text: Vec<u16>,
    /// The strings the JS table holds, by address and length. Only `'static` strings are ever
    /// added, so an address and length always name the same words.
    kept: HashMap<(usize, usize), u32, BuildHasherDefault<AddressHasher>>,
    /// Per number: whether JS holds it yet.
    sent: Vec<bool>,
    /// The numbers this tape sends for the first time.
    fresh: Vec<u32>,
    /// The last answers of `kept` (or `NOT_KEPT`), one per slot by address: an estimate sends
    /// the same field names and catalogue words again and again.
    recent: Vec<(usize, usize, u32)>,
}

const NOT_KEPT: u32 = u32::MAX;
const RECENT_BITS: u32 = 10;

impl Default for Tape {
    fn default() -> Tape {
        Tape {
            words: Vec::new(),
            text: Vec::new(),
            kept: HashMap::default(),
            sent: Vec::new(),
            fresh: Vec::new(),
            recent: vec![(0, usize::MAX, NOT_KEPT); 1 << RECENT_BITS],
        }
    }
}

/// Where `recent` remembers the string at `at`.
fn recent_slot(at: (usize, usize)) -> usize {
    (((at.0 as u32) ^ (at.1 as u32).rotate_left(16)).wrapping_mul(0x9E37_79B9)
        >> (32 - RECENT_BITS)) as usize
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error(message.to_string())
    }
}

type Result<T = ()> = std::result::Result<T, Error>;

impl Tape {
    /// Empties the tape for the next value; the table stays.
    pub fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
        self.fresh.clear();
    }

    /// The table's number for the string at `at`, or `NOT_KEPT`.
    fn lookup(&mut self, at: (usize, usize)) -> u32 {
        let recent = &mut self.recent[recent_slot(at)];
        if (recent.0, recent.1) == at {
            return recent.2;
        }
        let k = self.kept.get(&at).copied().unwrap_or(NOT_KEPT);
        *recent = (at.0, at.1, k);
        k
    }

    /// Numbers the strings given as words the table may hold: each is sent the first time a
    /// tape uses it, and named by number after. Used at start-up with the catalogue's words.
    pub fn keep_all(&mut self, strings: impl IntoIterator<Item = &'static str>) {
        for s in strings {
            self.keep(s);
        }
    }

    /// The number of a string that lives as long as the program.
    fn keep(&mut self, s: &'static str) -> u32 {
        let at = (s.as_ptr() as usize, s.len());
        let k = self.lookup(at);
        if k != NOT_KEPT {
            return k;
        }
        let k = self.kept.len() as u32;
        self.kept.insert(at, k);
        self.sent.push(false);
        self.recent[recent_slot(at)].1 = usize::MAX;
        k
    }

    /// Table string `k`, with its words the first time.
    fn named(&mut self, k: u32, s: &str) {
        if self.sent[k as usize] {
            self.words.extend_from_slice(&[KEPT, k]);
            return;
        }
        self.sent[k as usize] = true;
        self.fresh.push(k);
        self.append(s);
        let end = self.text_end();
        self.words.extend_from_slice(&[KEEP, k, end]);
    }

    /// Forgets what this tape would have added to the table: for a tape never sent (a value
    /// that failed to serialise halfway).
    pub fn unsend(&mut self) {
        for k in self.fresh.drain(..) {
            self.sent[k as usize] = false;
        }
    }

    fn text_end(&self) -> u32 {
        self.text.len() as u32
    }

    /// A string that lives as long as the program (a field or variant name).
    fn key(&mut self, s: &'static str) {
        let k = self.keep(s);
        self.named(k, s);
    }

    fn append(&mut self, s: &str) {
        self.text.extend(s.encode_utf16());
    }

    /// Any string: by number where it is one the table may hold, else as text.
    fn string(&mut self, s: &str) {
        let k = self.lookup((s.as_ptr() as usize, s.len()));
        if k != NOT_KEPT {
            return self.named(k, s);
        }
        self.append(s);
        let end = self.text_end();
        self.words.extend_from_slice(&[TEXT, end]);
    }

    fn number(&mut self, x: f64) {
        if x.fract() == 0.0 && x >= i32::MIN as f64 && x <= i32::MAX as f64 {
            self.words.extend_from_slice(&[INT, x as i32 as u32]);
        } else {
            let bits = x.to_bits();
            self.words
                .extend_from_slice(&[FLOAT, bits as u32, (bits >> 32) as u32]);
        }
    }

    /// Opens a list or object whose size is filled in by `close`.
    fn open(&mut self, kind: u32) -> Compound<'_> {
        self.words.extend_from_slice(&[kind, 0]);
        Compound {
            at: self.words.len() - 1,
            tape: self,
        }
    }
}

/// A list or an object being written: counts its items.
pub struct Compound<'t> {
    tape: &'t mut Tape,
    at: usize,
}

impl Compound<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.tape.words[self.at] += 1;
        value.serialize(&mut *self.tape)
    }
}

/// `Display` written straight into the text.
impl fmt::Write for Tape {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.append(s);
        Ok(())
    }
}

macro_rules! numbers {
    ($($method:ident: $t:ty),*) => {
        $(fn $method(self, v: $t) -> Result {
            self.number(v as f64);
            Ok(())
        })*
    };
}

impl<'t> ser::Serializer for &'t mut Tape {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'t>;
    type SerializeTuple = Compound<'t>;
    type SerializeTupleStruct = Compound<'t>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'t>;
    type SerializeStruct = Compound<'t>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64);

    fn serialize_bool(self, v: bool) -> Result {
        self.words.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result {
        write!(self, "{value}").map_err(|_| Error("a value could not be written".into()))?;
        let end = self.text_end();
        self.words.extend_from_slice(&[TEXT, end]);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        let mut list = self.open(LIST);
        v.iter().try_for_each(|b| list.item(b))
    }
    fn serialize_none(self) -> Result {
        self.words.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.key(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.words.extend_from_slice(&[OBJECT, 1]);
        self.key(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'t>> {
        Ok(self.open(LIST))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'t>> {
        Ok(self.open(LIST))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'t>> {
        Ok(self.open(LIST))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Error(format!("{name}: tuple variants are not sent to JS")))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'t>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'t>> {
        Ok(self.open(OBJECT))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Error(format!("{name}: struct variants are not sent to JS")))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.item(value)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.tape.words[self.at] += 1;
        self.tape.key(key);
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result {
        Ok(())
    }
}

/// Reads a tape back into JSON, as `tape.js` reads it into objects: the tests hold the two
/// doors to the same JSON without a browser.
#[cfg(test)]
pub fn to_json(tape: &Tape, table: &mut Vec<String>) -> serde_json::Value {
    use serde_json::Value;
    fn value(
        t: &[u16],
        w: &[u32],
        at: &mut usize,
        from: &mut usize,
        table: &mut Vec<String>,
    ) -> Value {
        let mut next = || {
            *at += 1;
            w[*at - 1]
        };
        let op = next();
        match op {
            NULL => Value::Null,
            TRUE => Value::Bool(true),
            FALSE => Value::Bool(false),
            INT => Value::from(next() as i32),
            FLOAT => {
                let (lo, hi) = (next() as u64, next() as u64);
                Value::from(f64::from_bits(lo | hi << 32))
            }
            KEPT => Value::String(table[next() as usize].clone()),
            TEXT | KEEP => {
                let k = (op == KEEP).then(|| next() as usize);
                let end = next() as usize;
                let s = String::from_utf16(&t[*from..end]).expect("UTF-16");
                *from = end;
                if let Some(k) = k {
                    table.resize(table.len().max(k + 1), String::new());
                    table[k] = s.clone();
                }
                Value::String(s)
            }
            LIST => {
                let n = next();
                Value::Array((0..n).map(|_| value(t, w, at, from, table)).collect())
            }
            OBJECT => {
                let n = next();
                let mut map = serde_json::Map::new();
                for _ in 0..n {
                    let Value::String(key) = value(t, w, at, from, table) else {
                        panic!("a key that is not a string")
                    };
                    map.insert(key, value(t, w, at, from, table));
                }
                Value::Object(map)
            }
            other => panic!("unknown tape word {other}"),
        }
    }
    value(&tape.text, &tape.words, &mut 0, &mut 0, table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{estimate, Answers, Catalog, Date};

    #[test]
    fn text_past_the_basic_plane_is_counted_in_utf16_units() {
        let mut tape = Tape::default();
        let value = (
            vec!["a😀b", "", "中文", "x"],
            Some(1.5),
            None::<u8>,
            -3,
            true,
        );
        value.serialize(&mut tape).unwrap();
        assert_eq!(
            to_json(&tape, &mut Vec::new()),
            serde_json::to_value(value).unwrap()
        );
    }

    #[test]
    fn a_tape_reads_back_as_the_json_the_command_line_prints() {
        let catalog: &'static Catalog = Box::leak(Box::new(Catalog::embedded().unwrap()));
        let mut tape = Tape::default();
        let mut table = Vec::new();
        tape.keep_all(catalog.documents.iter().flat_map(|d| [&*d.title, &*d.id]));
        let today = Date::new(2026, 11, 22).unwrap();
        for json in [
            r#"{}"#,
            r#"{"region": "140502", "date": "2021-06-01"}"#,
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"], "age": 30}"#,
        ] {
            let answers = Answers::from_json_str(json).unwrap();
            let est = estimate(catalog, &answers, today).unwrap();
            tape.clear();
            est.serialize(&mut tape).unwrap();
            let read = to_json(&tape, &mut table);
            assert_eq!(read, serde_json::to_value(&est).unwrap(), "{json}");
            // The second time, the field names are all in the table: less text, nothing new.
            let (kept, text) = (table.len(), tape.text.len());
            tape.clear();
            est.serialize(&mut tape).unwrap();
            assert_eq!(to_json(&tape, &mut table), read);
            assert_eq!(table.len(), kept);
            assert!(tape.text.len() < text || text == 0);
        }
    }
}
