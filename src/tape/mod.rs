//! The browser door's way out: any `Serialize` value written as a tape of numbers, which one
//! small JS function (`tape.js`, beside `src/wasm/`) turns into plain objects in one call. Kept
//! because it measured faster than one crossing per property, with no key an address: words by
//! content, struct shapes by name, recalled parts by catalogue ids (`crate::recall`). Words are
//! numbered by content because sending all text as text measured 5–6% slower (the 晋城 median,
//! README "What keeps an estimate cheap").
//!
//! Building the objects property by property from Rust cost one boundary crossing per
//! property; the tape crosses once. The words the door gives (`Tape::intern`: the catalogue's
//! words and the questions', never a worker's) are numbered by their content, sent the first
//! time a tape uses them and named by number after: the JS side keeps them in a table, so an
//! estimate repeats a title without decoding it again. Everything else (reasons, notes,
//! amounts) goes as UTF-16 text, decoded in one piece per call: a JS string's own units, so
//! decoding is a copy (Node's UTF-8 decoder took 8× longer on the Chinese of an estimate), and
//! the tape counts its positions in them.
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

/// Numbers by a number (a part's key, a word's hash): open addressing with linear probing, at
/// most half full, where one number may be given more than one value (two words of one hash)
/// and `find` asks which is meant. `std`'s `HashMap` (hashbrown, with foldhash) took 3 KB of
/// module more and measured slower on every string an estimate writes (README "What keeps an
/// estimate cheap").
#[derive(Default)]
struct Numbers {
    /// (number, value); a power of two long, or empty. `EMPTY` marks a free slot.
    slots: Vec<(u64, u32)>,
    count: usize,
}

const EMPTY: u32 = u32::MAX;

impl Numbers {
    /// The first value of `number` that `wanted` takes.
    fn find(&self, number: u64, wanted: impl Fn(u32) -> bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = Numbers::start(number) & mask;
        loop {
            let (n, value) = self.slots[i];
            if value == EMPTY {
                return None;
            }
            if n == number && wanted(value) {
                return Some(value);
            }
            i = (i + 1) & mask;
        }
    }

    /// Gives `number` one more value.
    fn add(&mut self, number: u64, value: u32) {
        if 2 * (self.count + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, EMPTY); (old.len() * 2).max(64)];
            self.count = 0;
            for (n, v) in old.into_iter().filter(|s| s.1 != EMPTY) {
                self.add(n, v);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = Numbers::start(number) & mask;
        while self.slots[i].1 != EMPTY {
            i = (i + 1) & mask;
        }
        self.slots[i] = (number, value);
        self.count += 1;
    }

    fn start(number: u64) -> usize {
        (number.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize
    }
}

/// Eight bytes as a number.
fn eight(b: &[u8]) -> u64 {
    u64::from_le_bytes(b.try_into().expect("eight bytes"))
}

/// The words given (`Tape::intern`), found by content: each one's text is kept in `text`, and
/// its place there with its table slot in `spans`; `by_hash` finds it by a hash of its length
/// and its first and last 8 bytes (a word is hashed in the same few steps however long it is),
/// and words of one hash are told apart by their text.
#[derive(Default)]
struct Words {
    text: String,
    spans: Vec<(u32, u32, u32)>,
    by_hash: Numbers,
}

impl Words {
    fn hash(word: &str) -> u64 {
        let b = word.as_bytes();
        let (head, tail) = match b.len() {
            8.. => (eight(&b[..8]), eight(&b[b.len() - 8..])),
            _ => {
                let mut w = [0; 8];
                w[..b.len()].copy_from_slice(b);
                (u64::from_le_bytes(w), 0)
            }
        };
        head ^ tail.rotate_left(29) ^ (b.len() as u64).rotate_left(53)
    }

    /// The slot of `word`, if it is one given.
    #[inline(never)]
    fn find(&self, word: &str) -> Option<u32> {
        let at = self.by_hash.find(Words::hash(word), |at| {
            let (start, end, _) = self.spans[at as usize];
            self.text.as_bytes()[start as usize..end as usize] == *word.as_bytes()
        })?;
        Some(self.spans[at as usize].2)
    }

    /// Gives `word`, not yet given, slot `slot`.
    fn add(&mut self, word: &str, slot: u32) {
        let start = self.text.len() as u32;
        self.text.push_str(word);
        let at = self.spans.len() as u32;
        self.spans.push((start, self.text.len() as u32, slot));
        self.by_hash.add(Words::hash(word), at);
    }
}

#[derive(Default)]
pub struct Tape {
    pub words: Vec<u32>,
    /// This call's text, UTF-16.
    pub text: Vec<u16>,
    /// The words JS may hold in its table, by content: their numbers.
    interned: Words,
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
    recallable: Numbers,
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

    /// Numbers `word`, by content: it is sent the first time a tape uses it, and
    /// named by number after. The door gives the catalogue's words and the questions' (a
    /// worker's own text is never kept: a kiosk's `forget` leaves none of it in JS).
    pub fn intern(&mut self, word: &str) {
        self.numbered(word);
    }

    /// The number of `word`, given it now if it has none.
    fn numbered(&mut self, word: &str) -> u32 {
        if let Some(k) = self.interned.find(word) {
            return k;
        }
        let k = self.new_slot();
        self.interned.add(word, k);
        k
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
            _ => Some(match self.recallable.find(key as u64, |_| true) {
                Some(k) => k,
                None => {
                    let k = self.new_slot();
                    self.recallable.add(key as u64, k);
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

    /// A name of the program's own (a field's, a variant's): by number, numbered the first time.
    fn key(&mut self, s: &'static str) {
        let k = self.numbered(s);
        self.named(k, s);
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

    /// Any string: by number where it is a word given (`intern`), else as text.
    fn string(&mut self, s: &str) {
        if let Some(k) = self.interned.find(s) {
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
