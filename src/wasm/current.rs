//! The catalogue the door reads now, and the estimate it keeps for the next call with the
//! catalogue that estimate borrows from.
use super::{field_error, DOOR};
use crate::estimate::Estimate;
use crate::{questions, Answers, Catalog, Date};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The catalogue every `Estimator` reads now, and its generation: the embedded national
/// documents (generation 1), then each time a pack is added a new catalogue with its documents
/// too (the next generation). An estimate holds the catalogue it borrows from (`Reasoned`), so
/// an older one is freed once nothing holds it; nothing is leaked. The tape's recalled parts
/// are keyed by ids in one catalogue (`crate::recall`), so the door forgets them when it sends
/// a value of another generation (`to_js`).
#[derive(Clone)]
pub(super) struct Current {
    pub(super) catalog: Rc<Catalog>,
    pub(super) generation: u32,
}

thread_local! {
    static CATALOG: RefCell<Option<Current>> = const { RefCell::new(None) };
}

/// The catalogue now: at first the embedded national one, decoded by the first `Estimator`.
pub(super) fn catalog() -> Result<Current, JsValue> {
    if let Some(current) = CATALOG.with(|c| c.borrow().clone()) {
        return Ok(current);
    }
    let national = Catalog::national().map_err(field_error)?;
    DOOR.with(|door| {
        let tape = &mut door.borrow_mut().tape;
        crate::estimate::words(&mut |w| tape.intern(w));
        questions::words(&mut |w| tape.intern(w));
    });
    Ok(publish(national, 1))
}

/// Makes `catalog` the catalogue now, as generation `generation`, its words numbered by the
/// tape (by content: a word the last catalogue had keeps its number).
pub(super) fn publish(catalog: Catalog, generation: u32) -> Current {
    DOOR.with(|door| {
        let tape = &mut door.borrow_mut().tape;
        crate::policy::words::catalogue_words(&catalog, &mut |w| tape.intern(w));
    });
    let current = Current {
        catalog: Rc::new(catalog),
        generation,
    };
    CATALOG.with(|c| *c.borrow_mut() = Some(current.clone()));
    current
}

self_cell::self_cell!(
    /// An estimate with the catalogue whose words it borrows.
    pub(super) struct Reasoned {
        owner: Rc<Catalog>,
        #[covariant]
        dependent: Estimate,
    }
);

/// The last answers, the day and the catalogue's generation they were reasoned on, and their
/// estimate.
pub(super) struct Last {
    pub(super) answers: Rc<Answers>,
    pub(super) today: Date,
    pub(super) generation: u32,
    pub(super) reasoned: Rc<Reasoned>,
}
