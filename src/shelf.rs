//! The packs a door has added and the ones the deployment lists (api.md, "Policy packs"): which
//! files a place needs, which of them are not in yet, and the catalogue made when one more is
//! added. No JavaScript here: the wasm door (`src/wasm/`) keeps one `Shelf` and hands it the
//! page's bytes and text; every check is the core's and runs natively in the tests below.
use crate::error::{Error, Result};
use crate::policy::{pack, Catalog};

#[derive(Debug, Default)]
pub struct Shelf {
    /// The packs added so far: each one's file name and bytes (the next catalogue is read
    /// afresh from the embedded bytes and these, rather than cloned from the last: no `Clone`
    /// of the policy types in the module).
    added: Vec<(String, Vec<u8>)>,
    /// Packs the deployment lists beside this build's (`packs/index.txt`, handed over by the
    /// page with `listPacks`), each with the 32 bits of hash its name carries: a pack saved by
    /// the studio is served without a rebuild.
    listed: Vec<(String, u32)>,
}

/// What adding a pack did.
#[derive(Debug)]
pub enum Added {
    /// The pack was already in: nothing changed. Its place's code.
    Already(String),
    /// The catalogue with every pack so far and this one (the national documents first), and
    /// the pack's place's code.
    New(Catalog, String),
}

fn refuse(message: impl Into<String>) -> Error {
    Error::answer("pack", message)
}

/// The hash a pack's file name carries, where `name` is one (`<code>.<8 hex digits>.pack`).
fn listed_hash(name: &str) -> Option<u32> {
    let b = name.as_bytes();
    let shaped = b.len() == 20
        && b[..6].iter().all(u8::is_ascii_digit)
        && b[6] == b'.'
        && b[7..15]
            .iter()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && &b[15..] == b".pack";
    if !shaped {
        return None;
    }
    Some(b[7..15].iter().fold(0u32, |h, &c| {
        h << 4 | u32::from(if c <= b'9' { c - b'0' } else { c - b'a' + 10 })
    }))
}

impl Shelf {
    /// The pack files `region` needs: this build's, then those the deployment lists, each once.
    pub fn packs_for(&self, region: &str) -> Vec<String> {
        let mut out = crate::embedded::packs_for(region);
        for code in pack::places_of(region) {
            for (name, _) in self.listed.iter().filter(|(n, _)| n.starts_with(&code)) {
                let path = format!("packs/{name}");
                if !out.contains(&path) {
                    out.push(path);
                }
            }
        }
        out
    }

    /// The packs (file names) `region` needs that have not been added.
    pub fn missing(&self, region: Option<&str>) -> Vec<String> {
        let Some(region) = region else {
            return Vec::new();
        };
        self.packs_for(region)
            .into_iter()
            .filter(|path| !self.added.iter().any(|(name, _)| path.ends_with(name)))
            .map(|path| path.trim_start_matches("packs/").to_string())
            .collect()
    }

    /// Takes the text of `packs/index.txt` (one file name `<code>.<8 hex digits>.pack` a line;
    /// blank lines and `#` comments skipped): how many names are new. A line of another shape
    /// is refused (`pack`) and nothing is listed.
    pub fn list(&mut self, index: &str) -> Result<u32> {
        let mut found = Vec::new();
        for line in index.split('\n') {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match listed_hash(line) {
                Some(hash) => found.push((line.to_string(), hash)),
                None => {
                    return Err(refuse(
                        "packs/index.txt: a line is not a pack's file name (<code>.<8 hex digits>.pack)",
                    ))
                }
            }
        }
        let before = self.listed.len();
        for (name, hash) in found {
            if !self.listed.iter().any(|(n, _)| *n == name) {
                self.listed.push((name, hash));
            }
        }
        Ok((self.listed.len() - before) as u32)
    }

    /// Checks a pack (its format version, hash, every record, and that it is one of this
    /// build's or one the deployment lists) and, if it is new, makes the next catalogue. A bad
    /// one is refused (`pack`) and changes nothing.
    pub fn add(&mut self, bytes: Vec<u8>) -> Result<Added> {
        let read = pack::read(&bytes)?;
        // A listed name with this place's code and the hash of these bytes.
        let listed = || {
            let hash = pack::short_hash(&bytes);
            self.listed
                .iter()
                .find(|(n, h)| *h == hash && n.as_bytes()[..6] == *read.region.as_bytes())
                .map(|(n, _)| n.clone())
        };
        let Some(name) = crate::embedded::own_pack(&bytes).or_else(listed) else {
            return Err(refuse(format!(
                "the pack for {} is not one of this build's packs nor one the deployment lists (packs/index.txt)",
                read.region
            )));
        };
        if self.added.iter().any(|(n, _)| *n == name) {
            return Ok(Added::Already(read.region));
        }
        let mut documents = Catalog::national()?.into_documents();
        for (_, earlier) in &self.added {
            documents.extend(pack::read(earlier)?.documents);
        }
        documents.extend(read.documents);
        let next = Catalog::new(documents);
        self.added.push((name, bytes));
        Ok(Added::New(next, read.region))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listed_name_carries_its_hash_and_nothing_else_is_one() {
        assert_eq!(listed_hash("140502.a9ef274e.pack"), Some(0xa9ef_274e));
        for bad in [
            "140502.A9EF274E.pack",
            "14050.a9ef274e.pack",
            "140502.a9ef274e.pak",
            "140502-a9ef274e.pack",
            "",
        ] {
            assert_eq!(listed_hash(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_bad_index_lists_nothing_and_names_the_pack_field() {
        let mut shelf = Shelf::default();
        let error = shelf
            .list("# ours\n140502.0000abcd.pack\nnot a pack\n")
            .unwrap_err();
        assert_eq!(error.field(), Some("pack"));
        assert_eq!(shelf.list("\n# none\n").unwrap(), 0);
        assert_eq!(shelf.list(" 140502.0000abcd.pack \r\n").unwrap(), 1);
        assert_eq!(
            shelf.list("140502.0000abcd.pack").unwrap(),
            0,
            "listed once"
        );
        assert!(shelf
            .packs_for("140502")
            .contains(&"packs/140502.0000abcd.pack".to_string()));
        assert!(shelf
            .missing(Some("140502"))
            .contains(&"140502.0000abcd.pack".to_string()));
        assert!(!shelf
            .packs_for("520300")
            .iter()
            .any(|p| p.contains("0000abcd")));
    }

    #[test]
    fn bytes_that_are_no_pack_are_refused_and_change_nothing() {
        let mut shelf = Shelf::default();
        let before = shelf.missing(Some("140502"));
        for bytes in [vec![], vec![1, 2, 3], b"SBPK".repeat(20)] {
            let error = shelf.add(bytes).unwrap_err();
            assert_eq!(error.field(), Some("pack"), "{error}");
        }
        assert_eq!(shelf.missing(Some("140502")), before);
        assert!(shelf.missing(None).is_empty());
    }

    #[test]
    fn a_build_pack_is_added_once_and_the_place_then_misses_nothing() {
        let (packs, bytes) = (crate::embedded::packs(), crate::embedded::PACK_BYTES);
        let at = packs.iter().position(|(code, _)| code == "140502").unwrap();
        let mut shelf = Shelf::default();
        let national = Catalog::national().unwrap().documents().len();
        assert!(shelf
            .missing(Some("140502"))
            .contains(&packs[at].1.to_string()));
        let Added::New(catalog, region) = shelf.add(bytes[at].to_vec()).unwrap() else {
            panic!("a new pack makes a new catalogue");
        };
        assert_eq!(region, "140502");
        assert!(catalog.documents().len() > national);
        assert!(!shelf.missing(Some("140502")).contains(&packs[at].1));
        assert!(matches!(
            shelf.add(bytes[at].to_vec()).unwrap(),
            Added::Already(r) if r == "140502"
        ));
        // A cut copy of the same pack is refused and the one added stays.
        let error = shelf
            .add(bytes[at][..bytes[at].len() - 1].to_vec())
            .unwrap_err();
        assert_eq!(error.field(), Some("pack"));
        assert!(!shelf.missing(Some("140502")).contains(&packs[at].1));
    }
}
