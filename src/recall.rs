//! Parts of an estimate that come out the same every time: a benefit's `source` is made from its
//! rule and its document alone (and whether that document has ended), its `next_step` without a
//! deadline from its rule alone, a criterion without a hint from its condition alone (and
//! whether it is met), and a document's line from the document alone (and whether it is in
//! force), so the wasm door need not write them again for each estimate. Such a part carries a [`Recall`], the address of the catalogue
//! entry it is made from; the door's tape (`crate::tape`) sends the part once and afterwards
//! asks JS for a fresh copy of what it built (21 sources in a 晋城 estimate were about a tenth
//! of the call). Any other serializer (the JSON the command line prints) writes the part out as
//! usual, so the two doors still give the same JSON; the tape's tests hold them to it.
use serde::ser::{Serialize, SerializeTupleStruct, Serializer};

/// What a part is known by: the address of the catalogue entry it is made from, and in its two
/// lowest bits which of the entry's parts and forms it is (a rule's source, the same once its
/// document has ended, its next step; a criterion met, not met or unknown; a document in force
/// or not). `NONE`: never recalled.
///
/// The promise, kept where a part is made: two parts with the same `Recall` are the same JSON.
/// The tape recalls only the keys it was given at start-up (`Tape::recall_all`), made from a
/// catalogue that lives as long as the program, so an address is never another entry's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recall(usize);

const FORMS: usize = 3;

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

    /// The key of what is made from `entry` (its first form).
    pub fn of<T>(entry: &T) -> Recall {
        let at = entry as *const T as usize;
        // Every entry the catalogue holds (a document, a rule, a condition) holds a `String`, so is aligned
        // to 4 bytes at least: the two lowest bits are free.
        debug_assert!(std::mem::align_of::<T>() >= 4 && at & FORMS == 0);
        Recall(at)
    }

    /// The key of the same entry's form `form` (0 to 3; 0 is the first).
    pub fn form(self, form: usize) -> Recall {
        debug_assert!(form <= FORMS);
        match self {
            Recall::NONE => Recall::NONE,
            Recall(at) => Recall(at | form),
        }
    }

    pub fn key(self) -> usize {
        self.0
    }
}

/// Every key an estimate can recall from `catalog`: each document's line, each rule's source
/// and next step, and each condition's criterion, in all their forms. Only a
/// catalogue that lives as long as the program is asked (see `Recall`).
#[cfg(any(target_arch = "wasm32", test))]
pub fn keys(catalog: &'static crate::Catalog) -> Vec<Recall> {
    let mut keys = Vec::new();
    for document in catalog.documents() {
        keys.extend([0, 1].map(|form| Recall::of(document).form(form)));
        for rule in &document.benefits {
            keys.extend([0, 1, 2].map(|form| Recall::of(rule).form(form)));
            for condition in &rule.conditions {
                keys.extend([0, 1, 2].map(|form| Recall::of(condition).form(form)));
            }
        }
    }
    keys
}

/// Every word of the catalogue and of the questions that an estimate or a question list can
/// repeat, which the door's tape numbers (`Tape::keep_all`): each is sent to JS the first time
/// a tape uses it, then named by number. Only a catalogue that lives as long as the program is
/// asked, as for [`keys`].
#[cfg(any(target_arch = "wasm32", test))]
pub fn words(catalog: &'static crate::Catalog) -> Vec<&'static str> {
    use crate::estimate::{NOT_STATED, SECONDARY_SOURCE, UNVERIFIED_SOURCE};
    use crate::questions;
    let mut out: Vec<&'static str> = vec![
        NOT_STATED,
        SECONDARY_SOURCE,
        UNVERIFIED_SOURCE,
        crate::estimate::PHONE,
    ];
    out.extend(crate::estimate::GENERAL_MATERIALS);
    out.extend(crate::facts::FACTS.iter().map(|f| f.name));
    for q in crate::facts::FACTS
        .iter()
        .filter_map(|f| questions::question(f.name))
    {
        out.extend([q.fact, q.title, q.hint, q.input]);
        out.extend([q.unit, q.unknown_label].into_iter().flatten());
        out.extend(q.themes.iter().flat_map(|t| [t.id, t.title]));
        for option in &q.options {
            out.push(option.label);
            out.extend(option.value.as_str());
            out.extend([option.hint, option.theme].into_iter().flatten());
        }
    }
    out.extend(crate::policy::words::borrowed_words(catalog));
    for doc in catalog.documents() {
        out.extend([
            &*doc.id,
            &*doc.title,
            &*doc.issuer,
            &*doc.region,
            &*doc.source,
            &*doc.in_force_cite,
        ]);
        out.extend(
            [
                &doc.doc_number,
                &doc.period_note,
                &doc.incomplete,
                &doc.apply,
            ]
            .into_iter()
            .filter_map(|s| s.as_deref()),
        );
        for b in &doc.benefits {
            out.extend([&*b.id, &*b.title, &*b.clause, &*b.quote, &*b.amount.cite]);
            for c in &b.conditions {
                out.extend([&*c.text, &*c.cite]);
            }
            if let Some(how) = &b.how_to_apply {
                out.extend(how.materials.iter().map(|m| &**m));
                out.extend(
                    [
                        &how.office,
                        &how.materials_cite,
                        &how.deadline,
                        &how.deadline_cite,
                    ]
                    .into_iter()
                    .filter_map(|s| s.as_deref()),
                );
            }
        }
    }
    out
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
