//! The catalogue compiled into the library: `build.rs` checked every file under `policies/`
//! and wrote it here in borsh's compact binary form (`policy::wire`: strings and numbers, no
//! field names), so the page works offline, loads no file at run time and carries no JSON or
//! TOML parser and no serde reader. Organisation `measures` are not embedded (nothing a worker
//! sees reads them); `subsidy check` and the build still read and check them in the TOML files.
use crate::error::{Error, Result};
use crate::policy::Catalog;

const CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

impl Catalog {
    /// The checked catalogue embedded at build time (without `measures`).
    pub fn embedded() -> Result<Catalog> {
        borsh::from_slice(CATALOG)
            .map_err(|e| Error::policy("(embedded catalogue)", 0, e.to_string()))
    }

    /// How many bytes the catalogue takes in the embedded form (for `make bench`).
    #[doc(hidden)]
    pub fn encoded_len(&self) -> usize {
        borsh::to_vec(self).map_or(0, |bytes| bytes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_bytes_read_back_and_write_again_the_same() {
        let catalog = Catalog::embedded().unwrap();
        assert!(catalog.documents.iter().all(|d| d.measures.is_empty()));
        assert_eq!(borsh::to_vec(&catalog).unwrap(), CATALOG);
    }

    /// Damaged bytes are an error or (where the damage lands in a string's text) a catalogue,
    /// never a panic; bytes cut short are always an error.
    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        for cut in (0..CATALOG.len()).step_by(CATALOG.len() / 300) {
            let result = borsh::from_slice::<Catalog>(&CATALOG[..cut]);
            assert!(result.is_err(), "{cut} bytes of {} read", CATALOG.len());
        }
        let mut bytes = CATALOG.to_vec();
        for at in (0..bytes.len()).step_by(bytes.len() / 1500) {
            for flip in [0x01, 0x80, 0xff] {
                bytes[at] ^= flip;
                let _ = borsh::from_slice::<Catalog>(&bytes);
                bytes[at] ^= flip;
            }
        }
        let mut longer = CATALOG.to_vec();
        longer.push(0);
        assert!(borsh::from_slice::<Catalog>(&longer).is_err());
    }
}
