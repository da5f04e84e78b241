//! Every failure the door gives JavaScript is a thrown `Error` that carries its `field`.
use wasm_bindgen::JsValue;

/// The `Error` thrown to JavaScript: the field-naming message, and the field as data,
/// `error.field`, the dotted answer it names (`"training.days"`, `"groups[2]"`, `"pack"`), or
/// `null` where no single field is at fault (api.md, "Errors thrown to JavaScript").
fn thrown(message: impl std::fmt::Display, field: Option<&str>) -> JsValue {
    let error: JsValue = js_sys::Error::new(&message.to_string()).into();
    let field = field
        .filter(|f| !f.is_empty())
        .map_or(JsValue::NULL, JsValue::from_str);
    let _ = js_sys::Reflect::set(&error, &"field".into(), &field);
    error
}

/// A crate error, thrown with its field; and an error no field is at fault for.
pub(super) fn field_error(error: crate::Error) -> JsValue {
    thrown(&error, error.field())
}
pub(super) fn js_error(message: impl std::fmt::Display) -> JsValue {
    thrown(message, None)
}
