//! The catalogue compiled into the library: `build.rs` checked every file under `policies/`
//! and wrote it here in a compact binary form of its own (`policy::wire`: the fields in order,
//! no names), so the page works offline, loads no file at run time and carries no JSON or
//! TOML parser and no serde reader. Organisation `measures` are not embedded (nothing a worker
//! sees reads them); `subsidy check` and the build still read and check them in the TOML files.
use crate::error::Result;
use crate::policy::Catalog;

const CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

impl Catalog {
    /// The checked catalogue embedded at build time (without `measures`).
    pub fn embedded() -> Result<Catalog> {
        Catalog::from_embedded(CATALOG)
    }

    /// How many bytes the catalogue takes in the embedded form (for `make bench`).
    #[doc(hidden)]
    pub fn encoded_len(&self) -> usize {
        self.to_embedded().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_bytes_read_back_and_write_again_the_same() {
        let catalog = Catalog::embedded().unwrap();
        assert!(catalog.documents.iter().all(|d| d.measures.is_empty()));
        assert_eq!(catalog.to_embedded(), CATALOG);
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
