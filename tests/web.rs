//! The binding in headless Chromium: a success and the errors, as JavaScript sees them.
#![cfg(target_arch = "wasm32")]

mod support;

use gapcast::wasm::{account, examples, forecast, trend_gap, validate};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, key| {
        js_sys::Reflect::get(&v, &(*key).into()).unwrap()
    })
}

fn seed_object() -> JsValue {
    js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap()
}

#[wasm_bindgen_test]
fn account_of_the_seed_object_and_text() {
    for input in [
        seed_object(),
        JsValue::from_str(gapcast::examples::QIANTANG_2023),
    ] {
        let summary = account(input).unwrap();
        // 198.41 − 118.57 = 79.84; 0.05 × 3600 − 79.84 = 100.16
        assert_eq!(get(&summary, &["netLedgers"]).as_f64(), Some(79.84));
        assert_eq!(
            get(&summary, &["reinforcement", "amount"]).as_f64(),
            Some(100.16)
        );
        assert_eq!(
            get(&summary, &["lights", "gap", "level"])
                .as_string()
                .as_deref(),
            Some("good")
        );
        assert!(get(&summary, &["inYear"]).is_null());
        // plain JSON-compatible object
        assert!(js_sys::JSON::stringify(&summary).is_ok());
    }
    assert_eq!(js_sys::Array::from(&examples()).length(), 2);
}

#[wasm_bindgen_test]
fn bad_scenario_throws_an_error_with_code_and_both_languages() {
    let doc = seed_object();
    let items = get(&doc, &["ledgers", "8", "items", "0"]);
    js_sys::Reflect::set(&items, &"startMonth".into(), &13.into()).unwrap();
    let error = account(doc.clone()).unwrap_err();
    let error: js_sys::Error = error.into();
    assert_eq!(String::from(error.name()), "ledger.item.startMonth");
    assert!(String::from(error.message()).contains("13 is not a month"));
    let zh = get(&error.into(), &["zh"]).as_string().unwrap();
    assert!(zh.contains("第 9 本账「外迁/关停」"), "{zh}");

    // NaN from JavaScript is named, not lost
    js_sys::Reflect::set(&doc, &"target".into(), &f64::NAN.into()).unwrap();
    let report = validate(doc);
    assert_eq!(get(&report, &["valid"]).as_bool(), Some(false));
    assert_eq!(
        get(&report, &["problems", "0", "path"])
            .as_string()
            .as_deref(),
        Some("target")
    );
    assert_eq!(
        get(&report, &["problems", "0", "code"])
            .as_string()
            .as_deref(),
        Some("json.shape")
    );
    let en = get(&report, &["problems", "0", "en"]).as_string().unwrap();
    assert!(en.starts_with("target: ") && en.contains("\"NaN\""), "{en}");

    // not JSON, not an object, a typo'd field
    let e: js_sys::Error = account(JsValue::from_str("{ nope")).unwrap_err().into();
    assert_eq!(String::from(e.name()), "json.syntax");
    let e: js_sys::Error = account(JsValue::from(7)).unwrap_err().into();
    assert_eq!(String::from(e.name()), "json.notObject");
    let doc = seed_object();
    js_sys::Reflect::set(&doc, &"targt".into(), &1.into()).unwrap();
    let e: js_sys::Error = account(doc).unwrap_err().into();
    assert_eq!(String::from(e.name()), "json.shape");
    assert!(
        String::from(e.message()).contains("targt"),
        "{}",
        String::from(e.message())
    );
}

#[wasm_bindgen_test]
fn forecast_returns_intervals_and_typed_paths() {
    let y: Vec<f64> = (0..60)
        .map(|t| 100.0 + t as f64 + 10.0 * ((t % 12) as f64))
        .collect();
    let values = js_sys::Float64Array::from(y.as_slice());
    let options =
        js_sys::JSON::parse(r#"{"method":"ets","horizon":12,"levels":[80,95],"paths":5,"seed":3}"#)
            .unwrap();
    let out = forecast(values.clone().into(), options.clone()).unwrap();
    assert_eq!(js_sys::Array::from(&get(&out, &["point"])).length(), 12);
    assert_eq!(get(&out, &["intervals", "1", "level"]).as_f64(), Some(95.0));
    let paths = get(&out, &["paths"]);
    assert!(paths.is_instance_of::<js_sys::Float64Array>());
    assert_eq!(js_sys::Float64Array::from(paths.clone()).length(), 60);
    // same seed, same paths
    let again = forecast(values.into(), options).unwrap();
    assert_eq!(
        js_sys::Float64Array::from(get(&again, &["paths"])).to_vec(),
        js_sys::Float64Array::from(paths).to_vec()
    );
    // errors name the value and the option
    let bad = js_sys::Array::of3(&1.into(), &f64::NAN.into(), &3.into());
    let e: js_sys::Error = forecast(bad.into(), js_sys::JSON::parse(r#"{"horizon":3}"#).unwrap())
        .unwrap_err()
        .into();
    assert_eq!(String::from(e.name()), "forecast.notFinite");
    let e: js_sys::Error = forecast(
        js_sys::Array::of1(&1.into()).into(),
        js_sys::JSON::parse(r#"{"horizon":0}"#).unwrap(),
    )
    .unwrap_err()
    .into();
    assert_eq!(String::from(e.name()), "forecast.horizon");
    let log: Vec<f64> = y.iter().map(|v| v.ln()).collect();
    let gap = trend_gap(
        js_sys::Float64Array::from(log.as_slice()).into(),
        js_sys::JSON::parse(r#"{"method":"hp"}"#).unwrap(),
    )
    .unwrap();
    assert_eq!(js_sys::Array::from(&get(&gap, &["cycle"])).length(), 60);
}

#[wasm_bindgen_test]
fn forecast_with_the_spring_festival_equals_native() {
    let y = support::spring_festival_monthly_values();
    let values = js_sys::Float64Array::from(y.as_slice());
    let text = r#"{"method":"ets","horizon":9,"phase":0,"startYear":2011,"springFestival":{"daysBefore":7,"daysAfter":14}}"#;
    let out = forecast(values.clone().into(), js_sys::JSON::parse(text).unwrap()).unwrap();
    let opts = gapcast::forecast::method::ForecastOptions {
        method: gapcast::forecast::method::Method::Ets,
        horizon: 9,
        ..Default::default()
    };
    let native = gapcast::forecast::festival::forecast_with_festival(
        "",
        &y,
        &opts,
        2011,
        gapcast::festival::FestivalWindow::default(),
    )
    .unwrap();
    let effect = native.spring_festival.unwrap();
    assert_eq!(
        get(&out, &["springFestival", "beta"]).as_f64(),
        Some(effect.beta)
    );
    let point: Vec<f64> = js_sys::Array::from(&get(&out, &["point"]))
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(point, native.point);
    // without the rule: no estimate
    let plain = forecast(
        values.clone().into(),
        js_sys::JSON::parse(r#"{"method":"ets","horizon":9}"#).unwrap(),
    )
    .unwrap();
    assert!(get(&plain, &["springFestival"]).is_undefined());
    // the rule needs the first value's year, and its days are checked
    let e: js_sys::Error = forecast(
        values.clone().into(),
        js_sys::JSON::parse(r#"{"horizon":9,"springFestival":{}}"#).unwrap(),
    )
    .unwrap_err()
    .into();
    assert_eq!(String::from(e.name()), "options.shape");
    assert!(String::from(e.message()).contains("startYear"));
    let e: js_sys::Error = forecast(
        values.into(),
        js_sys::JSON::parse(r#"{"horizon":9,"startYear":2011,"springFestival":{"daysAfter":45}}"#)
            .unwrap(),
    )
    .unwrap_err()
    .into();
    assert!(
        String::from(e.message()).contains("45"),
        "{}",
        String::from(e.message())
    );
}

#[wasm_bindgen_test]
fn monte_carlo_is_bit_identical_to_native() {
    // tests/data/sim-qiantang-2023-2000-1.json was made natively (tests/simulate.rs)
    let scenario = gapcast::Scenario::from_json(gapcast::examples::QIANTANG_2023).unwrap();
    let text = gapcast::simulate::simulate(&scenario, Some(2_000), Some(1))
        .unwrap()
        .to_json()
        .to_string();
    assert_eq!(text, include_str!("data/sim-qiantang-2023-2000-1.json"));
    // and through the binding: the same numbers, plus four SVG charts
    let options = js_sys::JSON::parse(r#"{"runs":2000,"seed":1,"lang":"en"}"#).unwrap();
    let out = gapcast::wasm::simulate(
        js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
        options,
        None,
    )
    .unwrap();
    let native: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        get(&out, &["meet", "p"]).as_f64(),
        native["meet"]["p"].as_f64()
    );
    assert!(get(&out, &["charts", "fan"])
        .as_string()
        .unwrap()
        .starts_with("<svg"));
}

#[wasm_bindgen_test]
fn monte_carlo_with_an_ets_forecast_is_bit_identical_to_native() {
    // a history long enough that the forecast fits ETS and Theta (Nelder–Mead on a likelihood with
    // logs and exponentials) and widens its intervals: every function on that path must be libm's
    let scenario = gapcast::Scenario::from_json(include_str!("data/long-history.json")).unwrap();
    let text = gapcast::simulate::simulate(&scenario, Some(2_000), Some(1))
        .unwrap()
        .to_json()
        .to_string();
    assert_eq!(text, include_str!("data/sim-long-history-2000-1.json"));
}

#[wasm_bindgen_test]
fn monte_carlo_totals_come_as_a_typed_array() {
    let scenario = gapcast::Scenario::from_json(gapcast::examples::QIANTANG_2023).unwrap();
    let (_, native) =
        gapcast::simulate::simulate_runs(&scenario, Some(500), Some(4), true).unwrap();
    let options = js_sys::JSON::parse(r#"{"runs":500,"seed":4,"totals":true}"#).unwrap();
    let out = gapcast::wasm::simulate(
        js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
        options,
        None,
    )
    .unwrap();
    let totals = get(&out, &["totals"]);
    assert!(totals.is_instance_of::<js_sys::Float64Array>());
    let totals = js_sys::Float64Array::from(totals).to_vec();
    assert_eq!(Some(totals), native, "the same runs, in run order");
    // not asked: not sent
    let plain = gapcast::wasm::simulate(
        js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
        js_sys::JSON::parse(r#"{"runs":500,"seed":4}"#).unwrap(),
        None,
    )
    .unwrap();
    assert!(get(&plain, &["totals"]).is_undefined());
}

#[wasm_bindgen_test]
fn monte_carlo_progress_is_told_by_whole_per_cent_and_changes_nothing() {
    let scenario = || js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap();
    let options = || js_sys::JSON::parse(r#"{"runs":20000,"seed":3}"#).unwrap();
    let reports = js_sys::Array::new();
    let sink = reports.clone();
    let record = Closure::<dyn FnMut(JsValue)>::new(move |report: JsValue| {
        sink.push(&report);
    });
    let told = gapcast::wasm::simulate(
        scenario(),
        options(),
        Some(record.as_ref().unchecked_ref::<js_sys::Function>().clone()),
    )
    .unwrap();
    let field = |r: &JsValue, name: &str| {
        js_sys::Reflect::get(r, &name.into())
            .unwrap()
            .as_f64()
            .unwrap()
    };
    let reports: Vec<JsValue> = reports.iter().collect();
    // 20 blocks of 1 024 runs (the last shorter): a report at each, each a new whole per cent
    assert_eq!(reports.len(), 20);
    let percents: Vec<f64> = reports.iter().map(|r| field(r, "percent")).collect();
    assert!(percents.windows(2).all(|w| w[0] < w[1]), "{percents:?}");
    assert_eq!(percents[0], 5.0, "1 024 of 20 000 runs");
    let last = reports.last().unwrap();
    assert_eq!(
        (
            field(last, "percent"),
            field(last, "drawn"),
            field(last, "runs")
        ),
        (100.0, 20_000.0, 20_000.0)
    );
    // the same figures as without a listener
    let silent = gapcast::wasm::simulate(scenario(), options(), None).unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&told).unwrap(),
        js_sys::JSON::stringify(&silent).unwrap()
    );
}

#[wasm_bindgen_test]
fn a_seed_out_of_range_is_refused_with_its_value() {
    // 2^53 (not carried exactly by JavaScript), 2^64 and 1e20 (numbers with no fraction beyond
    // any integer type) and −1: each refused as out of 0–2^53−1 with the value given; 1.5 is not
    // a whole number
    for (seed, value) in [
        ("9007199254740992", "9007199254740992"),
        // (2^64 written as JavaScript writes it)
        ("18446744073709551616", "18446744073709552000"),
        ("1e20", "100000000000000000000"),
        ("-1", "-1"),
    ] {
        let options = js_sys::JSON::parse(&format!(r#"{{"runs":10,"seed":{seed}}}"#)).unwrap();
        let e: js_sys::Error = gapcast::wasm::simulate(
            js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
            options,
            None,
        )
        .unwrap_err()
        .into();
        assert_eq!(String::from(e.name()), "forecast.count", "seed {seed}");
        let message = String::from(e.message());
        assert!(
            message.contains(&format!("{value} is outside 0–9007199254740991")),
            "seed {seed}: {message}"
        );
    }
    let e: js_sys::Error = gapcast::wasm::simulate(
        js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
        js_sys::JSON::parse(r#"{"runs":10,"seed":1.5}"#).unwrap(),
        None,
    )
    .unwrap_err()
    .into();
    assert_eq!(String::from(e.name()), "options.shape");
    assert!(String::from(e.message()).contains("expected a whole number, 0 or more"));
    // the largest seed works
    let ok = gapcast::wasm::simulate(
        js_sys::JSON::parse(gapcast::examples::QIANTANG_2023).unwrap(),
        js_sys::JSON::parse(r#"{"runs":10,"seed":9007199254740991}"#).unwrap(),
        None,
    );
    assert!(ok.is_ok());
}
