//! The catalogue compiled into the library: `build.rs` checked every file under `policies/`
//! and wrote it here as JSON, so the page works offline and loads no file at run time.
use crate::error::{Error, Result};
use crate::policy::Catalog;

const CATALOG_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

impl Catalog {
    /// The checked catalogue embedded at build time.
    pub fn embedded() -> Result<Catalog> {
        serde_json::from_str(CATALOG_JSON)
            .map_err(|e| Error::policy("(embedded catalogue)", e.line(), e.to_string()))
    }
}
