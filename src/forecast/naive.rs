//! Seasonal naive forecasts, with optional drift: the baseline every other model must beat, and
//! the scale of MASE.
//!
//! The forecast for step k repeats the value one season earlier, `ŷ_{n+k} = y_{n+k−p·j}` with
//! `j = ⌊(k−1)/p⌋ + 1`, as R `forecast::snaive`. With drift, each further season adds the mean
//! seasonal difference `c = mean(y_t − y_{t−p})` (a seasonal random walk with drift, SARIMA
//! (0,0,0)(0,1,0) with a constant). Intervals are normal with `se_k = σ √j` (R `snaive`), plus the
//! drift's own uncertainty `σ j / √N` when it is estimated (as R `rwf(drift = TRUE)`). A series
//! shorter than one season falls back to the naive forecast (last value) and says so.
//!
//! # Example
//! ```
//! use gapcast::forecast::{Forecaster, SeriesInput, naive::SeasonalNaive};
//! let y = [10.0, 20.0, 30.0, 12.0, 22.0, 32.0];
//! let f = SeasonalNaive { drift: true }.fit(&SeriesInput::new(&y, 3))?.predict(4, &[]);
//! assert_eq!(f.point, vec![14.0, 24.0, 34.0, 16.0]); // drift 2 per season
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;

use super::stats::{rng, standard_normal, z_for_level};
use super::{Fitted, Forecast, Forecaster, Interval, ModelInfo, SeriesInput};
use crate::error::{Error, Notice};

/// Seasonal naive, optionally with drift.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeasonalNaive {
    /// Add the mean seasonal difference per season.
    pub drift: bool,
}

/// A fitted seasonal naive model.
#[derive(Debug, Clone)]
pub struct SeasonalNaiveFit {
    info: ModelInfo,
    last_season: Vec<f64>,
    drift: f64,
    sigma: f64,
    drift_se_per_season: f64,
}

impl Forecaster for SeasonalNaive {
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
        super::check_series("", series.values)?;
        let y = series.values;
        let mut notes = Vec::new();
        let p = if series.period > 1 && y.len() > series.period {
            series.period
        } else {
            if series.period > 1 {
                notes.push(Notice {
                    code: "forecast.tooShortForSeason",
                    en: format!(
                        "{} values are not more than one season ({}): the naive forecast (last value) is used",
                        y.len(),
                        series.period
                    ),
                    zh: format!("只有 {} 个值，不足一个完整季节周期（{}）：改用朴素预测（沿用最后一个值）", y.len(), series.period),
                });
            }
            1
        };
        let diffs: Vec<f64> = (p..y.len()).map(|t| y[t] - y[t - p]).collect();
        let drift = if self.drift && !diffs.is_empty() {
            super::stats::mean(&diffs)
        } else {
            0.0
        };
        let dof = diffs.len().saturating_sub(usize::from(self.drift)).max(1);
        let sigma2 = diffs.iter().map(|d| (d - drift).powi(2)).sum::<f64>() / dof as f64;
        let mut fitted = vec![f64::NAN; p.min(y.len())];
        fitted.extend((p..y.len()).map(|t| y[t - p] + drift));
        let mut params = BTreeMap::new();
        if self.drift {
            params.insert("drift".to_string(), drift);
        }
        let info = ModelInfo {
            method: "snaive",
            model: match (p > 1, self.drift) {
                (true, false) => "SNaive".to_string(),
                (true, true) => "SNaive+drift".to_string(),
                (false, false) => "Naive".to_string(),
                (false, true) => "Naive+drift".to_string(),
            },
            params,
            log_likelihood: None,
            aic: None,
            aicc: None,
            sigma2,
            fitted,
            notes,
        };
        let sigma = sigma2.sqrt();
        let drift_se_per_season = if self.drift && !diffs.is_empty() {
            sigma / (diffs.len() as f64).sqrt()
        } else {
            0.0
        };
        Ok(Box::new(SeasonalNaiveFit {
            info,
            last_season: y[y.len() - p..].to_vec(),
            drift,
            sigma,
            drift_se_per_season,
        }))
    }
}

impl SeasonalNaiveFit {
    fn seasons_ahead(&self, k: usize) -> usize {
        (k - 1) / self.last_season.len() + 1
    }

    fn point(&self, k: usize) -> f64 {
        let p = self.last_season.len();
        self.last_season[(k - 1) % p] + self.drift * self.seasons_ahead(k) as f64
    }

    fn se(&self, k: usize) -> f64 {
        let j = self.seasons_ahead(k) as f64;
        (self.sigma.powi(2) * j + (self.drift_se_per_season * j).powi(2)).sqrt()
    }
}

impl Fitted for SeasonalNaiveFit {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        let point: Vec<f64> = (1..=h).map(|k| self.point(k)).collect();
        let intervals = levels
            .iter()
            .map(|&level| {
                let z = z_for_level(level);
                Interval {
                    level,
                    lower: (1..=h).map(|k| self.point(k) - z * self.se(k)).collect(),
                    upper: (1..=h).map(|k| self.point(k) + z * self.se(k)).collect(),
                }
            })
            .collect();
        Forecast { point, intervals }
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        let p = self.last_season.len();
        let mut r = rng(seed);
        let mut out = Vec::with_capacity(n * h);
        let mut path = Vec::with_capacity(h);
        for _ in 0..n {
            path.clear();
            let drift = self.drift + self.drift_se_per_season * standard_normal(&mut r);
            for k in 0..h {
                let previous = if k < p {
                    self.last_season[k]
                } else {
                    path[k - p]
                };
                path.push(previous + drift + self.sigma * standard_normal(&mut r));
            }
            out.extend_from_slice(&path);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_last_season_with_r_snaive_intervals() {
        // y = 1..=24 with period 12: every seasonal difference is 12; without drift the residuals are
        // those differences, σ² = Σ 12² / 12 = 144.
        let y: Vec<f64> = (1..=24).map(f64::from).collect();
        let fit = SeasonalNaive::default()
            .fit(&SeriesInput::new(&y, 12))
            .unwrap();
        let f = fit.predict(13, &[95.0]);
        assert_eq!(f.point[0], 13.0);
        assert_eq!(f.point[12], 13.0);
        assert_eq!(fit.info().sigma2, 144.0);
        // se_1 = 12, se_13 = 12 √2 (R snaive: sqrt(floor((h − 1)/m) + 1))
        let z = 1.959963984540054;
        assert!((f.intervals[0].upper[0] - (13.0 + z * 12.0)).abs() < 1e-9);
        assert!((f.intervals[0].upper[12] - (13.0 + z * 12.0 * 2f64.sqrt())).abs() < 1e-9);
    }

    #[test]
    fn drift_removes_a_steady_rise() {
        let y: Vec<f64> = (1..=36).map(f64::from).collect();
        let fit = SeasonalNaive { drift: true }
            .fit(&SeriesInput::new(&y, 12))
            .unwrap();
        let f = fit.predict(24, &[80.0]);
        let expected: Vec<f64> = (37..=60).map(f64::from).collect();
        assert_eq!(f.point, expected);
        assert_eq!(fit.info().sigma2, 0.0);
        assert_eq!(f.intervals[0].lower, expected);
    }

    #[test]
    fn too_short_falls_back_to_naive_and_says_so() {
        let fit = SeasonalNaive::default()
            .fit(&SeriesInput::new(&[5.0, 7.0, 6.0], 12))
            .unwrap();
        assert_eq!(fit.info().model, "Naive");
        assert_eq!(fit.info().notes[0].code, "forecast.tooShortForSeason");
        assert_eq!(fit.predict(3, &[]).point, vec![6.0; 3]);
        let one = SeasonalNaive::default()
            .fit(&SeriesInput::new(&[5.0], 12))
            .unwrap();
        assert_eq!(one.predict(2, &[95.0]).point, vec![5.0; 2]);
    }

    #[test]
    fn paths_are_reproducible_and_centred() {
        let y: Vec<f64> = (0..48)
            .map(|t| 100.0 + 10.0 * ((t % 12) as f64) + (t as f64 * 7.3).sin())
            .collect();
        let fit = SeasonalNaive::default()
            .fit(&SeriesInput::new(&y, 12))
            .unwrap();
        let a = fit.sample_paths(12, 4000, 42);
        assert_eq!(a, fit.sample_paths(12, 4000, 42));
        assert_ne!(a, fit.sample_paths(12, 4000, 43));
        // mean of step 1 within 4 standard errors of the point forecast
        let m: f64 = (0..4000).map(|i| a[i * 12]).sum::<f64>() / 4000.0;
        let se = fit.info().sigma2.sqrt() / 4000f64.sqrt();
        assert!((m - fit.predict(1, &[]).point[0]).abs() < 4.0 * se, "{m}");
    }
}
