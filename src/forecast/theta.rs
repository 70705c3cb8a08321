//! The Theta method (Assimakopoulos & Nikolopoulos 2000, winner of the M3 competition), fitted as
//! simple exponential smoothing (SES) with drift, which Hyndman & Billah (2003) showed it to be,
//! following R `forecast::thetaf` (forecast 8.20, `R/theta.R`).
//!
//! Steps, each as in `thetaf`:
//! 1. **Seasonality test** (period > 1, at least two full seasons, series not constant): seasonal
//!    when `|r_m| > q₀.₉₅ · √((1 + 2 Σ_{k<m} r_k²) / n)`, with `r` the sample ACF and `m` the period
//!    (the 90 % test of A&N as coded in `thetaf`).
//! 2. **Classical decomposition** (R `stats::decompose`): centred moving average of order `m`
//!    (`2×m` for even `m`, plain `m` for odd `m`, so 11 works as well as 12), seasonal figure = mean
//!    detrended value per position, normalised to mean 1 (multiplicative) or 0 (additive). The
//!    series is divided by (or has subtracted) its seasonal index. Multiplicative needs positive
//!    data: with any value ≤ 0 the decomposition is additive, and a note says so.
//! 3. **Theta lines**: the θ = 0 line is the least-squares trend `a + b t`; the θ = 2 line is
//!    forecast by SES with `α` and the initial level chosen to minimise the in-sample one-step SSE
//!    (R `ses()`, i.e. `ets(model = "ANN", opt.crit = "mse")`, α in [0.0001, 0.9999]). Their equal-weight
//!    average is, as in `thetaf`,
//!    `ŷ_{n+h} = ℓ_n + (b/2) · (h − 1 + (1 − (1 − α)^n) / α)`.
//! 4. **Intervals**: the SES state-space model's `se_h = σ √(1 + (h − 1) α²)` around that point,
//!    with `σ² = SSE / (n − 2)` (R `ets`). Unlike `thetaf`, which adds the seasonally adjusted
//!    `se_h` to the re-seasonalised mean, the bounds are re-seasonalised too (multiplied by the
//!    seasonal index, or shifted by it), so intervals widen in the big months and agree with the
//!    sample paths. Points are exactly `thetaf`'s.
//!
//! Sample paths simulate the same SES-with-drift model (`y = L + ε`, `L ← L + b/2 + α ε`, from
//! `L = ℓ_n + (b/2) (1 − (1 − α)^n) / α`) and re-seasonalise. A series of fewer than three values
//! falls back to the naive forecast; a series shorter than two full seasons is not seasonally
//! adjusted. Both are said in [`ModelInfo::notes`]. [`ModelInfo::sigma2`] is the SES residual
//! variance on the seasonally adjusted scale, and [`ModelInfo::fitted`] are the SES one-step
//! forecasts (what `fitted(thetaf(y))` returns), re-seasonalised.
//!
//! # Example
//! ```
//! use gapcast::forecast::{Forecaster, SeriesInput, theta::Theta};
//! // A straight line 100, 102, …, 146: SES (α → 1) stays at the last value and the trend line
//! // climbs 2 a step; their average climbs b/2 = 1 a step, as thetaf does.
//! let y: Vec<f64> = (0..24).map(|t| 100.0 + 2.0 * t as f64).collect();
//! let fit = Theta::default().fit(&SeriesInput::new(&y, 1))?;
//! let f = fit.predict(3, &[95.0]);
//! for (p, expected) in f.point.iter().zip([147.0, 148.0, 149.0]) {
//!     assert!((p - expected).abs() < 1e-3, "{:?}", f.point);
//! }
//! assert!(f.intervals[0].lower[2] <= f.point[2] && f.point[2] <= f.intervals[0].upper[2]);
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;

use super::naive::SeasonalNaive;
use super::stats::{mean, normal_quantile, rng, standard_normal, z_for_level};
use super::{Fitted, Forecast, Forecaster, Interval, ModelInfo, SeriesInput, WithNotes};
use crate::error::{Error, Notice};

/// When to seasonally adjust before fitting the theta lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SeasonalAdjustment {
    /// Adjust when the autocorrelation test of `thetaf` finds seasonality (the default).
    #[default]
    Test,
    /// Always adjust when there are at least two full seasons.
    Always,
    /// Never adjust.
    Never,
}

/// The Theta method (`thetaf`).
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `seasonal` | [`SeasonalAdjustment::Test`] | whether to decompose before fitting | `Test`, `Always`, `Never` |
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Theta {
    /// When to seasonally adjust.
    pub seasonal: SeasonalAdjustment,
}

/// How the series was seasonally adjusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SeasonKind {
    None,
    Multiplicative,
    Additive,
}

impl SeasonKind {
    fn name(self) -> &'static str {
        match self {
            SeasonKind::None => "none",
            SeasonKind::Multiplicative => "multiplicative",
            SeasonKind::Additive => "additive",
        }
    }
}

/// A fitted Theta model.
#[derive(Debug, Clone)]
pub struct ThetaFit {
    info: ModelInfo,
    kind: SeasonKind,
    /// Seasonal figure by position `t mod period` from the series start (empty when not adjusted).
    figure: Vec<f64>,
    n: usize,
    alpha: f64,
    /// SES level after the last observation, `ℓ_n`.
    level: f64,
    /// `b / 2`, per step.
    drift: f64,
    /// `(1 − (1 − α)^n) / α`.
    offset: f64,
    sigma: f64,
}

impl Forecaster for Theta {
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
        super::check_series("", series.values)?;
        let y = series.values;
        let n = y.len();
        let period = series.period.max(1);
        if n < 3 {
            let inner = SeasonalNaive::default().fit(&SeriesInput::new(y, 1))?;
            let note = Notice {
                code: "theta.naiveFallback",
                en: format!(
                    "{n} values are too few for the Theta method (at least 3): the naive forecast (last value) is used"
                ),
                zh: format!("只有 {n} 个值，不足以使用 Theta 方法（至少 3 个）：改用朴素预测（沿用最后一个值）"),
            };
            return Ok(Box::new(
                WithNotes::new(inner, vec![note]).with_method("theta"),
            ));
        }

        let mut notes = Vec::new();
        let wants_test = match self.seasonal {
            SeasonalAdjustment::Never => false,
            SeasonalAdjustment::Test | SeasonalAdjustment::Always => period > 1,
        };
        let long_enough = n >= 2 * period;
        if wants_test && !long_enough {
            notes.push(Notice {
                code: "forecast.tooShortForSeason",
                en: format!(
                    "{n} values are fewer than two full seasons ({}): the series is not seasonally adjusted",
                    2 * period
                ),
                zh: format!(
                    "只有 {n} 个值，不足两个完整季节周期（{}）：不做季节调整",
                    2 * period
                ),
            });
        }
        let seasonal = wants_test
            && long_enough
            && !is_constant(y)
            && match self.seasonal {
                SeasonalAdjustment::Always => true,
                _ => seasonality_test(y, period),
            };

        let (kind, figure) = if seasonal {
            let positive = y.iter().all(|&v| v > 0.0);
            let multiplicative = if positive {
                decompose(y, period, SeasonKind::Multiplicative)
                    .filter(|f| f.iter().all(|&s| s.is_finite() && s > 1e-10))
            } else {
                None
            };
            match multiplicative {
                Some(f) => (SeasonKind::Multiplicative, f),
                None => {
                    notes.push(if positive {
                        Notice {
                            code: "theta.additiveSeasonal",
                            en: "a seasonal index is zero, so the multiplicative decomposition cannot be used: the seasonal adjustment is additive".to_string(),
                            zh: "有季节指数为零，无法使用乘法分解：改用加法季节调整".to_string(),
                        }
                    } else {
                        Notice {
                            code: "theta.additiveSeasonal",
                            en: "the series has values of zero or below, so the multiplicative decomposition cannot be used: the seasonal adjustment is additive".to_string(),
                            zh: "序列含有零或负值，无法使用乘法分解：改用加法季节调整".to_string(),
                        }
                    });
                    match decompose(y, period, SeasonKind::Additive) {
                        Some(f) => (SeasonKind::Additive, f),
                        None => (SeasonKind::None, Vec::new()),
                    }
                }
            }
        } else {
            (SeasonKind::None, Vec::new())
        };

        let adjusted: Vec<f64> = y
            .iter()
            .enumerate()
            .map(|(t, &v)| match kind {
                SeasonKind::None => v,
                SeasonKind::Multiplicative => v / figure[t % period],
                SeasonKind::Additive => v - figure[t % period],
            })
            .collect();

        let ses = fit_ses(&adjusted);
        let drift = ols_slope(&adjusted) / 2.0;
        let alpha = ses.alpha;
        let offset = (1.0 - (1.0 - alpha).powi(n.min(i32::MAX as usize) as i32)) / alpha;
        let sigma2 = ses.sse / (n - 2) as f64;
        let reseason = |t: usize, v: f64| match kind {
            SeasonKind::None => v,
            SeasonKind::Multiplicative => v * figure[t % period],
            SeasonKind::Additive => v + figure[t % period],
        };
        let fitted = ses
            .fitted
            .iter()
            .enumerate()
            .map(|(t, &v)| reseason(t, v))
            .collect();
        let params = BTreeMap::from([
            ("alpha".to_string(), alpha),
            ("drift".to_string(), drift),
            ("initialLevel".to_string(), ses.initial_level),
            ("theta".to_string(), 2.0),
        ]);
        let info = ModelInfo {
            method: "theta",
            model: format!("Theta(seasonal={})", kind.name()),
            params,
            log_likelihood: None,
            aic: None,
            aicc: None,
            sigma2,
            fitted,
            notes,
        };
        Ok(Box::new(ThetaFit {
            info,
            kind,
            figure,
            n,
            alpha,
            level: ses.level,
            drift,
            offset,
            sigma: sigma2.sqrt(),
        }))
    }
}

impl ThetaFit {
    /// Seasonally adjusted point forecast at step `k` (1-based), as `thetaf`.
    fn adjusted_point(&self, k: usize) -> f64 {
        self.level + self.drift * ((k - 1) as f64 + self.offset)
    }

    fn se(&self, k: usize) -> f64 {
        self.sigma * (1.0 + (k - 1) as f64 * self.alpha * self.alpha).sqrt()
    }

    /// Puts the season of step `k` back.
    fn reseason(&self, k: usize, v: f64) -> f64 {
        match self.kind {
            SeasonKind::None => v,
            SeasonKind::Multiplicative => v * self.figure[(self.n - 1 + k) % self.figure.len()],
            SeasonKind::Additive => v + self.figure[(self.n - 1 + k) % self.figure.len()],
        }
    }
}

impl Fitted for ThetaFit {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        let point = (1..=h)
            .map(|k| self.reseason(k, self.adjusted_point(k)))
            .collect();
        let intervals = levels
            .iter()
            .map(|&level| {
                let z = z_for_level(level);
                let bound = |k: usize, sign: f64| {
                    self.reseason(k, self.adjusted_point(k) + sign * z * self.se(k))
                };
                Interval {
                    level,
                    lower: (1..=h).map(|k| bound(k, -1.0)).collect(),
                    upper: (1..=h).map(|k| bound(k, 1.0)).collect(),
                }
            })
            .collect();
        Forecast { point, intervals }
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        let mut out = Vec::with_capacity(n.saturating_mul(h));
        for _ in 0..n {
            // L is the adjusted one-step forecast for the coming step.
            let mut level = self.adjusted_point(1);
            for k in 1..=h {
                let e = self.sigma * standard_normal(&mut r);
                out.push(self.reseason(k, level + e));
                level += self.drift + self.alpha * e;
            }
        }
        out
    }
}

/// Whether every value equals the first (R `forecast::is.constant`).
fn is_constant(y: &[f64]) -> bool {
    y.iter().all(|&v| v == y[0])
}

/// Sample autocorrelations at lags 1..=`max_lag` (R `acf`: mean removed, divisor `n`);
/// zeros when the series has no variance.
fn acf(y: &[f64], max_lag: usize) -> Vec<f64> {
    let m = mean(y);
    let d: Vec<f64> = y.iter().map(|v| v - m).collect();
    let c0: f64 = d.iter().map(|v| v * v).sum();
    (1..=max_lag)
        .map(|k| {
            if c0 > 0.0 && k < d.len() {
                d[..d.len() - k]
                    .iter()
                    .zip(&d[k..])
                    .map(|(a, b)| a * b)
                    .sum::<f64>()
                    / c0
            } else {
                0.0
            }
        })
        .collect()
}

/// The 90 % seasonality test of `thetaf`: `|r_m| / √((1 + 2 Σ_{k<m} r_k²) / n) > qnorm(0.95)`.
fn seasonality_test(y: &[f64], period: usize) -> bool {
    let r = acf(y, period);
    let sum_sq: f64 = r[..period - 1].iter().map(|v| v * v).sum();
    let stat = ((1.0 + 2.0 * sum_sq) / y.len() as f64).sqrt();
    r[period - 1].abs() / stat > normal_quantile(0.95)
}

/// Seasonal figure of a classical decomposition (R `stats::decompose`), by position `t mod period`
/// from the series start. `None` when some position has no detrended value or the figure cannot be
/// normalised (needs `y.len() >= 2 * period`).
fn decompose(y: &[f64], period: usize, kind: SeasonKind) -> Option<Vec<f64>> {
    let n = y.len();
    if period < 2 || n < 2 * period {
        return None;
    }
    // Centred moving average: weights 1/p (odd p) or (½, 1, …, 1, ½)/p (even p).
    let half = period / 2;
    let weights: Vec<f64> = if period % 2 == 0 {
        (0..=period)
            .map(|j| if j == 0 || j == period { 0.5 } else { 1.0 } / period as f64)
            .collect()
    } else {
        vec![1.0 / period as f64; period]
    };
    let mut sums = vec![0.0; period];
    let mut counts = vec![0usize; period];
    for t in half..n - half {
        let window = &y[t - half..t - half + weights.len()];
        let trend: f64 = window.iter().zip(&weights).map(|(v, w)| v * w).sum();
        let detrended = match kind {
            SeasonKind::Multiplicative => y[t] / trend,
            _ => y[t] - trend,
        };
        sums[t % period] += detrended;
        counts[t % period] += 1;
    }
    if counts.contains(&0) {
        return None;
    }
    let figure: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| s / c as f64)
        .collect();
    let centre = mean(&figure);
    let figure: Vec<f64> = match kind {
        SeasonKind::Multiplicative => figure.iter().map(|s| s / centre).collect(),
        _ => figure.iter().map(|s| s - centre).collect(),
    };
    figure.iter().all(|s| s.is_finite()).then_some(figure)
}

/// Least-squares slope of `y` on `t = 0, 1, …` (R `lsfit(0:(n − 1), y)$coef[2]`); 0 for fewer than
/// two values.
fn ols_slope(y: &[f64]) -> f64 {
    let n = y.len();
    if n < 2 {
        return 0.0;
    }
    let t_mean = (n - 1) as f64 / 2.0;
    let y_mean = mean(y);
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (t, v) in y.iter().enumerate() {
        let dt = t as f64 - t_mean;
        sxy += dt * (v - y_mean);
        sxx += dt * dt;
    }
    sxy / sxx
}

/// A fitted simple exponential smoothing.
#[derive(Debug, Clone)]
struct Ses {
    alpha: f64,
    initial_level: f64,
    /// Level after the last observation.
    level: f64,
    sse: f64,
    /// One-step forecasts `ℓ_{t−1}`.
    fitted: Vec<f64>,
}

const ALPHA_MIN: f64 = 1e-4;
const ALPHA_MAX: f64 = 0.9999;

/// SES run for a given α with the initial level that minimises the SSE for that α.
///
/// The one-step error is linear in the initial level: `e_t = a_t − (1 − α)^{t−1} ℓ₀`, where `a_t`
/// are the errors of the run started at 0, so the best `ℓ₀ = Σ a_t c_t / Σ c_t²` in closed form
/// (`c_t = (1 − α)^{t−1}`, `Σ c_t² ≥ 1`). This profiles out `ℓ₀`, leaving a search over α alone.
fn ses_for_alpha(y: &[f64], alpha: f64) -> Ses {
    let mut level = 0.0;
    let mut c = 1.0;
    let (mut sac, mut scc) = (0.0, 0.0);
    let mut a = Vec::with_capacity(y.len());
    for &v in y {
        let e = v - level;
        a.push((e, c));
        sac += e * c;
        scc += c * c;
        level += alpha * e;
        c *= 1.0 - alpha;
    }
    let l0 = sac / scc;
    let mut sse = 0.0;
    let mut fitted = Vec::with_capacity(y.len());
    for (&v, &(e, c)) in y.iter().zip(&a) {
        let e = e - c * l0;
        sse += e * e;
        fitted.push(v - e);
    }
    Ses {
        alpha,
        initial_level: l0,
        level: level + c * l0,
        sse,
        fitted,
    }
}

/// SES with α and the initial level minimising the one-step SSE (R `ses()`, `opt.crit = "mse"`).
/// A grid over [0.0001, 0.9999] brackets the best α, then Brent's method refines it.
fn fit_ses(y: &[f64]) -> Ses {
    let sse = |alpha: f64| ses_for_alpha(y, alpha).sse;
    let grid: Vec<f64> = (0..=20)
        .map(|i| ALPHA_MIN + (ALPHA_MAX - ALPHA_MIN) * i as f64 / 20.0)
        .collect();
    let values: Vec<f64> = grid.iter().map(|&a| sse(a)).collect();
    let best = (0..grid.len())
        .min_by(|&i, &j| values[i].total_cmp(&values[j]))
        .unwrap_or(0);
    let lo = grid[best.saturating_sub(1)];
    let hi = grid[(best + 1).min(grid.len() - 1)];
    let (alpha, value) = brent_min(sse, lo, hi, 1e-10);
    let alpha = if value <= values[best] {
        alpha
    } else {
        grid[best]
    };
    ses_for_alpha(y, alpha)
}

/// Brent's minimisation on `[a, b]` (golden section with parabolic steps; Brent 1973, ch. 5, as in
/// R `optimize`). Returns the best point and its value.
fn brent_min(f: impl Fn(f64) -> f64, a: f64, b: f64, tol: f64) -> (f64, f64) {
    const GOLDEN: f64 = 0.381_966_011_250_105_1; // (3 − √5) / 2
    let (mut a, mut b) = (a, b);
    let mut x = a + GOLDEN * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e): (f64, f64) = (0.0, 0.0);
    for _ in 0..200 {
        let m = 0.5 * (a + b);
        let tol1 = 1e-10 * x.abs() + tol / 3.0;
        let tol2 = 2.0 * tol1;
        if (x - m).abs() <= tol2 - 0.5 * (b - a) {
            break;
        }
        let mut golden = true;
        if e.abs() > tol1 {
            // Parabola through x, w, v.
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            let e_old = e;
            e = d;
            if p.abs() < (0.5 * q * e_old).abs() && p > q * (a - x) && p < q * (b - x) {
                d = p / q;
                let u = x + d;
                if u - a < tol2 || b - u < tol2 {
                    d = if x < m { tol1 } else { -tol1 };
                }
                golden = false;
            }
        }
        if golden {
            e = if x < m { b - x } else { a - x };
            d = GOLDEN * e;
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv, w, fw, x, fx) = (w, fw, x, fx, u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv, w, fw) = (w, fw, u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    (x, fx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fit(y: &[f64], period: usize) -> Box<dyn Fitted> {
        Theta::default().fit(&SeriesInput::new(y, period)).unwrap()
    }

    #[test]
    fn brent_finds_a_parabola_minimum() {
        let (x, fx) = brent_min(|x| (x - 0.3).powi(2) + 1.0, 0.0, 1.0, 1e-12);
        assert!((x - 0.3).abs() < 1e-8, "{x}");
        assert!((fx - 1.0).abs() < 1e-15);
    }

    #[test]
    fn ses_profile_level_is_exact() {
        // For α fixed, a direct search over ℓ₀ cannot beat the closed form.
        let y = [3.0, 5.0, 4.0, 6.0, 8.0, 7.0];
        let best = ses_for_alpha(&y, 0.4);
        for d in [-0.01, 0.01] {
            let mut l = best.initial_level + d;
            let mut sse = 0.0;
            for v in y {
                sse += (v - l) * (v - l);
                l += 0.4 * (v - l);
            }
            assert!(sse > best.sse);
        }
        // ℓ_n is the level after the last value.
        let mut l = best.initial_level;
        for v in y {
            l += 0.4 * (v - l);
        }
        assert!((l - best.level).abs() < 1e-12);
    }

    #[test]
    #[allow(clippy::excessive_precision)] // digits as R printed them
    fn decompose_matches_r_on_a_small_series() {
        // R 4.2: decompose(ts(c(1,3,2,5,2,4,3,6,3,5,4,7), frequency = 4), "additive")$figure
        let y = [1.0, 3.0, 2.0, 5.0, 2.0, 4.0, 3.0, 6.0, 3.0, 5.0, 4.0, 7.0];
        let f = decompose(&y, 4, SeasonKind::Additive).unwrap();
        let r = [-1.375, 0.375, -0.875, 1.875];
        for (a, b) in f.iter().zip(r) {
            assert!((a - b).abs() < 1e-12, "{f:?}");
        }
        // Odd period 11 (Jan–Feb combined), R 4.2:
        // t <- 0:32; y <- 50 + t + 10 * ((t * 7) %% 11)
        // decompose(ts(y, frequency = 11), "multiplicative")$figure
        let y: Vec<f64> = (0..33)
            .map(|t| 50.0 + t as f64 + 10.0 * ((t * 7) % 11) as f64)
            .collect();
        let f = decompose(&y, 11, SeasonKind::Multiplicative).unwrap();
        let r = [
            0.57007537868559965,
            1.17103564573687424,
            0.83117803891434183,
            1.41984278717794554,
            1.08357637640314408,
            0.74009869518402871,
            1.36014106083560393,
            1.00038366958149449,
            0.64699572530045002,
            1.26309910574452444,
            0.91357351643599283,
        ];
        for (a, b) in f.iter().zip(r) {
            assert!((a - b).abs() < 1e-12, "{f:?}");
        }
        // Odd period: plain 3-term MA. y = 1,2,6 repeated: trend 3 everywhere, figure −2, −1, 3.
        let y = [1.0, 2.0, 6.0, 1.0, 2.0, 6.0, 1.0, 2.0, 6.0];
        let f = decompose(&y, 3, SeasonKind::Multiplicative).unwrap();
        for (a, b) in f.iter().zip([1.0 / 3.0, 2.0 / 3.0, 2.0]) {
            assert!((a - b).abs() < 1e-12, "{f:?}");
        }
    }

    #[test]
    fn seasonal_series_is_detected_and_adjusted() {
        let y: Vec<f64> = (0..48)
            .map(|t| (100.0 + t as f64) * (1.0 + 0.3 * ((t % 12) as f64 - 5.5) / 5.5))
            .collect();
        let f = fit(&y, 12);
        assert_eq!(f.info().model, "Theta(seasonal=multiplicative)");
        assert!(f.info().notes.is_empty());
        // Same series with period 11 (Jan–Feb combined) also works.
        let y11: Vec<f64> = (0..44)
            .map(|t| (100.0 + t as f64) * if t % 11 == 0 { 2.0 } else { 1.0 })
            .collect();
        let f = fit(&y11, 11);
        assert_eq!(f.info().model, "Theta(seasonal=multiplicative)");
        let p = f.predict(11, &[]).point;
        // the first period of the next year (index 44) is the big one
        assert!(p[0] > 1.7 * p[1], "{p:?}");
    }

    #[test]
    fn seasonal_option_forces_or_skips_the_adjustment() {
        let y: Vec<f64> = (0..36).map(|t| 100.0 + (t as f64 * 0.9).sin()).collect();
        let always = Theta {
            seasonal: SeasonalAdjustment::Always,
        };
        let f = always.fit(&SeriesInput::new(&y, 12)).unwrap();
        assert_eq!(f.info().model, "Theta(seasonal=multiplicative)");
        let seasonal: Vec<f64> = (0..36)
            .map(|t| 100.0 + 30.0 * ((t % 12) as f64 / 11.0))
            .collect();
        let never = Theta {
            seasonal: SeasonalAdjustment::Never,
        };
        let f = never.fit(&SeriesInput::new(&seasonal, 12)).unwrap();
        assert_eq!(f.info().model, "Theta(seasonal=none)");
        assert!(f.info().notes.is_empty());
        assert_eq!(
            fit(&seasonal, 12).info().model,
            "Theta(seasonal=multiplicative)"
        );
    }

    #[test]
    fn non_positive_data_use_additive_seasonality_and_say_so() {
        let y: Vec<f64> = (0..36)
            .map(|t| {
                if t % 12 == 0 {
                    0.0
                } else {
                    50.0 + (t % 12) as f64 * 4.0
                }
            })
            .collect();
        let f = fit(&y, 12);
        assert_eq!(f.info().model, "Theta(seasonal=additive)");
        let note = &f.info().notes[0];
        assert_eq!(note.code, "theta.additiveSeasonal");
        assert!(note.zh.contains("加法"));
    }

    #[test]
    fn short_series_fall_back_and_say_so() {
        let f = fit(&[5.0, 7.0, 6.0, 8.0, 7.0], 12);
        assert_eq!(f.info().model, "Theta(seasonal=none)");
        assert_eq!(f.info().notes[0].code, "forecast.tooShortForSeason");
        let f = fit(&[5.0, 7.0], 12);
        assert_eq!(f.info().method, "theta");
        assert_eq!(f.info().notes.last().unwrap().code, "theta.naiveFallback");
        assert_eq!(f.predict(2, &[80.0]).point, vec![7.0, 7.0]);
        let f = fit(&[5.0], 1);
        assert_eq!(f.predict(1, &[95.0]).point, vec![5.0]);
    }

    #[test]
    fn awkward_series_give_finite_answers() {
        let constant = vec![42.0; 36];
        let spike: Vec<f64> = (0..36).map(|t| if t == 17 { 1e6 } else { 0.0 }).collect();
        let huge: Vec<f64> = (0..36)
            .map(|t| 1e12 * (1.0 + 0.1 * (t % 12) as f64))
            .collect();
        for y in [&constant, &spike, &huge] {
            let f = fit(y, 12);
            let p = f.predict(24, &[80.0, 95.0]);
            let all = p.point.iter().chain(
                p.intervals
                    .iter()
                    .flat_map(|i| i.lower.iter().chain(&i.upper)),
            );
            for v in all {
                assert!(v.is_finite(), "{:?}", f.info());
            }
            assert!(f.sample_paths(24, 10, 1).iter().all(|v| v.is_finite()));
        }
        let f = fit(&constant, 12);
        assert_eq!(f.predict(3, &[]).point, vec![42.0; 3]);
    }

    #[test]
    fn paths_follow_the_intervals() {
        let y: Vec<f64> = (0..60)
            .map(|t| {
                (200.0 + 2.0 * t as f64) * (1.0 + 0.2 * ((t % 12) as f64 / 11.0))
                    + (t as f64 * 1.7).sin() * 8.0
            })
            .collect();
        let f = fit(&y, 12);
        let n = 4000;
        let paths = f.sample_paths(12, n, 9);
        assert_eq!(paths, f.sample_paths(12, n, 9));
        let empirical = super::super::intervals_from_paths(&paths, 12, &[80.0]);
        let analytic = f.predict(12, &[80.0]);
        for k in [0, 11] {
            let half = analytic.intervals[0].upper[k] - analytic.point[k];
            let emp = empirical[0].upper[k] - analytic.point[k];
            // quantile of 4000 draws: well within 10 % of the half-width
            assert!((emp - half).abs() < 0.1 * half, "step {k}: {emp} vs {half}");
        }
    }

    proptest! {
        #[test]
        fn prop_positive_series_are_sane(
            y in prop::collection::vec(1.0f64..1e6, 1..60),
            period in prop::sample::select(vec![1usize, 4, 11, 12]),
            seed in any::<u64>(),
        ) {
            let f = fit(&y, period);
            let p = f.predict(14, &[80.0, 95.0]);
            let (i80, i95) = (&p.intervals[0], &p.intervals[1]);
            for k in 0..14 {
                prop_assert!(p.point[k].is_finite());
                prop_assert!(i95.lower[k] <= i80.lower[k] + 1e-9 * p.point[k].abs());
                prop_assert!(i80.lower[k] <= p.point[k] && p.point[k] <= i80.upper[k]);
                prop_assert!(i80.upper[k] <= i95.upper[k] + 1e-9 * p.point[k].abs());
            }
            let a = f.sample_paths(14, 3, seed);
            prop_assert_eq!(a.len(), 42);
            prop_assert!(a.iter().all(|v| v.is_finite()));
            prop_assert_eq!(a, f.sample_paths(14, 3, seed));
        }

        #[test]
        fn prop_any_finite_series_gives_finite_ordered_output(
            y in prop::collection::vec(prop_oneof![Just(0.0), -1e13f64..1e13, -1.0f64..1.0], 1..50),
            period in prop::sample::select(vec![1usize, 4, 11, 12]),
        ) {
            let f = fit(&y, period);
            let p = f.predict(24, &[80.0, 95.0]);
            for k in 0..24 {
                prop_assert!(p.point[k].is_finite());
                for iv in &p.intervals {
                    prop_assert!(iv.lower[k].is_finite() && iv.upper[k].is_finite());
                    prop_assert!(iv.lower[k] <= p.point[k] && p.point[k] <= iv.upper[k]);
                }
            }
            prop_assert!(f.sample_paths(24, 2, 1).iter().all(|v| v.is_finite()));
        }
    }
}
