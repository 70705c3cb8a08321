//! Fits AutoETS to the classic monthly series and prints the model, AICc, forecasts and time.
use gapcast::forecast::{ets::AutoEts, Forecaster, SeriesInput};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("../shared/bench-data/classic_monthly.csv".into());
    let text = std::fs::read_to_string(path).unwrap();
    let mut series: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let mut parts = line.split(',');
        let id = parts.next().unwrap().to_string();
        let _ = parts.next();
        let v: f64 = parts.next().unwrap().parse().unwrap();
        series.entry(id).or_default().push(v);
    }
    for (id, y) in &series {
        let before = gapcast::forecast::ets::FILTER_RUNS.load(std::sync::atomic::Ordering::Relaxed);
        let t = Instant::now();
        let fit = AutoEts::default().fit(&SeriesInput::new(y, 12)).unwrap();
        let f = fit.predict(12, &[95.0]);
        let el = t.elapsed();
        let i = fit.info();
        let runs =
            gapcast::forecast::ets::FILTER_RUNS.load(std::sync::atomic::Ordering::Relaxed) - before;
        print!("runs={runs:6} ");
        println!(
            "{id:14} n={:3} {:14} aicc={:10.3} {:?} ms={:.2} f1={:.3} lo={:.3} hi={:.3}",
            y.len(),
            i.model,
            i.aicc.unwrap_or(f64::NAN),
            i.params
                .iter()
                .filter(|(k, _)| ["alpha", "beta", "gamma", "phi"].contains(&k.as_str()))
                .map(|(k, v)| format!("{k}={v:.4}"))
                .collect::<Vec<_>>(),
            el.as_secs_f64() * 1e3,
            f.point[0],
            f.intervals[0].lower[0],
            f.intervals[0].upper[0]
        );
    }
}
