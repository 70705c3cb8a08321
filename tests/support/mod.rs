//! Test data shared by the integration tests (`mod support;`).

/// The monthly values of `tests/data/spring-festival-monthly.json` (2011-01 on, a known Spring
/// Festival effect; made by `tests/data/spring-festival-monthly.py`).
pub(crate) fn spring_festival_monthly_values() -> Vec<f64> {
    let doc: serde_json::Value =
        serde_json::from_str(include_str!("../data/spring-festival-monthly.json")).unwrap();
    doc["history"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}
