use gapcast::batch::{forecast_all, parse_long_csv, NamedSeries};
use gapcast::forecast::method::{ForecastOptions, Method};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let h: usize = args[2].parse().unwrap();
    let all = parse_long_csv(&text).unwrap();
    let train: Vec<NamedSeries> = all
        .iter()
        .map(|s| NamedSeries {
            id: s.id.clone(),
            values: s.values[..s.values.len() - h].to_vec(),
        })
        .collect();
    let run = |m| {
        forecast_all(
            &train,
            &ForecastOptions {
                method: m,
                horizon: h,
                levels: vec![],
                ..Default::default()
            },
            2,
        )
    };
    let (e, t, s) = (run(Method::Ets), run(Method::Theta), run(Method::Snaive));
    let variants: Vec<(&str, Box<dyn Fn(f64, f64, f64) -> f64>)> = vec![
        ("ets", Box::new(|a, _, _| a)),
        ("e+t", Box::new(|a, b, _| (a + b) / 2.0)),
        ("e+t+s", Box::new(|a, b, c| (a + b + c) / 3.0)),
        (
            "median",
            Box::new(|a: f64, b: f64, c: f64| a.max(b).min(a.min(b).max(c))),
        ),
        ("2e+t", Box::new(|a, b, _| (2.0 * a + b) / 3.0)),
    ];
    for (name, f) in variants {
        let (mut sm, mut ma, mut n) = (0.0, 0.0, 0.0);
        for (i, s0) in all.iter().enumerate() {
            let test = &s0.values[s0.values.len() - h..];
            let y = &train[i].values;
            let (fe, ft, fs) = (
                &e[i].as_ref().unwrap().point,
                &t[i].as_ref().unwrap().point,
                &s[i].as_ref().unwrap().point,
            );
            let p: Vec<f64> = (0..h).map(|k| f(fe[k], ft[k], fs[k])).collect();
            sm += test
                .iter()
                .zip(&p)
                .map(|(a, b)| {
                    if a.abs() + b.abs() == 0.0 {
                        0.0
                    } else {
                        200.0 * (a - b).abs() / (a.abs() + b.abs())
                    }
                })
                .sum::<f64>()
                / h as f64;
            let scale = (12..y.len()).map(|t| (y[t] - y[t - 12]).abs()).sum::<f64>()
                / (y.len() - 12) as f64;
            if scale > 0.0 {
                ma +=
                    test.iter().zip(&p).map(|(a, b)| (a - b).abs()).sum::<f64>() / h as f64 / scale;
            }
            n += 1.0;
        }
        println!("{name:8} sMAPE {:.3} MASE {:.4}", sm / n, ma / n);
    }
}
