//! Quick accuracy probe: AutoETS on a bench-data set, train on all but the last h, sMAPE and MASE.
use gapcast::forecast::{ets::AutoEts, Forecaster, SeriesInput};
use std::collections::BTreeMap;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = &args[1];
    let h: usize = args[2].parse().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let mut series: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let mut parts = line.split(',');
        let id = parts.next().unwrap().to_string();
        let _ = parts.next();
        series
            .entry(id)
            .or_default()
            .push(parts.next().unwrap().parse().unwrap());
    }
    let t = std::time::Instant::now();
    let (mut smape, mut mase, mut cov, mut count) = (0.0, 0.0, 0.0, 0.0);
    for y in series.values() {
        let (train, test) = y.split_at(y.len() - h);
        let fit = AutoEts::default()
            .fit(&SeriesInput::new(train, 12))
            .unwrap();
        let f = fit.predict(h, &[95.0]);
        let s: f64 = test
            .iter()
            .zip(&f.point)
            .map(|(a, b)| {
                if a.abs() + b.abs() == 0.0 {
                    0.0
                } else {
                    200.0 * (a - b).abs() / (a.abs() + b.abs())
                }
            })
            .sum::<f64>()
            / h as f64;
        let scale = (12..train.len())
            .map(|t| (train[t] - train[t - 12]).abs())
            .sum::<f64>()
            / (train.len() - 12) as f64;
        let mae = test
            .iter()
            .zip(&f.point)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / h as f64;
        let c = test
            .iter()
            .enumerate()
            .filter(|(i, a)| **a >= f.intervals[0].lower[*i] && **a <= f.intervals[0].upper[*i])
            .count() as f64
            / h as f64;
        smape += s;
        if scale > 0.0 {
            mase += mae / scale;
        }
        cov += c;
        count += 1.0;
    }
    println!(
        "{} series: sMAPE {:.3} MASE {:.4} cov95 {:.3}  {:.1} ms/series",
        count,
        smape / count,
        mase / count,
        cov / count,
        t.elapsed().as_secs_f64() * 1e3 / count
    );
}
