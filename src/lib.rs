//! 技能补贴测算: reads the vocational-training subsidy rules of the source documents
//! (`policies/`) and tells a worker, from their answers, which trainings, living allowances
//! and bonuses they qualify for, how much, why or why not, and under which clause.
//!
//! The core is pure: no I/O, no JavaScript. The doors are thin: `src/bin/subsidy.rs` (the
//! command line) and `src/wasm/` (the browser class, with its walk over JS answers).
//!
//! ```
//! use subsidy_estimator::{Answers, Catalog, Date, estimate};
//! let catalog = Catalog::embedded().unwrap();
//! let answers = Answers::from_json_str(r#"{"region": "140502", "date": "2021-06-01",
//!     "employment": "enterprise_employee", "unemployment_insurance_months": 14,
//!     "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true,
//!     "issued": "2021-05-20"}}"#).unwrap();
//! let result = estimate(&catalog, &answers, Date::new(2026, 11, 22).unwrap()).unwrap();
//! let bonus = result.benefit("jc_skill_upgrade_bonus").unwrap();
//! assert_eq!(bonus.amount.as_deref(), Some("1500"));
//! ```

pub mod answers;
pub mod date;
mod declarations;
pub mod embedded;
pub mod engine;
pub mod error;
pub mod estimate;
pub mod facts;
pub mod input;
pub mod money;
mod number;
pub mod policy;
pub mod questions;
// The studio's module (`--features studio`) sends no estimate: nothing recalls a part there.
#[cfg_attr(feature = "studio", allow(dead_code))]
mod recall;
pub mod regions;
pub mod shelf;

#[cfg(any(target_arch = "wasm32", test))]
mod tape;
#[cfg(all(target_arch = "wasm32", not(feature = "studio")))]
mod wasm;
/// The studio's own module (`--features studio`, built into `dist/studio/`): the policy
/// checker for the browser, never in the worker's module.
#[cfg(all(target_arch = "wasm32", feature = "studio"))]
mod wasm_studio;

#[cfg(target_arch = "wasm32")]
pub(crate) mod zero_on_free;

/// The module's allocator: talc, smaller in the module than Rust's default dlmalloc. The wasm
/// build is single-threaded (no `atomics`), which is what this allocator requires. In a kiosk,
/// freed blocks are zeroed (`zero_on_free`): the next visitor finds nothing of the last.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: zero_on_free::ZeroOnFree<talc::wasm::WasmDynamicTalc> =
    zero_on_free::ZeroOnFree(talc::wasm::new_wasm_dynamic_allocator());

pub use answers::Answers;
pub use date::{Date, Period};
pub use engine::estimate;
pub use error::{Error, Result};
pub use estimate::Estimate;
pub use policy::Catalog;
