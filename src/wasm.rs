//! The browser door, and the only file that names `wasm_bindgen`: JS answers in, the same JSON
//! as the command line out. Every failure becomes a thrown `Error` whose message names the
//! field; nothing here can trap, so the page keeps working after any bad call.
use crate::answers::Answers;
use crate::date::Date;
use crate::estimate::Estimate;
use crate::{engine, questions, regions, Catalog};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// JS values out: `null` for `None`, plain objects for maps (not `Map`s). Built object by object
/// through serde-wasm-bindgen, which `make bench` measured faster in Node than JSON text handed
/// to `JSON.parse` (UTF-8: decoding the Chinese text dominates; UTF-16: writing the code units
/// does): 204–214 µs against 244–281 µs for a cached 32 KB estimate.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
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
    last: RefCell<Option<(Answers, Date, Rc<Estimate>)>>,
}

/// Makes the catalogue's own words JS strings once: an estimate repeats them (a benefit's title,
/// its clause's words, each criterion and citation), and an interned string crosses the
/// boundary as a reference instead of being decoded again each time.
fn intern_catalog(catalog: &Catalog) {
    let cite = |doc: &crate::policy::Document, clause: &str| {
        if clause.contains('〔') {
            clause.to_string()
        } else {
            format!("{} {clause}", doc.short_name())
        }
    };
    for s in [engine::NOT_STATED, engine::SECONDARY_SOURCE] {
        wasm_bindgen::intern(s);
    }
    // The questions' own words, which `questions` returns after every answer.
    for q in crate::facts::FACTS
        .iter()
        .filter_map(|f| questions::question(f.name))
    {
        for s in [q.fact, q.title, q.hint, q.input] {
            wasm_bindgen::intern(s);
        }
        for s in [q.unit, q.unknown_label].into_iter().flatten() {
            wasm_bindgen::intern(s);
        }
        for option in &q.options {
            wasm_bindgen::intern(option.label);
            if let Some(value) = option.value.as_str() {
                wasm_bindgen::intern(value);
            }
            for s in [option.hint, option.theme].into_iter().flatten() {
                wasm_bindgen::intern(s);
            }
        }
    }
    for doc in &catalog.documents {
        for s in [&doc.id, &doc.title, &doc.issuer, &doc.region, &doc.source] {
            wasm_bindgen::intern(s);
        }
        for s in [
            &doc.doc_number,
            &doc.period_note,
            &doc.incomplete,
            &doc.apply,
        ]
        .into_iter()
        .flatten()
        {
            wasm_bindgen::intern(s);
        }
        wasm_bindgen::intern(&regions::full_name(&doc.region));
        for benefit in &doc.benefits {
            for s in [&benefit.id, &benefit.title, &benefit.clause, &benefit.quote] {
                wasm_bindgen::intern(s);
            }
            wasm_bindgen::intern(&cite(doc, &benefit.amount.cite));
            for condition in &benefit.conditions {
                wasm_bindgen::intern(&condition.text);
                wasm_bindgen::intern(&cite(doc, &condition.cite));
            }
        }
    }
}

#[wasm_bindgen]
impl Estimator {
    /// Loads the policy catalogue compiled into the module.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Estimator, JsValue> {
        let catalog = Catalog::embedded().map_err(js_error)?;
        intern_catalog(&catalog);
        Ok(Estimator {
            catalog,
            last: RefCell::new(None),
        })
    }

    fn reason(&self, answers: &Answers) -> Result<Rc<Estimate>, JsValue> {
        let today = today();
        if let Some((last_answers, last_today, last_estimate)) = self.last.borrow().as_ref() {
            // Without a date the estimate is for today, so the cached one must be today's.
            if last_answers == answers && *last_today == today {
                return Ok(Rc::clone(last_estimate));
            }
        }
        // The previous estimate goes before the next is made, so the two never take memory
        // at once: after the first few calls the module's memory stays the same size.
        self.last.borrow_mut().take();
        let result = Rc::new(engine::estimate(&self.catalog, answers, today).map_err(js_error)?);
        *self.last.borrow_mut() = Some((answers.clone(), today, Rc::clone(&result)));
        Ok(result)
    }

    /// The estimate for `answers`, exactly as `subsidy estimate` prints it.
    pub fn estimate(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let result = self.reason(&read_answers(answers)?)?;
        to_js(&*result)
    }

    /// What to ask next (`next`, most useful first) and what has been answered (`answered`).
    pub fn questions(&self, answers: JsValue) -> Result<JsValue, JsValue> {
        let answers = read_answers(answers)?;
        let result = self.reason(&answers)?;
        to_js(&questions::questions(&self.catalog, &result, &answers).map_err(js_error)?)
    }

    /// The question that fills one fact (for a "change" link on the check-answers page).
    pub fn question(&self, fact: &str) -> Result<JsValue, JsValue> {
        match questions::question(fact) {
            Some(q) => to_js(&q),
            None => Err(js_error(format!("{fact}: no question fills this fact"))),
        }
    }

    /// Provinces, cities and districts for the region picker.
    pub fn regions(&self) -> Result<JsValue, JsValue> {
        to_js(&regions::picker())
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
