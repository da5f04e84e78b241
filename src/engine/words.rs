//! The catalogue's own sentences, worked out once with its index (`index.rs`) rather than in
//! every estimate: each citation as a worker reads it, each document's place and period in
//! words, each rule's period, and each "这份文件已于…到期" note. An estimate borrows them (no
//! formatting, no copies), and the wasm door sends each to JS once, then names it by number.
//! Whatever is not found here (a catalogue whose index could not be kept) is worked out as
//! before, into the estimate's own text: the words are the same either way.
use super::conditions::compose_cite;
pub use crate::by_address::ByAddress;
use crate::date::Period;
use crate::next_step::{ended_note, office_of};
use crate::policy::*;
use crate::regions;
use std::borrow::Cow;

#[derive(Debug, Default)]
pub struct Words {
    /// Clauses by address and length, documents by address (and `usize::MAX`): their place
    /// in `cites` or `documents`.
    by_address: ByAddress,
    /// Per clause: its document's address and the cite as it reads (`None`: it names its own
    /// 文号 and stands as it is).
    cites: Vec<(usize, Option<String>)>,
    documents: Vec<DocumentWords>,
    /// Each period of a rule or document, in words.
    periods: Vec<(Period, String)>,
    /// Where to apply, by the address and length of its words: the office alone, as where
    /// it starts and ends in them (`None`: none is named, `next_step::office_short`'s words).
    offices: Vec<((usize, usize), Option<Span>)>,
}

/// Where a piece of some words starts in them, and its length.
type Span = (usize, usize);

#[derive(Debug)]
struct DocumentWords {
    region_name: String,
    period_text: String,
    /// By its office words' address and length: the note shown once the document has ended.
    ended: Vec<((usize, usize), String)>,
}

fn address(s: &str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

fn doc_address(doc: &Document) -> (usize, usize) {
    (doc as *const Document as usize, usize::MAX)
}

impl Words {
    pub(super) fn of(catalog: &Catalog) -> Words {
        let mut words = Words::default();
        for doc in &catalog.documents {
            let at = doc_address(doc).0;
            let mut cite = |clause: &str| {
                let composed = compose_cite(doc, clause);
                let own = matches!(composed, Cow::Owned(_)).then(|| composed.into_owned());
                let k = words.cites.len() as u32;
                words.cites.push((at, own));
                words.by_address.insert(address(clause), k);
            };
            for b in &doc.benefits {
                b.conditions.iter().for_each(|c| cite(&c.cite));
                cite(&b.amount.cite);
                if let Some(how) = &b.how_to_apply {
                    [&how.materials_cite, &how.deadline_cite]
                        .into_iter()
                        .flatten()
                        .for_each(|c| cite(c));
                }
            }
            let periods =
                std::iter::once(doc.in_force).chain(doc.benefits.iter().map(|b| b.period(doc)));
            for period in periods {
                if !words.periods.iter().any(|(p, _)| *p == period) {
                    words.periods.push((period, period.describe()));
                }
            }
            for b in &doc.benefits {
                let (words_of_office, office) = office_of(doc, b);
                let key = address(words_of_office);
                if !words.offices.iter().any(|(k, _)| *k == key) {
                    let at = office.as_ptr() as usize;
                    let within = (key.0..=key.0 + key.1)
                        .contains(&at)
                        .then(|| (at - key.0, office.len()));
                    words.offices.push((key, within));
                }
            }
            let mut ended: Vec<((usize, usize), String)> = Vec::new();
            if let Some(end) = doc.in_force.to {
                for b in &doc.benefits {
                    let (_, office) = office_of(doc, b);
                    if !ended.iter().any(|(k, _)| *k == address(office)) {
                        ended.push((address(office), ended_note(end, office)));
                    }
                }
            }
            let k = words.documents.len() as u32;
            words.documents.push(DocumentWords {
                region_name: regions::full_name(&doc.region),
                period_text: doc.in_force.describe(),
                ended,
            });
            words.by_address.insert(doc_address(doc), k);
        }
        words
    }

    /// A clause of `doc` as it reads, where the catalogue holds it.
    pub(super) fn cite<'a>(&'a self, doc: &Document, clause: &'a str) -> Option<&'a str> {
        let (at, own) = &self.cites[*self.by_address.get(&address(clause))? as usize];
        (*at == doc_address(doc).0).then(|| own.as_deref().unwrap_or(clause))
    }

    fn words_of(&self, doc: &Document) -> Option<&DocumentWords> {
        let k = *self.by_address.get(&doc_address(doc))?;
        Some(&self.documents[k as usize])
    }

    /// A document's region name and its period in words.
    pub(super) fn document(&self, doc: &Document) -> Option<(&str, &str)> {
        self.words_of(doc)
            .map(|d| (d.region_name.as_str(), d.period_text.as_str()))
    }

    pub(super) fn period(&self, period: Period) -> Option<&str> {
        self.periods
            .iter()
            .find(|(p, _)| *p == period)
            .map(|(_, s)| s.as_str())
    }

    /// The note for `doc` once it has ended, naming `office`.
    pub fn ended(&self, doc: &Document, office: &str) -> Option<&str> {
        let ended = &self.words_of(doc)?.ended;
        ended
            .iter()
            .find(|(k, _)| *k == address(office))
            .map(|(_, s)| s.as_str())
    }

    /// The office alone, out of the words that say where to apply (`next_step::office_of`).
    pub fn office<'w>(&self, words: &'w str) -> Option<&'w str> {
        let (_, within) = self.offices.iter().find(|(k, _)| *k == address(words))?;
        Some(match within {
            Some((from, len)) => &words[*from..from + len],
            None => crate::next_step::NO_OFFICE,
        })
    }

    /// Every sentence held, for a door that sends words once.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        let cites = self.cites.iter().filter_map(|c| c.1.as_deref());
        let documents = self.documents.iter().flat_map(|d| {
            [&*d.region_name, &*d.period_text]
                .into_iter()
                .chain(d.ended.iter().map(|e| &*e.1))
        });
        let periods = self.periods.iter().map(|p| &*p.1);
        cites.chain(documents).chain(periods)
    }
}

/// A cite as it reads: from the catalogue's words where they hold it, else composed.
pub fn cite<'a>(words: Option<&'a Words>, doc: &Document, clause: &'a str) -> Cow<'a, str> {
    match words.and_then(|w| w.cite(doc, clause)) {
        Some(s) => Cow::Borrowed(s),
        None => compose_cite(doc, clause),
    }
}

/// The words an estimate borrows beyond the catalogue's own fields: its index's sentences
/// (citations, places, periods, notes) and the office words cut out of its texts. A door that
/// sends words once (the wasm's) sends these too.
pub fn borrowed_words(catalog: &Catalog) -> Vec<&str> {
    let mut out: Vec<&str> = super::Index::of_catalog(catalog)
        .map(|i| i.words.all().collect())
        .unwrap_or_default();
    for doc in &catalog.documents {
        out.extend(
            doc.benefits
                .iter()
                .map(|b| crate::next_step::office_of(doc, b).1),
        );
    }
    out
}
