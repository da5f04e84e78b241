//! The hardened walk over a worker's answers as JS hands them to the door: a JS value walked
//! into the bounded input tree of [`crate::input`] (the command line reads the same tree from
//! JSON text), by calls that catch every JS exception (a throwing getter, a revoked Proxy), so
//! no exception unwinds through Rust and no input reaches a trap: every failure is an error
//! naming the field. Part of the door (`super`), the only code that names `wasm_bindgen`.
use crate::answers::{Answers, Input};
use crate::input::{Place, MAX_DEPTH, MAX_ITEMS, MAX_SIZE};
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

// `kind` and `enumerable` are what the walk asks of each value (in `src/tape.js`, the door's
// JS half): one call each where the walk made five to eight (typeof checks, a string's
// length, a property descriptor and its `enumerable`, each a crossing). `enumerable` asks
// `propertyIsEnumerable`, which calls the same Proxy trap as `getOwnPropertyDescriptor`.
#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    /// A string's length in UTF-16 units, or a negative code for what else a value is.
    fn kind(value: &JsValue) -> i32;
    /// An own enumerable property's value, read once, or a value whose kind is `HIDDEN`.
    #[wasm_bindgen(catch)]
    fn enumerable(object: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
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

/// A string argument, at most `max` UTF-16 units long, or `None`.
pub(super) fn short_string(value: &JsValue, max: u32) -> Option<String> {
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

/// The answers in a JS value, checked as the command line checks its JSON (`undefined` and
/// `null` are no answers yet), or the error naming the field.
pub(super) fn read_answers(answers: &JsValue) -> Result<Answers, crate::Error> {
    if answers.is_undefined() || answers.is_null() {
        return Ok(Answers::default());
    }
    let mut walk = Walk {
        place: Place::default(),
        open: Vec::new(),
        budget: MAX_SIZE,
    };
    let input = walk.value(answers, 1)?;
    Answers::from_input(&input)
}
