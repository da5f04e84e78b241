//! The studio's door (api.md, "The studio"): a WebAssembly module of its own, built with the
//! `studio` feature into `dist/studio/` (`make dist`), never part of a worker's first load. It
//! carries the TOML reader and the checks the build runs on `policies/`, and answers in JSON
//! text the page parses: `check` (every problem with its line), `compile` (the pack's bytes,
//! as `subsidy packs` writes them), `packName` (the file name a deployment serves it under)
//! and `cases` (a golden-case file's cases, for the page to run on the worker's engine).
use crate::error::Error;
use crate::policy::{pack, studio, Catalog, Document};
use wasm_bindgen::prelude::*;

/// The most text the studio reads (the largest policy file is about 60 KB).
const MAX_TEXT: usize = 4 * 1024 * 1024;

fn known() -> Vec<Document> {
    Catalog::national()
        .map(Catalog::into_documents)
        .unwrap_or_default()
}

fn problems(errors: &[Error]) -> String {
    let list: Vec<serde_json::Value> = errors
        .iter()
        .map(|e| match e {
            Error::Policy { line, message, .. } => {
                serde_json::json!({ "line": line, "message": message })
            }
            Error::Answer { message, .. } => serde_json::json!({ "line": 1, "message": message }),
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

fn too_long(text: &str) -> Option<String> {
    (text.len() > MAX_TEXT).then(|| {
        problems(&[Error::policy(
            "",
            1,
            format!(
                "the file is {} bytes; a policy file is at most {MAX_TEXT}",
                text.len()
            ),
        )])
    })
}

/// Every problem in one policy file, as JSON `[{"line": 12, "message": "…"}]` (`[]`: none).
#[wasm_bindgen]
pub fn check(text: &str) -> String {
    if let Some(refused) = too_long(text) {
        return refused;
    }
    match studio::check(text, &known()) {
        Ok(_) => "[]".to_string(),
        Err(errors) => problems(&errors),
    }
}

/// The pack of one policy file; throws the JSON list of its problems where it has any.
#[wasm_bindgen]
pub fn compile(text: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(refused) = too_long(text) {
        return Err(JsValue::from_str(&refused));
    }
    studio::compile(text, &known()).map_err(|errors| JsValue::from_str(&problems(&errors)))
}

/// The file name a pack is served under: `<code>.<hash>.pack` (`pack::file_name`); throws
/// where the bytes are not a pack.
#[wasm_bindgen(js_name = packName)]
pub fn pack_name(bytes: &[u8]) -> Result<String, JsValue> {
    let read = pack::read(bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(pack::file_name(&read.region, bytes))
}

fn to_json(value: &toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// The `[[case]]` tables of a golden-case file (`tests/policies/<code>/<id>.toml`) as JSON;
/// throws `第N行：…` style JSON problems, as `check` gives them, where the TOML does not read.
#[wasm_bindgen]
pub fn cases(text: &str) -> Result<String, JsValue> {
    if let Some(refused) = too_long(text) {
        return Err(JsValue::from_str(&refused));
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            .unwrap_or(1);
        JsValue::from_str(&problems(&[Error::policy(
            "",
            line,
            e.message().trim().to_string(),
        )]))
    })?;
    let list = match table.get("case") {
        Some(toml::Value::Array(cases)) => cases.iter().map(to_json).collect(),
        _ => Vec::new(),
    };
    Ok(serde_json::Value::Array(list).to_string())
}
