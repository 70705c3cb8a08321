//! Statistical forecasts of the months left in the year: the [`Forecaster`] / [`Fitted`] interface
//! every model implements, and the [`Forecast`] it returns (point forecasts, prediction intervals
//! at requested levels, seeded sample paths) with the model's [`ModelInfo`].
//!
//! A series is a plain sequence with a seasonal `period`: 12 for single months, 11 when January and
//! February are reported together (each year's first value covers both). `phase` says where in the
//! year the first value falls (0 = the year's first period), which the pace model needs and the
//! others ignore. Levels are percentages (80, 95), as in R `forecast` and statsforecast.
//!
//! # Example
//! ```
//! use gapcast::forecast::{Forecaster, SeriesInput, naive::SeasonalNaive};
//! let y: Vec<f64> = (0..36).map(|t| 100.0 + (t % 12) as f64).collect();
//! let fitted = SeasonalNaive::default().fit(&SeriesInput::new(&y, 12)).unwrap();
//! let f = fitted.predict(12, &[80.0]);
//! assert_eq!(f.point[0], 100.0);
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;

use crate::error::{Error, Notice, Place, Problem, ProblemKind};

pub mod backtest;
pub mod ets;
pub mod festival;
pub mod method;
pub mod naive;
pub mod optim;
pub mod pace;
pub mod stats;
pub mod theta;

/// The longest horizon a forecast may ask for.
pub const MAX_HORIZON: usize = 60;
/// The most sample paths one call may ask for.
pub const MAX_PATHS: usize = 100_000;

/// A series to fit: values, seasonal period, and the position in the year of the first value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeriesInput<'a> {
    /// Observations, oldest first; finite.
    pub values: &'a [f64],
    /// Seasonal period: 12 (months) or 11 (January–February combined); 1 for none.
    pub period: usize,
    /// 0-based position within the year of `values[0]`.
    pub phase: usize,
}

impl<'a> SeriesInput<'a> {
    /// A series starting at the first period of a year.
    pub fn new(values: &'a [f64], period: usize) -> Self {
        SeriesInput {
            values,
            period,
            phase: 0,
        }
    }

    /// Number of observations.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no observations.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Number of complete seasonal cycles in the data.
    pub fn full_cycles(&self) -> usize {
        self.values.len() / self.period.max(1)
    }
}

/// A prediction interval at one level.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interval {
    /// Level in %, e.g. 95.
    pub level: f64,
    /// Lower bound per step.
    pub lower: Vec<f64>,
    /// Upper bound per step.
    pub upper: Vec<f64>,
}

/// Point forecasts and intervals for steps 1..=h.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Forecast {
    /// Point forecast (the mean, or the median where the model says so) per step.
    pub point: Vec<f64>,
    /// One interval per requested level, in the order asked.
    pub intervals: Vec<Interval>,
}

/// What was fitted, for the user and for model selection.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelInfo {
    /// Method family: `ets`, `theta`, `snaive`, `pace`, `combo`.
    pub method: &'static str,
    /// The fitted model's name, e.g. `ETS(M,Ad,M)`.
    pub model: String,
    /// Named parameters (smoothing parameters, damping, drift, θ, …).
    pub params: BTreeMap<String, f64>,
    /// Log-likelihood, where the model has one.
    pub log_likelihood: Option<f64>,
    /// AIC, where the model has a likelihood.
    pub aic: Option<f64>,
    /// AICc (small-sample AIC), used for selection within the ETS family.
    pub aicc: Option<f64>,
    /// Innovation variance (on the scale of the errors: relative for multiplicative errors).
    pub sigma2: f64,
    /// One-step fitted values, one per observation (NaN where the model has none).
    pub fitted: Vec<f64>,
    /// Fallbacks and exclusions, said in both languages (e.g. too short for seasonal models).
    pub notes: Vec<Notice>,
}

/// A fitted model: predicts, and draws sample paths.
pub trait Fitted: Debug + Send + Sync {
    /// The model, its parameters and its fit.
    fn info(&self) -> &ModelInfo;

    /// Point forecasts and intervals for `h` steps at `levels` (in %, each in (0, 100)).
    fn predict(&self, h: usize, levels: &[f64]) -> Forecast;

    /// `n` sample paths of `h` steps, row-major (`n × h`), reproducible from `seed`.
    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64>;
}

/// A forecasting method: fits a series.
pub trait Forecaster: Debug + Send + Sync {
    /// Fits the series.
    ///
    /// # Errors
    /// When the series cannot be fitted at all (empty); a series too short for the method falls back
    /// to a simpler model and says so in [`ModelInfo::notes`].
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error>;
}

/// A fitted model with extra notes (fallbacks decided by a wrapper) added to its info.
#[derive(Debug)]
pub struct WithNotes {
    inner: Box<dyn Fitted>,
    info: ModelInfo,
}

impl WithNotes {
    /// Wraps `inner`, appending `notes` to its notes.
    pub fn new(inner: Box<dyn Fitted>, notes: Vec<Notice>) -> Self {
        let mut info = inner.info().clone();
        info.notes.extend(notes);
        WithNotes { inner, info }
    }

    /// Reports the fit under another method's name (a method that fell back to a simpler one).
    pub fn with_method(mut self, method: &'static str) -> Self {
        self.info.method = method;
        self
    }
}

impl Fitted for WithNotes {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        self.inner.predict(h, levels)
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        self.inner.sample_paths(h, n, seed)
    }
}

/// Checks a series before fitting: not empty, every value finite and at most [`crate::series::MAX_VALUE`]
/// in size. Problems name the series and the index.
///
/// # Errors
/// [`Error::Invalid`] listing every bad value (at most 20, then the count is implied by the first).
pub fn check_series(id: &str, values: &[f64]) -> Result<(), Error> {
    let at = |index| Place::Series {
        series: id.to_string(),
        index,
    };
    if values.is_empty() {
        return Err(Problem::new(at(None), ProblemKind::SeriesEmpty).into());
    }
    let problems: Vec<Problem> = values
        .iter()
        .enumerate()
        .filter_map(|(i, &v)| {
            if !v.is_finite() {
                Some(Problem::new(at(Some(i)), ProblemKind::NotFinite))
            } else if v.abs() > crate::series::MAX_VALUE {
                Some(Problem::new(
                    at(Some(i)),
                    ProblemKind::TooLarge {
                        value: v,
                        max: crate::series::MAX_VALUE,
                    },
                ))
            } else {
                None
            }
        })
        .take(20)
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Checks a horizon and interval levels.
///
/// # Errors
/// `forecast.horizon` for h outside 1..=[`MAX_HORIZON`], `forecast.level` for a level outside (0, 100).
pub fn check_options(h: i64, levels: &[f64]) -> Result<(), Error> {
    let mut problems = Vec::new();
    if !(1..=MAX_HORIZON as i64).contains(&h) {
        problems.push(Problem::new(
            Place::Option("horizon"),
            ProblemKind::HorizonOutOfRange {
                value: h,
                max: MAX_HORIZON as i64,
            },
        ));
    }
    for &level in levels {
        if !(level > 0.0 && level < 100.0) {
            problems.push(Problem::new(
                Place::Option("levels"),
                ProblemKind::LevelOutOfRange { value: level },
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(problems))
    }
}

/// Empirical intervals from sample paths: for each level, the (1−level)/2 and (1+level)/2 quantiles
/// of the paths at each step (R type 7 quantiles).
pub fn intervals_from_paths(paths: &[f64], h: usize, levels: &[f64]) -> Vec<Interval> {
    let n = paths.len().checked_div(h).unwrap_or(0);
    let columns: Vec<Vec<f64>> = (0..h)
        .map(|j| (0..n).map(|i| paths[i * h + j]).collect())
        .collect();
    levels
        .iter()
        .map(|&level| {
            let lo = (1.0 - level / 100.0) / 2.0;
            let hi = 1.0 - lo;
            Interval {
                level,
                lower: columns
                    .iter()
                    .map(|c| stats::quantile_unsorted(c, lo))
                    .collect(),
                upper: columns
                    .iter()
                    .map(|c| stats::quantile_unsorted(c, hi))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Lang;

    #[test]
    fn bad_series_and_options_are_named() {
        let e = check_series("N1234", &[1.0, f64::NAN, 3.0]).unwrap_err();
        assert_eq!(e.code(), "forecast.notFinite");
        insta::assert_snapshot!(e.localized(Lang::En), @r#"series "N1234", value #2: is not a number; enter a finite number"#);
        insta::assert_snapshot!(e.localized(Lang::Zh), @"序列「N1234」第 2 个值：不是有效数字，请输入有限的数值");
        assert_eq!(
            check_series("x", &[]).unwrap_err().code(),
            "forecast.seriesEmpty"
        );
        let e = check_options(0, &[80.0, 100.0]).unwrap_err();
        let codes: Vec<_> = e.problems().iter().map(|p| p.code()).collect();
        assert_eq!(codes, vec!["forecast.horizon", "forecast.level"]);
        insta::assert_snapshot!(e.localized(Lang::Zh), @r"
        共 2 处问题：
        - 选项 预测步数：0 超出 1–60 步的范围
        - 选项 区间置信水平：100 不是有效的置信水平，请填大于 0、小于 100 的百分数，如 80 或 95
        ");
        assert!(check_options(61, &[]).is_err());
        assert!(check_options(60, &[0.5, 99.9]).is_ok());
    }

    #[test]
    fn intervals_from_paths_are_quantiles_per_step() {
        // 101 paths of 2 steps: step 1 = 0..=100, step 2 = 2 × that
        let paths: Vec<f64> = (0..=100).flat_map(|i| [i as f64, 2.0 * i as f64]).collect();
        let iv = intervals_from_paths(&paths, 2, &[80.0]);
        let close = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-9);
        assert!(close(&iv[0].lower, &[10.0, 20.0]), "{:?}", iv[0].lower);
        assert!(close(&iv[0].upper, &[90.0, 180.0]), "{:?}", iv[0].upper);
    }
}
