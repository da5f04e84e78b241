//! What the package exports beside the `Estimator` (src/wasm/mod.rs): `loadPlace`, whose JS
//! is `src/packs.js`, and the contract's types for TypeScript embedders.
use wasm_bindgen::prelude::*;

// The contract's types (docs/contract.d.ts, written from the Rust types by
// `crate::declarations`) in the package's `.d.ts`: declarations only, nothing in the module.
#[wasm_bindgen(typescript_custom_section)]
const CONTRACT: &'static str = include_str!("../../docs/contract.d.ts");

// `loadPlace(est, region, base)`: fetches and adds a place's packs (api.md); its JS lives in
// `src/packs.js` and is exported from the package's JS by `load_place` below.
#[wasm_bindgen(module = "/src/packs.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadPlace)]
    fn load_place_js(est: &JsValue, region: &JsValue, base: &JsValue) -> js_sys::Promise;
}

/// Fetches the packs `est.packsFor(region)` names, relative to `base` (the folder that holds
/// `pkg/`), and adds them: a promise of the places added (src/packs.js).
#[wasm_bindgen(js_name = loadPlace, unchecked_return_type = "Promise<string[]>")]
pub fn load_place(
    #[wasm_bindgen(unchecked_param_type = "Estimator")] est: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] region: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | URL")] base: JsValue,
) -> js_sys::Promise {
    load_place_js(&est, &region, &base)
}
