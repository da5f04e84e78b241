//! The browser door, and the only file that names `wasm_bindgen`: JS answers in, the same JSON
//! as the command line out. Answers are walked into the bounded input tree of
//! [`crate::input`] by calls that catch every JS exception (a throwing getter, a revoked
//! Proxy), so no exception unwinds through Rust and no input reaches a trap: every failure
//! is a thrown `Error` naming the field, and the page keeps working after any bad call.
use crate::answers::{Answers, Input};
use crate::date::Date;
use crate::estimate::Estimate;
use crate::input::{Place, MAX_DEPTH, MAX_ITEMS, MAX_SIZE};
use crate::tape::Tape;
use crate::{engine, questions, regions, Catalog};
use serde::Serialize;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// The reflective calls the walk makes, each declared with `catch`: whatever a Proxy trap or
// a getter throws comes back as an `Err`, never as an exception through Rust frames.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = ownKeys)]
    fn own_keys(target: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn prototype_of(target: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

// The door's JS half. `build` turns a tape (`crate::tape`) into plain JS values, keeping new
// table strings in `table`. Its state lives in the JS module, not in a closure made per call
// (6% less per build in a micro-bench over the 晋城 tapes), and each struct an estimate or a
// question list sends is made by an object literal written there (`SHAPES`): V8 builds a
// literal in about a tenth of the time of key-by-key stores on a fresh `{}`, and the build
// went from 25 to 11 µs (eval is not allowed, so the literals are written out). A literal
// makes only objects of its own keys in their order, asked of the literal itself, so a stale
// one is never used; any struct without one is built key by key. `src/tape/read.rs` checks
// that the list covers every struct an estimate and a question list send.
//
// `kind` and `enumerable` are what the walk over the answers asks of each value: one call
// each where the walk made five to eight (typeof checks, a string's length, a property
// descriptor and its `enumerable`, each a crossing). `enumerable` asks
// `propertyIsEnumerable`, which calls the same Proxy trap as `getOwnPropertyDescriptor`.
#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    fn build(tape: &[u32], text: &[u16], table: &JsValue) -> JsValue;
    /// A string's length in UTF-16 units, or a negative code for what else a value is.
    fn kind(value: &JsValue) -> i32;
    /// An own enumerable property's value, read once, or a value whose kind is `HIDDEN`.
    #[wasm_bindgen(catch)]
    fn enumerable(object: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

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

/// What `kind` answers, past a string's length.
const NULL: i32 = -1;
const FALSE: i32 = -2;
const TRUE: i32 = -3;
const NUMBER: i32 = -4;
const BIGINT: i32 = -5;
const SYMBOL: i32 = -6;
const FUNCTION: i32 = -7;
const OBJECT: i32 = -8;
const HIDDEN: i32 = -9;

fn js_error(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}

/// An `Error` that names its field as data too (`error.field`).
fn field_error(error: crate::Error) -> JsValue {
    let thrown = js_error(&error);
    if let Some(field) = error.field() {
        let _ = js_sys::Reflect::set(&thrown, &"field".into(), &field.into());
    }
    thrown
}

/// The tape, reused by every call (so the module's memory stays the same size), and the JS
/// list of the strings it has sent once.
struct Door {
    tape: Tape,
    table: JsValue,
}

thread_local! {
    static DOOR: RefCell<Door> = RefCell::new(Door {
        tape: Tape::default(),
        table: js_sys::Array::new().into(),
    });
    /// The catalogue every `Estimator` reads: the embedded national documents, then each time
    /// a pack is added a new catalogue with its documents too. Each is leaked, never freed: an
    /// estimate borrows its words, the JS side keeps them by number, and the tape recalls
    /// parts by the address of their entry (`crate::recall`). A leaked catalogue's addresses
    /// are never reused, so a key made from one pack's texts can never name another's.
    static CATALOG: OnceCell<RefCell<&'static Catalog>> = const { OnceCell::new() };
    /// The packs added so far: each one's file name and bytes (the next catalogue is read
    /// afresh from the embedded bytes and these, rather than cloned from the last: no `Clone`
    /// of the policy types in the module).
    static ADDED: RefCell<Vec<(String, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
    /// Packs the deployment lists beside this build's (`packs/index.txt`, handed over by the
    /// page with `listPacks`), each with the 32 bits of hash its name carries: a pack saved by
    /// the studio is served without a rebuild.
    static LISTED: RefCell<Vec<(String, u32)>> = const { RefCell::new(Vec::new()) };
}

/// The hash a pack's file name carries, where `name` is one (`<code>.<8 hex digits>.pack`).
fn listed_hash(name: &str) -> Option<u32> {
    let b = name.as_bytes();
    let shaped = b.len() == 20
        && b[..6].iter().all(u8::is_ascii_digit)
        && b[6] == b'.'
        && b[7..15]
            .iter()
            .all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && &b[15..] == b".pack";
    if !shaped {
        return None;
    }
    Some(b[7..15].iter().fold(0u32, |h, &c| {
        h << 4 | u32::from(if c <= b'9' { c - b'0' } else { c - b'a' + 10 })
    }))
}

/// The pack files `region` needs: this build's, then those the deployment lists, each once.
fn packs_for_region(region: &str) -> Vec<String> {
    let mut out = crate::embedded::packs_for(region);
    LISTED.with(|listed| {
        for code in crate::policy::pack::places_of(region) {
            for (name, _) in listed.borrow().iter().filter(|(n, _)| n.starts_with(&code)) {
                let path = format!("packs/{name}");
                if !out.contains(&path) {
                    out.push(path);
                }
            }
        }
    });
    out
}

/// JS values out, as `serde_json` would write them: `null` for `None`, plain objects for
/// structs and maps. Written as one tape and built by `tape.js` in one call: `make bench`
/// measured this against building the objects from Rust one property at a time through
/// serde-wasm-bindgen (one boundary crossing per property).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    DOOR.with(|door| {
        let mut door = door.borrow_mut();
        let Door { tape, table } = &mut *door;
        tape.clear();
        if let Err(e) = value.serialize(&mut *tape) {
            tape.unsend();
            return Err(js_error(e));
        }
        Ok(build(&tape.words, &tape.text, table))
    })
}

/// A string argument, at most `max` UTF-16 units long, or `None`.
fn short_string(value: &JsValue, max: u32) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    if text.length() > max {
        return None;
    }
    value.as_string()
}

/// Walks a JS value into an [`Input`], with the bounds of the command line: depth, size
/// (counted as the JSON text it would make) and items, plus what only JS can bring:
/// cycles, exceptions, and values JSON has no word for.
struct Walk {
    place: Place,
    /// The objects being walked, outermost first, to find a value that contains itself.
    open: Vec<JsValue>,
    /// JSON text still allowed, in UTF-16 units.
    budget: usize,
}

impl Walk {
    fn fail(&self, message: impl Into<String>) -> crate::Error {
        crate::Error::answer(self.place.name(), message)
    }

    /// What a thrown value says, briefly and without trusting it.
    fn threw(&self, exception: JsValue) -> crate::Error {
        let said = reflect_get(&exception, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| short_string(&m, 200))
            .or_else(|| short_string(&exception, 200))
            .unwrap_or_else(|| "an exception".into());
        self.fail(format!("reading this answer threw: {said}"))
    }

    fn spend(&mut self, cost: usize) -> Result<(), crate::Error> {
        if cost > self.budget {
            return Err(self.place.too_large());
        }
        self.budget -= cost;
        Ok(())
    }

    fn value(&mut self, value: &JsValue, depth: usize) -> Result<Input, crate::Error> {
        self.of_kind(value, kind(value), depth)
    }

    /// `value`, whose `kind` has been asked.
    fn of_kind(&mut self, value: &JsValue, kind: i32, depth: usize) -> Result<Input, crate::Error> {
        match kind {
            NULL => {
                self.spend(4)?;
                return Ok(Input::Null);
            }
            b @ (TRUE | FALSE) => {
                self.spend(5)?;
                return Ok(Input::Bool(b == TRUE));
            }
            NUMBER => {
                self.spend(8)?;
                return Ok(Input::Number(value.as_f64().unwrap_or(f64::NAN)));
            }
            length @ 0.. => {
                self.spend(length as usize + 2)?;
                return Ok(Input::Text(value.as_string().unwrap_or_default()));
            }
            BIGINT => {
                return Err(self.fail("expected a JSON value, got a BigInt: send a plain number"))
            }
            SYMBOL | HIDDEN => return Err(self.fail("expected a JSON value, got a symbol")),
            FUNCTION => return Err(self.fail("expected a JSON value, got a function")),
            OBJECT => {}
            _ => return Err(self.fail("expected a JSON value")),
        }
        if self.open.iter().any(|o| js_sys::Object::is(o, value)) {
            return Err(self.fail("the answers contain themselves (a cycle)"));
        }
        if depth > MAX_DEPTH {
            return Err(self.place.too_deep());
        }
        self.open.push(value.clone());
        let walked = if is_array(value).map_err(|e| self.threw(e))? {
            self.list(value, depth)
        } else {
            self.object(value, depth)
        };
        self.open.pop();
        walked
    }

    fn list(&mut self, list: &JsValue, depth: usize) -> Result<Input, crate::Error> {
        let length = reflect_get(list, &JsValue::from_str("length")).map_err(|e| self.threw(e))?;
        let length = match length.as_f64() {
            Some(n) if n >= 0.0 && n.fract() == 0.0 => n,
            _ => return Err(self.fail("a list without a proper length")),
        };
        if length > MAX_ITEMS as f64 {
            return Err(self.place.too_many(length.min(u32::MAX as f64) as usize));
        }
        let length = length as usize;
        self.spend(2 + length)?;
        self.only_items(list, length)?;
        let mut items = Vec::with_capacity(length);
        for i in 0..length {
            self.place.push_index(i);
            // The list's own element only: a hole is not read through to `Array.prototype`
            // (where `Array.prototype[0] = "poor_labor"` would answer for it), nor as null.
            let item = enumerable(list, &JsValue::from(i as u32))
                .map_err(|e| self.threw(e))
                .and_then(|item| match kind(&item) {
                    HIDDEN => Err(self.fail(
                        "a hole in the list: no item at this place (a list is sent as [a, b], every item given)",
                    )),
                    kind => self.of_kind(&item, kind, depth + 1),
                });
            self.place.pop();
            items.push(item?);
        }
        Ok(Input::List(items))
    }

    /// A list holds its items and its length, nothing else: a property such as
    /// `groups.note = "…"` would be dropped in silence by JSON, so it is refused by name.
    fn only_items(&mut self, list: &JsValue, length: usize) -> Result<(), crate::Error> {
        let keys = own_keys(list).map_err(|e| self.threw(e))?;
        if keys.length() as usize > MAX_ITEMS + 1 {
            return Err(self.place.too_many(keys.length() as usize));
        }
        for key in keys.iter() {
            let Some(name) = key.as_string() else {
                return Err(self.fail(
                    "a list holds only its items, and this one has a property named by a symbol",
                ));
            };
            let index = name
                .parse::<usize>()
                .ok()
                .filter(|i| *i < length && i.to_string() == name);
            if index.is_none() && name != "length" {
                let shown: String = name.chars().take(40).collect();
                return Err(self.fail(format!(
                    "a list holds only its items, and this one also has a property \"{shown}\""
                )));
            }
        }
        Ok(())
    }

    fn object(&mut self, object: &JsValue, depth: usize) -> Result<Input, crate::Error> {
        // Plain objects only: a Map, a Date, a typed array or a class instance would read as
        // `{}` or as their indices, a silent guess at what was meant.
        let prototype = prototype_of(object).map_err(|e| self.threw(e))?;
        let plain = prototype.is_null()
            || prototype_of(&prototype)
                .map_err(|e| self.threw(e))?
                .is_null();
        if !plain {
            return Err(self.fail(
                "expected a plain object of JSON values, got another kind of object (a Map, Date, typed array or class instance)",
            ));
        }
        let keys = own_keys(object).map_err(|e| self.threw(e))?;
        if keys.length() as usize > MAX_ITEMS {
            return Err(self.place.too_many(keys.length() as usize));
        }
        self.spend(2)?;
        let mut entries = Vec::new();
        for key in keys.iter() {
            // JSON has no symbol keys; like JSON.stringify, skip them and hidden properties.
            let Ok(length) = usize::try_from(kind(&key)) else {
                continue;
            };
            self.spend(length + 4)?;
            let name = key.as_string().unwrap_or_default();
            self.place.push_key(&name);
            let entry = self.property(object, &key, depth);
            self.place.pop();
            if let Some(value) = entry? {
                entries.push((name, value));
            }
        }
        Ok(Input::Object(entries))
    }

    /// One enumerable own property, read once (a getter that answers differently each time
    /// is asked one time only), or `None` for a hidden one.
    fn property(
        &mut self,
        object: &JsValue,
        key: &JsValue,
        depth: usize,
    ) -> Result<Option<Input>, crate::Error> {
        let value = enumerable(object, key).map_err(|e| self.threw(e))?;
        match kind(&value) {
            HIDDEN => Ok(None),
            kind => self.of_kind(&value, kind, depth + 1).map(Some),
        }
    }
}

fn read_answers(answers: JsValue) -> Result<Answers, JsValue> {
    if answers.is_undefined() || answers.is_null() {
        return Ok(Answers::default());
    }
    let mut walk = Walk {
        place: Place::default(),
        open: Vec::new(),
        budget: MAX_SIZE,
    };
    let input = walk.value(&answers, 1).map_err(js_error)?;
    Answers::from_input(&input).map_err(js_error)
}

/// Today on the device, in China Standard Time (UTC+8).
fn today() -> Date {
    let ms = js_sys::Date::now();
    let days = ((ms / 1000.0 + 8.0 * 3600.0) / 86_400.0).floor() as i64;
    Date::from_days_since_epoch(days).unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real day"))
}

/// The answers of the last call and their estimate, shared with the cache.
type Kept = (Rc<Answers>, Rc<Estimate<'static>>);

#[wasm_bindgen]
pub struct Estimator {
    /// The last answers and their estimate, and the catalogue it was made from: the page asks
    /// for the estimate and then the questions of the same answers, and the second call need
    /// not reason again. Shared, not copied: a call reads the cached estimate where it lies.
    last: RefCell<Option<(Rc<Answers>, Date, *const Catalog, Rc<Estimate<'static>>)>>,
}

/// Every word of the catalogue and of the questions that an estimate or a question list can
/// repeat: each is sent to JS the first time a tape uses it, then named by number.
fn words(catalog: &'static Catalog) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = vec![
        engine::NOT_STATED,
        engine::SECONDARY_SOURCE,
        engine::UNVERIFIED_SOURCE,
        crate::next_step::PHONE,
    ];
    out.extend(crate::next_step::GENERAL_MATERIALS);
    out.extend(crate::facts::FACTS.iter().map(|f| f.name));
    for q in crate::facts::FACTS
        .iter()
        .filter_map(|f| questions::question(f.name))
    {
        out.extend([q.fact, q.title, q.hint, q.input]);
        out.extend([q.unit, q.unknown_label].into_iter().flatten());
        for option in &q.options {
            out.push(option.label);
            out.extend(option.value.as_str());
            out.extend([option.hint, option.theme].into_iter().flatten());
        }
    }
    out.extend(engine::borrowed_words(catalog));
    for doc in &catalog.documents {
        out.extend([
            &*doc.id,
            &*doc.title,
            &*doc.issuer,
            &*doc.region,
            &*doc.source,
            &*doc.in_force_cite,
        ]);
        out.extend(
            [
                &doc.doc_number,
                &doc.period_note,
                &doc.incomplete,
                &doc.apply,
            ]
            .into_iter()
            .filter_map(|s| s.as_deref()),
        );
        for b in &doc.benefits {
            out.extend([&*b.id, &*b.title, &*b.clause, &*b.quote, &*b.amount.cite]);
            for c in &b.conditions {
                out.extend([&*c.text, &*c.cite]);
            }
            if let Some(how) = &b.how_to_apply {
                out.extend(how.materials.iter().map(|m| &**m));
                out.extend(
                    [
                        &how.office,
                        &how.materials_cite,
                        &how.deadline,
                        &how.deadline_cite,
                    ]
                    .into_iter()
                    .filter_map(|s| s.as_deref()),
                );
            }
        }
    }
    out
}

/// The catalogue now: at first the embedded national one, decoded and its words numbered by
/// the first `Estimator`.
fn catalog() -> Result<&'static Catalog, JsValue> {
    if let Some(catalog) = CATALOG.with(|c| c.get().map(|c| *c.borrow())) {
        return Ok(catalog);
    }
    let catalog = publish(Catalog::national().map_err(js_error)?);
    CATALOG.with(|c| c.set(RefCell::new(catalog)).ok());
    Ok(catalog)
}

/// Leaks `catalog` (see `CATALOG`) and gives its words and parts to the tape.
fn publish(catalog: Catalog) -> &'static Catalog {
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    DOOR.with(|door| {
        let tape = &mut door.borrow_mut().tape;
        tape.keep_all(words(catalog));
        tape.recall_all(crate::recall::keys(catalog));
    });
    catalog
}

/// The packs `region` needs that have not been added.
fn missing(region: Option<&str>) -> Vec<String> {
    let Some(region) = region else {
        return Vec::new();
    };
    ADDED.with(|added| {
        let added = added.borrow();
        packs_for_region(region)
            .into_iter()
            .filter(|path| !added.iter().any(|(name, _)| path.ends_with(name)))
            .map(|path| path.trim_start_matches("packs/").to_string())
            .collect()
    })
}

#[wasm_bindgen]
impl Estimator {
    /// Loads the policy catalogue compiled into the module.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<Estimator, JsValue> {
        catalog()?;
        Ok(Estimator {
            last: RefCell::new(None),
        })
    }

    /// The estimate for `answers`, kept (with them) until other answers come: the answers are
    /// moved in, not copied. Both are handed out as shared handles, so nothing stays borrowed
    /// while JS builds a value.
    fn reason(&self, answers: Answers) -> Result<Kept, JsValue> {
        let today = today();
        let catalog = catalog()?;
        if let Some((last_answers, last_today, last_catalog, last_estimate)) =
            self.last.borrow().as_ref()
        {
            // Without a date the estimate is for today, so the cached one must be today's; and
            // it must be of the catalogue now (a pack added since makes another).
            if **last_answers == answers
                && *last_today == today
                && std::ptr::eq(*last_catalog, catalog)
            {
                return Ok((Rc::clone(last_answers), Rc::clone(last_estimate)));
            }
        }
        // The previous estimate goes before the next is made, so the two never take memory
        // at once: after the first few calls the module's memory stays the same size.
        self.last.borrow_mut().take();
        let mut result = engine::estimate(catalog, &answers, today).map_err(js_error)?;
        result.packs_missing = missing(answers.region());
        let result = Rc::new(result);
        let answers = Rc::new(answers);
        *self.last.borrow_mut() = Some((Rc::clone(&answers), today, catalog, Rc::clone(&result)));
        Ok((answers, result))
    }

    /// The estimate for `answers`, exactly as `subsidy estimate` prints it.
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn estimate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Answers")] answers: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (_, result) = self.reason(read_answers(answers)?)?;
        to_js(&*result)
    }

    /// What to ask next (`next`, most useful first) and what has been answered (`answered`).
    #[wasm_bindgen(unchecked_return_type = "Questions")]
    pub fn questions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Answers")] answers: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (answers, result) = self.reason(read_answers(answers)?)?;
        to_js(&questions::questions(catalog()?, &result, &answers).map_err(js_error)?)
    }

    /// The question that fills one fact (for a "change" link on the check-answers page).
    #[wasm_bindgen(unchecked_return_type = "Question")]
    pub fn question(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] fact: JsValue,
    ) -> Result<JsValue, JsValue> {
        let Some(fact) = short_string(&fact, 100) else {
            return Err(js_error(
                "question: expected a fact name such as \"training.days\"",
            ));
        };
        match questions::question(&fact) {
            Some(q) => to_js(&q),
            None => Err(js_error(format!("{fact}: no question fills this fact"))),
        }
    }

    /// The pack files (relative to the folder of `pkg/`) that `region` needs: its province's,
    /// city's and county's, in that order; `[]` where none exists.
    #[wasm_bindgen(js_name = packsFor)]
    pub fn packs_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] region: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        match short_string(&region, 100) {
            Some(code) => Ok(packs_for_region(&code)),
            None => Err(field_error(crate::Error::answer(
                "region",
                "packsFor: expected a region code such as \"140502\"",
            ))),
        }
    }

    /// Takes the deployment's list of packs, the text of `packs/index.txt` (one file name
    /// `<code>.<8 hex digits>.pack` a line; blank lines and `#` comments skipped), which
    /// `packsFor` then names beside this build's and `addPack` accepts (by the hash in the
    /// name). Gives back how many are new; a line of another shape throws an `Error` with
    /// `field = "pack"`, and nothing is listed.
    #[wasm_bindgen(js_name = listPacks)]
    pub fn list_packs(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] index: JsValue,
    ) -> Result<u32, JsValue> {
        let refuse = |message: &str| field_error(crate::Error::answer("pack", message));
        let Some(index) = short_string(&index, 1 << 20) else {
            return Err(refuse("listPacks: expected the text of packs/index.txt"));
        };
        let mut found = Vec::new();
        for line in index.split('\n') {
            let line = line.trim_matches(|c: char| c.is_ascii_whitespace());
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match listed_hash(line) {
                Some(hash) => found.push((line.to_string(), hash)),
                None => {
                    return Err(refuse(
                        "packs/index.txt: a line is not a pack's file name (<code>.<8 hex digits>.pack)",
                    ))
                }
            }
        }
        LISTED.with(|listed| {
            let mut listed = listed.borrow_mut();
            let before = listed.len();
            for (name, hash) in found {
                if !listed.iter().any(|(n, _)| *n == name) {
                    listed.push((name, hash));
                }
            }
            Ok((listed.len() - before) as u32)
        })
    }

    /// Checks a pack (its format version, hash, every record, and that it is one of this
    /// build's or one the deployment lists, `listPacks`) and adds its documents; gives back its place's code. A pack already added is
    /// not added again. A bad one throws an `Error` with `field = "pack"` and changes nothing.
    #[wasm_bindgen(js_name = addPack)]
    pub fn add_pack(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<String, JsValue> {
        let refuse = |message: &str| field_error(crate::Error::answer("pack", message));
        let bytes = if let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() {
            array.to_vec()
        } else if let Some(buffer) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(buffer).to_vec()
        } else {
            return Err(refuse(
                "expected the bytes of a pack (a Uint8Array or an ArrayBuffer)",
            ));
        };
        let pack = crate::policy::pack::read(&bytes).map_err(field_error)?;
        // A listed name with this place's code and the hash of these bytes.
        let listed = || {
            let hash = crate::policy::pack::short_hash(&bytes);
            LISTED.with(|l| {
                l.borrow()
                    .iter()
                    .find(|(n, h)| *h == hash && n.as_bytes()[..6] == *pack.region.as_bytes())
                    .map(|(n, _)| n.clone())
            })
        };
        let Some(name) = crate::embedded::own_pack(&bytes).or_else(listed) else {
            return Err(refuse(&format!(
                "the pack for {} is not one of this build's packs nor one the deployment lists (packs/index.txt)",
                pack.region
            )));
        };
        if ADDED.with(|added| added.borrow().iter().any(|(n, _)| *n == name)) {
            return Ok(pack.region);
        }
        catalog()?;
        let mut next = Catalog::national().map_err(js_error)?;
        ADDED.with(|added| -> Result<(), JsValue> {
            for (_, bytes) in added.borrow().iter() {
                let earlier = crate::policy::pack::read(bytes).map_err(field_error)?;
                next.documents.extend(earlier.documents);
            }
            Ok(())
        })?;
        next.documents.extend(pack.documents);
        let next = publish(next);
        CATALOG.with(|c| c.get().map(|c| *c.borrow_mut() = next));
        ADDED.with(|added| added.borrow_mut().push((name, bytes)));
        Ok(pack.region)
    }

    /// Provinces, cities and districts for the region picker.
    #[wasm_bindgen(unchecked_return_type = "PickerProvince[]")]
    pub fn regions(&self) -> Result<JsValue, JsValue> {
        to_js(&regions::picker())
    }

    /// The name of a region code ("山西省晋城市城区").
    #[wasm_bindgen(js_name = regionName)]
    pub fn region_name(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    ) -> Result<String, JsValue> {
        match short_string(&code, 100) {
            Some(code) => Ok(regions::full_name(&code)),
            None => Err(js_error(
                "regionName: expected a region code such as \"140502\"",
            )),
        }
    }

    /// Forgets the last answers and their estimate, and zeroes what the door last sent (a
    /// kiosk's wipe, 清除): nothing of them stays in the module's memory (freed blocks are
    /// zeroed by the allocator, `crate::zero_on_free`).
    pub fn forget(&self) {
        self.last.borrow_mut().take();
        DOOR.with(|door| door.borrow_mut().tape.scrub());
    }

    /// From now on every block the module frees is zeroed first (a kiosk: with `forget` at
    /// each wipe, nothing of a visitor stays in memory). Never switched off again.
    #[wasm_bindgen(js_name = zeroFreedMemory)]
    pub fn zero_freed_memory(&self) {
        crate::zero_on_free::switch_on();
    }

    /// Today's date as the estimator sees it (`YYYY-MM-DD`).
    pub fn today(&self) -> String {
        today().to_string()
    }
}
