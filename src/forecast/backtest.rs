//! Backtests: the accuracy metrics (sMAPE, MASE, MAPE, interval coverage), rolling-origin
//! evaluation of a [`Forecaster`] on a series' own history, and the annual-total task (how well a
//! method estimates the year's total from the months reported so far).
//!
//! The metrics follow the definitions in `bench-data/README.md`, so that figures compare with the
//! published M1 / tourism results: sMAPE = mean over h of 200·|y − f| / (|y| + |f|) (a term with
//! y = f = 0 counts 0), MASE = mean |y − f| over the in-sample mean |y_t − y_{t−m}| (Hyndman &
//! Koehler 2006), coverage = share of actuals inside the interval. MAPE and coverage are in percent,
//! like sMAPE and like interval levels. Every function returns NaN where a figure is undefined
//! (no data, no scale) and never panics; the means skip NaN and say how many values they used.
//!
//! [`rolling_origin`] is cheap enough to choose a model per series: one fit and one predict per
//! origin, metrics computed on slices without further allocation. [`annual_total`] refits once per
//! (year, cutoff) pair, as a district would every month.
//!
//! # Example
//! ```
//! use gapcast::forecast::{SeriesInput, naive::SeasonalNaive};
//! use gapcast::forecast::backtest::{annual_total, rolling_origin, smape, YearAlignment};
//! assert!((smape(&[100.0], &[110.0]) - 200.0 * 10.0 / 210.0).abs() < 1e-12);
//!
//! // A series that repeats every 12 months: seasonal naive is exact.
//! let y: Vec<f64> = (0..60).map(|t| 100.0 + (t % 12) as f64).collect();
//! let series = SeriesInput::new(&y, 12);
//! let report = rolling_origin(&SeasonalNaive::default(), &series, 12, 3, 1, &[80.0]);
//! assert_eq!((report.used, report.mean.smape, report.mean.mase), (3, 0.0, 0.0));
//! let annual = annual_total(&SeasonalNaive::default(), &series, 2, YearAlignment::Calendar);
//! assert_eq!(annual.mean_ape, vec![0.0; 11]); // cutoffs k = 1..=11
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::Serialize;

use super::{Forecaster, SeriesInput};

/// Symmetric MAPE in percent: mean over the steps of `200·|y − f| / (|y| + |f|)`, a step with
/// `y = f = 0` counting 0 (M3 / bench-data definition, range 0..=200).
///
/// Pairs `actual[i]`, `forecast[i]` up to the shorter length. NaN when there are no pairs, or when a
/// value is NaN.
pub fn smape(actual: &[f64], forecast: &[f64]) -> f64 {
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return f64::NAN;
    }
    let sum: f64 = actual
        .iter()
        .zip(forecast)
        .map(|(&y, &f)| {
            if y == 0.0 && f == 0.0 {
                0.0
            } else {
                200.0 * (y - f).abs() / (y.abs() + f.abs())
            }
        })
        .sum();
    sum / n as f64
}

/// Mean of `|x_t − x_{t−lag}|` over t = lag..n (NaN when `x.len() <= lag`).
fn mean_abs_diff(x: &[f64], lag: usize) -> f64 {
    if lag == 0 || x.len() <= lag {
        return f64::NAN;
    }
    let sum: f64 = x.iter().zip(&x[lag..]).map(|(a, b)| (b - a).abs()).sum();
    sum / (x.len() - lag) as f64
}

/// The MASE scale of a training series: the in-sample mean `|y_t − y_{t−period}|` of the seasonal
/// naive forecast (Hyndman & Koehler 2006).
///
/// Falls back to the lag-1 (naive) scale `mean |y_t − y_{t−1}|` when the seasonal scale is 0 (an
/// exactly periodic history) or undefined (fewer than `period + 1` values); `period` 0 counts as 1.
/// NaN when neither scale is above 0 (a constant series, or fewer than 2 values), so that MASE is
/// then NaN rather than infinite.
pub fn mase_scale(train: &[f64], period: usize) -> f64 {
    let seasonal = mean_abs_diff(train, period.max(1));
    if seasonal > 0.0 && seasonal.is_finite() {
        return seasonal;
    }
    let naive = mean_abs_diff(train, 1);
    if naive > 0.0 && naive.is_finite() {
        naive
    } else {
        f64::NAN
    }
}

/// Mean absolute scaled error: mean over the steps of `|y − f|`, divided by
/// [`mase_scale`]`(train, period)` (with its lag-1 fallback).
///
/// Pairs up to the shorter of `actual` and `forecast`. NaN when there are no pairs or no scale.
pub fn mase(actual: &[f64], forecast: &[f64], train: &[f64], period: usize) -> f64 {
    mase_with_scale(actual, forecast, mase_scale(train, period))
}

fn mean_abs_error(actual: &[f64], forecast: &[f64]) -> f64 {
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return f64::NAN;
    }
    let sum: f64 = actual
        .iter()
        .zip(forecast)
        .map(|(y, f)| (y - f).abs())
        .sum();
    sum / n as f64
}

fn mase_with_scale(actual: &[f64], forecast: &[f64], scale: f64) -> f64 {
    mean_abs_error(actual, forecast) / scale
}

/// Mean absolute percentage error in percent: mean of `100·|y − f| / |y|` over the steps whose
/// actual is not 0 (a zero actual has no percentage error and is left out).
///
/// Pairs up to the shorter length. NaN when there is no step with a non-zero actual.
pub fn mape(actual: &[f64], forecast: &[f64]) -> f64 {
    let (sum, n) = actual
        .iter()
        .zip(forecast)
        .filter(|(y, _)| **y != 0.0)
        .fold((0.0, 0usize), |(s, n), (y, f)| {
            (s + 100.0 * (y - f).abs() / y.abs(), n + 1)
        });
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// Interval coverage in percent: the share of steps with `lower ≤ actual ≤ upper` (bounds
/// included; a NaN bound covers nothing).
///
/// Uses the shortest of the three slices. NaN when it is empty.
pub fn coverage(actual: &[f64], lower: &[f64], upper: &[f64]) -> f64 {
    let n = actual.len().min(lower.len()).min(upper.len());
    if n == 0 {
        return f64::NAN;
    }
    let inside = actual
        .iter()
        .zip(lower)
        .zip(upper)
        .filter(|((y, lo), hi)| *lo <= *y && *y <= *hi)
        .count();
    100.0 * inside as f64 / n as f64
}

/// Mean of the finite values, and how many there were (NaN, 0 when none).
fn finite_mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values
        .filter(|v| v.is_finite())
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

/// The fewest training values an origin may leave: one full season plus one value (so that the
/// seasonal MASE scale exists), and at least 3.
pub fn min_train(period: usize) -> usize {
    period.saturating_add(1).max(3)
}

/// Scores of one forecast against the held-out values.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scores {
    /// sMAPE, percent (0..=200).
    pub smape: f64,
    /// MASE (seasonal scale, lag-1 fallback; see [`mase_scale`]).
    pub mase: f64,
    /// MAPE, percent, over non-zero actuals.
    pub mape: f64,
    /// Coverage in percent, one per requested level, in the order asked.
    pub coverage: Vec<f64>,
}

/// One rolling origin: where it cut the series, and its scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OriginScore {
    /// Number of training values (the forecast starts at this index).
    pub train_len: usize,
    /// Scores over the `horizon` values after the origin.
    pub scores: Scores,
}

/// Result of [`rolling_origin`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BacktestReport {
    /// Steps forecast at each origin.
    pub horizon: usize,
    /// Interval levels scored, in %.
    pub levels: Vec<f64>,
    /// Origins asked for.
    pub requested: usize,
    /// Origins scored (`origins.len()`).
    pub used: usize,
    /// Origins skipped because they left fewer than [`min_train`] training values.
    pub too_short: usize,
    /// Origins skipped because the fit failed or the forecast was not finite.
    pub failed: usize,
    /// Per origin, oldest first.
    pub origins: Vec<OriginScore>,
    /// Means over the scored origins (each metric over the origins where it is defined; NaN when
    /// none is).
    pub mean: Scores,
}

/// Rolling-origin evaluation: fits `forecaster` at up to `origins` cut points of `series`, forecasts
/// `horizon` steps from each and scores them against the held-out values.
///
/// The latest origin holds out the last `horizon` values; each earlier one moves back `step` values
/// (`step` 0 counts as 1). Origins leaving fewer than [`min_train`]`(period)` training values are
/// skipped (`too_short`), as are origins whose fit fails or whose point forecast is not finite
/// (`failed`). The MASE scale is taken from each origin's own training values. The phase of the
/// series is passed on unchanged (every training window starts at `values[0]`).
///
/// When comparing methods for one series, compare means over the same origins: a method with
/// `failed > 0` has been scored on fewer of them.
///
/// # Panics
/// Never; a `horizon` of 0 or a series too short gives a report with `used == 0` and NaN means.
pub fn rolling_origin(
    forecaster: &dyn Forecaster,
    series: &SeriesInput<'_>,
    horizon: usize,
    origins: usize,
    step: usize,
    levels: &[f64],
) -> BacktestReport {
    let y = series.values;
    let step = step.max(1);
    let min = min_train(series.period);
    let mut report = BacktestReport {
        horizon,
        levels: levels.to_vec(),
        requested: origins,
        used: 0,
        too_short: 0,
        failed: 0,
        origins: Vec::with_capacity(origins.min(64)),
        mean: Scores {
            smape: f64::NAN,
            mase: f64::NAN,
            mape: f64::NAN,
            coverage: vec![f64::NAN; levels.len()],
        },
    };
    if horizon == 0 {
        report.too_short = origins;
        return report;
    }
    // Newest origin first; the cut only moves back, so the first too-short one ends the loop.
    for i in 0..origins {
        let end = i
            .checked_mul(step)
            .and_then(|back| y.len().checked_sub(horizon)?.checked_sub(back));
        let end = match end {
            Some(end) if end >= min => end,
            _ => {
                report.too_short = origins - i;
                break;
            }
        };
        let train = SeriesInput {
            values: &y[..end],
            ..*series
        };
        let Ok(fitted) = forecaster.fit(&train) else {
            report.failed += 1;
            continue;
        };
        let forecast = fitted.predict(horizon, levels);
        if forecast.point.len() < horizon || !forecast.point.iter().all(|v| v.is_finite()) {
            report.failed += 1;
            continue;
        }
        let actual = &y[end..end + horizon];
        let coverage = levels
            .iter()
            .enumerate()
            .map(|(j, _)| match forecast.intervals.get(j) {
                Some(iv) => self::coverage(actual, &iv.lower, &iv.upper),
                None => f64::NAN,
            })
            .collect();
        report.origins.push(OriginScore {
            train_len: end,
            scores: Scores {
                smape: smape(actual, &forecast.point),
                mase: mase_with_scale(
                    actual,
                    &forecast.point,
                    mase_scale(train.values, train.period),
                ),
                mape: mape(actual, &forecast.point),
                coverage,
            },
        });
    }
    report.origins.reverse();
    report.used = report.origins.len();
    let scores = || report.origins.iter().map(|o| &o.scores);
    report.mean = Scores {
        smape: finite_mean(scores().map(|s| s.smape)),
        mase: finite_mean(scores().map(|s| s.mase)),
        mape: finite_mean(scores().map(|s| s.mape)),
        coverage: (0..levels.len())
            .map(|j| finite_mean(scores().map(|s| s.coverage[j])))
            .collect(),
    };
    report
}

/// Where the years of a series begin, for [`annual_total`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum YearAlignment {
    /// Calendar years: `phase` is the position within the year of `values[0]`.
    Calendar,
    /// Pseudo-years ending with the last observation (when the calendar is unknown): the series is
    /// treated as if its last value closed a year, and the forecaster is given the matching phase.
    EndsWithLast,
}

/// One evaluated year of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct YearScore {
    /// Index of the series in the slice given to [`annual_total_many`] (0 for [`annual_total`]).
    pub series: usize,
    /// Index in the series of the year's first period.
    pub start: usize,
    /// The year's actual total.
    pub total: f64,
    /// Absolute percentage error of the estimated total at cutoff k = 1..period−1 (`ape[k − 1]`),
    /// in percent; NaN where the fit failed or the forecast was not finite.
    pub ape: Vec<f64>,
}

/// Result of [`annual_total`] / [`annual_total_many`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnualTotalReport {
    /// Seasonal period (periods per year); cutoffs run 1..period−1.
    pub period: usize,
    /// Every evaluated year.
    pub years: Vec<YearScore>,
    /// Mean APE (%) at cutoff k, `mean_ape[k − 1]`, over the years where it is defined.
    pub mean_ape: Vec<f64>,
    /// Number of years behind each `mean_ape`.
    pub count: Vec<usize>,
    /// Mean of `mean_ape` over the cutoffs.
    pub mean_over_k: f64,
    /// (year, cutoff) fits that failed or gave a non-finite forecast.
    pub failed: usize,
    /// Complete years left out because their actual total is 0 (APE undefined).
    pub zero_total: usize,
    /// Series left out: a period different from the first series', or all of them when the period is
    /// below 2 or no series has the 2·period values a scored year needs.
    pub skipped_series: usize,
}

/// The annual-total task on one series: for each of the last `years` complete years Y and each
/// cutoff k = 1..period−1, fit on everything up to period k of Y, forecast the rest of Y, and score
/// the estimated total (year-to-date actual + Σ forecasts) against Y's actual total (APE, %).
///
/// A year is evaluated only when at least one full period of history precedes it (the training
/// series at k = 1 then has at least `period + 1` values). Pass `usize::MAX` as `years` for every
/// such year. See [`annual_total_many`] for the details.
///
/// # Panics
/// Never; a series with no complete year to evaluate gives an empty report with NaN means.
pub fn annual_total(
    forecaster: &dyn Forecaster,
    series: &SeriesInput<'_>,
    years: usize,
    alignment: YearAlignment,
) -> AnnualTotalReport {
    annual_total_many(forecaster, std::slice::from_ref(series), years, alignment)
}

/// The annual-total task over several series, pooled: [`annual_total`] per series, with the mean
/// APE per cutoff taken over all evaluated years of all series.
///
/// All series must share the first series' period (at least 2); others are skipped and counted.
/// With [`YearAlignment::Calendar`] a year starts where `(phase + index) % period == 0`; with
/// [`YearAlignment::EndsWithLast`] the years are the last whole `period`-blocks of the series and
/// each training window is given the phase that makes its last block end a year. Years whose total
/// is 0 are skipped (`zero_total`). Fits that fail are counted (`failed`) and left out of the means.
///
/// # Panics
/// Never.
pub fn annual_total_many(
    forecaster: &dyn Forecaster,
    series: &[SeriesInput<'_>],
    years: usize,
    alignment: YearAlignment,
) -> AnnualTotalReport {
    let period = series.first().map_or(0, |s| s.period);
    // A year needs a full period of history before it: only series of 2·period values have one.
    let cutoffs = if period >= 2 && series.iter().any(|s| s.values.len() / 2 >= period) {
        period - 1
    } else {
        0
    };
    let mut report = AnnualTotalReport {
        period,
        years: Vec::new(),
        mean_ape: vec![f64::NAN; cutoffs],
        count: vec![0; cutoffs],
        mean_over_k: f64::NAN,
        failed: 0,
        zero_total: 0,
        skipped_series: 0,
    };
    for (index, s) in series.iter().enumerate() {
        if s.period != period || cutoffs == 0 {
            report.skipped_series += 1;
            continue;
        }
        let y = s.values;
        let phase = match alignment {
            YearAlignment::Calendar => s.phase % period,
            YearAlignment::EndsWithLast => (period - y.len() % period) % period,
        };
        // First year start at or after index 0, then every `period`; keep complete years with a
        // full period of history before them, the last `years` of them.
        let first = (period - phase) % period;
        let complete = if y.len() >= first + period {
            (y.len() - first) / period
        } else {
            0
        };
        let starts = (0..complete)
            .map(|j| first + j * period)
            .filter(|&start| start >= period);
        let skip = starts.clone().count().saturating_sub(years);
        for start in starts.skip(skip) {
            let block = &y[start..start + period];
            let total: f64 = block.iter().sum();
            if total == 0.0 || !total.is_finite() {
                report.zero_total += 1;
                continue;
            }
            let mut ape = Vec::with_capacity(cutoffs);
            for k in 1..period {
                let train = SeriesInput {
                    values: &y[..start + k],
                    period,
                    phase,
                };
                let estimate = forecaster.fit(&train).ok().and_then(|fitted| {
                    let f = fitted.predict(period - k, &[]);
                    let rest: f64 = f.point.iter().take(period - k).sum();
                    (f.point.len() >= period - k && rest.is_finite())
                        .then(|| block[..k].iter().sum::<f64>() + rest)
                });
                match estimate {
                    Some(e) => ape.push(100.0 * (e - total).abs() / total.abs()),
                    None => {
                        report.failed += 1;
                        ape.push(f64::NAN);
                    }
                }
            }
            report.years.push(YearScore {
                series: index,
                start,
                total,
                ape,
            });
        }
    }
    for k in 0..cutoffs {
        let values = report.years.iter().map(|year| year.ape[k]);
        report.count[k] = values.clone().filter(|v| v.is_finite()).count();
        report.mean_ape[k] = finite_mean(values);
    }
    report.mean_over_k = finite_mean(report.mean_ape.iter().copied());
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::forecast::naive::SeasonalNaive;
    use crate::forecast::Fitted;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn smape_by_hand() {
        // 200·10/210 = 9.523810, 0 (both zero), 200·10/90 = 22.222222; mean = 10.582011
        let s = smape(&[100.0, 0.0, 50.0], &[110.0, 0.0, 40.0]);
        assert!(close(s, (200.0 / 21.0 + 200.0 / 9.0) / 3.0, 1e-12), "{s}");
        assert!(close(s, 10.582_010_582, 1e-9));
        // a zero actual against a non-zero forecast is the maximum, 200
        assert_eq!(smape(&[0.0], &[5.0]), 200.0);
        assert!(smape(&[], &[]).is_nan());
        assert!(smape(&[1.0], &[f64::NAN]).is_nan());
    }

    #[test]
    fn mase_by_hand_with_its_fallbacks() {
        // seasonal scale, period 4: |5−1| = |6−2| = |7−3| = |8−4| = 4; errors 1 and 2 → 1.5 / 4
        let train = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
        assert_eq!(mase_scale(&train, 4), 4.0);
        assert_eq!(mase(&[9.0, 10.0], &[8.0, 12.0], &train, 4), 0.375);
        // exactly periodic history: seasonal scale 0 → lag-1 scale mean |±1| = 1; error 0.5
        let periodic = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0];
        assert_eq!(mase_scale(&periodic, 2), 1.0);
        assert_eq!(mase(&[1.0], &[1.5], &periodic, 2), 0.5);
        // shorter than period + 1: lag-1 scale (2 + 3) / 2 = 2.5; error 5 → 2
        assert_eq!(mase(&[8.0], &[3.0], &[1.0, 3.0, 6.0], 12), 2.0);
        // period 0 counts as 1
        assert_eq!(mase_scale(&[1.0, 3.0, 6.0], 0), 2.5);
        // no scale at all: constant or a single value → NaN, never ∞
        assert!(mase(&[6.0], &[5.0], &[5.0, 5.0, 5.0], 12).is_nan());
        assert!(mase(&[6.0], &[5.0], &[5.0], 1).is_nan());
        assert!(mase(&[], &[], &train, 4).is_nan());
    }

    #[test]
    fn mape_by_hand_leaves_out_zero_actuals() {
        // 10 %, 25 %, (zero actual left out) → 17.5 %
        assert_eq!(mape(&[100.0, 200.0, 0.0], &[90.0, 250.0, 5.0]), 17.5);
        assert!(mape(&[0.0, 0.0], &[1.0, 2.0]).is_nan());
        assert!(mape(&[], &[]).is_nan());
    }

    #[test]
    fn coverage_by_hand_bounds_included() {
        // 1 ∈ [0, 2] yes; 2 ∈ [2.5, 3] no; 3 ∈ [3, 3] yes (bounds count); 4 ∈ [0, 3] no → 50 %
        let c = coverage(
            &[1.0, 2.0, 3.0, 4.0],
            &[0.0, 2.5, 3.0, 0.0],
            &[2.0, 3.0, 3.0, 3.0],
        );
        assert_eq!(c, 50.0);
        assert_eq!(coverage(&[1.0], &[f64::NAN], &[2.0]), 0.0);
        assert!(coverage(&[], &[], &[]).is_nan());
    }

    #[test]
    fn rolling_origin_by_hand_on_a_straight_line() {
        // y = 1..=10, period 1 (naive: last value), horizon 2, two origins one step apart.
        // Origin at 8: forecast 8, 8 vs 9, 10 → sMAPE (200/17 + 400/18)/2, MASE (1 + 2)/2 / 1 = 1.5,
        //   MAPE (1/9 + 2/10)/2 · 100. σ = 1 (every lag-1 difference is 1): the 80 % interval is
        //   8 ± 1.2816 at h = 1 (covers 9) and 8 ± 1.2816·√2 = ±1.8124 at h = 2 (misses 10) → 50 %.
        // Origin at 7: forecast 7, 7 vs 8, 9 → sMAPE (200/15 + 400/16)/2, MASE 1.5, coverage 50 %.
        let y: Vec<f64> = (1..=10).map(f64::from).collect();
        let r = rolling_origin(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 1),
            2,
            2,
            1,
            &[80.0],
        );
        assert_eq!((r.requested, r.used, r.too_short, r.failed), (2, 2, 0, 0));
        assert_eq!(
            r.origins.iter().map(|o| o.train_len).collect::<Vec<_>>(),
            vec![7, 8]
        );
        let s7 = (200.0 / 15.0 + 400.0 / 16.0) / 2.0;
        let s8 = (200.0 / 17.0 + 400.0 / 18.0) / 2.0;
        assert!(close(r.origins[0].scores.smape, s7, 1e-12));
        assert!(close(r.origins[1].scores.smape, s8, 1e-12));
        assert!(close(r.mean.smape, (s7 + s8) / 2.0, 1e-12));
        assert!(
            close(r.mean.smape, 18.080_065_359, 1e-8),
            "{}",
            r.mean.smape
        );
        assert_eq!(r.mean.mase, 1.5);
        let m8 = (100.0 / 9.0 + 20.0) / 2.0;
        let m7 = (100.0 / 8.0 + 200.0 / 9.0) / 2.0;
        assert!(close(r.mean.mape, (m7 + m8) / 2.0, 1e-12));
        assert_eq!(r.mean.coverage, vec![50.0]);
    }

    #[test]
    fn rolling_origin_skips_short_origins_and_never_panics() {
        let y: Vec<f64> = (0..30).map(|t| 100.0 + (t % 12) as f64).collect();
        let s = SeriesInput::new(&y, 12);
        // min_train(12) = 13: ends at 30 − 12 − 3i for i = 0..5 → 18, 15 (used), 12, 9, 6 (too short)
        let r = rolling_origin(&SeasonalNaive::default(), &s, 12, 5, 3, &[80.0, 95.0]);
        assert_eq!((r.used, r.too_short), (2, 3));
        assert_eq!(r.mean.smape, 0.0);
        assert_eq!(r.mean.coverage, vec![100.0, 100.0]);
        // horizon longer than the series, zero horizon, zero step, no origins
        for (h, origins, step) in [(100, 3, 1), (0, 3, 1), (12, 3, 0), (12, 0, 1)] {
            let r = rolling_origin(&SeasonalNaive::default(), &s, h, origins, step, &[80.0]);
            assert_eq!(r.used + r.too_short + r.failed, origins);
            if r.used == 0 {
                assert!(r.mean.smape.is_nan() && r.mean.coverage[0].is_nan());
            }
        }
        let r = rolling_origin(&SeasonalNaive::default(), &s, 12, 3, 0, &[]);
        assert_eq!(r.used, 3);
        assert!(r.mean.coverage.is_empty());
        assert!(
            rolling_origin(
                &SeasonalNaive::default(),
                &s,
                usize::MAX,
                usize::MAX,
                usize::MAX,
                &[]
            )
            .used
                == 0
        );
    }

    /// A forecaster that always fails, to check failures are counted, not fatal.
    #[derive(Debug)]
    struct Broken;

    impl Forecaster for Broken {
        fn fit(&self, _: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
            Err(crate::forecast::check_series("", &[]).unwrap_err())
        }
    }

    #[test]
    fn failed_fits_are_counted() {
        let y: Vec<f64> = (0..48).map(|t| 100.0 + (t % 12) as f64).collect();
        let s = SeriesInput::new(&y, 12);
        let r = rolling_origin(&Broken, &s, 12, 3, 1, &[80.0]);
        assert_eq!((r.used, r.failed), (0, 3));
        let a = annual_total(&Broken, &s, 1, YearAlignment::Calendar);
        assert_eq!((a.failed, a.count), (11, vec![0; 11]));
        assert!(a.mean_over_k.is_nan());
    }

    #[test]
    fn annual_total_is_exact_for_seasonal_naive_on_a_periodic_series() {
        // Every year repeats the same 12 months, so the seasonal naive forecast of the rest of any
        // year is exact and every APE is 0; 5 years, each after the first has history.
        let y: Vec<f64> = (0..60)
            .map(|t| 100.0 + 10.0 * (t % 12) as f64 + if t % 12 == 6 { 40.0 } else { 0.0 })
            .collect();
        let r = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 12),
            usize::MAX,
            YearAlignment::Calendar,
        );
        assert_eq!(
            r.years.iter().map(|y| y.start).collect::<Vec<_>>(),
            vec![12, 24, 36, 48]
        );
        assert_eq!(r.mean_ape, vec![0.0; 11]);
        assert_eq!(r.count, vec![4; 11]);
        assert_eq!((r.mean_over_k, r.failed, r.zero_total), (0.0, 0, 0));
        // only the last 2 years when asked
        let r = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 12),
            2,
            YearAlignment::Calendar,
        );
        assert_eq!(r.years.len(), 2);
        assert_eq!(r.years[0].start, 36);
    }

    #[test]
    fn annual_total_by_hand_with_growth() {
        // Period 4, year 1 = 1 2 3 4, year 2 = 2 3 4 5 (total 14). Seasonal naive repeats year 1:
        // k = 1: the rest is forecast as y[1..4] = 2, 3, 4 → 2 + 9 = 11, APE 3/14;
        // k = 2: 2 + 3 + (3 + 4) = 12, APE 2/14; k = 3: 9 + 4 = 13, APE 1/14.
        let y = [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 4.0, 5.0];
        let r = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 4),
            usize::MAX,
            YearAlignment::Calendar,
        );
        let expected = [300.0 / 14.0, 200.0 / 14.0, 100.0 / 14.0];
        assert_eq!(r.years.len(), 1);
        assert_eq!(r.years[0].total, 14.0);
        for (a, e) in r.mean_ape.iter().zip(expected) {
            assert!(close(*a, e, 1e-12), "{a} vs {e}");
        }
        assert!(close(r.mean_over_k, 200.0 / 14.0, 1e-12));
    }

    #[test]
    fn pseudo_years_end_with_the_last_value_and_calendar_uses_phase() {
        // The same two years preceded by 2 values from an earlier year: with pseudo-years, or with
        // the calendar phase 2 (values[0] is the year's 3rd period), the blocks are the same.
        let y = [3.0, 4.0, 1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 4.0, 5.0];
        let pseudo = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 4),
            usize::MAX,
            YearAlignment::EndsWithLast,
        );
        let calendar = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput {
                values: &y,
                period: 4,
                phase: 2,
            },
            usize::MAX,
            YearAlignment::Calendar,
        );
        assert_eq!(pseudo, calendar);
        assert_eq!(
            pseudo.years.iter().map(|y| y.start).collect::<Vec<_>>(),
            vec![6]
        );
        assert!(close(pseudo.mean_ape[0], 300.0 / 14.0, 1e-12));
        // phase 0 on these values: years start at 4 and 8; only the one at 4 is complete
        let phase0 = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&y, 4),
            usize::MAX,
            YearAlignment::Calendar,
        );
        assert_eq!(phase0.years[0].start, 4);
    }

    #[test]
    fn annual_total_pools_series_and_skips_what_it_cannot_score() {
        let growth = [1.0, 2.0, 3.0, 4.0, 2.0, 3.0, 4.0, 5.0];
        let flat = [1.0, 2.0, 3.0, 4.0, 1.0, 2.0, 3.0, 4.0];
        let zeros = [0.0; 8];
        let monthly = [1.0; 30];
        let inputs = [
            SeriesInput::new(&growth, 4),
            SeriesInput::new(&flat, 4),
            SeriesInput::new(&zeros, 4),
            SeriesInput::new(&monthly, 12),
            SeriesInput::new(&growth[..5], 4),
        ];
        let r = annual_total_many(
            &SeasonalNaive::default(),
            &inputs,
            usize::MAX,
            YearAlignment::EndsWithLast,
        );
        assert_eq!((r.zero_total, r.skipped_series, r.count[0]), (1, 1, 2));
        // mean of (3/14, 0) at k = 1
        assert!(close(r.mean_ape[0], 150.0 / 14.0, 1e-12));
        assert_eq!(r.years[1].series, 1);
        // period 1 and an empty slice: nothing to do, no panic
        let one = annual_total(
            &SeasonalNaive::default(),
            &SeriesInput::new(&growth, 1),
            3,
            YearAlignment::Calendar,
        );
        assert!(one.mean_ape.is_empty() && one.mean_over_k.is_nan());
        let none = annual_total_many(&SeasonalNaive::default(), &[], 3, YearAlignment::Calendar);
        assert!(none.years.is_empty());
    }
}
