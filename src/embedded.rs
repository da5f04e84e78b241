//! The catalogue compiled into the library: `build.rs` checked every file under `policies/`
//! and wrote it here in a compact binary form of its own (`policy::wire`: the fields in order,
//! no names), so the page works offline for the national documents and carries no JSON or
//! TOML parser and no serde reader. Organisation `measures` are not embedded (nothing a worker
//! sees reads them); `subsidy check` and the build still read and check them in the TOML files.
//!
//! The WebAssembly module carries the national documents only (`Catalog::national`); every
//! other place's documents travel in a pack (`policy::pack`), listed here by `PACKS`. The
//! native library (the command line, the tests) has the whole catalogue too
//! (`Catalog::embedded`) and the packs' bytes (`PACK_BYTES`, which `subsidy packs` writes out).
use crate::error::Result;
use crate::policy::Catalog;

#[cfg(not(target_arch = "wasm32"))]
const CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));
const NATIONAL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/national.bin"));

mod packs {
    include!(concat!(env!("OUT_DIR"), "/packs.rs"));
}
use packs::INDEX;
#[cfg(not(target_arch = "wasm32"))]
pub use packs::PACK_BYTES;

impl Catalog {
    /// The whole checked catalogue embedded at build time (without `measures`): what the
    /// command line reads. Not in the WebAssembly module, which loads packs instead.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> Result<Catalog> {
        Catalog::from_embedded(CATALOG)
    }

    /// The national documents alone, as the WebAssembly module carries them.
    pub fn national() -> Result<Catalog> {
        Catalog::from_embedded(NATIONAL)
    }

    /// How many bytes the catalogue takes in the embedded form (for `make bench`).
    #[doc(hidden)]
    pub fn encoded_len(&self) -> usize {
        self.to_embedded().len()
    }
}

/// A pack's file name, as `pack::file_name` writes it: `140502.0123abcd.pack` (digits
/// written here, without the formatter, which the module need not carry for this).
fn name_of(&(code, hash): &(u32, u32)) -> String {
    let mut name: Vec<u8> = (0..6)
        .map(|i| b'0' + (code / 10u32.pow(5 - i) % 10) as u8)
        .collect();
    name.push(b'.');
    name.extend((0..8).map(|i| b"0123456789abcdef"[(hash >> (28 - 4 * i)) as usize & 15]));
    name.extend_from_slice(b".pack");
    String::from_utf8(name).unwrap_or_default()
}

/// This build's packs as (place code, file name), in code order.
pub fn packs() -> Vec<(String, String)> {
    INDEX
        .iter()
        .map(|entry| {
            let name = name_of(entry);
            (name[..6].to_string(), name)
        })
        .collect()
}

/// The pack files (`packs/<name>`, relative to the folder of `pkg/`) a worker in `region`
/// needs: its province's, city's and county's, in that order, those this build has.
pub fn packs_for(region: &str) -> Vec<String> {
    crate::policy::pack::places_of(region)
        .iter()
        .filter_map(|code| {
            let code: u32 = code.parse().ok()?;
            INDEX.iter().find(|(c, _)| *c == code)
        })
        .map(|entry| format!("packs/{}", name_of(entry)))
        .collect()
}

/// Whether `bytes` are one of this build's packs (by the hash in its name), and its name.
pub fn own_pack(bytes: &[u8]) -> Option<String> {
    let hash = crate::policy::pack::short_hash(bytes);
    INDEX.iter().find(|(_, h)| *h == hash).map(name_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_bytes_read_back_and_write_again_the_same() {
        let catalog = Catalog::embedded().unwrap();
        assert!(catalog.documents().iter().all(|d| d.measures.is_empty()));
        assert_eq!(catalog.to_embedded(), CATALOG);
        let national = Catalog::national().unwrap();
        assert!(national.documents().iter().all(|d| d.region == "000000"));
        assert_eq!(national.to_embedded(), NATIONAL);
    }

    /// Damaged bytes are an error or (where the damage lands in a string's text, say) a
    /// catalogue, never a panic; bytes cut short or left over are always an error.
    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        for cut in (0..CATALOG.len()).step_by(CATALOG.len() / 300) {
            let error = Catalog::from_embedded(&CATALOG[..cut]).unwrap_err();
            assert!(error.to_string().contains("end early"), "{error}");
        }
        let mut bytes = CATALOG.to_vec();
        for at in (0..bytes.len()).step_by(bytes.len() / 1500) {
            for flip in [0x01, 0x80, 0xff] {
                bytes[at] ^= flip;
                let _ = Catalog::from_embedded(&bytes);
                bytes[at] ^= flip;
            }
        }
        bytes.push(0);
        let error = Catalog::from_embedded(&bytes).unwrap_err();
        assert!(error.to_string().contains("left over"), "{error}");
    }
}
