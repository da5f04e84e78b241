//! The browser door's way out: any `Serialize` value written as a tape of numbers, which one
//! small JS function (`tape.js`, beside `src/wasm/`) turns into plain objects in one call; kept
//! because it measured faster than one crossing per property, with no key an address: struct
//! shapes by name, recalled parts by catalogue ids (`crate::recall`), text always as text (a
//! table of the catalogue's words, numbered by address, was dropped: README "What keeps an
//! estimate cheap" has the measure).
//!
//! Building the objects property by property from Rust cost one boundary crossing per property;
//! the tape crosses once. Text (titles, reasons, notes, amounts) goes as UTF-16, decoded in one
//! piece per call: a JS string's own units, so decoding is a copy (Node's UTF-8 decoder took 8×
//! longer on the Chinese of an estimate), and the tape counts its positions in them.
//!
//! The words of the tape, each a `u32`:
//! `0` null · `1` true · `2` false · `3 n` an integer (`n` as `i32`) · `4 lo hi` a float's bits ·
//! `5 end` the text up to `end` (from where the last one ended) · `6 n` a list of `n` values ·
//! `7 n` an object of `n` keys, each a string followed by its value · `8 k` an object of the
//! keys in table slot `k`, their values following · `9 k n` an object of `n` keys as `7`, whose
//! keys JS keeps in slot `k`. A struct's fields are the same every time, so its keys cross once
//! (`9`), and after that only its values (`8`): half the words of an estimate, and no key
//! looked up. `10 k` a fresh copy of the object kept in slot `k` · `11 k` the object that
//! follows, kept in slot `k`: a part recalled by its key (`crate::recall`: a source, a
//! criterion…), written once and then copied by JS, whose objects are never shared between two
//! results. A part recalled holds plain values and lists of them (a copy is two levels deep);
//! its tests hold it so.
use serde::ser::{self, Serialize};
use std::collections::HashMap;
use std::fmt;

const NULL: u32 = 0;
const TRUE: u32 = 1;
const FALSE: u32 = 2;
const INT: u32 = 3;
const FLOAT: u32 = 4;
const TEXT: u32 = 5;
const LIST: u32 = 6;
const OBJECT: u32 = 7;
const SHAPED: u32 = 8;
const SHAPE: u32 = 9;
const COPY: u32 = 10;
const RECALL: u32 = 11;

#[derive(Default)]
pub struct Tape {
    pub words: Vec<u32>,
    /// This call's text, UTF-16.
    pub text: Vec<u16>,
    /// Per number: whether JS holds it yet.
    sent: Vec<bool>,
    /// The numbers this tape sends for the first time.
    fresh: Vec<u32>,
    /// The structs met so far, in the order met (an estimate's commonest come first), found by
    /// name: the names of the structs sent are all different (checked where tests run).
    shape_keys: Vec<Shape>,
    /// The keys of the structs being learnt, innermost last.
    learning: Vec<&'static str>,
    /// The parts that may be recalled (`crate::recall`), by key: their table slots.
    recallable: HashMap<usize, u32, foldhash::fast::FixedState>,
    /// The slots of the parts JS holds, forgotten with the catalogue they were made from.
    recalled: Vec<u32>,
}

/// A struct's keys, in their order, and the table slot JS keeps them in.
struct Shape {
    name: &'static str,
    slot: u32,
    keys: Vec<&'static str>,
    /// Whether `keys` has been filled (by the first struct of its kind to end).
    complete: bool,
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

    /// Forgets every part JS holds: the keys of the parts (`crate::recall`) are ids in one
    /// catalogue, and the door moves to another (a pack added). Each part is written again the
    /// first time a tape sends it, into the slot it had (JS's old part there is replaced).
    pub fn new_catalogue(&mut self) {
        for k in self.recalled.drain(..) {
            self.sent[k as usize] = false;
        }
    }

    /// Opens a part known by `key`: a copy where JS holds it (its value is then skipped),
    /// else the value, kept by JS where the key is recallable.
    fn recall(&mut self, key: usize) -> Compound<'_> {
        let found = match key {
            0 => None,
            _ => Some(match self.recallable.get(&key) {
                Some(&k) => k,
                None => {
                    let k = self.new_slot();
                    self.recallable.insert(key, k);
                    k
                }
            }),
        };
        let (copy, slot) = match found {
            None => (false, None),
            Some(k) if self.sent[k as usize] => (true, Some(k)),
            Some(k) => (false, Some(k)),
        };
        if let Some(k) = slot {
            self.two(if copy { COPY } else { RECALL }, k);
            if !copy {
                self.sent[k as usize] = true;
                self.fresh.push(k);
                self.recalled.push(k);
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

    /// Any string, as text.
    fn string(&mut self, s: &str) {
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
        let shape = match self.shape_keys.iter().position(|s| s.name == name) {
            Some(i) => i,
            None => {
                let slot = self.new_slot();
                self.shape_keys.push(Shape {
                    name,
                    slot,
                    keys: Vec::with_capacity(fields),
                    complete: false,
                });
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
                self.tape.string(key);
            }
            Shaping::None => {
                self.tape.words[self.at] += 1;
                self.tape.string(key);
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
