//! Native timing of seasonal AutoETS on 120-point monthly windows (the speed benchmark's task).
use gapcast::forecast::{ets::AutoEts, Forecaster, SeriesInput};
use std::sync::atomic::Ordering;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("../shared/bench-data/tourism_monthly.csv".into());
    let period: usize = std::env::args()
        .nth(2)
        .map(|p| p.parse().unwrap())
        .unwrap_or(12);
    let text = std::fs::read_to_string(path).unwrap();
    let mut series: std::collections::BTreeMap<String, Vec<f64>> = Default::default();
    for line in text.lines().skip(1) {
        let mut p = line.split(',');
        let id = p.next().unwrap().to_string();
        let _ = p.next();
        series
            .entry(id)
            .or_default()
            .push(p.next().unwrap().parse().unwrap());
    }
    let windows: Vec<Vec<f64>> = series
        .values()
        .filter(|y| y.len() >= 120 && y.iter().all(|v| *v > 0.0))
        .take(
            std::env::args()
                .nth(3)
                .map(|n| n.parse().unwrap())
                .unwrap_or(200),
        )
        .map(|y| y[..120].to_vec())
        .collect();
    let before = gapcast::forecast::ets::FILTER_RUNS.load(Ordering::Relaxed);
    let t = std::time::Instant::now();
    for y in &windows {
        let fit = AutoEts::default()
            .fit(&SeriesInput::new(y, period))
            .unwrap();
        std::hint::black_box(fit.predict(12, &[95.0]));
    }
    let runs = gapcast::forecast::ets::FILTER_RUNS.load(Ordering::Relaxed) - before;
    println!(
        "{} series: {:.3} ms/series, {} filter runs/series",
        windows.len(),
        t.elapsed().as_secs_f64() * 1e3 / windows.len() as f64,
        runs / windows.len()
    );
}
