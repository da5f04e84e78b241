//! The browser door, and the only file that names `wasm_bindgen`: JS answers in, the same JSON
//! as the command line out. Every failure becomes a thrown `Error` whose message names the
//! field; nothing here can trap, so the page keeps working after any bad call.
use crate::answers::Answers;
use crate::date::Date;
use crate::estimate::Estimate;
use crate::{engine, json, questions, regions, Catalog};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// JS values out, built by `JSON.parse` from JSON text written in one pass as UTF-16 code units
/// and turned into a string by `TextDecoder("utf-16le")`: `make bench` measured this faster than
/// building the object field by field across the boundary (serde-wasm-bindgen) and than UTF-8
/// text, whose decoding dominates for Chinese text.
struct Output {
    decoder: JsValue,
    decode: js_sys::Function,
    json: JsValue,
    parse: js_sys::Function,
}

impl Output {
    fn new() -> Result<Output, JsValue> {
        let global = js_sys::global();
        let get =
            |target: &JsValue, name: &str| js_sys::Reflect::get(target, &JsValue::from_str(name));
        let constructor: js_sys::Function = get(&global, "TextDecoder")?.dyn_into()?;
        let decoder = js_sys::Reflect::construct(
            &constructor,
            &js_sys::Array::of1(&JsValue::from_str("utf-16le")),
        )?;
        let decode = get(&decoder, "decode")?.dyn_into()?;
        let json = get(&global, "JSON")?;
        let parse = get(&json, "parse")?.dyn_into()?;
        Ok(Output {
            decoder,
            decode,
            json,
            parse,
        })
    }

    fn to_js<T: Serialize>(&self, value: &T) -> Result<JsValue, JsValue> {
        let mut units: Vec<u16> = Vec::with_capacity(16 * 1024);
        json::write(value, &mut units).map_err(js_error)?;
        let text = self
            .decode
            .call1(&self.decoder, &js_sys::Uint16Array::from(&units[..]))?;
        self.parse.call1(&self.json, &text)
    }
}

/// The same through UTF-8 text (measured by `make bench`).
fn to_js_utf8<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = json::to_string(value).map_err(js_error)?;
    js_sys::JSON::parse(&text)
}

/// The same, object by object through serde-wasm-bindgen (measured by `make bench`).
fn to_js_objects<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(js_error)
}

fn read_answers(answers: JsValue) -> Result<Answers, JsValue> {
    if answers.is_undefined() || answers.is_null() {
        return Ok(Answers::default());
    }
    let json: serde_json::Value = serde_wasm_bindgen::from_value(answers).map_err(|e| {
        js_error(format!(
            "the answers must be a plain object of JSON values: {e}"
        ))
    })?;
    Answers::from_json(&json).map_err(js_error)
}

/// Today on the device, in China Standard Time (UTC+8).
fn today() -> Date {
    let ms = js_sys::Date::now();
    let days = ((ms / 1000.0 + 8.0 * 3600.0) / 86_400.0).floor() as i64;
    Date::from_days_since_epoch(days).unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real day"))
}

#[wasm_bindgen]
pub struct Estimator {
    catalog: Catalog,
    /// The last answers and their estimate: the page asks for the estimate and then the
    /// questions of the same answers, and the second call need not reason again. Shared, not
    /// copied: a call reads the cached estimate where it lies.
    last: RefCell<Option<(Answers, Rc<Estimate>)>>,
    output: Output,
}

#[wasm_bindgen]
impl Estimator {
    /// Loads the policy catalogue compiled into the module.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Estimator, JsValue> {
        Ok(Estimator {
            catalog: Catalog::embedded().map_err(js_error)?,
            last: RefCell::new(None),
            output: Output::new()?,
        })
    }

    fn reason(&self, answers: &Answers) -> Result<Rc<Estimate>, JsValue> {
        if let Some((last_answers, last_estimate)) = self.last.borrow().as_ref() {
            // Without a date the estimate is for today, which may have changed since.
            if last_answers == answers && answers.date().is_some() {
                return Ok(Rc::clone(last_estimate));
            }
        }
        let result = Rc::new(engine::estimate(&self.catalog, answers, today()).map_err(js_error)?);
        // The old estimate is dropped here, before the next is kept: memory stays flat.
        *self.last.borrow_mut() = Some((answers.clone(), Rc::clone(&result)));
        Ok(result)
    }

    /// The estimate for `answers`, exactly as `subsidy estimate` prints it.
    pub fn estimate(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let result = self.reason(&read_answers(answers)?)?;
        self.output.to_js(&*result)
    }

    /// The same estimate built object by object (measured against `estimate` by `make bench`).
    #[wasm_bindgen(js_name = estimateObjects)]
    pub fn estimate_objects(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let result = self.reason(&read_answers(answers)?)?;
        to_js_objects(&*result)
    }

    #[wasm_bindgen(js_name = writeOnly)]
    pub fn write_only(&self, answers: JsValue, utf16: bool) -> Result<usize, JsValue> {
        let result = self.reason(&read_answers(answers)?)?;
        if utf16 {
            let mut units: Vec<u16> = Vec::with_capacity(16 * 1024);
            json::write(&*result, &mut units).map_err(js_error)?;
            Ok(units.len())
        } else {
            Ok(json::to_string(&*result).map_err(js_error)?.len())
        }
    }

    #[wasm_bindgen(js_name = readOnly)]
    pub fn read_only(&self, answers: JsValue) -> Result<usize, JsValue> {
        Ok(read_answers(answers)?.iter().count())
    }

    /// The same estimate through UTF-8 JSON text (measured against `estimate` by `make bench`).
    #[wasm_bindgen(js_name = estimateUtf8)]
    pub fn estimate_utf8(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let result = self.reason(&read_answers(answers)?)?;
        to_js_utf8(&*result)
    }

    /// What to ask next (`next`, most useful first) and what has been answered (`answered`).
    pub fn questions(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let answers = read_answers(answers)?;
        let result = self.reason(&answers)?;
        self.output
            .to_js(&questions::questions(&self.catalog, &result, &answers).map_err(js_error)?)
    }

    /// The question that fills one fact (for a "change" link on the check-answers page).
    pub fn question(&self, fact: &str) -> Result<JsValue, JsValue> {
        match questions::question(fact) {
            Some(q) => self.output.to_js(&q),
            None => Err(js_error(format!("{fact}: no question fills this fact"))),
        }
    }

    /// Provinces, cities and districts for the region picker.
    pub fn regions(&self) -> Result<JsValue, JsValue> {
        self.output.to_js(&regions::picker())
    }

    /// The name of a region code ("山西省晋城市城区").
    #[wasm_bindgen(js_name = regionName)]
    pub fn region_name(&self, code: &str) -> String {
        regions::full_name(code)
    }

    /// Today's date as the estimator sees it (`YYYY-MM-DD`).
    pub fn today(&self) -> String {
        today().to_string()
    }
}
