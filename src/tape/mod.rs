//! The browser door's way out: any `Serialize` value written as a tape of numbers, which one
//! small JS function (`tape.js`, beside `src/wasm/`) turns into plain objects in one call.
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
//! of `n` keys, each a string followed by its value · `10 k` an object of the keys in table slot
//! `k`, their values following · `11 k n` an object of `n` keys as `9`, whose keys JS keeps in
//! slot `k`. A struct's fields are the same every time, so its keys cross once (`11`), and
//! after that only its values (`10`): half the words of an estimate, and no key looked up.
//! `12 k` a fresh copy of the object kept in slot `k` · `13 k` the object that follows, kept
//! in slot `k`: a part recalled by its key (`crate::recall`: a source, a criterion…), written once
//! and then copied by JS, whose objects are never shared between two results. A part recalled
//! holds plain values and lists of them (a copy is two levels deep); its tests hold it so.
use crate::by_address::ByAddress;
use serde::ser::{self, Serialize};
use std::fmt;

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
const SHAPED: u32 = 10;
const SHAPE: u32 = 11;
const COPY: u32 = 12;
const RECALL: u32 = 13;

#[derive(Default)]
pub struct Tape {
    pub words: Vec<u32>,
    /// This call's text, UTF-16.
    pub text: Vec<u16>,
    /// The strings the JS table holds, by address and length. Only `'static` strings are ever
    /// added, so an address and length always name the same words.
    kept: ByAddress,
    /// Per number: whether JS holds it yet.
    sent: Vec<bool>,
    /// The numbers this tape sends for the first time.
    fresh: Vec<u32>,
    /// The structs met so far (their places in `kept`, by name's address and length
    /// complemented, which no string has).
    shape_keys: Vec<Shape>,
    /// The keys of the structs being learnt, innermost last.
    learning: Vec<&'static str>,
    /// The parts that may be recalled (`crate::recall`), by key: their table slots.
    recallable: ByAddress,
}

/// A struct's keys, in their order, and the table slot JS keeps them in.
struct Shape {
    slot: u32,
    keys: Vec<&'static str>,
    /// Whether `keys` has been filled (by the first struct of its kind to end).
    complete: bool,
}

const NOT_KEPT: u32 = u32::MAX;

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
        self.learning.clear();
    }

    /// Empties the tape and writes zeros over all it ever held (its whole capacity): the
    /// text of the last value sent is gone from memory, not only from view (a kiosk's wipe).
    pub fn scrub(&mut self) {
        fn zero<T: Copy + Default>(v: &mut Vec<T>) {
            v.clear();
            v.resize(v.capacity(), T::default());
            v.clear();
        }
        zero(&mut self.words);
        zero(&mut self.text);
        zero(&mut self.fresh);
        self.learning.clear();
    }

    /// The table's number for the string at `at`, or `NOT_KEPT`.
    fn lookup(&mut self, at: (usize, usize)) -> u32 {
        self.kept.get(&at).copied().unwrap_or(NOT_KEPT)
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
        let k = self.new_slot();
        self.kept.insert(at, k);
        k
    }

    /// Makes the parts known by `keys` recallable: each is written the first time a tape
    /// sends it, and copied by JS after. Given at start-up, from a catalogue that lives as
    /// long as the program (so a key never comes to name another entry).
    pub fn recall_all(&mut self, keys: Vec<crate::recall::Recall>) {
        for key in keys {
            if self.recallable.get(&(key.key(), 0)).is_none() {
                let k = self.new_slot();
                self.recallable.insert((key.key(), 0), k);
            }
        }
    }

    /// Opens a part known by `key`: a copy where JS holds it (its value is then skipped),
    /// else the value, kept by JS where the key is recallable.
    fn recall(&mut self, key: usize) -> Compound<'_> {
        let found = match key {
            0 => None,
            _ => self.recallable.get(&(key, 0)),
        };
        let (copy, slot) = match found {
            None => (false, None),
            Some(&k) if self.sent[k as usize] => (true, Some(k)),
            Some(&k) => (false, Some(k)),
        };
        if let Some(k) = slot {
            self.two(if copy { COPY } else { RECALL }, k);
            if !copy {
                self.sent[k as usize] = true;
                self.fresh.push(k);
            }
        }
        Compound {
            at: 0,
            tape: self,
            shape: Shaping::Recalled { copy },
        }
    }

    /// A new table slot, not yet sent.
    fn new_slot(&mut self) -> u32 {
        self.sent.push(false);
        self.sent.len() as u32 - 1
    }

    /// Table string `k`, with its words the first time.
    fn named(&mut self, k: u32, s: &str) {
        if self.sent[k as usize] {
            self.two(KEPT, k);
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

    /// A step of two words, the tape's commonest: two pushes (`extend_from_slice` went through
    /// a generic extend loop, 1.6% of an estimate in the wasm profile).
    fn two(&mut self, op: u32, word: u32) {
        self.words.push(op);
        self.words.push(word);
    }

    fn text_end(&self) -> u32 {
        self.text.len() as u32
    }

    /// A string that lives as long as the program (a field or variant name).
    fn key(&mut self, s: &'static str) {
        let k = self.keep(s);
        self.named(k, s);
    }

    /// `s` as UTF-16, decoded from its UTF-8 here (`encode_utf16` went char by char through
    /// `next_code_point` and a push each: 6% of an estimate). A string never has more UTF-16
    /// units than bytes, so the text grows by its bytes and is cut back after.
    fn append(&mut self, s: &str) {
        let start = self.text.len();
        self.text.resize(start + s.len(), 0);
        let out = &mut self.text[start..];
        let (bytes, mut i, mut n) = (s.as_bytes(), 0, 0);
        let tail = |at: usize| u32::from(bytes[at] & 0x3f);
        while i < bytes.len() {
            let lead = u32::from(bytes[i]);
            let (unit, width) = match lead {
                0..=0x7f => (lead, 1),
                0x80..=0xdf => ((lead & 0x1f) << 6 | tail(i + 1), 2),
                0xe0..=0xef => ((lead & 0x0f) << 12 | tail(i + 1) << 6 | tail(i + 2), 3),
                _ => {
                    // Past the basic plane: a surrogate pair.
                    let c =
                        (lead & 0x07) << 18 | tail(i + 1) << 12 | tail(i + 2) << 6 | tail(i + 3);
                    let c = c - 0x1_0000;
                    out[n] = (0xd800 | c >> 10) as u16;
                    out[n + 1] = (0xdc00 | c & 0x3ff) as u16;
                    (n, i) = (n + 2, i + 4);
                    continue;
                }
            };
            out[n] = unit as u16;
            (n, i) = (n + 1, i + width);
        }
        self.text.truncate(start + n);
    }

    /// Any string: by number where it is one the table may hold, else as text.
    fn string(&mut self, s: &str) {
        let k = self.lookup((s.as_ptr() as usize, s.len()));
        if k != NOT_KEPT {
            return self.named(k, s);
        }
        self.append(s);
        let end = self.text_end();
        self.two(TEXT, end);
    }

    fn number(&mut self, x: f64) {
        if x.fract() == 0.0 && x >= i32::MIN as f64 && x <= i32::MAX as f64 {
            self.two(INT, x as i32 as u32);
        } else {
            let bits = x.to_bits();
            self.words
                .extend_from_slice(&[FLOAT, bits as u32, (bits >> 32) as u32]);
        }
    }

    /// Opens a list or object whose size is counted by `item`.
    fn open(&mut self, kind: u32) -> Compound<'_> {
        self.two(kind, 0);
        Compound {
            at: self.words.len() - 1,
            tape: self,
            shape: Shaping::None,
        }
    }

    /// Opens a struct: by its shape's slot where JS holds its keys, else with its keys, to be
    /// kept as its shape when it ends.
    #[inline(never)]
    fn open_struct(&mut self, name: &'static str, fields: usize) -> Compound<'_> {
        let id = (name.as_ptr() as usize, !name.len());
        let shape = match self.kept.get(&id) {
            Some(&i) => i as usize,
            None => {
                let slot = self.new_slot();
                self.shape_keys.push(Shape {
                    slot,
                    keys: Vec::with_capacity(fields),
                    complete: false,
                });
                self.kept.insert(id, self.shape_keys.len() as u32 - 1);
                self.shape_keys.len() - 1
            }
        };
        let Shape { slot, complete, .. } = self.shape_keys[shape];
        if complete && self.sent[slot as usize] {
            self.two(SHAPED, slot);
            return Compound {
                at: 0,
                tape: self,
                shape: Shaping::Known { shape, field: 0 },
            };
        }
        self.words.extend_from_slice(&[SHAPE, slot, 0]);
        let from = self.learning.len();
        Compound {
            at: self.words.len() - 1,
            tape: self,
            shape: Shaping::Learning { shape, from },
        }
    }
}

/// A list or an object being written: counts its items (`at`), or follows its shape.
pub struct Compound<'t> {
    tape: &'t mut Tape,
    at: usize,
    shape: Shaping,
}

enum Shaping {
    /// A list or a map.
    None,
    /// A struct whose keys JS holds: `field` is the next one.
    Known { shape: usize, field: usize },
    /// A struct written with its keys, gathered in `Tape::learning` from `from` on (no
    /// destructor here, so none in every function that holds a `Compound`).
    Learning { shape: usize, from: usize },
    /// A recalled part's one field (`crate::recall`): skipped where JS copies it.
    Recalled { copy: bool },
}

impl Compound<'_> {
    /// A struct's end: its shape kept, the first time (or its count checked, where tests run).
    #[inline(never)]
    fn finish(self) -> Result {
        match self.shape {
            Shaping::Known { shape, field } if cfg!(debug_assertions) => {
                let keys = self.tape.shape_keys[shape].keys.len();
                assert_eq!(field, keys, "a struct's fields differ from its shape");
                Ok(())
            }
            Shaping::Learning { shape, from } => {
                let keys = self.tape.learning.split_off(from);
                let known = &mut self.tape.shape_keys[shape];
                if !known.complete {
                    known.keys = keys;
                    known.complete = true;
                }
                let slot = known.slot;
                if !self.tape.sent[slot as usize] {
                    self.tape.sent[slot as usize] = true;
                    self.tape.fresh.push(slot);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// A struct's key: written while its shape is learnt, else only checked against the shape
    /// where tests run (not generic, and infallible, so not written again for every type of
    /// value).
    #[inline(never)]
    fn field(&mut self, key: &'static str) {
        match &mut self.shape {
            // A derived `Serialize` writes the same fields in the same order every time; the
            // names of the structs sent are all different. Checked where tests run.
            Shaping::Known { shape, field } => {
                if cfg!(debug_assertions) {
                    let expected = self.tape.shape_keys[*shape].keys.get(*field).copied();
                    assert_eq!(
                        expected,
                        Some(key),
                        "a struct's fields differ from its shape"
                    );
                    *field += 1;
                }
            }
            Shaping::Learning { .. } => {
                self.tape.learning.push(key);
                self.tape.words[self.at] += 1;
                self.tape.key(key);
            }
            Shaping::None => {
                self.tape.words[self.at] += 1;
                self.tape.key(key);
            }
            // Handed out only as a tuple struct, which has no keys.
            Shaping::Recalled { .. } => unreachable!("a recalled part has no keys"),
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.tape.words[self.at] += 1;
        value.serialize(&mut *self.tape)
    }
}

#[cfg(test)]
mod read;
mod serializer;
