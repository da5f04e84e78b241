//! Parts of an estimate that come out the same every time: a benefit's `source` is made from its
//! rule and its document alone (and whether that document has ended), its `next_step` without a
//! deadline from its rule alone, a criterion without a hint from its condition alone (and
//! whether it is met), and a document's line from the document alone (and whether it is in
//! force), so the wasm door need not write them again for each estimate. Such a part carries a
//! [`Recall`] made from the catalogue's ids (`DocId`, `RuleId`, a condition's place in its
//! rule) and its form; the door's tape (`crate::tape`) sends the part once and afterwards asks
//! JS for a fresh copy of what it built (21 sources in a 晋城 estimate were about a tenth of
//! the call). Ids are places in one catalogue, so the door forgets every part JS holds when it
//! moves to another (a pack added: `Tape::new_catalogue`). Any other serializer (the JSON the
//! command line prints) writes the part out as usual, so the two doors still give the same
//! JSON; the tape's tests hold them to it.
use crate::policy::{DocId, RuleId};
use serde::ser::{Serialize, SerializeTupleStruct, Serializer};

/// What a part is known by: which kind of part and form it is (`KINDS`), and the ids of the
/// catalogue entry it is made from, packed in 32 bits (a wasm `usize`): from the lowest, the
/// kind and form (4 bits), the condition's place in its rule (7), the rule's in its document
/// (9), the document's in the catalogue (12). An entry past those bounds gives `NONE`: its
/// part is written out every time, right and only slower. `NONE`: never recalled.
///
/// The promise, kept where a part is made: within one catalogue, two parts with the same
/// `Recall` are the same JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recall(u32);

/// The kinds of part and their forms, numbered from 1 (0 is `NONE`): a document's line (not in
/// force, in force), a rule's source (its document not ended, ended), a rule's next step, a
/// condition's criterion (unknown, met, not met).
const DOCUMENT: u32 = 1;
const SOURCE: u32 = 3;
const STEP: u32 = 5;
const CRITERION: u32 = 6;

const CONDITIONS: usize = 1 << 7;
const RULES: usize = 1 << 9;
const DOCUMENTS: usize = 1 << 12;

/// A part that knows its key.
pub trait Recalled: Serialize {
    fn recall(&self) -> Recall;
}

/// Writes a part by its own key (for `#[serde(serialize_with)]`).
pub fn one<S: Serializer, T: Recalled>(part: &T, s: S) -> Result<S::Ok, S::Error> {
    serialize(part.recall(), part, s)
}

/// Writes a part that may be absent by its own key (for `#[serde(serialize_with)]`).
pub fn maybe<S: Serializer, T: Recalled>(part: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match part {
        Some(part) => s.serialize_some(&One(part)),
        None => s.serialize_none(),
    }
}

/// A part written by its own key.
struct One<'p, T>(&'p T);

impl<T: Recalled> Serialize for One<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        one(self.0, s)
    }
}

/// Writes a list of parts, each by its own key (for `#[serde(serialize_with)]`).
pub fn each<S: Serializer, T: Recalled>(parts: &[T], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(parts.iter().map(One))
}

impl Recall {
    pub const NONE: Recall = Recall(0);

    fn pack(kind: u32, doc: DocId, rule: usize, condition: usize) -> Recall {
        if doc.at() >= DOCUMENTS || rule >= RULES || condition >= CONDITIONS {
            return Recall::NONE;
        }
        Recall(kind | (condition as u32) << 4 | (rule as u32) << 11 | (doc.0) << 20)
    }

    /// A document's line; `.form(1)` in force.
    pub fn document(doc: DocId) -> Recall {
        Recall::pack(DOCUMENT, doc, 0, 0)
    }

    /// A rule's source; `.form(1)` with its document ended.
    pub fn source(rule: RuleId) -> Recall {
        Recall::pack(SOURCE, rule.doc, rule.rule, 0)
    }

    /// A rule's next step (one form).
    pub fn step(rule: RuleId) -> Recall {
        Recall::pack(STEP, rule.doc, rule.rule, 0)
    }

    /// Condition `k` of `rule` as a criterion, unknown; `.form(1)` met, `.form(2)` not met.
    pub fn criterion(rule: RuleId, k: usize) -> Recall {
        Recall::pack(CRITERION, rule.doc, rule.rule, k)
    }

    /// The same entry's form `form` (0 is the first; a document's and a source's have two, a
    /// criterion's three).
    pub fn form(self, form: u32) -> Recall {
        match self {
            Recall::NONE => Recall::NONE,
            Recall(key) => Recall(key + form),
        }
    }

    pub fn key(self) -> usize {
        self.0 as usize
    }
}

/// The name a recalled part goes under to a serializer that is not human-readable (the tape):
/// a tuple struct of one field whose "length" is the key. Nothing else is named so.
pub const NAME: &str = "\0recall";

/// Writes `value`, known as `key`: as itself for a human-readable serializer (JSON), and for
/// the tape as a part it may recall.
pub fn serialize<S: Serializer, T: Serialize + ?Sized>(
    key: Recall,
    value: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    // (`NONE` goes to the tape like any other key, which writes out what it does not know:
    // one way to the value, so the module holds one copy of its code.)
    if s.is_human_readable() {
        return value.serialize(s);
    }
    let mut part = s.serialize_tuple_struct(NAME, key.key())?;
    part.serialize_field(value)?;
    part.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_and_form_has_its_own_key() {
        let mut seen = std::collections::BTreeSet::new();
        for doc in [0, 1, 7, DOCUMENTS as u32 - 1] {
            let doc = DocId(doc);
            for rule in [0, 1, RULES - 1] {
                let at = RuleId { doc, rule };
                let keys = [
                    Recall::document(doc),
                    Recall::document(doc).form(1),
                    Recall::source(at),
                    Recall::source(at).form(1),
                    Recall::step(at),
                ];
                for key in keys.into_iter().chain((0..3).flat_map(|form| {
                    [0, 5, CONDITIONS - 1].map(|k| Recall::criterion(at, k).form(form))
                })) {
                    assert_ne!(key, Recall::NONE);
                    // A document's key is made for each rule here: the same key each time.
                    if !seen.insert(key.key()) && !keys[..2].contains(&key) {
                        panic!("{key:?} given twice");
                    }
                }
            }
        }
        // Past the bounds: never recalled, never another entry's key.
        let far = RuleId {
            doc: DocId(0),
            rule: RULES,
        };
        assert_eq!(Recall::source(far), Recall::NONE);
        assert_eq!(Recall::criterion(far, 0), Recall::NONE);
        let near = RuleId {
            doc: DocId(0),
            rule: 0,
        };
        assert_eq!(Recall::criterion(near, CONDITIONS), Recall::NONE);
        assert_eq!(Recall::document(DocId(DOCUMENTS as u32)), Recall::NONE);
        assert_eq!(Recall::NONE.form(1), Recall::NONE);
    }
}
