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

/// Sets `object[name]` to a `Float64Array` copy of `values` (large arrays cross as typed arrays).
fn set_float64_array(object: &JsValue, name: &str, values: &[f64]) {
    let _ = js_sys::Reflect::set(
        object,
        &name.into(),
        &js_sys::Float64Array::from(values).into(),
    );
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

/// Options of `forecast()` as JavaScript passes them (camelCase, unknown fields rejected).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsForecastOptions {
    horizon: i64,
    #[serde(default)]
    method: Option<String>,
    #[serde(default)]
    levels: Option<Vec<f64>>,
    #[serde(default)]
    period: Option<usize>,
    #[serde(default)]
    phase: Option<usize>,
    #[serde(default)]
    paths: Option<usize>,
    #[serde(default)]
    seed: Option<u64>,
    /// Calendar year of the first value (needed by `springFestival`).
    #[serde(default)]
    start_year: Option<i32>,
    /// The Spring Festival regressor, in the shape of `rules.springFestival`.
    #[serde(default)]
    spring_festival: Option<crate::scenario::SpringFestivalParams>,
}

/// A JS value as JSON text, NaN and ±Infinity written as strings so the parser names them.
fn json_text(value: &JsValue) -> Option<String> {
    let replacer =
        Closure::<dyn FnMut(JsValue, JsValue) -> JsValue>::new(|_key: JsValue, value: JsValue| {
            match value.as_f64() {
                Some(x) if !x.is_finite() => JsValue::from_str(&x.to_string()),
                _ => value,
            }
        });
    js_sys::JSON::stringify_with_replacer(value, replacer.as_ref().unchecked_ref())
        .ok()
        .and_then(|t| t.as_string())
}

/// Reads a JS options object into `T` (camelCase, unknown fields rejected, NaN named).
fn parse_options<T: serde::de::DeserializeOwned>(options: &JsValue) -> Result<T, Error> {
    let text =
        json_text(options).ok_or_else(|| options_problem("options must be an object".into()))?;
    serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(&text))
        .map_err(|e| options_problem(format!("{}: {}", e.path(), e.inner())))
}

fn options_problem(detail: String) -> Error {
    // serde_json appends " at line L column C", which means nothing for an object
    let detail = match detail.rfind(" at line ") {
        Some(i) => detail[..i].to_string(),
        None => detail,
    };
    Problem::new(
        Place::Option("options"),
        ProblemKind::OptionsShape { detail },
    )
    .into()
}

/// `number[]` or `Float64Array` → values (anything else that is not a number becomes NaN and is
/// then named by the series check).
fn values_of(values: &JsValue) -> Vec<f64> {
    if values.is_instance_of::<js_sys::Float64Array>() {
        js_sys::Float64Array::from(values.clone()).to_vec()
    } else if js_sys::Array::is_array(values) {
        js_sys::Array::from(values)
            .iter()
            .map(|v| v.as_f64().unwrap_or(f64::NAN))
            .collect()
    } else {
        Vec::new()
    }
}

/// Forecasts one series (see docs/api.md): `{ method, model, params, point, intervals, paths,
/// backtest, notes, … }`; `paths` is a `Float64Array` (row-major, paths × horizon).
#[wasm_bindgen]
pub fn forecast(values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    use crate::forecast::method::{forecast_series, ForecastOptions};
    let run = || -> Result<JsValue, Error> {
        let o: JsForecastOptions = parse_options(&options)?;
        let defaults = ForecastOptions::default();
        let opts = ForecastOptions {
            method: match o.method.as_deref() {
                Some(m) => m.parse()?,
                None => defaults.method,
            },
            horizon: usize::try_from(o.horizon).unwrap_or(0),
            levels: o.levels.unwrap_or(defaults.levels),
            period: o.period.unwrap_or(defaults.period),
            phase: o.phase.unwrap_or(0),
            paths: o.paths.unwrap_or(0),
            seed: o.seed.unwrap_or(defaults.seed),
        };
        crate::forecast::check_options(o.horizon, &opts.levels)?;
        let window = match &o.spring_festival {
            Some(rule) => rule.window(("springFestival.daysBefore", "springFestival.daysAfter"))?,
            None => None,
        };
        let values = values_of(&values);
        let mut out = match (window, o.start_year) {
            (None, _) => forecast_series("", &values, &opts)?,
            (Some(window), Some(year)) => {
                crate::forecast::festival::forecast_with_festival("", &values, &opts, year, window)?
            }
            (Some(_), None) => {
                return Err(options_problem(
                    "springFestival needs startYear, the calendar year of the first value".into(),
                ))
            }
        };
        let paths = std::mem::take(&mut out.paths);
        let result = to_js(&serde_json::to_value(&out).unwrap_or_default());
        set_float64_array(&result, "paths", &paths);
        Ok(result)
    };
    run().map_err(|e| to_js_error(&e))
}

/// Options of `trendGap()`.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsTrendOptions {
    method: String,
    #[serde(default)]
    lambda: Option<f64>,
    #[serde(default)]
    h: Option<usize>,
    #[serde(default)]
    p: Option<usize>,
}

/// Trend ("potential") output gap by the HP or Hamilton filter: `{ filter, trend, cycle, unstable, notes }`.
#[wasm_bindgen(js_name = trendGap)]
pub fn trend_gap(values: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    use crate::trend::{hamilton_filter, hp_filter, HamiltonParams, LAMBDA_MONTHLY};
    let run = || -> Result<JsValue, Error> {
        let o: JsTrendOptions = parse_options(&options)?;
        let y = values_of(&values);
        let gap = match o.method.as_str() {
            "hp" => hp_filter(&y, o.lambda.unwrap_or(LAMBDA_MONTHLY))?,
            "hamilton" => {
                let d = HamiltonParams::MONTHLY;
                hamilton_filter(
                    &y,
                    HamiltonParams {
                        h: o.h.unwrap_or(d.h),
                        p: o.p.unwrap_or(d.p),
                    },
                )?
            }
            other => {
                return Err(options_problem(format!(
                    "method \"{other}\" is not a filter; use hp or hamilton"
                )))
            }
        };
        Ok(to_js(&serde_json::to_value(&gap).unwrap_or_default()))
    };
    run().map_err(|e| to_js_error(&e))
}

/// Options of `simulate()`.
#[derive(serde::Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsSimulateOptions {
    #[serde(default)]
    runs: Option<usize>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    lang: Option<String>,
    /// Also return each run's annual total as `totals: Float64Array`.
    #[serde(default)]
    totals: bool,
}

/// Monte Carlo of a scenario (see docs/api.md): the summary plus `charts: { fan, waterfall,
/// tornado, histogram }` as SVG strings in `options.lang` ('zh' default, or 'en'), and with
/// `options.totals` each run's annual total as a `Float64Array` in run order. `on_progress`, when
/// given, is called with `{ percent, drawn, runs }` each time another whole per cent of the runs is
/// drawn (`percent` a whole number, 100 at the end; what it throws or returns is ignored).
#[wasm_bindgen]
pub fn simulate(
    scenario: JsValue,
    options: JsValue,
    on_progress: Option<js_sys::Function>,
) -> Result<JsValue, JsValue> {
    let run = || -> Result<JsValue, Error> {
        // A whole JavaScript number below 0 or beyond 2^53 is out of the seed's range, said with
        // its value (the options' parser would call one beyond 2^64 "a floating point").
        if let Some(seed) = js_sys::Reflect::get(&options, &JsValue::from_str("seed"))
            .ok()
            .and_then(|seed| seed.as_f64())
            .filter(|seed| seed.fract() == 0.0)
        {
            crate::scenario::seed_in_range(seed, Place::Option("seed"))?;
        }
        let o: JsSimulateOptions = if options.is_undefined() || options.is_null() {
            JsSimulateOptions::default()
        } else {
            parse_options(&options)?
        };
        let scenario = parse(&scenario)?;
        let mut told = 0;
        let mut progress = |drawn: usize, runs: usize| {
            let Some(f) = &on_progress else { return };
            let percent = drawn * 100 / runs.max(1);
            if percent > told || drawn == runs {
                told = percent;
                let report = js_sys::Object::new();
                for (name, value) in [("percent", percent), ("drawn", drawn), ("runs", runs)] {
                    let _ = js_sys::Reflect::set(&report, &name.into(), &(value as f64).into());
                }
                let _ = f.call1(&JsValue::NULL, &report);
            }
        };
        let (summary, totals) = crate::simulate::simulate_runs_reporting(
            &scenario,
            o.runs,
            o.seed,
            o.totals,
            &mut progress,
        )?;
        let lang = if o.lang.as_deref() == Some("en") {
            Lang::En
        } else {
            Lang::Zh
        };
        let mut value = summary.to_json();
        let charts = crate::simulate::charts::charts(&summary, lang);
        value["charts"] = serde_json::to_value(charts).unwrap_or_default();
        let result = to_js(&value);
        if let Some(totals) = totals {
            set_float64_array(&result, "totals", &totals);
        }
        Ok(result)
    };
    run().map_err(|e| to_js_error(&e))
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
