//! Quick accuracy probe for tuning: a method on a bench-data set (train on all but the last h),
//! sMAPE, MASE (period 12), coverage of the 80 % and 95 % intervals. The benchmark proper, against
//! statsforecast, is scripts/bench-accuracy.sh.
use gapcast::batch::{forecast_all, parse_long_csv, NamedSeries};
use gapcast::forecast::method::{ForecastOptions, Method};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let h: usize = args[2].parse().unwrap();
    let method: Method = args
        .get(3)
        .map(|m| m.parse().unwrap())
        .unwrap_or(Method::Auto);
    let all = parse_long_csv(&text).unwrap();
    let train: Vec<NamedSeries> = all
        .iter()
        .map(|s| NamedSeries {
            id: s.id.clone(),
            values: s.values[..s.values.len() - h].to_vec(),
        })
        .collect();
    let opts = ForecastOptions {
        method,
        horizon: h,
        ..ForecastOptions::default()
    };
    let t = std::time::Instant::now();
    let results = forecast_all(&train, &opts, 2);
    let secs = t.elapsed().as_secs_f64();
    let (mut smape, mut mase, mut c80, mut c95, mut n) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for ((s, tr), r) in all.iter().zip(&train).zip(&results) {
        let f = r.as_ref().unwrap();
        let test = &s.values[s.values.len() - h..];
        let y = &tr.values;
        smape += test
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
        let scale =
            (12..y.len()).map(|t| (y[t] - y[t - 12]).abs()).sum::<f64>() / (y.len() - 12) as f64;
        let mae = test
            .iter()
            .zip(&f.point)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / h as f64;
        if scale > 0.0 {
            mase += mae / scale;
        }
        let cover = |i: usize| {
            test.iter()
                .enumerate()
                .filter(|(k, a)| **a >= f.intervals[i].lower[*k] && **a <= f.intervals[i].upper[*k])
                .count() as f64
                / h as f64
        };
        c80 += cover(0);
        c95 += cover(1);
        n += 1.0;
    }
    println!("{:6} {:5} series: sMAPE {:.3} MASE {:.4} cov80 {:.3} cov95 {:.3}  {:.1} ms/series (2 threads)", method.name(), n, smape / n, mase / n, c80 / n, c95 / n, secs * 1e3 / n);
}
