//! The forecasting methods offered to the user, by name, and the one entry point the CLI, the
//! binding and the page call: [`forecast_series`].
//!
//! | method | what |
//! |---|---|
//! | `ets` | AutoETS (R `forecast::ets`), chosen by AICc |
//! | `theta` | the Theta method (R `forecast::thetaf`) |
//! | `snaive` | seasonal naive |
//! | `pace` | the seasonal-share method offices use (the baseline) |
//! | `combo` | the mean of ETS and Theta: point forecasts averaged, interval bounds averaged (quantile averaging), paths averaged under common random numbers |
//! | `auto` | per series, the method (ets, theta, combo, snaive) with the lowest mean MASE over rolling origins on the series' own history |
//!
//! Combining ETS and Theta is the classic robust choice on monthly competition data (the "SHD"/
//! "Comb" benchmarks of the M3 and M4 competitions, Makridakis et al. 2020).
//!
//! # Example
//! ```
//! use gapcast::forecast::method::{forecast_series, ForecastOptions, Method};
//! let y: Vec<f64> = (0..48).map(|t| 100.0 + t as f64 + 8.0 * ((t % 12) as f64)).collect();
//! let opts = ForecastOptions { method: Method::Combo, horizon: 6, ..ForecastOptions::default() };
//! let out = forecast_series("demo", &y, &opts)?;
//! assert_eq!(out.point.len(), 6);
//! assert_eq!(out.info.method, "combo");
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ets::AutoEts;
use super::naive::SeasonalNaive;
use super::pace::Pace;
use super::theta::Theta;
use super::{
    check_options, check_series, Fitted, Forecast, Forecaster, Interval, ModelInfo, SeriesInput,
    MAX_PATHS,
};
use crate::error::{Error, Notice, Place, Problem, ProblemKind};

/// A forecasting method, by the name the user gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// Chosen per series by backtest.
    Auto,
    /// AutoETS.
    Ets,
    /// Theta.
    Theta,
    /// Seasonal naive.
    Snaive,
    /// Seasonal share (pace).
    Pace,
    /// Mean of ETS and Theta.
    Combo,
}

impl Method {
    /// The method's name.
    pub fn name(&self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Ets => "ets",
            Method::Theta => "theta",
            Method::Snaive => "snaive",
            Method::Pace => "pace",
            Method::Combo => "combo",
        }
    }
}

impl Method {
    /// The method's name in Chinese, for messages.
    pub fn name_zh(&self) -> &'static str {
        match self {
            Method::Auto => "自动选择",
            Method::Ets => "ETS 指数平滑",
            Method::Theta => "Theta 法",
            Method::Snaive => "季节朴素法",
            Method::Pace => "季节进度法",
            Method::Combo => "ETS 与 Theta 组合",
        }
    }
}

impl FromStr for Method {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim() {
            "auto" => Ok(Method::Auto),
            "ets" => Ok(Method::Ets),
            "theta" => Ok(Method::Theta),
            "snaive" => Ok(Method::Snaive),
            "pace" => Ok(Method::Pace),
            "combo" => Ok(Method::Combo),
            other => Err(Problem::new(
                Place::Option("method"),
                ProblemKind::UnknownMethod {
                    found: other.to_string(),
                },
            )
            .into()),
        }
    }
}

/// What to forecast and how.
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `method` | auto | which method | see [`Method`] |
/// | `horizon` | 12 | steps ahead | 1..=60 |
/// | `levels` | 80, 95 | interval levels, % | (0, 100) |
/// | `period` | 12 | seasonal period (11: Jan–Feb combined) | ≥ 1 |
/// | `phase` | 0 | position in the year of the first value (pace) | 0..period |
/// | `paths` | 0 | sample paths to return | 0..=100 000 |
/// | `seed` | 1 | seed of the paths | any |
#[derive(Debug, Clone, PartialEq)]
pub struct ForecastOptions {
    /// Method.
    pub method: Method,
    /// Steps ahead.
    pub horizon: usize,
    /// Interval levels in %.
    pub levels: Vec<f64>,
    /// Seasonal period.
    pub period: usize,
    /// Position in the year of the first value.
    pub phase: usize,
    /// Sample paths to return (0 = none).
    pub paths: usize,
    /// Seed of the paths.
    pub seed: u64,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        ForecastOptions {
            method: Method::Auto,
            horizon: 12,
            levels: vec![80.0, 95.0],
            period: 12,
            phase: 0,
            paths: 0,
            seed: 1,
        }
    }
}

/// The result for one series: the model, its forecast and (optionally) sample paths.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ForecastOutput {
    /// The fitted model.
    #[serde(flatten)]
    pub info: ModelInfo,
    /// Point forecasts, steps 1..=h.
    pub point: Vec<f64>,
    /// Intervals, one per level.
    pub intervals: Vec<Interval>,
    /// Sample paths, row-major `paths × h` (empty when none were asked for).
    pub paths: Vec<f64>,
    /// For `auto`: each candidate's mean MASE on the backtest.
    pub backtest: BTreeMap<String, f64>,
}

/// The forecaster behind a method (`auto` is resolved by [`forecast_series`]).
pub fn forecaster(method: Method) -> Box<dyn Forecaster> {
    match method {
        Method::Ets | Method::Auto => Box::new(AutoEts::default()),
        Method::Theta => Box::new(Theta::default()),
        Method::Snaive => Box::new(SeasonalNaive::default()),
        Method::Pace => Box::new(Pace::default()),
        Method::Combo => Box::new(Combo),
    }
}

/// Mean of AutoETS and Theta.
#[derive(Debug, Clone, Copy, Default)]
pub struct Combo;

/// A fitted combination.
#[derive(Debug)]
pub struct ComboFit {
    parts: Vec<Box<dyn Fitted>>,
    info: ModelInfo,
}

impl ComboFit {
    /// Combines fitted models with equal weights.
    pub fn new(parts: Vec<Box<dyn Fitted>>) -> Self {
        let k = parts.len() as f64;
        let n = parts[0].info().fitted.len();
        let fitted = (0..n)
            .map(|t| parts.iter().map(|p| p.info().fitted[t]).sum::<f64>() / k)
            .collect();
        let mut params = BTreeMap::new();
        let mut notes: Vec<Notice> = Vec::new();
        for p in &parts {
            for (name, value) in &p.info().params {
                params.insert(format!("{}.{name}", p.info().method), *value);
            }
            notes.extend(p.info().notes.iter().cloned());
        }
        let names: Vec<&str> = parts.iter().map(|p| p.info().model.as_str()).collect();
        let info = ModelInfo {
            method: "combo",
            model: format!("Combo({})", names.join(" + ")),
            params,
            log_likelihood: None,
            aic: None,
            aicc: None,
            sigma2: parts.iter().map(|p| p.info().sigma2).sum::<f64>() / k,
            fitted,
            notes,
        };
        ComboFit { parts, info }
    }
}

impl Forecaster for Combo {
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
        let ets = AutoEts::default().fit(series)?;
        let theta = Theta::default().fit(series)?;
        Ok(Box::new(ComboFit::new(vec![ets, theta])))
    }
}

fn average_forecasts(forecasts: &[Forecast]) -> Forecast {
    let k = forecasts.len() as f64;
    let h = forecasts[0].point.len();
    let mean = |get: &dyn Fn(&Forecast) -> &Vec<f64>| -> Vec<f64> {
        (0..h)
            .map(|j| forecasts.iter().map(|f| get(f)[j]).sum::<f64>() / k)
            .collect()
    };
    let point = mean(&|f| &f.point);
    let intervals = (0..forecasts[0].intervals.len())
        .map(|i| Interval {
            level: forecasts[0].intervals[i].level,
            lower: mean(&|f| &f.intervals[i].lower),
            upper: mean(&|f| &f.intervals[i].upper),
        })
        .collect();
    Forecast { point, intervals }
}

impl Fitted for ComboFit {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        let parts: Vec<Forecast> = self.parts.iter().map(|p| p.predict(h, levels)).collect();
        average_forecasts(&parts)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        // Common random numbers: every part draws with the same seed, so paths pair up.
        let all: Vec<Vec<f64>> = self
            .parts
            .iter()
            .map(|p| p.sample_paths(h, n, seed))
            .collect();
        let k = all.len() as f64;
        (0..n * h)
            .map(|i| all.iter().map(|p| p[i]).sum::<f64>() / k)
            .collect()
    }
}

/// Mean absolute scaled error of a forecast against actuals (scale: in-sample seasonal naive).
fn mase(train: &[f64], actual: &[f64], forecast: &[f64], period: usize) -> Option<f64> {
    let lag = if train.len() > period { period } else { 1 };
    if train.len() <= lag {
        return None;
    }
    let scale = (lag..train.len())
        .map(|t| (train[t] - train[t - lag]).abs())
        .sum::<f64>()
        / (train.len() - lag) as f64;
    if !(scale > 0.0) {
        return None;
    }
    let mae = actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| (a - f).abs())
        .sum::<f64>()
        / actual.len() as f64;
    Some(mae / scale)
}

/// Rolling origins for `auto`: the last `ORIGINS` cut-offs, `step` apart, each leaving `horizon`
/// points to score and at least two seasons to train on.
const ORIGINS: usize = 3;

fn choose_by_backtest(series: &SeriesInput<'_>, horizon: usize) -> (Method, BTreeMap<String, f64>) {
    let y = series.values;
    let p = series.period.max(1);
    let h = horizon.min(p.max(6)).max(1);
    let step = (h / 2).max(1);
    let mut totals: BTreeMap<&'static str, (f64, usize)> = BTreeMap::new();
    for o in 0..ORIGINS {
        let cut = match y.len().checked_sub(h + o * step) {
            Some(c) if c >= 2 * p + 2 => c,
            _ => break,
        };
        let train = SeriesInput {
            values: &y[..cut],
            period: series.period,
            phase: series.phase,
        };
        let actual = &y[cut..cut + h];
        let ets = AutoEts::default().fit(&train);
        let theta = Theta::default().fit(&train);
        let snaive = SeasonalNaive::default().fit(&train);
        let (Ok(ets), Ok(theta), Ok(snaive)) = (ets, theta, snaive) else {
            continue;
        };
        let fe = ets.predict(h, &[]);
        let ft = theta.predict(h, &[]);
        let fc = average_forecasts(&[fe.clone(), ft.clone()]);
        let fs = snaive.predict(h, &[]);
        for (name, f) in [
            ("ets", &fe),
            ("theta", &ft),
            ("combo", &fc),
            ("snaive", &fs),
        ] {
            if let Some(score) = mase(&y[..cut], actual, &f.point, p) {
                let entry = totals.entry(name).or_insert((0.0, 0));
                entry.0 += score;
                entry.1 += 1;
            }
        }
    }
    let scores: BTreeMap<String, f64> = totals
        .iter()
        .map(|(k, (s, n))| (k.to_string(), s / *n as f64))
        .collect();
    // Too short to backtest: the seasonal share when a full year gives a shape, else the combination.
    let fallback = if series.full_cycles() >= 1 && p > 1 {
        Method::Pace
    } else {
        Method::Combo
    };
    let best = scores
        .iter()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(name, _)| name.parse().unwrap_or(fallback))
        .unwrap_or(fallback);
    (best, scores)
}

/// Checks the inputs, fits the method and forecasts.
///
/// # Errors
/// `forecast.*` problems naming the series and index (non-finite values, empty series) or the option
/// (horizon outside 1..=60, a level outside (0, 100), too many paths).
pub fn forecast_series(
    id: &str,
    values: &[f64],
    opts: &ForecastOptions,
) -> Result<ForecastOutput, Error> {
    check_series(id, values)?;
    check_options(opts.horizon as i64, &opts.levels)?;
    if opts.paths > MAX_PATHS {
        return Err(Problem::new(
            Place::Option("paths"),
            ProblemKind::CountOutOfRange {
                value: opts.paths as i64,
                min: 0,
                max: MAX_PATHS as i64,
            },
        )
        .into());
    }
    let series = SeriesInput {
        values,
        period: opts.period.max(1),
        phase: opts.phase,
    };
    let (method, backtest) = match opts.method {
        Method::Auto => choose_by_backtest(&series, opts.horizon),
        other => (other, BTreeMap::new()),
    };
    let fitted = forecaster(method).fit(&series)?;
    let forecast = fitted.predict(opts.horizon, &opts.levels);
    let paths = if opts.paths > 0 {
        fitted.sample_paths(opts.horizon, opts.paths, opts.seed)
    } else {
        Vec::new()
    };
    let mut info = fitted.info().clone();
    if opts.method == Method::Auto && backtest.is_empty() {
        info.notes.push(Notice {
            code: "forecast.autoTooShort",
            en: format!(
                "too little history to compare methods by backtest: auto uses {}",
                method.name()
            ),
            zh: format!(
                "历史数据太短，无法回测比较各方法：自动方法采用{}",
                method.name_zh()
            ),
        });
    } else if opts.method == Method::Auto {
        info.notes.push(Notice {
            code: "forecast.autoChoice",
            en: format!(
                "auto chose {} by the lowest mean MASE over rolling origins on this series",
                method.name()
            ),
            zh: format!(
                "自动方法按本序列滚动回测的平均 MASE 最低选择了{}",
                method.name_zh()
            ),
        });
    }
    Ok(ForecastOutput {
        info,
        point: forecast.point,
        intervals: forecast.intervals,
        paths,
        backtest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seasonal(n: usize) -> Vec<f64> {
        (0..n)
            .map(|t| {
                200.0
                    + 2.0 * t as f64
                    + 30.0 * ((t % 12) as f64 / 12.0 * std::f64::consts::TAU).sin()
                    + ((t * 7919) % 13) as f64
            })
            .collect()
    }

    #[test]
    fn every_method_forecasts_with_nested_intervals() {
        let y = seasonal(72);
        for method in [
            Method::Auto,
            Method::Ets,
            Method::Theta,
            Method::Snaive,
            Method::Pace,
            Method::Combo,
        ] {
            let opts = ForecastOptions {
                method,
                horizon: 12,
                paths: 50,
                ..ForecastOptions::default()
            };
            let out = forecast_series("s", &y, &opts).unwrap();
            assert_eq!(out.point.len(), 12, "{method:?}");
            assert_eq!(out.paths.len(), 50 * 12, "{method:?}");
            for k in 0..12 {
                assert!(
                    out.intervals[1].lower[k] <= out.intervals[0].lower[k] + 1e-9,
                    "{method:?}"
                );
                assert!(
                    out.intervals[0].upper[k] <= out.intervals[1].upper[k] + 1e-9,
                    "{method:?}"
                );
            }
            let again = forecast_series("s", &y, &opts).unwrap();
            // compared as JSON: fitted values start with NaN (no forecast), and NaN ≠ NaN
            let json = |o: &ForecastOutput| serde_json::to_string(o).unwrap();
            assert_eq!(json(&out), json(&again), "{method:?} is reproducible");
        }
    }

    #[test]
    fn combo_is_the_mean_of_its_parts() {
        let y = seasonal(60);
        let s = SeriesInput::new(&y, 12);
        let e = AutoEts::default().fit(&s).unwrap().predict(6, &[95.0]);
        let t = Theta::default().fit(&s).unwrap().predict(6, &[95.0]);
        let c = Combo.fit(&s).unwrap().predict(6, &[95.0]);
        for k in 0..6 {
            assert!((c.point[k] - (e.point[k] + t.point[k]) / 2.0).abs() < 1e-9);
            assert!(
                (c.intervals[0].upper[k]
                    - (e.intervals[0].upper[k] + t.intervals[0].upper[k]) / 2.0)
                    .abs()
                    < 1e-9
            );
        }
    }

    #[test]
    fn auto_reports_its_backtest_and_choice() {
        let out = forecast_series("s", &seasonal(96), &ForecastOptions::default()).unwrap();
        assert_eq!(out.backtest.len(), 4, "{:?}", out.backtest);
        assert!(out
            .info
            .notes
            .iter()
            .any(|n| n.code == "forecast.autoChoice"));
        let best = out
            .backtest
            .iter()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .unwrap()
            .0;
        assert_eq!(out.info.method, best.as_str());
    }

    #[test]
    fn bad_options_are_named() {
        let y = seasonal(30);
        let e = forecast_series(
            "s",
            &y,
            &ForecastOptions {
                horizon: 0,
                ..ForecastOptions::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), "forecast.horizon");
        let e = forecast_series(
            "s",
            &y,
            &ForecastOptions {
                levels: vec![120.0],
                ..ForecastOptions::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), "forecast.level");
        let e = forecast_series(
            "s",
            &y,
            &ForecastOptions {
                paths: 1_000_001,
                ..ForecastOptions::default()
            },
        )
        .unwrap_err();
        assert_eq!(e.code(), "forecast.count");
        assert_eq!(
            "bogus".parse::<Method>().unwrap_err().code(),
            "forecast.method"
        );
        let e =
            forecast_series("N7", &[1.0, f64::INFINITY], &ForecastOptions::default()).unwrap_err();
        assert_eq!(e.problems()[0].path(), "values[1]");
    }
}
