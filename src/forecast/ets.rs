//! Exponential smoothing state space models (ETS) of Hyndman, Koehler, Ord & Snyder (2008),
//! *Forecasting with Exponential Smoothing*, as in R `forecast::ets`: error A/M, trend N/A/Ad,
//! season N/A/M, with automatic selection by AICc (`AutoETS`).
//!
//! - **Recursion** (R `etscalc`, error-correction form, the same for both error types): one-step
//!   forecast `ŷ = (l + φ*b) ⊕ s_{t−m}`; level `l = q + α(p − q)` with `q = l + φ*b`, `p = y ⊖ s_{t−m}`;
//!   trend `b = φb + (β/α)(l_new − l − φb)`; season `s = s_{t−m} + γ(y ⊖ q − s_{t−m})`.
//! - **Likelihood** (R): `lik = n·ln Σe² (+ 2 Σ ln|ŷ| for multiplicative errors)`, with `e = y − ŷ`
//!   or `(y − ŷ)/ŷ`; `AIC = lik + 2k`, `AICc = AIC + 2k(k+1)/(n−k−1)`, k = smoothing parameters +
//!   initial states (l, b and m − 1 seasonal states; the last one is fixed by normalisation) + 1.
//! - **Parameter space**: R's "both" bounds — the usual region (1e-4 < α < 0.9999, 1e-4 < β < α,
//!   1e-4 < γ < 1 − α, 0.8 < φ < 0.98), enforced by a logistic reparameterisation, intersected with
//!   the admissible region (R `admissible()`: for seasonal models, the roots of its characteristic
//!   polynomial lie in the unit circle, tested here by the Schur–Cohn recursion).
//! - **Optimisation**: Nelder–Mead on the smoothing parameters and the initial states, started from
//!   R's `initparam` / `initstate` heuristics (classical decomposition, regression on the first
//!   seasonally adjusted values).
//! - **Intervals**: analytic for class 1 (additive error, no multiplicative part) and class 2
//!   (multiplicative error, non-multiplicative season), Hyndman et al. (2008) ch. 6 / R `class1`,
//!   `class2`; simulated (seeded) for the multiplicative-season models.
//!
//! # Example
//! ```
//! use gapcast::forecast::{Forecaster, SeriesInput, ets::AutoEts};
//! let y: Vec<f64> = (0..60).map(|t| 100.0 + t as f64 + 10.0 * ((t % 12) as f64 - 5.5).abs()).collect();
//! let fit = AutoEts::default().fit(&SeriesInput::new(&y, 12))?;
//! let f = fit.predict(12, &[95.0]);
//! assert_eq!(f.point.len(), 12);
//! assert!(fit.info().model.starts_with("ETS("));
//! # Ok::<(), gapcast::Error>(())
//! ```

use std::collections::BTreeMap;

use super::optim::nelder_mead;
use super::stats::{rng, standard_normal, z_for_level};
use super::{intervals_from_paths, Fitted, Forecast, Forecaster, Interval, ModelInfo, SeriesInput};
use crate::error::{Error, Notice};

/// Error component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorType {
    /// Additive errors.
    Additive,
    /// Multiplicative (relative) errors.
    Multiplicative,
}

/// Trend component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendType {
    /// No trend.
    None,
    /// Additive (linear) trend.
    Additive,
    /// Additive damped trend.
    Damped,
}

/// Seasonal component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeasonType {
    /// No season.
    None,
    /// Additive season.
    Additive,
    /// Multiplicative season.
    Multiplicative,
}

/// One ETS model form, e.g. ETS(M,Ad,M).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EtsSpec {
    /// Error.
    pub error: ErrorType,
    /// Trend.
    pub trend: TrendType,
    /// Season.
    pub season: SeasonType,
}

impl EtsSpec {
    /// The model's name as R prints it.
    pub fn name(&self) -> String {
        let e = match self.error {
            ErrorType::Additive => "A",
            ErrorType::Multiplicative => "M",
        };
        let t = match self.trend {
            TrendType::None => "N",
            TrendType::Additive => "A",
            TrendType::Damped => "Ad",
        };
        let s = match self.season {
            SeasonType::None => "N",
            SeasonType::Additive => "A",
            SeasonType::Multiplicative => "M",
        };
        format!("ETS({e},{t},{s})")
    }

    /// The 15 forms R's `ets()` considers by default (no multiplicative trend; no additive error
    /// with multiplicative season), in R's search order.
    pub fn all() -> Vec<EtsSpec> {
        let mut out = Vec::new();
        for error in [ErrorType::Additive, ErrorType::Multiplicative] {
            for trend in [TrendType::None, TrendType::Additive, TrendType::Damped] {
                for season in [
                    SeasonType::None,
                    SeasonType::Additive,
                    SeasonType::Multiplicative,
                ] {
                    if error == ErrorType::Additive && season == SeasonType::Multiplicative {
                        continue;
                    }
                    out.push(EtsSpec {
                        error,
                        trend,
                        season,
                    });
                }
            }
        }
        out
    }

    fn has_trend(&self) -> bool {
        self.trend != TrendType::None
    }

    fn has_season(&self) -> bool {
        self.season != SeasonType::None
    }

    fn multiplicative(&self) -> bool {
        self.error == ErrorType::Multiplicative || self.season == SeasonType::Multiplicative
    }
}

/// Smoothing parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Smoothing {
    /// Level.
    pub alpha: f64,
    /// Trend (0 without trend).
    pub beta: f64,
    /// Season (0 without season).
    pub gamma: f64,
    /// Damping (1 without damping).
    pub phi: f64,
}

/// The states: level, trend, and the seasonal ring (`season[pos]` is the index for the next period).
#[derive(Debug, Clone, PartialEq)]
struct States {
    level: f64,
    trend: f64,
    season: Vec<f64>,
    pos: usize,
}

const LOWER: f64 = 1e-4;
const UPPER: f64 = 0.9999;
const PHI_LOWER: f64 = 0.8;
const PHI_UPPER: f64 = 0.98;
/// First-stage optimisation: (relative tolerance, evaluations); coarse, it only ranks the forms.
/// Budgets were tuned on M1 monthly (examples/accuracy_probe.rs): screen (1e-5, 600) + refine
/// (1.5e-8, 1000) gave sMAPE 15.18 with 3 347 likelihood passes per 120-point series;
/// (1e-4, 600) + (1.5e-8, 800) gives 15.23 with 2 361, about 30 % faster.
const SCREEN: (f64, usize) = (1e-4, 600);
/// Second stage: R's tolerance (√ε ≈ 1.5e-8) and evaluation budget.
const REFINE: (f64, usize) = (1.5e-8, 800);
/// Years at the start of the series whose decomposition gives the initial seasonal indices (on M1
/// monthly, 4 gave sMAPE 15.18 against 15.27 with the whole series, as R does).
const EARLY_YEARS: usize = 4;
/// Paths drawn to make intervals for models without analytic variances.
const INTERVAL_PATHS: usize = 4000;
/// Seed for those paths: fixed, so that intervals are reproducible.
const INTERVAL_SEED: u64 = 20_080_601;

fn logistic(u: f64) -> f64 {
    1.0 / (1.0 + libm::exp(-u))
}

fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    libm::log(p / (1.0 - p))
}

/// The one-step forecast from the current states: (q = l + φb, the seasonal index, ŷ).
#[inline(always)]
fn one_step(spec: EtsSpec, p: &Smoothing, states: &States) -> (f64, f64, f64) {
    let q = states.level + p.phi * states.trend;
    let sv = if states.season.is_empty() {
        0.0
    } else {
        states.season[states.pos]
    };
    let f = match spec.season {
        SeasonType::None => q,
        SeasonType::Additive => q + sv,
        SeasonType::Multiplicative => q * sv,
    };
    (q, sv, f)
}

/// Updates the states with observation `y` (R `etscalc` `update`); `false` when a division by a
/// zero seasonal index or level would be needed, or a state is no longer finite.
#[inline(always)]
fn update(spec: EtsSpec, p: &Smoothing, states: &mut States, y: f64, q: f64, sv: f64) -> bool {
    let deseasonalised = match spec.season {
        SeasonType::None => y,
        SeasonType::Additive => y - sv,
        SeasonType::Multiplicative => {
            if sv.abs() < 1e-10 {
                return false;
            }
            y / sv
        }
    };
    let level = q + p.alpha * (deseasonalised - q);
    if spec.has_trend() {
        let phib = q - states.level;
        states.trend = phib + (p.beta / p.alpha) * (level - states.level - phib);
    }
    if !states.season.is_empty() {
        let detrended = match spec.season {
            SeasonType::Multiplicative => {
                if q.abs() < 1e-10 {
                    return false;
                }
                y / q
            }
            _ => y - q,
        };
        let m = states.season.len();
        states.season[states.pos] = sv + p.gamma * (detrended - sv);
        states.pos = if states.pos + 1 == m {
            0
        } else {
            states.pos + 1
        };
    }
    states.level = level;
    level.is_finite() && states.trend.is_finite()
}

/// Splits a positive finite x into (mantissa in [1, 2), binary exponent) — x = mantissa · 2^exp.
fn split_exponent(x: f64) -> (f64, i64) {
    if !(x.is_normal()) {
        // zero, subnormal, infinite or NaN: leave as is (the caller's ln gives −∞/∞/NaN → rejected)
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
    (mantissa, exp)
}

/// Filter runs so far (diagnostics for benchmarks: each is one pass over the data).
pub static FILTER_RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs the recursion over `y`, returning (Σe², Σ ln|ŷ|); one-step forecasts are written to
/// `fitted` when given. `None` when a forecast hits zero under multiplicative errors or a state
/// becomes non-finite.
fn filter(
    spec: EtsSpec,
    p: &Smoothing,
    states: &mut States,
    y: &[f64],
    fitted: Option<&mut Vec<f64>>,
) -> Option<(f64, f64)> {
    // One copy of the loop per model form, so that the form's branches fold away.
    macro_rules! dispatch {
        ($($code:literal),*) => {
            match spec_code(spec) {
                $($code => filter_form::<$code>(p, states, y, fitted),)*
                _ => None,
            }
        };
    }
    dispatch!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
}

/// A number 0..18 for each form: error × 9 + trend × 3 + season.
const fn spec_code(spec: EtsSpec) -> u8 {
    let e = match spec.error {
        ErrorType::Additive => 0,
        ErrorType::Multiplicative => 1,
    };
    let t = match spec.trend {
        TrendType::None => 0,
        TrendType::Additive => 1,
        TrendType::Damped => 2,
    };
    let s = match spec.season {
        SeasonType::None => 0,
        SeasonType::Additive => 1,
        SeasonType::Multiplicative => 2,
    };
    e * 9 + t * 3 + s
}

const fn spec_of(code: u8) -> EtsSpec {
    let error = if code / 9 == 0 {
        ErrorType::Additive
    } else {
        ErrorType::Multiplicative
    };
    let trend = match (code / 3) % 3 {
        0 => TrendType::None,
        1 => TrendType::Additive,
        _ => TrendType::Damped,
    };
    let season = match code % 3 {
        0 => SeasonType::None,
        1 => SeasonType::Additive,
        _ => SeasonType::Multiplicative,
    };
    EtsSpec {
        error,
        trend,
        season,
    }
}

fn filter_form<const CODE: u8>(
    p: &Smoothing,
    states: &mut States,
    y: &[f64],
    mut fitted: Option<&mut Vec<f64>>,
) -> Option<(f64, f64)> {
    let spec = const { spec_of(CODE) };
    FILTER_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut sse = 0.0;
    // Σ ln|ŷ| as ln of a running product, renormalised by its binary exponent (one ln per run).
    let (mut product, mut exponent) = (1.0f64, 0i64);
    for (t, &yt) in y.iter().enumerate() {
        let (q, sv, f) = one_step(spec, p, states);
        if let Some(out) = fitted.as_deref_mut() {
            out.push(f);
        }
        match spec.error {
            ErrorType::Additive => sse += (yt - f) * (yt - f),
            ErrorType::Multiplicative => {
                if f.abs() < 1e-10 {
                    return None;
                }
                let e = (yt - f) / f;
                sse += e * e;
                product *= f.abs();
                if t % 8 == 7 {
                    let (mantissa, exp) = split_exponent(product);
                    product = mantissa;
                    exponent += exp;
                }
            }
        }
        if !update(spec, p, states, yt, q, sv) {
            return None;
        }
    }
    let sum_log = if spec.error == ErrorType::Multiplicative {
        libm::log(product) + exponent as f64 * std::f64::consts::LN_2
    } else {
        0.0
    };
    Some((sse, sum_log))
}

/// The optimiser's objective pass: the same recursion as [`filter`], with the states in locals
/// and no per-step checks (a non-finite value anywhere makes Σe² or Σ ln|ŷ| non-finite, which
/// is checked once at the end), for speed. Returns `lik` (see [`likelihood`]) or +∞.
fn likelihood_pass(spec: EtsSpec, p: &Smoothing, states: &mut States, y: &[f64]) -> f64 {
    macro_rules! dispatch {
        ($($code:literal),*) => {
            match spec_code(spec) {
                $($code => likelihood_form::<$code>(p, states, y),)*
                _ => f64::INFINITY,
            }
        };
    }
    dispatch!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)
}

fn likelihood_form<const CODE: u8>(p: &Smoothing, states: &mut States, y: &[f64]) -> f64 {
    let spec = const { spec_of(CODE) };
    FILTER_RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (alpha, beta_over_alpha, gamma, phi) = (p.alpha, p.beta / p.alpha, p.gamma, p.phi);
    let (mut level, mut trend) = (states.level, states.trend);
    let season = &mut states.season[..];
    let m = season.len();
    let mut pos = states.pos;
    let mut sse = 0.0;
    let (mut product, mut exponent) = (1.0f64, 0i64);
    for block in y.chunks(8) {
        for &yt in block {
            let phib = if spec.has_trend() { phi * trend } else { 0.0 };
            let q = level + phib;
            let sv = if spec.has_season() { season[pos] } else { 0.0 };
            let f = match spec.season {
                SeasonType::None => q,
                SeasonType::Additive => q + sv,
                SeasonType::Multiplicative => q * sv,
            };
            match spec.error {
                ErrorType::Additive => sse += (yt - f) * (yt - f),
                ErrorType::Multiplicative => {
                    let e = (yt - f) / f;
                    sse += e * e;
                    product *= f.abs();
                }
            }
            let deseasonalised = match spec.season {
                SeasonType::None => yt,
                SeasonType::Additive => yt - sv,
                SeasonType::Multiplicative => yt / sv,
            };
            let new_level = q + alpha * (deseasonalised - q);
            if spec.has_trend() {
                trend = phib + beta_over_alpha * (new_level - level - phib);
            }
            if spec.has_season() {
                let detrended = match spec.season {
                    SeasonType::Multiplicative => yt / q,
                    _ => yt - q,
                };
                season[pos] = sv + gamma * (detrended - sv);
                pos = if pos + 1 == m { 0 } else { pos + 1 };
            }
            level = new_level;
        }
        if spec.error == ErrorType::Multiplicative {
            let (mantissa, exp) = split_exponent(product);
            product = mantissa;
            exponent += exp;
        }
    }
    let sum_log = if spec.error == ErrorType::Multiplicative {
        libm::log(product) + exponent as f64 * std::f64::consts::LN_2
    } else {
        0.0
    };
    let lik = likelihood(y.len(), sse, sum_log, spec.error);
    if lik.is_finite() && sse.is_finite() && level.is_finite() {
        lik
    } else {
        f64::INFINITY
    }
}

/// R `admissible()`: the easy inequalities, then the characteristic polynomial's roots in the unit
/// circle (tested on P((1 + 1e-7) z) by the Schur–Cohn step-down recursion).
fn admissible(p: &Smoothing, m: usize, has_trend: bool, has_season: bool) -> bool {
    let (alpha, phi) = (p.alpha, p.phi);
    let beta = if has_trend { p.beta } else { 0.0 };
    if !(0.0..=1.0 + 1e-8).contains(&phi) {
        return false;
    }
    if !has_season || m <= 1 {
        if alpha < 1.0 - 1.0 / phi || alpha > 1.0 + 1.0 / phi {
            return false;
        }
        return !has_trend || (beta >= alpha * (phi - 1.0) && beta <= (1.0 + phi) * (2.0 - alpha));
    }
    let gamma = p.gamma;
    let mf = m as f64;
    if gamma < (1.0 - 1.0 / phi - alpha).max(0.0) || gamma > 1.0 + 1.0 / phi - alpha {
        return false;
    }
    if alpha < 1.0 - 1.0 / phi - gamma * (1.0 - mf + phi + phi * mf) / (2.0 * phi * mf) {
        return false;
    }
    if beta < -(1.0 - phi) * (gamma / mf + alpha) {
        return false;
    }
    // P(z) = φ(1−α−γ) + (α+β−αφ+γ−1) z + Σ_{i=2}^{m−1} (α+β−αφ) z^i + (α+β−φ) z^m + z^{m+1}
    if m + 2 > 31 {
        return false;
    }
    let mut coefs = [0.0f64; 31];
    coefs[0] = phi * (1.0 - alpha - gamma);
    coefs[1] = alpha + beta - alpha * phi + gamma - 1.0;
    for c in coefs.iter_mut().take(m).skip(2) {
        *c = alpha + beta - alpha * phi;
    }
    coefs[m] = alpha + beta - phi;
    coefs[m + 1] = 1.0;
    roots_within_unit_circle(&coefs[..m + 2], 1e-7)
}

/// Whether every root of Σ c_i z^i (c_last ≠ 0, degree ≤ 30) has modulus < 1 + tol.
fn roots_within_unit_circle(coefs: &[f64], tol: f64) -> bool {
    // Roots of P((1+tol) z) are the roots of P divided by (1+tol): test those strictly.
    // Step-down (Levinson/Schur–Cohn) recursion on A(z⁻¹) = 1 + a_1 z⁻¹ + … + a_d z⁻ᵈ,
    // a_j = c_{d−j} (1+tol)^{d−j} / (c_d (1+tol)^d): stable iff every reflection |k| < 1.
    const MAX: usize = 31;
    let d = coefs.len() - 1;
    if d >= MAX {
        return false;
    }
    let grow = 1.0 + tol;
    let lead = coefs[d] * grow.powi(d as i32);
    let mut a = [0.0f64; MAX];
    let mut power = 1.0;
    for i in 0..=d {
        // coefficient of z^i goes to a_{d−i}
        a[d - i] = coefs[i] * power / lead;
        power *= grow;
    }
    let mut order = d;
    while order > 0 {
        let k = a[order];
        if !k.is_finite() || k.abs() >= 1.0 {
            return false;
        }
        let scale = 1.0 / (1.0 - k * k);
        let (mut lo, mut hi) = (1, order - 1);
        while lo < hi {
            let (x, y) = (a[lo], a[hi]);
            a[lo] = (x - k * y) * scale;
            a[hi] = (y - k * x) * scale;
            lo += 1;
            hi -= 1;
        }
        if lo == hi {
            a[lo] = (a[lo] - k * a[lo]) * scale;
        }
        order -= 1;
    }
    true
}

/// How a parameter vector of the optimiser maps to smoothing parameters and initial states.
#[derive(Debug, Clone)]
struct Layout {
    spec: EtsSpec,
    m: usize,
    scale: f64,
    /// Seasonal initial states held fixed (first stage), or `None` when they are optimised.
    fixed_season: Option<Vec<f64>>,
}

impl Layout {
    fn n_smoothing(&self) -> usize {
        1 + usize::from(self.spec.has_trend())
            + usize::from(self.spec.has_season())
            + usize::from(self.spec.trend == TrendType::Damped)
    }

    /// Initial states the optimiser moves.
    fn n_free_states(&self) -> usize {
        let season = if self.spec.has_season() && self.fixed_season.is_none() {
            self.m - 1
        } else {
            0
        };
        1 + usize::from(self.spec.has_trend()) + season
    }

    /// Estimated parameters for the information criteria (R: smoothing + l, b, m − 1 seasonal
    /// states), whether the seasonal states come from the optimiser or the decomposition.
    fn n_estimated(&self) -> usize {
        let season = if self.spec.has_season() {
            self.m - 1
        } else {
            0
        };
        self.n_smoothing() + 1 + usize::from(self.spec.has_trend()) + season
    }

    fn smoothing(&self, u: &[f64]) -> Smoothing {
        let mut i = 0;
        let mut next = || {
            i += 1;
            u[i - 1]
        };
        let alpha = LOWER + (UPPER - LOWER) * logistic(next());
        let beta = if self.spec.has_trend() {
            LOWER + (alpha - LOWER) * logistic(next())
        } else {
            0.0
        };
        let gamma = if self.spec.has_season() {
            LOWER + (1.0 - alpha - LOWER) * logistic(next())
        } else {
            0.0
        };
        let phi = if self.spec.trend == TrendType::Damped {
            PHI_LOWER + (PHI_UPPER - PHI_LOWER) * logistic(next())
        } else {
            1.0
        };
        Smoothing {
            alpha,
            beta,
            gamma,
            phi,
        }
    }

    fn encode_smoothing(&self, p: &Smoothing) -> Vec<f64> {
        let mut u = vec![logit((p.alpha - LOWER) / (UPPER - LOWER))];
        if self.spec.has_trend() {
            u.push(logit((p.beta - LOWER) / (p.alpha - LOWER)));
        }
        if self.spec.has_season() {
            u.push(logit((p.gamma - LOWER) / (1.0 - p.alpha - LOWER)));
        }
        if self.spec.trend == TrendType::Damped {
            u.push(logit((p.phi - PHI_LOWER) / (PHI_UPPER - PHI_LOWER)));
        }
        u
    }

    /// Writes the initial states from the state part of `u` (scaled by the data's scale) into
    /// `out`; the seasonal state for the first period is fixed by normalisation (sum 0, or sum m).
    /// `false` when they are not valid (a negative multiplicative seasonal index).
    fn write_states(&self, u: &[f64], out: &mut States) -> bool {
        let mut i = self.n_smoothing();
        out.level = u[i] * self.scale;
        i += 1;
        out.trend = if self.spec.has_trend() {
            i += 1;
            u[i - 1] * self.scale
        } else {
            0.0
        };
        out.pos = 0;
        if let Some(fixed) = &self.fixed_season {
            out.season.clone_from(fixed);
            return true;
        }
        out.season.clear();
        match self.spec.season {
            SeasonType::None => true,
            SeasonType::Additive => {
                let rest = &u[i..i + self.m - 1];
                out.season.push(-rest.iter().sum::<f64>() * self.scale);
                out.season.extend(rest.iter().map(|v| v * self.scale));
                true
            }
            SeasonType::Multiplicative => {
                let rest = &u[i..i + self.m - 1];
                let first = self.m as f64 - rest.iter().sum::<f64>();
                out.season.push(first);
                out.season.extend_from_slice(rest);
                first >= 0.0 && rest.iter().all(|&s| s >= 0.0)
            }
        }
    }

    fn encode_states(&self, s: &States) -> Vec<f64> {
        let mut u = vec![s.level / self.scale];
        if self.spec.has_trend() {
            u.push(s.trend / self.scale);
        }
        if self.fixed_season.is_some() {
            return u;
        }
        match self.spec.season {
            SeasonType::None => {}
            SeasonType::Additive => u.extend(s.season[1..].iter().map(|v| v / self.scale)),
            SeasonType::Multiplicative => u.extend_from_slice(&s.season[1..]),
        }
        u
    }
}

/// Classical decomposition seasonal indices by position in the first cycle (R `decompose`):
/// centred moving average of order m (2×m for even m), detrend, average by position, normalise.
fn seasonal_indices(y: &[f64], m: usize, season: SeasonType) -> Vec<f64> {
    let n = y.len();
    let half = m / 2;
    let mut trend = vec![f64::NAN; n];
    for t in half..n.saturating_sub(half) {
        let value = if m % 2 == 0 {
            if t + half >= n {
                continue;
            }
            let inner: f64 = y[t + 1 - half..t + half].iter().sum();
            (inner + 0.5 * (y[t - half] + y[t + half])) / m as f64
        } else {
            y[t - half..=t + half].iter().sum::<f64>() / m as f64
        };
        trend[t] = value;
    }
    let multiplicative = season == SeasonType::Multiplicative;
    let mut sums = vec![0.0; m];
    let mut counts = vec![0usize; m];
    for t in 0..n {
        if trend[t].is_finite() && (!multiplicative || trend[t] != 0.0) {
            let d = if multiplicative {
                y[t] / trend[t]
            } else {
                y[t] - trend[t]
            };
            sums[t % m] += d;
            counts[t % m] += 1;
        }
    }
    let neutral = if multiplicative { 1.0 } else { 0.0 };
    let mut idx: Vec<f64> = sums
        .iter()
        .zip(&counts)
        .map(|(s, &c)| if c > 0 { s / c as f64 } else { neutral })
        .collect();
    let mean = idx.iter().sum::<f64>() / m as f64;
    for v in &mut idx {
        if multiplicative {
            *v = if mean > 0.0 {
                (*v / mean).max(1e-2)
            } else {
                1.0
            };
        } else {
            *v -= mean;
        }
    }
    idx
}

/// R `initstate`: seasonal indices by decomposition, then level (and slope) by regression on the
/// first max(10, 2m) seasonally adjusted values.
fn initial_states(y: &[f64], m: usize, spec: EtsSpec) -> States {
    // Decompose the first four years only: the initial indices describe the start of the series,
    // which matters when the seasonal pattern drifts (the optimiser refines them later).
    let early = &y[..y.len().min(EARLY_YEARS * m)];
    let season = if spec.has_season() {
        seasonal_indices(early, m, spec.season)
    } else {
        Vec::new()
    };
    let adjusted: Vec<f64> = y
        .iter()
        .enumerate()
        .map(|(t, &v)| match spec.season {
            SeasonType::None => v,
            SeasonType::Additive => v - season[t % m],
            SeasonType::Multiplicative => v / season[t % m],
        })
        .collect();
    let maxn = (10.max(2 * m)).min(adjusted.len());
    let head = &adjusted[..maxn];
    let (level, trend) = if spec.has_trend() && maxn >= 2 {
        let tm = (maxn as f64 + 1.0) / 2.0;
        let ym = head.iter().sum::<f64>() / maxn as f64;
        let (mut sxy, mut sxx) = (0.0, 0.0);
        for (i, v) in head.iter().enumerate() {
            let dt = (i + 1) as f64 - tm;
            sxy += dt * (v - ym);
            sxx += dt * dt;
        }
        let slope = sxy / sxx;
        let mut l0 = ym - slope * tm;
        let mut b0 = slope;
        if (l0 + b0).abs() < 1e-8 {
            l0 *= 1.0 + 1e-3;
            b0 *= 1.0 - 1e-3;
        }
        (l0, b0)
    } else {
        (head.iter().sum::<f64>() / maxn.max(1) as f64, 0.0)
    };
    States {
        level,
        trend,
        season,
        pos: 0,
    }
}

/// A fitted ETS model.
#[derive(Debug, Clone)]
pub struct EtsFit {
    spec: EtsSpec,
    params: Smoothing,
    initial: States,
    last: States,
    sigma2: f64,
    info: ModelInfo,
}

/// Fits one ETS form to `y` with period `m` (1 for none). `None` when it cannot be fitted (too few
/// data for its parameters, non-positive data for multiplicative parts, no finite likelihood).
pub fn fit_model(y: &[f64], m: usize, spec: EtsSpec) -> Option<EtsFit> {
    let first = fit_stage(y, m, spec, None, false, SCREEN)?;
    if spec.has_season() {
        fit_stage(y, m, spec, Some(&first), true, REFINE)
    } else {
        Some(first)
    }
}

/// One optimisation. Stage 1 (`free_season = false`) holds the seasonal initial states at their
/// decomposition values and moves the smoothing parameters, level and slope; stage 2 starts from a
/// stage-1 fit and moves every initial state too, as R does.
fn fit_stage(
    y: &[f64],
    m: usize,
    spec: EtsSpec,
    start: Option<&EtsFit>,
    free_season: bool,
    budget: (f64, usize),
) -> Option<EtsFit> {
    let n = y.len();
    let m = if spec.has_season() { m } else { 1 };
    if spec.multiplicative() && y.iter().any(|&v| v <= 0.0) {
        return None;
    }
    if spec.has_season() && (m < 2 || n < 2 * m) {
        return None;
    }
    let scale = (y.iter().map(|v| v.abs()).sum::<f64>() / n as f64).max(1e-12);
    let (start_params, start_states) = match start {
        Some(fit) => (fit.params, fit.initial.clone()),
        None => {
            // R initparam: α = 0.2 (range)/m, β = 0.1, γ = 0.05 and φ = 0.99 of their ranges
            let alpha = LOWER + 0.2 * (UPPER - LOWER) / m as f64;
            let p = Smoothing {
                alpha,
                beta: LOWER + 0.1 * (alpha - LOWER),
                gamma: LOWER + 0.05 * (1.0 - alpha - LOWER),
                phi: PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER),
            };
            (p, initial_states(y, m, spec))
        }
    };
    let fixed_season = (spec.has_season() && !free_season).then(|| start_states.season.clone());
    let layout = Layout {
        spec,
        m,
        scale,
        fixed_season,
    };
    let k = layout.n_estimated() + 1;
    if k + 1 >= n {
        return None;
    }
    let mut u0 = layout.encode_smoothing(&start_params);
    u0.extend(layout.encode_states(&start_states));
    let mut steps = vec![if start.is_some() { 0.2 } else { 1.0 }; layout.n_smoothing()];
    steps.extend(std::iter::repeat_n(
        if start.is_some() { 0.01 } else { 0.05 },
        layout.n_free_states(),
    ));
    let mut work = start_states.clone();
    let objective = |u: &[f64]| -> f64 {
        let p = layout.smoothing(u);
        if spec.has_season() && !admissible(&p, m, spec.has_trend(), true) {
            return f64::INFINITY;
        }
        if !layout.write_states(u, &mut work) {
            return f64::INFINITY;
        }
        likelihood_pass(spec, &p, &mut work, y)
    };
    let best = nelder_mead(objective, &u0, &steps, budget.0, budget.1);
    if !best.value.is_finite() {
        return None;
    }
    let params = layout.smoothing(&best.x);
    let mut initial = start_states;
    if !layout.write_states(&best.x, &mut initial) {
        return None;
    }
    let mut last = initial.clone();
    let mut fitted = Vec::with_capacity(n);
    let (sse, sum_log) = filter(spec, &params, &mut last, y, Some(&mut fitted))?;
    let lik = likelihood(n, sse, sum_log, spec.error);
    let kf = k as f64;
    let aic = lik + 2.0 * kf;
    let aicc = aic + 2.0 * kf * (kf + 1.0) / (n as f64 - kf - 1.0);
    // R: sigma2 = Σ residuals² / (n − number of estimated parameters)
    let sigma2 = sse / (n as f64 - (k - 1) as f64).max(1.0);
    let mut named = BTreeMap::new();
    named.insert("alpha".to_string(), params.alpha);
    if spec.has_trend() {
        named.insert("beta".to_string(), params.beta);
        named.insert("b0".to_string(), initial.trend);
    }
    if spec.has_season() {
        named.insert("gamma".to_string(), params.gamma);
        for (i, s) in initial.season.iter().enumerate() {
            named.insert(format!("s0_{:02}", i + 1), *s);
        }
    }
    if spec.trend == TrendType::Damped {
        named.insert("phi".to_string(), params.phi);
    }
    named.insert("l0".to_string(), initial.level);
    let info = ModelInfo {
        method: "ets",
        model: spec.name(),
        params: named,
        log_likelihood: Some(-0.5 * lik),
        aic: Some(aic),
        aicc: Some(aicc),
        sigma2,
        fitted,
        notes: Vec::new(),
    };
    Some(EtsFit {
        spec,
        params,
        initial,
        last,
        sigma2,
        info,
    })
}

fn likelihood(n: usize, sse: f64, sum_log: f64, error: ErrorType) -> f64 {
    // R: avoid perfect fits
    let lik = n as f64 * libm::log(sse)
        + if error == ErrorType::Multiplicative {
            2.0 * sum_log
        } else {
            0.0
        };
    lik.max(-1e10)
}

impl EtsFit {
    /// The fitted form.
    pub fn spec(&self) -> EtsSpec {
        self.spec
    }

    /// The smoothing parameters.
    pub fn smoothing(&self) -> Smoothing {
        self.params
    }

    fn m(&self) -> usize {
        self.last.season.len()
    }

    /// Point forecast for step k ≥ 1 from the last states.
    fn point(&self, k: usize) -> f64 {
        let p = &self.params;
        let damp = match self.spec.trend {
            TrendType::None => 0.0,
            TrendType::Additive => k as f64,
            TrendType::Damped => (1..=k).map(|i| p.phi.powi(i as i32)).sum(),
        };
        let base = self.last.level + damp * self.last.trend;
        let m = self.m();
        match self.spec.season {
            SeasonType::None => base,
            SeasonType::Additive => base + self.last.season[(self.last.pos + k - 1) % m],
            SeasonType::Multiplicative => base * self.last.season[(self.last.pos + k - 1) % m],
        }
    }

    /// c_j = α + β φ_j + γ·1{j ≡ 0 mod m}, Hyndman et al. (2008) Table 6.1 (R `class1`: H Fʲ⁻¹ G).
    fn c(&self, j: usize) -> f64 {
        let p = &self.params;
        let trend = match self.spec.trend {
            TrendType::None => 0.0,
            TrendType::Additive => j as f64,
            TrendType::Damped => (1..=j).map(|i| p.phi.powi(i as i32)).sum(),
        };
        let season = if self.spec.has_season() && j % self.m() == 0 {
            p.gamma
        } else {
            0.0
        };
        p.alpha + p.beta * trend + season
    }

    /// Analytic forecast variances for classes 1 and 2; `None` for the others.
    fn analytic_variance(&self, h: usize) -> Option<Vec<f64>> {
        if self.spec.season == SeasonType::Multiplicative {
            return None;
        }
        let cs: Vec<f64> = (1..h).map(|j| self.c(j)).collect();
        match self.spec.error {
            ErrorType::Additive => Some(
                (1..=h)
                    .map(|k| self.sigma2 * (1.0 + cs[..k - 1].iter().map(|c| c * c).sum::<f64>()))
                    .collect(),
            ),
            ErrorType::Multiplicative => {
                // R class2: θ_1 = μ_1², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}; v_h = (1+σ²) θ_h − μ_h²
                let mu: Vec<f64> = (1..=h).map(|k| self.point(k)).collect();
                let mut theta = vec![0.0; h];
                for i in 0..h {
                    theta[i] = mu[i] * mu[i];
                    for j in 1..=i {
                        theta[i] += self.sigma2 * cs[j - 1] * cs[j - 1] * theta[i - j];
                    }
                }
                Some(
                    (0..h)
                        .map(|i| (1.0 + self.sigma2) * theta[i] - mu[i] * mu[i])
                        .collect(),
                )
            }
        }
    }

    fn simulate(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        let mut r = rng(seed);
        let sigma = self.sigma2.sqrt();
        let mut out = Vec::with_capacity(n * h);
        let mut states = self.last.clone();
        for _ in 0..n {
            states.level = self.last.level;
            states.trend = self.last.trend;
            states.season.copy_from_slice(&self.last.season);
            states.pos = self.last.pos;
            let mut alive = true;
            for _ in 0..h {
                let (q, sv, f) = one_step(self.spec, &self.params, &states);
                let e = sigma * standard_normal(&mut r);
                let y = match self.spec.error {
                    ErrorType::Additive => f + e,
                    ErrorType::Multiplicative => f * (1.0 + e),
                };
                // a path that reaches zero under a multiplicative model stays there
                out.push(if alive { y } else { 0.0 });
                alive = alive && update(self.spec, &self.params, &mut states, y, q, sv);
            }
        }
        out
    }
}

impl Fitted for EtsFit {
    fn info(&self) -> &ModelInfo {
        &self.info
    }

    fn predict(&self, h: usize, levels: &[f64]) -> Forecast {
        let point: Vec<f64> = (1..=h).map(|k| self.point(k)).collect();
        let intervals = match self.analytic_variance(h) {
            Some(var) => levels
                .iter()
                .map(|&level| {
                    let z = z_for_level(level);
                    Interval {
                        level,
                        lower: point
                            .iter()
                            .zip(&var)
                            .map(|(p, v)| p - z * v.max(0.0).sqrt())
                            .collect(),
                        upper: point
                            .iter()
                            .zip(&var)
                            .map(|(p, v)| p + z * v.max(0.0).sqrt())
                            .collect(),
                    }
                })
                .collect(),
            None if levels.is_empty() => Vec::new(),
            None => {
                intervals_from_paths(&self.simulate(h, INTERVAL_PATHS, INTERVAL_SEED), h, levels)
            }
        };
        Forecast { point, intervals }
    }

    fn sample_paths(&self, h: usize, n: usize, seed: u64) -> Vec<f64> {
        self.simulate(h, n, seed)
    }
}

/// Automatic ETS: fits every admissible form and keeps the one with the lowest AICc (R `ets()`).
#[derive(Debug, Clone)]
pub struct AutoEts {
    /// Restrict to these forms (all 15 when empty).
    pub candidates: Vec<EtsSpec>,
    /// How many of the best first-stage fits get the full optimisation of every initial state.
    pub refine: usize,
}

impl Default for AutoEts {
    fn default() -> Self {
        AutoEts {
            candidates: Vec::new(),
            refine: 2,
        }
    }
}

impl AutoEts {
    /// Only one form.
    pub fn only(spec: EtsSpec) -> Self {
        AutoEts {
            candidates: vec![spec],
            refine: 1,
        }
    }
}

/// A flat forecast for a constant series: ETS(A,N,N) with zero variance.
fn constant_fit(y: &[f64]) -> EtsFit {
    let value = y[y.len() - 1];
    let spec = EtsSpec {
        error: ErrorType::Additive,
        trend: TrendType::None,
        season: SeasonType::None,
    };
    let mut params = BTreeMap::new();
    params.insert("alpha".to_string(), UPPER);
    params.insert("l0".to_string(), value);
    EtsFit {
        spec,
        params: Smoothing {
            alpha: UPPER,
            beta: 0.0,
            gamma: 0.0,
            phi: 1.0,
        },
        initial: States {
            level: value,
            trend: 0.0,
            season: Vec::new(),
            pos: 0,
        },
        last: States {
            level: value,
            trend: 0.0,
            season: Vec::new(),
            pos: 0,
        },
        sigma2: 0.0,
        info: ModelInfo {
            method: "ets",
            model: spec.name(),
            params,
            log_likelihood: None,
            aic: None,
            aicc: None,
            sigma2: 0.0,
            fitted: vec![value; y.len()],
            notes: vec![Notice {
                code: "forecast.constant",
                en: "the series is constant: the forecast repeats its value".into(),
                zh: "序列为常数：预测沿用该值".into(),
            }],
        },
    }
}

impl Forecaster for AutoEts {
    fn fit(&self, series: &SeriesInput<'_>) -> Result<Box<dyn Fitted>, Error> {
        super::check_series("", series.values)?;
        let y = series.values;
        let m = series.period.max(1);
        let first = y[0];
        if y.iter().all(|&v| v == first) {
            return Ok(Box::new(constant_fit(y)));
        }
        let mut notes = Vec::new();
        let candidates = if self.candidates.is_empty() {
            EtsSpec::all()
        } else {
            self.candidates.clone()
        };
        if m > 1 && y.len() < 2 * m && candidates.iter().any(|s| s.has_season()) {
            notes.push(Notice {
                code: "forecast.tooShortForSeason",
                en: format!(
                    "{} values are fewer than two full years ({}): seasonal models are left out",
                    y.len(),
                    2 * m
                ),
                zh: format!(
                    "只有 {} 个值，不足两个完整年度（{}）：不使用季节模型",
                    y.len(),
                    2 * m
                ),
            });
        }
        if y.iter().any(|&v| v <= 0.0) && candidates.iter().any(|s| s.multiplicative()) {
            notes.push(Notice {
                code: "forecast.nonPositive",
                en: "the series has zeros or negative values: multiplicative models are left out"
                    .into(),
                zh: "序列含零或负值：不使用乘法模型".into(),
            });
        }
        // Stage 1 for every form; stage 2 (all initial states free) for the best few by AICc.
        let aicc = |f: &EtsFit| f.info.aicc.unwrap_or(f64::INFINITY);
        let mut stage1: Vec<EtsFit> = candidates
            .iter()
            .filter_map(|&spec| fit_stage(y, m, spec, None, false, SCREEN))
            .collect();
        stage1.sort_by(|a, b| aicc(a).total_cmp(&aicc(b)));
        let refined = stage1.iter().take(self.refine.max(1)).map(|fit| {
            if fit.spec.has_season() {
                fit_stage(y, m, fit.spec, Some(fit), true, REFINE)
                    .filter(|r| aicc(r) <= aicc(fit))
                    .unwrap_or_else(|| fit.clone())
            } else {
                fit.clone()
            }
        });
        let best = refined.min_by(|a, b| aicc(a).total_cmp(&aicc(b)));
        match best {
            Some(mut fit) => {
                fit.info.notes.extend(notes);
                Ok(Box::new(fit))
            }
            None => {
                // Too short for any ETS form: naive forecasts, and say why.
                notes.push(Notice {
                    code: "forecast.etsTooShort",
                    en: format!("{} values are too few to estimate an ETS model: the naive forecast is used", y.len()),
                    zh: format!("只有 {} 个值，不足以估计 ETS 模型：改用朴素预测", y.len()),
                });
                let fallback = super::naive::SeasonalNaive::default().fit(series)?;
                Ok(Box::new(super::WithNotes::new(fallback, notes)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const AIR: [f64; 144] = [
        112., 118., 132., 129., 121., 135., 148., 148., 136., 119., 104., 118., 115., 126., 141.,
        135., 125., 149., 170., 170., 158., 133., 114., 140., 145., 150., 178., 163., 172., 178.,
        199., 199., 184., 162., 146., 166., 171., 180., 193., 181., 183., 218., 230., 242., 209.,
        191., 172., 194., 196., 196., 236., 235., 229., 243., 264., 272., 237., 211., 180., 201.,
        204., 188., 235., 227., 234., 264., 302., 293., 259., 229., 203., 229., 242., 233., 267.,
        269., 270., 315., 364., 347., 312., 274., 237., 278., 284., 277., 317., 313., 318., 374.,
        413., 405., 355., 306., 271., 306., 315., 301., 356., 348., 355., 422., 465., 467., 404.,
        347., 305., 336., 340., 318., 362., 348., 363., 435., 491., 505., 404., 359., 310., 337.,
        360., 342., 406., 396., 420., 472., 548., 559., 463., 407., 362., 405., 417., 391., 419.,
        461., 472., 535., 622., 606., 508., 461., 390., 432.,
    ];

    fn ann() -> EtsSpec {
        EtsSpec {
            error: ErrorType::Additive,
            trend: TrendType::None,
            season: SeasonType::None,
        }
    }

    #[test]
    fn ann_recursion_is_simple_exponential_smoothing() {
        // l_t = l_{t−1} + α (y_t − l_{t−1}); α = 0.5, l_0 = 10; y = 12, 8, 11
        // forecasts 10, 11, 9.5; errors 2, −3, 1.5; SSE = 4 + 9 + 2.25 = 15.25; final level 10.25
        let p = Smoothing {
            alpha: 0.5,
            beta: 0.0,
            gamma: 0.0,
            phi: 1.0,
        };
        let mut s = States {
            level: 10.0,
            trend: 0.0,
            season: Vec::new(),
            pos: 0,
        };
        let mut fitted = Vec::new();
        let (sse, _) = filter(ann(), &p, &mut s, &[12.0, 8.0, 11.0], Some(&mut fitted)).unwrap();
        assert_eq!(fitted, vec![10.0, 11.0, 9.5]);
        assert_eq!(sse, 15.25);
        assert_eq!(s.level, 10.25);
    }

    #[test]
    fn additive_holt_winters_recursion_by_hand() {
        // ETS(A,A,A), m = 2, α = 0.5, β = 0.1, γ = 0.2; l0 = 10, b0 = 1, seasons for t=1,2: −1, +1
        // t=1: q = 11, ŷ = 10, y = 12: l = 11 + 0.5 (13 − 11) = 12; b = 1 + 0.2 (12 − 10 − 1) = 1.2;
        //      s = −1 + 0.2 ((12 − 11) − (−1)) = −0.6
        let spec = EtsSpec {
            error: ErrorType::Additive,
            trend: TrendType::Additive,
            season: SeasonType::Additive,
        };
        let p = Smoothing {
            alpha: 0.5,
            beta: 0.1,
            gamma: 0.2,
            phi: 1.0,
        };
        let mut s = States {
            level: 10.0,
            trend: 1.0,
            season: vec![-1.0, 1.0],
            pos: 0,
        };
        let mut fitted = Vec::new();
        filter(spec, &p, &mut s, &[12.0], Some(&mut fitted)).unwrap();
        assert_eq!(fitted, vec![10.0]);
        assert!((s.level - 12.0).abs() < 1e-12 && (s.trend - 1.2).abs() < 1e-12);
        assert!((s.season[0] + 0.6).abs() < 1e-12 && s.pos == 1);
    }

    #[test]
    fn fast_objective_pass_equals_the_checked_filter() {
        for spec in EtsSpec::all() {
            let m = if spec.has_season() { 12 } else { 1 };
            let p = Smoothing {
                alpha: 0.31,
                beta: if spec.has_trend() { 0.05 } else { 0.0 },
                gamma: if spec.has_season() { 0.1 } else { 0.0 },
                phi: if spec.trend == TrendType::Damped {
                    0.9
                } else {
                    1.0
                },
            };
            let init = initial_states(&AIR, m, spec);
            let (mut a, mut b) = (init.clone(), init.clone());
            let (sse, sum_log) = filter(spec, &p, &mut a, &AIR, None).unwrap();
            let fast = likelihood_pass(spec, &p, &mut b, &AIR);
            let slow = likelihood(AIR.len(), sse, sum_log, spec.error);
            assert!(
                (fast - slow).abs() < 1e-9 * slow.abs(),
                "{}: {fast} vs {slow}",
                spec.name()
            );
            assert!(a
                .season
                .iter()
                .zip(&b.season)
                .all(|(x, y)| (x - y).abs() < 1e-9 * (1.0 + x.abs())));
        }
    }

    #[test]
    fn log_product_equals_sum_of_logs() {
        let spec = EtsSpec {
            error: ErrorType::Multiplicative,
            trend: TrendType::None,
            season: SeasonType::None,
        };
        let p = Smoothing {
            alpha: 0.3,
            beta: 0.0,
            gamma: 0.0,
            phi: 1.0,
        };
        let y: Vec<f64> = (0..50)
            .map(|t| 1e12 * (1.0 + 0.1 * (t as f64).sin()))
            .collect();
        let mut s = States {
            level: 1e12,
            trend: 0.0,
            season: Vec::new(),
            pos: 0,
        };
        let mut fitted = Vec::new();
        let (_, sum_log) = filter(spec, &p, &mut s, &y, Some(&mut fitted)).unwrap();
        let direct: f64 = fitted.iter().map(|f| f.abs().ln()).sum();
        assert!(
            (sum_log - direct).abs() < 1e-9 * direct.abs(),
            "{sum_log} vs {direct}"
        );
    }

    #[test]
    fn schur_cohn_agrees_with_known_roots() {
        // (z − 0.5)(z + 0.9) = z² + 0.4 z − 0.45: inside; (z − 1.2)(z − 0.1) = z² − 1.3 z + 0.12: outside
        assert!(roots_within_unit_circle(&[-0.45, 0.4, 1.0], 1e-7));
        assert!(!roots_within_unit_circle(&[0.12, -1.3, 1.0], 1e-7));
        // a root exactly on the circle (z − 1)(z − 0.3) is admissible, as in R (|root| ≤ 1 + 1e-10)
        assert!(roots_within_unit_circle(&[0.3, -1.3, 1.0], 1e-7));
        // z³ − 0.001 (roots of modulus 0.1) inside; 2z³ + … scaled leading coefficient
        assert!(roots_within_unit_circle(&[-0.001, 0.0, 0.0, 1.0], 1e-7));
        assert!(!roots_within_unit_circle(&[-2.0, 0.0, 0.0, 1.0], 1e-7));
    }

    #[test]
    fn air_passengers_fit_beats_the_reference_likelihood() {
        // statsforecast 2.0 AutoETS(season_length=12) on AirPassengers (made in a venv with
        // `AutoETS(season_length=12).fit(y).model_`): ETS(M,N,M), AICc 1458.102. A lower AICc is a
        // better optimum of the same likelihood (same parameter count convention as R).
        let fit = AutoEts::default().fit(&SeriesInput::new(&AIR, 12)).unwrap();
        let aicc = fit.info().aicc.unwrap();
        assert!(aicc < 1458.102, "{aicc}");
        assert!(aicc > 1300.0, "{aicc}");
        assert!(fit.info().model.ends_with(",M)"), "{}", fit.info().model);
        let f = fit.predict(12, &[80.0, 95.0]);
        // statsforecast's point forecast for January 1961: 442.357
        assert!((f.point[0] - 442.0).abs() < 6.0, "{}", f.point[0]);
        assert!(
            f.intervals[1].lower[0] < f.intervals[0].lower[0]
                && f.intervals[0].upper[0] < f.intervals[1].upper[0]
        );
    }

    #[test]
    fn analytic_variances_match_simulation() {
        // class 1 (A,A,A) and class 2 (M,A,N): the variance of simulated paths at step h agrees with
        // the analytic one within Monte Carlo error (var of a sample variance ≈ 2σ⁴/(n−1)).
        for spec in [
            EtsSpec {
                error: ErrorType::Additive,
                trend: TrendType::Damped,
                season: SeasonType::Additive,
            },
            EtsSpec {
                error: ErrorType::Multiplicative,
                trend: TrendType::Additive,
                season: SeasonType::None,
            },
        ] {
            let fit = fit_model(&AIR, 12, spec).unwrap();
            let h = 12;
            let n = 20_000;
            let paths = fit.sample_paths(h, n, 7);
            let var = fit.analytic_variance(h).unwrap();
            for step in [0, 5, 11] {
                let xs: Vec<f64> = (0..n).map(|i| paths[i * h + step]).collect();
                let mean = xs.iter().sum::<f64>() / n as f64;
                let v = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
                let se = var[step] * (2.0 / (n as f64 - 1.0)).sqrt();
                assert!(
                    (v - var[step]).abs() < 5.0 * se,
                    "{} step {step}: {v} vs {}",
                    spec.name(),
                    var[step]
                );
            }
        }
    }

    #[test]
    fn odd_inputs_give_sane_forecasts() {
        let constant = AutoEts::default()
            .fit(&SeriesInput::new(&[7.0; 30], 12))
            .unwrap();
        assert_eq!(constant.predict(3, &[95.0]).point, vec![7.0; 3]);
        assert_eq!(constant.info().notes[0].code, "forecast.constant");
        let mut spike = vec![100.0; 48];
        spike[30] = 10_000.0;
        let f = AutoEts::default()
            .fit(&SeriesInput::new(&spike, 12))
            .unwrap()
            .predict(12, &[95.0]);
        assert!(f.point.iter().all(|v| v.is_finite()));
        let huge: Vec<f64> = AIR.iter().map(|v| v * 1e10).collect();
        let f = AutoEts::default()
            .fit(&SeriesInput::new(&huge, 12))
            .unwrap()
            .predict(12, &[95.0]);
        assert!(f.point.iter().all(|v| v.is_finite() && *v > 1e11));
        let with_zero: Vec<f64> = (0..40).map(|t| (t % 12) as f64).collect();
        let fit = AutoEts::default()
            .fit(&SeriesInput::new(&with_zero, 12))
            .unwrap();
        assert!(fit
            .info()
            .notes
            .iter()
            .any(|n| n.code == "forecast.nonPositive"));
        let short = AutoEts::default()
            .fit(&SeriesInput::new(&AIR[..20], 12))
            .unwrap();
        assert!(short
            .info()
            .notes
            .iter()
            .any(|n| n.code == "forecast.tooShortForSeason"));
        assert!(!short.info().model.ends_with(",A)") && !short.info().model.ends_with(",M)"));
        let tiny = AutoEts::default()
            .fit(&SeriesInput::new(&[1.0, 2.0, 3.0], 12))
            .unwrap();
        assert!(tiny
            .info()
            .notes
            .iter()
            .any(|n| n.code == "forecast.etsTooShort"));
        assert_eq!(tiny.predict(2, &[80.0]).point.len(), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn random_series_never_panic_and_intervals_nest(
            y in proptest::collection::vec(1.0f64..1000.0, 1..60),
            seed in any::<u64>(),
        ) {
            let fit = AutoEts::default().fit(&SeriesInput::new(&y, 12)).unwrap();
            let f = fit.predict(6, &[80.0, 95.0]);
            for k in 0..6 {
                prop_assert!(f.point[k].is_finite());
                prop_assert!(f.intervals[1].lower[k] <= f.intervals[0].lower[k] + 1e-9);
                prop_assert!(f.intervals[0].lower[k] <= f.point[k] + 1e-9 || fit.info().model.ends_with(",M)"));
                prop_assert!(f.intervals[0].upper[k] <= f.intervals[1].upper[k] + 1e-9);
            }
            prop_assert_eq!(fit.sample_paths(6, 10, seed), fit.sample_paths(6, 10, seed));
        }
    }
}
