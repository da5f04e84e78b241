//! The catalogue compiled into the library: `build.rs` checked every file under `policies/`
//! and wrote it here in postcard's compact binary form (strings and numbers, no field names),
//! so the page works offline, loads no file at run time and carries no JSON or TOML parser.
use crate::error::{Error, Result};
use crate::policy::Catalog;

const CATALOG: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalog.bin"));

impl Catalog {
    /// The checked catalogue embedded at build time.
    pub fn embedded() -> Result<Catalog> {
        postcard::from_bytes(CATALOG)
            .map_err(|e| Error::policy("(embedded catalogue)", 0, e.to_string()))
    }

    /// How many bytes the catalogue takes in the embedded form (for `make bench`).
    #[doc(hidden)]
    pub fn encoded_len(&self) -> usize {
        postcard::to_allocvec(self).map_or(0, |bytes| bytes.len())
    }
}
