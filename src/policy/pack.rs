//! Policy packs: the documents of one place (a province, a city or a county), in the
//! catalogue's embedded form (`wire`) behind a small header, so the WebAssembly module carries
//! the national documents only and a worker downloads just their place's documents. `build.rs`
//! writes one pack per `policies/<code>/` place and the index of this build's packs
//! (`embedded.rs`); the wasm door checks and adds a pack at run time (`addPack`).
//!
//! Layout: `SBPK`, the format version (one byte), the place's code (6 ASCII digits), the
//! FNV-1a 64 hash of the payload (8 bytes, little-endian), then the payload: a `Catalog` in
//! the embedded form holding that place's documents. A pack's file name is its code and 32 bits
//! of the hash of all its bytes (`140502.01234567.pack`): a changed pack has a new name, so a
//! cache never serves an old one under a new build. FNV-1a detects the damage of a download
//! (any one flipped byte changes it); it is no defence against forgery, and needs none: the
//! pack is refused unless its whole-file hash is one of the names this build wrote.
use super::{Catalog, Document};
use crate::error::Error;

/// The pack layout this build reads and writes: 2 since a document carries `incomplete_after`
/// (a pack of version 1 has no such field and is refused by its version, not misread); 3
/// since it carries its `office` and `phone`; 4 since an office carries its `office_cite`.
pub const FORMAT: u8 = 4;
const MAGIC: &[u8; 4] = b"SBPK";
const HEADER: usize = 4 + 1 + 6 + 8;

/// FNV-1a, 64 bits.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The 32 bits of a pack's hash (of all its bytes) its file name carries.
pub fn short_hash(bytes: &[u8]) -> u32 {
    (hash(bytes) >> 32) as u32
}

/// The file name of a pack: its place's code and 8 hex digits of the hash of all its bytes.
pub fn file_name(region: &str, bytes: &[u8]) -> String {
    format!("{region}.{:08x}.pack", short_hash(bytes))
}

/// A pack's bytes for `region`'s documents (each must be `region`'s).
pub fn write(region: &str, documents: Vec<Document>) -> Vec<u8> {
    debug_assert!(documents.iter().all(|d| d.region == region));
    let payload = Catalog::new(documents).to_embedded();
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(region.as_bytes());
    out.extend_from_slice(&hash(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

/// Splits a catalogue into what the module carries (the national documents) and one pack per
/// other place, as `(code, bytes)` in code order.
pub fn split(catalog: &Catalog) -> (Catalog, Vec<(String, Vec<u8>)>) {
    let mut national = Vec::new();
    let mut places: Vec<(String, Vec<Document>)> = Vec::new();
    for doc in &catalog.documents {
        if doc.region == crate::regions::NATIONAL {
            national.push(doc.clone());
            continue;
        }
        match places.iter_mut().find(|(code, _)| *code == doc.region) {
            Some((_, docs)) => docs.push(doc.clone()),
            None => places.push((doc.region.clone(), vec![doc.clone()])),
        }
    }
    places.sort_by(|a, b| a.0.cmp(&b.0));
    let packs = places
        .into_iter()
        .map(|(code, docs)| {
            let bytes = write(&code, docs);
            (code, bytes)
        })
        .collect();
    let national = Catalog::new(national);
    (national, packs)
}

fn refuse(message: impl Into<String>) -> Error {
    Error::answer("pack", message)
}

/// A checked pack: its place and its documents.
#[derive(Debug)]
pub struct Pack {
    pub region: String,
    pub documents: Vec<Document>,
}

/// Checks and reads a pack: its layout, format version, hash, every record, and that every
/// document is its place's. Whatever is wrong is an `Error` with field `pack`, never a panic.
pub fn read(bytes: &[u8]) -> Result<Pack, Error> {
    if bytes.len() < HEADER || &bytes[..4] != MAGIC {
        return Err(refuse(format!(
            "not a policy pack ({} bytes, without the pack header)",
            bytes.len()
        )));
    }
    if bytes[4] != FORMAT {
        return Err(refuse(format!(
            "a pack of format version {}; this build reads version {FORMAT}",
            bytes[4]
        )));
    }
    let region = std::str::from_utf8(&bytes[5..11])
        .ok()
        .filter(|r| r.bytes().all(|b| b.is_ascii_digit()) && *r != crate::regions::NATIONAL)
        .ok_or_else(|| refuse("the pack does not name a place (six digits)"))?
        .to_string();
    let mut stored = [0; 8];
    stored.copy_from_slice(&bytes[11..HEADER]);
    let payload = &bytes[HEADER..];
    if u64::from_le_bytes(stored) != hash(payload) {
        return Err(refuse(format!(
            "the pack for {region} is damaged (its hash does not match its {} bytes)",
            bytes.len()
        )));
    }
    let catalog = Catalog::from_embedded(payload)
        .map_err(|e| refuse(format!("the pack for {region} does not read back: {e}")))?;
    if let Some(doc) = catalog.documents.iter().find(|d| d.region != region) {
        return Err(refuse(format!(
            "the pack for {region} holds a document of {} ({})",
            doc.region, doc.id
        )));
    }
    Ok(Pack {
        region,
        documents: catalog.documents,
    })
}

/// The codes whose packs a worker in `region` needs: its province, city and county, in that
/// order, each once (a province's code is its own province).
pub fn places_of(region: &str) -> Vec<String> {
    if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut out = vec![
        format!("{}0000", &region[..2]),
        format!("{}00", &region[..4]),
        region.to_string(),
    ];
    out.dedup();
    out.retain(|c| c != crate::regions::NATIONAL);
    out
}

impl Catalog {
    /// This catalogue with `documents` added (a pack's): a new catalogue, worked out afresh.
    pub fn with(&self, documents: Vec<Document>) -> Catalog {
        let mut all = self.documents.clone();
        all.extend(documents);
        Catalog::new(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_run_from_province_down_each_once() {
        assert_eq!(places_of("140502"), ["140000", "140500", "140502"]);
        assert_eq!(places_of("520300"), ["520000", "520300"]);
        assert_eq!(places_of("540000"), ["540000"]);
        assert!(places_of("000000").is_empty());
        assert!(places_of("14050").is_empty());
        assert!(places_of("14050x").is_empty());
    }

    #[test]
    fn the_hash_is_fnv1a() {
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
