//! The browser door, and with `walk.rs` beside it the only code that names `wasm_bindgen`: JS
//! answers in (read by the hardened walk, `walk`), the same JSON as the command line out (by
//! the tape, `crate::tape`), every failure a thrown `Error` with its `field`. The door knows
//! nothing of the catalogue's fields: the packs are the core's `Shelf`, and the rest are calls
//! into the core.
use crate::answers::Answers;
use crate::date::Date;
use crate::shelf::{Added, Shelf};
use crate::tape::Tape;
use crate::{engine, questions, regions};
use current::{catalog, publish, Last, Reasoned};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use thrown::{field_error, js_error};
use walk::{read_answers, short_string};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod current;
mod package;
mod thrown;
mod walk;

// The door's JS half. `build` turns a tape (`crate::tape`) into plain JS values, keeping the
// words, the structs' keys and the recalled parts in `table`. Its state lives in the JS module,
// not in a closure made per call (6% less per build in a micro-bench over the 晋城 tapes), and each struct an estimate or a
// question list sends is made by an object literal written there (`SHAPES`): V8 builds a
// literal in about a tenth of the time of key-by-key stores on a fresh `{}`, and the build
// went from 25 to 11 µs (eval is not allowed, so the literals are written out). A literal
// makes only objects of its own keys in their order, asked of the literal itself, so a stale
// one is never used; any struct without one is built key by key. `src/tape/read.rs` checks
// that the list covers every struct an estimate and a question list send.
#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    fn build(tape: &[u32], text: &[u16], table: &JsValue) -> JsValue;
}

/// The tape, reused by every call (so the module's memory stays the same size), the JS list
/// of the shapes and parts it has sent once, and the catalogue those parts were made from.
struct Door {
    tape: Tape,
    table: JsValue,
    generation: u32,
}

thread_local! {
    static DOOR: RefCell<Door> = RefCell::new(Door {
        tape: Tape::default(),
        table: js_sys::Array::new().into(),
        generation: 0,
    });
    /// The packs added and the packs the deployment lists (`crate::shelf`).
    static SHELF: RefCell<Shelf> = RefCell::new(Shelf::default());
}

/// JS values out, as `serde_json` would write them, as one tape built by `tape.js` in one call
/// (`make bench` measured it against serde-wasm-bindgen's one crossing per property).
/// `generation` is that of the catalogue `value` was made from (0: none of its parts).
fn to_js<T: Serialize + ?Sized>(value: &T, generation: u32) -> Result<JsValue, JsValue> {
    DOOR.with(|door| {
        let mut door = door.borrow_mut();
        let Door {
            tape,
            table,
            generation: sent,
        } = &mut *door;
        if generation != 0 && generation != *sent {
            tape.new_catalogue();
            *sent = generation;
        }
        tape.clear();
        if let Err(e) = value.serialize(&mut *tape) {
            tape.unsend();
            return Err(js_error(e));
        }
        Ok(build(&tape.words, &tape.text, table))
    })
}

/// Today on the device, in China Standard Time (UTC+8).
fn today() -> Date {
    let ms = js_sys::Date::now();
    let days = ((ms / 1000.0 + 8.0 * 3600.0) / 86_400.0).floor() as i64;
    Date::from_days_since_epoch(days).unwrap_or_else(|| Date::new(2026, 1, 1).expect("a real day"))
}

#[wasm_bindgen]
pub struct Estimator {
    /// The last answers and their estimate, and the catalogue it was made from: the page asks
    /// for the estimate and then the questions of the same answers, and the second call need
    /// not reason again. Shared, not copied: a call reads the cached estimate where it lies.
    last: RefCell<Option<Last>>,
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

    /// The estimate for `answers`, kept (with them) until other answers come. Both are handed
    /// out as shared handles, so nothing stays borrowed while JS builds a value.
    fn reason(&self, answers: &JsValue) -> Result<(Rc<Answers>, Rc<Reasoned>, u32), JsValue> {
        let answers = read_answers(answers).map_err(field_error)?;
        let (today, current) = (today(), catalog()?);
        if let Some(last) = self.last.borrow().as_ref() {
            // Without a date the estimate is for today, so the cached one must be today's; and
            // it must be of the catalogue now (a pack added since makes another).
            if *last.answers == answers
                && last.today == today
                && last.generation == current.generation
            {
                let reasoned = Rc::clone(&last.reasoned);
                return Ok((Rc::clone(&last.answers), reasoned, last.generation));
            }
        }
        // The previous estimate goes before the next is made, so the two never take memory
        // at once: after the first few calls the module's memory stays the same size.
        self.last.borrow_mut().take();
        let mut reasoned = Reasoned::try_new(current.catalog, |catalog| {
            engine::estimate(catalog, &answers, today)
        })
        .map_err(field_error)?;
        let missing = SHELF.with(|s| s.borrow().missing(answers.region()));
        reasoned.with_dependent_mut(|_, estimate| estimate.packs_missing = missing);
        let (reasoned, answers) = (Rc::new(reasoned), Rc::new(answers));
        *self.last.borrow_mut() = Some(Last {
            answers: Rc::clone(&answers),
            today,
            generation: current.generation,
            reasoned: Rc::clone(&reasoned),
        });
        Ok((answers, reasoned, current.generation))
    }

    /// The estimate for `answers`, exactly as `subsidy estimate` prints it.
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn estimate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Answers")] answers: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (_, reasoned, generation) = self.reason(&answers)?;
        to_js(reasoned.borrow_dependent(), generation)
    }

    /// What to ask next (`next`, most useful first) and what has been answered (`answered`).
    #[wasm_bindgen(unchecked_return_type = "Questions")]
    pub fn questions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Answers")] answers: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (answers, reasoned, generation) = self.reason(&answers)?;
        let asks = reasoned.with_dependent(|catalog, estimate| {
            questions::questions(catalog, estimate, &answers).map_err(field_error)
        })?;
        to_js(&asks, generation)
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
            Some(q) => to_js(&q, 0),
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
            Some(code) => Ok(SHELF.with(|s| s.borrow().packs_for(&code))),
            None => Err(field_error(crate::Error::answer(
                "region",
                "packsFor: expected a region code such as \"140502\"",
            ))),
        }
    }

    /// Takes the text of `packs/index.txt`, the deployment's packs, which `packsFor` then names
    /// and `addPack` accepts (`Shelf::list`): how many are new, or an `Error` with `field = "pack"`.
    #[wasm_bindgen(js_name = listPacks)]
    pub fn list_packs(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] index: JsValue,
    ) -> Result<u32, JsValue> {
        let Some(index) = short_string(&index, 1 << 20) else {
            return Err(field_error(crate::Error::answer(
                "pack",
                "listPacks: expected the text of packs/index.txt",
            )));
        };
        SHELF.with(|s| s.borrow_mut().list(&index).map_err(field_error))
    }

    /// Checks a pack (its format version, hash, every record, and that it is one of this
    /// build's or one the deployment lists, `listPacks`) and adds its documents; gives back its
    /// place's code. A pack already added is not added again. A bad one throws an `Error` with
    /// `field = "pack"` and changes nothing.
    #[wasm_bindgen(js_name = addPack)]
    pub fn add_pack(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
    ) -> Result<String, JsValue> {
        let bytes = if let Some(array) = bytes.dyn_ref::<js_sys::Uint8Array>() {
            array.to_vec()
        } else if let Some(buffer) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
            js_sys::Uint8Array::new(buffer).to_vec()
        } else {
            return Err(field_error(crate::Error::answer(
                "pack",
                "expected the bytes of a pack (a Uint8Array or an ArrayBuffer)",
            )));
        };
        catalog()?;
        match SHELF
            .with(|s| s.borrow_mut().add(bytes))
            .map_err(field_error)?
        {
            Added::Already(region) => Ok(region),
            Added::New(next, region) => {
                publish(next, catalog()?.generation + 1);
                Ok(region)
            }
        }
    }

    /// Provinces, cities and districts for the region picker.
    #[wasm_bindgen(unchecked_return_type = "PickerProvince[]")]
    pub fn regions(&self) -> Result<JsValue, JsValue> {
        to_js(&regions::picker(), 0)
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
