//! The thin wasm-bindgen layer: the only file that names wasm-bindgen, js-sys or
//! serde-wasm-bindgen. It converts input, calls the core and converts the result; it holds no logic.
//!
//! Scenarios are accepted as JSON text or as plain objects (turned into JSON text first, so that
//! both paths meet the same parser, with the same unknown-field and version checks). Results are
//! JSON-compatible objects with the field names of [`crate::AccountSummary::to_json`]. Errors are
//! JS `Error`s with `name` = code, `message` = English, and extra `zh` and `problems` fields.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::{Error, Lang, Place, Problem, ProblemKind};
use crate::scenario::Scenario;

/// Installs the panic hook once when the module starts (a panic is a bug; this makes it legible).
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn to_js(value: &serde_json::Value) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(value, &serializer).unwrap_or(JsValue::NULL)
}

/// A scenario passed as JSON text goes through the same parser as the CLI. A JS object is first
/// written as JSON text, with NaN and ±Infinity (which JSON.stringify would silently turn into
/// `null`) written as the strings "NaN" / "Infinity", so the parser names the field that holds them;
/// unknown fields and the version are then checked exactly as for text.
fn parse(scenario: &JsValue) -> Result<Scenario, Error> {
    if let Some(text) = scenario.as_string() {
        return Scenario::from_json(&text);
    }
    if !scenario.is_object() || js_sys::Array::is_array(scenario) {
        return Err(Problem::new(Place::Document, ProblemKind::NotAnObject).into());
    }
    let replacer =
        Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, value: JsValue| {
            match value.as_f64() {
                Some(x) if !x.is_finite() => JsValue::from_str(&x.to_string()),
                _ => value,
            }
        });
    let text = js_sys::JSON::stringify_with_replacer(scenario, replacer.as_ref().unchecked_ref())
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| Error::from(Problem::new(Place::Document, ProblemKind::NotAnObject)))?;
    Scenario::from_json(&text).map_err(Error::without_positions)
}

fn problems_json(e: &Error) -> serde_json::Value {
    let reports: Vec<_> = e.problems().iter().map(|p| p.report()).collect();
    serde_json::to_value(reports).unwrap_or(serde_json::Value::Null)
}

fn to_js_error(e: &Error) -> JsValue {
    let error = js_sys::Error::new(&e.localized(Lang::En));
    error.set_name(e.code());
    let object: &JsValue = error.as_ref();
    let _ = js_sys::Reflect::set(object, &"zh".into(), &e.localized(Lang::Zh).into());
    let _ = js_sys::Reflect::set(object, &"problems".into(), &to_js(&problems_json(e)));
    error.into()
}

/// Checks a scenario: `{ valid, problems: [{ code, path, en, zh }] }`. Never throws for bad input.
#[wasm_bindgen]
pub fn validate(scenario: JsValue) -> JsValue {
    let problems = match parse(&scenario) {
        Ok(_) => serde_json::Value::Array(Vec::new()),
        Err(e) => problems_json(&e),
    };
    let valid = problems.as_array().is_some_and(|p| p.is_empty());
    to_js(&serde_json::json!({ "valid": valid, "problems": problems }))
}

/// The deterministic account of a scenario (see docs/api.md); throws a JS `Error` when invalid.
#[wasm_bindgen]
pub fn account(scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = parse(&scenario).map_err(|e| to_js_error(&e))?;
    Ok(to_js(&crate::account(&scenario).to_json()))
}

/// The bundled example scenarios: `[{ id, title, scenario }]`.
#[wasm_bindgen]
pub fn examples() -> JsValue {
    let list: Vec<serde_json::Value> = crate::examples::EXAMPLES
        .iter()
        .filter_map(|ex| {
            let scenario: serde_json::Value = serde_json::from_str(ex.json).ok()?;
            let title = scenario.get("title").cloned().unwrap_or_default();
            Some(serde_json::json!({ "id": ex.id, "title": title, "scenario": scenario }))
        })
        .collect();
    to_js(&serde_json::Value::Array(list))
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
