//! Trend ("potential") output and the trend gap: the Hodrick–Prescott filter and Hamilton's
//! regression filter, a secondary diagnostic beside the target gap.
//!
//! Both split a series `y` into a trend and a cycle, `y = trend + cycle`; the cycle is the trend
//! gap (趋势缺口). Pass logs to read the gap as a fraction of trend. The HP filter
//! ([`hp_filter`]) is two-sided, so its last points are revised as data arrive: the result marks
//! them in [`TrendGap::unstable`] and says so in [`TrendGap::notes`] (端点不稳定，随新数据修正).
//! Hamilton's filter ([`hamilton_filter`]) is one-sided: the trend at `t + h` is the least-squares
//! forecast from `y[t], …, y[t−p+1]`, so the first `p + h − 1` points have no value (`None`,
//! `null` in JSON) and the rest move only as the coefficients are re-estimated.
//!
//! # Example
//! ```
//! use gapcast::trend::{hamilton_filter, hp_filter, HamiltonParams, LAMBDA_QUARTERLY};
//! // Log output growing 0.5 % a quarter, with a bump every fourth quarter.
//! let y: Vec<f64> = (0..40)
//!     .map(|t| 4.6 + 0.005 * t as f64 + if t % 4 == 3 { 0.01 } else { 0.0 })
//!     .collect();
//! let hp = hp_filter(&y, LAMBDA_QUARTERLY)?;
//! assert_eq!(hp.trend.len(), 40);
//! assert!(hp.unstable[39] && !hp.unstable[20]); // ⌈1600^¼⌉ = 7 points at each end
//! assert_eq!(hp.notes[0].code, "trend.hpEndPoints");
//!
//! let ham = hamilton_filter(&y, HamiltonParams::QUARTERLY)?;
//! assert_eq!(ham.trend[10], None); // the first p + h − 1 = 11 points have no value
//! assert!(ham.cycle[11].is_some());
//! # Ok::<(), gapcast::Error>(())
//! ```

use nalgebra::{DMatrix, DVector, QR, SVD};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Notice, Place, Problem, ProblemKind};

/// λ for quarterly data (Hodrick & Prescott 1997, "Postwar U.S. Business Cycles", JMCB 29(1)).
pub const LAMBDA_QUARTERLY: f64 = 1_600.0;
/// λ for monthly data by the square of the frequency ratio, 1 600 × 3² (the common convention
/// for monthly series).
pub const LAMBDA_MONTHLY: f64 = 14_400.0;
/// λ for monthly data by the fourth power of the frequency ratio, 1 600 × 3⁴ (Ravn & Uhlig 2002,
/// "On adjusting the Hodrick–Prescott filter for the frequency of observations", REStat 84(2)).
pub const LAMBDA_MONTHLY_RAVN_UHLIG: f64 = 129_600.0;
/// The largest λ accepted. Beyond it the trend is a straight line to within rounding, and the
/// solve loses too many digits (at 10¹² it is still within 3·10⁻⁸ of the exact rational solution
/// for 1 200 values near 3 000).
pub const MAX_LAMBDA: f64 = 1e12;
/// The largest `h` or `p` accepted by [`hamilton_filter`] (ten years of months).
pub const MAX_LAG: usize = 120;

/// Hamilton filter parameters: regress `y[t+h]` on a constant and `y[t], …, y[t−p+1]`.
///
/// | Name | Default | Purpose | Range |
/// |---|---|---|---|
/// | `h` | 24 | how far ahead the trend is projected (two years of months) | 1..=[`MAX_LAG`] |
/// | `p` | 12 | how many recent values the projection uses (one year of months) | 1..=[`MAX_LAG`] |
///
/// Hamilton (2018, "Why you should never use the Hodrick–Prescott filter", REStat 100(5))
/// recommends a two-year horizon and a year of lags: `h = 8, p = 4` for quarterly data and
/// `h = 24, p = 12` for monthly data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HamiltonParams {
    /// Horizon in periods.
    pub h: usize,
    /// Number of lags (the current value included).
    pub p: usize,
}

impl HamiltonParams {
    /// Monthly data: `h = 24, p = 12`.
    pub const MONTHLY: HamiltonParams = HamiltonParams { h: 24, p: 12 };
    /// Quarterly data: `h = 8, p = 4` (Hamilton 2018).
    pub const QUARTERLY: HamiltonParams = HamiltonParams { h: 8, p: 4 };

    /// The fewest values the filter needs: `h + 2p + 1`, so that the `n − h − p + 1` regression
    /// rows exceed the `p + 1` coefficients by at least one.
    pub fn min_len(&self) -> usize {
        self.h
            .saturating_add(self.p.saturating_mul(2))
            .saturating_add(1)
    }
}

impl Default for HamiltonParams {
    /// Monthly data.
    fn default() -> Self {
        HamiltonParams::MONTHLY
    }
}

/// Which filter made a [`TrendGap`], with its parameters and (for Hamilton) its coefficients.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "camelCase")]
#[non_exhaustive]
pub enum TrendFilter {
    /// Hodrick–Prescott.
    Hp {
        /// Smoothing parameter λ.
        lambda: f64,
    },
    /// Hamilton (2018) regression filter: `trend[t+h] = intercept + Σ lags[j]·y[t−j]`.
    Hamilton {
        /// Horizon.
        h: usize,
        /// Number of lags.
        p: usize,
        /// The constant `b0`.
        intercept: f64,
        /// `b1 … bp`: `lags[j]` multiplies `y[t−j]`.
        lags: Vec<f64>,
    },
}

/// A series split into trend and cycle, one entry per observation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendGap {
    /// The filter and its parameters.
    pub filter: TrendFilter,
    /// Trend ("potential") per observation; `None` (`null`) where the filter gives none.
    pub trend: Vec<Option<f64>>,
    /// Cycle, the trend gap `y − trend`; `None` where the trend is.
    pub cycle: Vec<Option<f64>>,
    /// Whether each point is end-point unstable, i.e. will move noticeably as data arrive.
    pub unstable: Vec<bool>,
    /// What the reader should know, in both languages (end points, missing start).
    pub notes: Vec<Notice>,
}

/// Hodrick–Prescott trend and cycle of `y` with smoothing parameter `lambda`.
///
/// The trend τ solves `(I + λDᵀD) τ = y`, D the `(n−2) × n` second-difference matrix (Hodrick &
/// Prescott 1997; the same system as statsmodels `hpfilter`). The matrix is symmetric positive
/// definite and pentadiagonal, and is solved by a banded LDLᵀ factorisation in O(n) (Golub & Van
/// Loan, *Matrix Computations*, §4.3). The cycle is `y − τ`.
///
/// End points: the first and last `⌈λ^¼⌉` points are marked unstable (7 for λ = 1 600, 11 for
/// 14 400, 19 for 129 600; all points when the series is shorter). The HP trend filter's gain
/// `1 / (1 + 4λ(1 − cos ω)²)` is ½ at `ω ≈ λ^−¼`, a period of about `2πλ^¼`, so `λ^¼` periods is
/// the filter's reach on each side; closer to an end it sees data on one side only. Under the
/// Ravn–Uhlig scaling the stretch is the same length of calendar time at any frequency
/// (7 quarters, 19 months).
///
/// # Errors
/// [`Error::Invalid`] listing every problem: an empty series (`forecast.seriesEmpty`), a value
/// that is NaN, infinite or above [`crate::series::MAX_VALUE`], fewer than 3 values
/// (`series.tooShort`), or `lambda` not finite, not above 0 or above [`MAX_LAMBDA`].
pub fn hp_filter(y: &[f64], lambda: f64) -> Result<TrendGap, Error> {
    let mut problems = series_problems(y, 3);
    if !lambda.is_finite() {
        problems.push(Problem::new(
            Place::Option("lambda"),
            ProblemKind::NotFinite,
        ));
    } else if lambda <= 0.0 {
        problems.push(Problem::new(
            Place::Option("lambda"),
            ProblemKind::NotPositive { value: lambda },
        ));
    } else if lambda > MAX_LAMBDA {
        problems.push(Problem::new(
            Place::Option("lambda"),
            ProblemKind::TooLarge {
                value: lambda,
                max: MAX_LAMBDA,
            },
        ));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let n = y.len();
    let (trend, cycle) = hp_trend_cycle(y, lambda);
    let k = hp_unstable_ends(lambda);
    let unstable = (0..n).map(|i| i < k || i + k >= n).collect();
    let lam = crate::error::num(lambda);
    let notes = vec![Notice {
        code: "trend.hpEndPoints",
        en: format!(
            "HP filter (λ = {lam}): the first and last {k} points are end-point unstable and are revised as data arrive: near either end the two-sided filter sees data on one side only"
        ),
        zh: format!(
            "HP 滤波（λ = {lam}）：首尾各 {k} 个点端点不稳定，随新数据修正（靠近两端时双侧滤波只能用到一侧的数据）"
        ),
    }];
    Ok(TrendGap {
        filter: TrendFilter::Hp { lambda },
        trend: trend.into_iter().map(Some).collect(),
        cycle: cycle.into_iter().map(Some).collect(),
        unstable,
        notes,
    })
}

/// Hamilton (2018) regression-filter trend and cycle of `y`.
///
/// Fits `y[t+h] = b0 + b1·y[t] + b2·y[t−1] + … + bp·y[t−p+1] + v[t+h]` by least squares over
/// every `t` with data (Hamilton 2018, "Why you should never use the Hodrick–Prescott filter").
/// The trend is the fitted value and the cycle the residual `v`; the first
/// `p + h − 1` points have none. The regressors are centred and scaled (which leaves the fit
/// unchanged and keeps it well conditioned), reduced by a Householder QR and solved by an SVD of
/// the small triangular factor, dropping singular values below `max(rows, p)·ε·σ_max`, so a
/// collinear design (a straight line, a constant) gets the minimum-norm solution instead of
/// failing. The returned coefficients are on the original scale.
///
/// No point is marked unstable: each trend value uses only data from `h` periods before it, so
/// new data do not reshape the end as they do for HP; they only re-estimate the coefficients, which
/// moves every point a little. Two notes say so, and that the start has no value.
///
/// # Errors
/// [`Error::Invalid`] listing every problem: an empty series (`forecast.seriesEmpty`), a value
/// that is NaN, infinite or above [`crate::series::MAX_VALUE`], fewer than
/// [`HamiltonParams::min_len`] values (`series.tooShort`), or `h` or `p` outside
/// 1..=[`MAX_LAG`] (`forecast.count`).
pub fn hamilton_filter(y: &[f64], params: HamiltonParams) -> Result<TrendGap, Error> {
    let HamiltonParams { h, p } = params;
    let mut problems = Vec::new();
    for (name, value) in [("h", h), ("p", p)] {
        if !(1..=MAX_LAG).contains(&value) {
            problems.push(Problem::new(
                Place::Option(name),
                ProblemKind::CountOutOfRange {
                    value: value as f64,
                    min: 1,
                    max: MAX_LAG as i64,
                },
            ));
        }
    }
    // The length is only judged against valid h and p.
    let min_len = if problems.is_empty() {
        params.min_len()
    } else {
        1
    };
    problems.splice(0..0, series_problems(y, min_len));
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }

    let n = y.len();
    let first = p + h - 1;
    let rows = n - first;
    let (intercept, lags) = hamilton_fit(y, h, p, SVD_MAX_ITERATIONS);
    let mut trend = vec![None; n];
    let mut cycle = vec![None; n];
    for i in 0..rows {
        let t = p - 1 + i;
        let fit = intercept + (0..p).map(|j| lags[j] * y[t - j]).sum::<f64>();
        trend[t + h] = Some(fit);
        cycle[t + h] = Some(y[t + h] - fit);
    }
    let notes = vec![
        Notice {
            code: "trend.hamiltonStart",
            en: format!(
                "Hamilton filter (h = {h}, p = {p}): the first {first} points have no trend, since each trend value is projected from the {p} values ending {h} periods earlier"
            ),
            zh: format!(
                "Hamilton 滤波（h = {h}，p = {p}）：前 {first} 个点没有趋势值，因为每个趋势值都由 {h} 期之前的 {p} 个值推算"
            ),
        },
        Notice {
            code: "trend.hamiltonRevisions",
            en: format!("Hamilton filter: no end-point instability as with HP, since each trend value uses only data up to {h} periods before it; but the coefficients are re-estimated as data arrive, so every point is revised slightly"),
            zh: format!("Hamilton 滤波：每个趋势值只用到 {h} 期以前的数据，没有 HP 那样的端点不稳定；但系数随新数据重新估计，各点都会有小幅修正"),
        },
    ];
    Ok(TrendGap {
        filter: TrendFilter::Hamilton {
            h,
            p,
            intercept,
            lags,
        },
        trend,
        cycle,
        unstable: vec![false; n],
        notes,
    })
}

/// How many points at each end of an HP trend are marked unstable: `⌈λ^¼⌉` (see [`hp_filter`]).
pub fn hp_unstable_ends(lambda: f64) -> usize {
    if lambda.is_finite() && lambda > 0.0 {
        // At most 1000 for λ ≤ MAX_LAMBDA; `as` saturates for anything larger.
        libm::pow(lambda, 0.25).ceil() as usize
    } else {
        0
    }
}

/// Problems with the series: empty, bad values (as [`crate::forecast::check_series`]), or shorter
/// than `min`.
fn series_problems(y: &[f64], min: usize) -> Vec<Problem> {
    if let Err(e) = crate::forecast::check_series("", y) {
        return e.problems().to_vec();
    }
    if y.len() < min {
        return vec![Problem::new(
            Place::Series {
                series: String::new(),
                index: None,
            },
            ProblemKind::SeriesTooShort { len: y.len(), min },
        )];
    }
    Vec::new()
}

/// HP trend and cycle. A straight line ℓ passes through the filter unchanged (`Dℓ = 0`), so the
/// least-squares line is taken out first and only the deviations go through the solve: the
/// rounding error of the solve grows with λ times the size of what is solved, and the deviations
/// are much smaller than the levels.
fn hp_trend_cycle(y: &[f64], lambda: f64) -> (Vec<f64>, Vec<f64>) {
    let n = y.len();
    let t_mean = (n - 1) as f64 / 2.0;
    let y_mean = y.iter().sum::<f64>() / n as f64;
    let (sty, stt) = y.iter().enumerate().fold((0.0, 0.0), |(sty, stt), (t, v)| {
        let dt = t as f64 - t_mean;
        (sty + dt * (v - y_mean), stt + dt * dt)
    });
    let slope = sty / stt;
    let line = |t: usize| y_mean + slope * (t as f64 - t_mean);
    let deviation: Vec<f64> = y.iter().enumerate().map(|(t, v)| v - line(t)).collect();
    let smooth = hp_solve(&deviation, lambda);
    let trend = smooth
        .iter()
        .enumerate()
        .map(|(t, s)| line(t) + s)
        .collect();
    let cycle = deviation.iter().zip(&smooth).map(|(d, s)| d - s).collect();
    (trend, cycle)
}

/// Solves `(I + λDᵀD) τ = y` by banded LDLᵀ in O(n). Needs `n ≥ 3`, `λ > 0`, finite values.
fn hp_solve(y: &[f64], lambda: f64) -> Vec<f64> {
    let n = y.len();
    // The three distinct bands of A = I + λDᵀD: a[i] = A[i][i], b[i] = A[i][i+1], c[i] = A[i][i+2].
    // DᵀD is the sum over rows k of D of the outer product of (1, −2, 1) placed at k..k+3.
    let mut a = vec![1.0; n];
    let mut b = vec![0.0; n];
    let mut c = vec![0.0; n];
    for k in 0..n.saturating_sub(2) {
        a[k] += lambda;
        a[k + 1] += 4.0 * lambda;
        a[k + 2] += lambda;
        b[k] -= 2.0 * lambda;
        b[k + 1] -= 2.0 * lambda;
        c[k] += lambda;
    }
    // A = L·diag(d)·Lᵀ, L unit lower triangular with sub-diagonals l1[i] = L[i][i−1] and
    // l2[i] = L[i][i−2]. Every pivot d[i] ≥ 1, the smallest eigenvalue of A, so nothing divides by 0.
    let mut d = vec![0.0; n];
    let mut l1 = vec![0.0; n];
    let mut l2 = vec![0.0; n];
    for i in 0..n {
        let mut di = a[i];
        if i >= 2 {
            l2[i] = c[i - 2] / d[i - 2];
            di -= l2[i] * l2[i] * d[i - 2];
        }
        if i >= 1 {
            let mut e = b[i - 1];
            if i >= 2 {
                e -= l2[i] * l1[i - 1] * d[i - 2];
            }
            l1[i] = e / d[i - 1];
            di -= l1[i] * l1[i] * d[i - 1];
        }
        d[i] = di;
    }
    // L z = y, then Lᵀ τ = z / d.
    let mut x = y.to_vec();
    for i in 1..n {
        x[i] -= l1[i] * x[i - 1];
        if i >= 2 {
            x[i] -= l2[i] * x[i - 2];
        }
    }
    for i in 0..n {
        x[i] /= d[i];
    }
    for i in (0..n.saturating_sub(1)).rev() {
        x[i] -= l1[i + 1] * x[i + 1];
        if i + 2 < n {
            x[i] -= l2[i + 2] * x[i + 2];
        }
    }
    x
}

/// A bound on the SVD's implicit-shift sweeps, so that no input can loop forever (LAPACK's
/// `dbdsqr` gives up after about 6p² inner steps); far more than any convergent case needs.
const SVD_MAX_ITERATIONS: usize = 10_000;

/// Least-squares coefficients `(b0, [b1 … bp])` of Hamilton's regression. Needs valid `h`, `p`
/// and `y.len() ≥ h + 2p + 1`.
fn hamilton_fit(y: &[f64], h: usize, p: usize, max_iterations: usize) -> (f64, Vec<f64>) {
    let first = p + h - 1;
    let rows = y.len() - first;
    let x_at = |i: usize, j: usize| y[p - 1 + i - j];
    let target = &y[first..];
    let mean = |f: &dyn Fn(usize) -> f64| (0..rows).map(f).sum::<f64>() / rows as f64;
    let y_mean = mean(&|i| target[i]);
    let x_mean: Vec<f64> = (0..p).map(|j| mean(&|i| x_at(i, j))).collect();
    let x_scale: Vec<f64> = (0..p)
        .map(|j| {
            let s = mean(&|i| (x_at(i, j) - x_mean[j]).powi(2)).sqrt();
            if s > 0.0 && s.is_finite() {
                s
            } else {
                1.0
            }
        })
        .collect();
    let x = DMatrix::from_fn(rows, p, |i, j| (x_at(i, j) - x_mean[j]) / x_scale[j]);
    let mut rhs = DVector::from_fn(rows, |i, _| target[i] - y_mean);
    let qr = QR::new(x);
    qr.q_tr_mul(&mut rhs);
    let r = qr.r();
    let rhs = rhs.rows(0, p).into_owned();
    let beta = solve_triangular_least_squares(r, rhs, rows, max_iterations);
    let lags: Vec<f64> = (0..p).map(|j| beta[j] / x_scale[j]).collect();
    let intercept = y_mean - (0..p).map(|j| lags[j] * x_mean[j]).sum::<f64>();
    (intercept, lags)
}

/// Minimum-norm solution of `R β = rhs` for the `p × p` triangular factor of a `rows × p` design,
/// by SVD with singular values below `max(rows, p)·ε·σ_max` dropped (numpy `lstsq`'s default
/// cut-off). Should the SVD not converge within `max_iterations` sweeps, back-substitutes instead,
/// setting to 0 the coefficients whose pivot is below the same cut-off.
fn solve_triangular_least_squares(
    r: DMatrix<f64>,
    rhs: DVector<f64>,
    rows: usize,
    max_iterations: usize,
) -> DVector<f64> {
    let p = r.ncols();
    let scale = rows.max(p) as f64 * f64::EPSILON;
    if let Some(svd) = SVD::try_new(r.clone(), true, true, f64::EPSILON, max_iterations) {
        let cut = scale * svd.singular_values.max();
        if let Ok(beta) = svd.solve(&rhs, cut) {
            return beta;
        }
    }
    let cut = scale * r.diagonal().amax();
    let mut beta = DVector::zeros(p);
    for i in (0..p).rev() {
        let pivot = r[(i, i)];
        if pivot.abs() > cut {
            let s: f64 = (i + 1..p).map(|j| r[(i, j)] * beta[j]).sum();
            beta[i] = (rhs[i] - s) / pivot;
        }
    }
    beta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Lang;

    fn max_abs_diff(a: &[f64], b: &[f64]) -> f64 {
        assert_eq!(a.len(), b.len());
        a.iter()
            .zip(b)
            .map(|(x, y)| (x - y).abs())
            .fold(0.0, f64::max)
    }

    fn values(v: &[Option<f64>]) -> Vec<f64> {
        v.iter().flatten().copied().collect()
    }

    /// A wiggly series: trend, a yearly cycle and deterministic noise.
    fn wiggly(n: usize) -> Vec<f64> {
        (0..n)
            .map(|t| {
                let t = t as f64;
                100.0 + 0.3 * t + 2.0 * (t * 0.52).sin() + ((t * 7.3).sin() * 1e3).fract()
            })
            .collect()
    }

    /// The same system, built dense and solved by nalgebra's Cholesky: a check of the bands.
    fn hp_dense(y: &[f64], lambda: f64) -> Vec<f64> {
        let n = y.len();
        let d = DMatrix::from_fn(n - 2, n, |k, j| match j.wrapping_sub(k) {
            0 | 2 => 1.0,
            1 => -2.0,
            _ => 0.0,
        });
        let a = DMatrix::identity(n, n) + d.transpose() * &d * lambda;
        let tau = a.cholesky().unwrap().solve(&DVector::from_column_slice(y));
        tau.iter().copied().collect()
    }

    #[test]
    fn hp_banded_solve_matches_a_dense_solve() {
        for n in [3, 4, 5, 6, 30] {
            let y = wiggly(n);
            // The dense solve of the raw levels carries a rounding error of about ε·16λ·|y|, so
            // λ stays moderate here; the banded solve was checked in exact rational arithmetic
            // up to λ = 10¹² (see `hp_filter`).
            for lambda in [1e-3, 1.0, LAMBDA_QUARTERLY] {
                let diff = max_abs_diff(&hp_trend_cycle(&y, lambda).0, &hp_dense(&y, lambda));
                assert!(diff < 1e-9, "n {n}, λ {lambda}: {diff}");
            }
        }
    }

    #[test]
    fn hp_of_a_straight_line_is_the_line() {
        let y: Vec<f64> = (0..120).map(|t| 50.0 - 0.25 * t as f64).collect();
        for lambda in [LAMBDA_QUARTERLY, LAMBDA_MONTHLY, LAMBDA_MONTHLY_RAVN_UHLIG] {
            let g = hp_filter(&y, lambda).unwrap();
            assert!(max_abs_diff(&values(&g.trend), &y) < 1e-9);
            assert!(values(&g.cycle).iter().all(|c| c.abs() < 1e-9));
        }
    }

    #[test]
    fn hp_with_tiny_lambda_returns_the_series() {
        let y = wiggly(60);
        let g = hp_filter(&y, 1e-12).unwrap();
        assert!(max_abs_diff(&values(&g.trend), &y) < 1e-8);
        assert!(values(&g.cycle).iter().all(|c| c.abs() < 1e-8));
    }

    #[test]
    fn hp_cycle_is_orthogonal_to_lines_and_huge_lambda_gives_the_line() {
        // The cycle is λDᵀDτ, and D kills constants and lines: Σ c_t = Σ t·c_t = 0 for any λ.
        let y = wiggly(50);
        for lambda in [1.0, LAMBDA_MONTHLY_RAVN_UHLIG, MAX_LAMBDA] {
            let cycle = values(&hp_filter(&y, lambda).unwrap().cycle);
            let sum: f64 = cycle.iter().sum();
            let moment: f64 = cycle.iter().enumerate().map(|(t, c)| t as f64 * c).sum();
            assert!(
                sum.abs() < 1e-9 && moment.abs() < 1e-7,
                "λ {lambda}: {sum} {moment}"
            );
        }
        // With λ → ∞ the trend is the least-squares line: second differences vanish.
        let trend = values(&hp_filter(&y, MAX_LAMBDA).unwrap().trend);
        let second = (2..50).map(|i| trend[i] - 2.0 * trend[i - 1] + trend[i - 2]);
        assert!(second.map(f64::abs).fold(0.0, f64::max) < 1e-9);
    }

    #[test]
    fn hp_marks_fourth_root_of_lambda_points_at_each_end() {
        assert_eq!(hp_unstable_ends(LAMBDA_QUARTERLY), 7);
        assert_eq!(hp_unstable_ends(LAMBDA_MONTHLY), 11);
        assert_eq!(hp_unstable_ends(LAMBDA_MONTHLY_RAVN_UHLIG), 19);
        let g = hp_filter(&wiggly(60), LAMBDA_MONTHLY).unwrap();
        let marked: Vec<usize> = (0..60).filter(|&i| g.unstable[i]).collect();
        let expected: Vec<usize> = (0..11).chain(49..60).collect();
        assert_eq!(marked, expected);
        // Shorter than both ends: everything is marked.
        assert!(hp_filter(&wiggly(10), LAMBDA_MONTHLY)
            .unwrap()
            .unstable
            .iter()
            .all(|&u| u));
        let note = &g.notes[0];
        assert_eq!(note.code, "trend.hpEndPoints");
        assert!(note.zh.contains("端点不稳定，随新数据修正"), "{}", note.zh);
        insta::assert_snapshot!(note.en, @"HP filter (λ = 14400): the first and last 11 points are end-point unstable and are revised as data arrive: near either end the two-sided filter sees data on one side only");
        insta::assert_snapshot!(note.zh, @"HP 滤波（λ = 14400）：首尾各 11 个点端点不稳定，随新数据修正（靠近两端时双侧滤波只能用到一侧的数据）");
    }

    #[test]
    fn hp_end_points_move_most_when_data_arrive() {
        // Filter 80 points, then the first 68 of them: the last points move far more than the
        // middle, which is why they are marked.
        let y = wiggly(80);
        let full = hp_trend_cycle(&y, LAMBDA_MONTHLY).0;
        let short = hp_trend_cycle(&y[..68], LAMBDA_MONTHLY).0;
        let moved = |i: usize| (full[i] - short[i]).abs();
        assert!(
            moved(67) > 10.0 * moved(30),
            "{} vs {}",
            moved(67),
            moved(30)
        );
    }

    #[test]
    fn hamilton_on_a_straight_line_has_no_cycle() {
        let y: Vec<f64> = (0..60).map(|t| 3.0 + 0.7 * t as f64).collect();
        let g = hamilton_filter(&y, HamiltonParams::QUARTERLY).unwrap();
        assert_eq!(g.trend.iter().filter(|t| t.is_none()).count(), 11);
        let cycle = values(&g.cycle);
        assert_eq!(cycle.len(), 49);
        assert!(cycle.iter().all(|c| c.abs() < 1e-10), "{cycle:?}");
        assert!(max_abs_diff(&values(&g.trend), &y[11..]) < 1e-10);
        // A constant: every regressor is constant too.
        let g = hamilton_filter(&[5.0; 49], HamiltonParams::MONTHLY).unwrap();
        assert!(values(&g.trend).iter().all(|t| (t - 5.0).abs() < 1e-12));
        assert!(values(&g.cycle).iter().all(|c| c.abs() < 1e-12));
    }

    #[test]
    fn hamilton_recovers_an_exact_autoregression() {
        // y[s] = 1 + 0.5·y[s−2] − 0.25·y[s−3] exactly: Hamilton's regression with h = 2, p = 2.
        let mut y = vec![1.0, 3.0, 2.0];
        for s in 3..40 {
            let v = 1.0 + 0.5 * y[s - 2] - 0.25 * y[s - 3];
            y.push(v);
        }
        let g = hamilton_filter(&y, HamiltonParams { h: 2, p: 2 }).unwrap();
        let TrendFilter::Hamilton {
            intercept, lags, ..
        } = &g.filter
        else {
            panic!("not Hamilton")
        };
        assert!(values(&g.cycle).iter().all(|c| c.abs() < 1e-10));
        assert!((intercept - 1.0).abs() < 1e-6, "{intercept}");
        assert!(
            (lags[0] - 0.5).abs() < 1e-6 && (lags[1] + 0.25).abs() < 1e-6,
            "{lags:?}"
        );
    }

    #[test]
    fn hamilton_fallback_matches_the_svd_on_a_full_rank_design() {
        let y = wiggly(80);
        let (b0, b) = hamilton_fit(&y, 8, 4, SVD_MAX_ITERATIONS);
        // One sweep is not enough for a 4 × 4 SVD, so the back-substitution path is taken.
        let r = DMatrix::from_fn(4, 4, |i, j| {
            if j >= i {
                1.0 + (i * 4 + j) as f64
            } else {
                0.0
            }
        });
        assert!(SVD::try_new(r, true, true, f64::EPSILON, 1).is_none());
        let (c0, c) = hamilton_fit(&y, 8, 4, 1);
        assert!((b0 - c0).abs() < 1e-9 && max_abs_diff(&b, &c) < 1e-9);
        // On a rank-deficient design it still returns finite coefficients that fit.
        let line: Vec<f64> = (0..40).map(|t| 2.0 * t as f64).collect();
        let (c0, c) = hamilton_fit(&line, 8, 4, 1);
        assert!(c0.is_finite() && c.iter().all(|v| v.is_finite()));
        let fit = c0 + (0..4).map(|j| c[j] * line[20 - j]).sum::<f64>();
        assert!((fit - line[28]).abs() < 1e-9, "{fit}");
    }

    #[test]
    fn output_is_camel_case_json_with_nulls() {
        let y = wiggly(17);
        let g = hamilton_filter(&y, HamiltonParams::QUARTERLY).unwrap();
        let v = serde_json::to_value(&g).unwrap();
        assert_eq!(v["filter"]["method"], "hamilton");
        assert_eq!(v["filter"]["h"], 8);
        assert_eq!(v["filter"]["lags"].as_array().unwrap().len(), 4);
        assert!(v["trend"][10].is_null() && v["trend"][11].is_number());
        assert!(v["cycle"][0].is_null());
        assert_eq!(v["unstable"][16], false);
        assert_eq!(v["notes"][0]["code"], "trend.hamiltonStart");
        let g = hp_filter(&y, LAMBDA_QUARTERLY).unwrap();
        let v = serde_json::to_value(&g).unwrap();
        assert_eq!(
            v["filter"],
            serde_json::json!({"method": "hp", "lambda": 1600.0})
        );
        let p: HamiltonParams = serde_json::from_str(r#"{"h": 24, "p": 12}"#).unwrap();
        assert_eq!(p, HamiltonParams::default());
        assert!(serde_json::from_str::<HamiltonParams>(r#"{"h": 24, "q": 12}"#).is_err());
    }

    #[test]
    fn hamilton_notes_in_both_languages() {
        let g = hamilton_filter(&wiggly(49), HamiltonParams::MONTHLY).unwrap();
        insta::assert_snapshot!(g.notes[0].en, @"Hamilton filter (h = 24, p = 12): the first 35 points have no trend, since each trend value is projected from the 12 values ending 24 periods earlier");
        insta::assert_snapshot!(g.notes[0].zh, @"Hamilton 滤波（h = 24，p = 12）：前 35 个点没有趋势值，因为每个趋势值都由 24 期之前的 12 个值推算");
        assert_eq!(g.notes[1].code, "trend.hamiltonRevisions");
        insta::assert_snapshot!(g.notes[1].zh, @"Hamilton 滤波：每个趋势值只用到 24 期以前的数据，没有 HP 那样的端点不稳定；但系数随新数据重新估计，各点都会有小幅修正");
    }

    fn codes(e: &Error) -> Vec<&'static str> {
        e.problems().iter().map(|p| p.code()).collect()
    }

    #[test]
    fn bad_inputs_are_errors() {
        let y = wiggly(60);
        assert_eq!(
            codes(&hp_filter(&[], 1600.0).unwrap_err()),
            ["forecast.seriesEmpty"]
        );
        assert_eq!(
            codes(&hp_filter(&[1.0, f64::NAN, f64::INFINITY], 1600.0).unwrap_err()),
            ["forecast.notFinite", "forecast.notFinite"]
        );
        assert_eq!(
            codes(&hp_filter(&[1.0, 2.0], 1600.0).unwrap_err()),
            ["series.tooShort"]
        );
        for lambda in [0.0, -1.0] {
            assert_eq!(
                codes(&hp_filter(&y, lambda).unwrap_err()),
                ["value.notPositive"]
            );
        }
        for lambda in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                codes(&hp_filter(&y, lambda).unwrap_err()),
                ["value.notFinite"]
            );
        }
        assert_eq!(codes(&hp_filter(&y, 1e13).unwrap_err()), ["value.tooLarge"]);
        // Every problem at once.
        assert_eq!(
            codes(&hp_filter(&[f64::NAN], 0.0).unwrap_err()),
            ["forecast.notFinite", "value.notPositive"]
        );

        let q = HamiltonParams::QUARTERLY;
        assert_eq!(
            codes(&hamilton_filter(&[], q).unwrap_err()),
            ["forecast.seriesEmpty"]
        );
        assert_eq!(
            codes(&hamilton_filter(&[f64::NAN; 30], q).unwrap_err()).len(),
            20
        );
        assert!(hamilton_filter(&y[..17], q).is_ok());
        assert_eq!(
            codes(&hamilton_filter(&y[..16], q).unwrap_err()),
            ["series.tooShort"]
        );
        assert_eq!(
            codes(&hamilton_filter(&y, HamiltonParams { h: 0, p: 0 }).unwrap_err()),
            ["forecast.count", "forecast.count"]
        );
        assert_eq!(
            codes(
                &hamilton_filter(
                    &y,
                    HamiltonParams {
                        h: usize::MAX,
                        p: 4
                    }
                )
                .unwrap_err()
            ),
            ["forecast.count"]
        );
        assert_eq!(
            codes(&hamilton_filter(&[f64::NAN], HamiltonParams { h: 8, p: 0 }).unwrap_err()),
            ["forecast.notFinite", "forecast.count"]
        );
        assert!(hamilton_filter(&wiggly(1200), HamiltonParams { h: 120, p: 120 }).is_ok());
    }

    #[test]
    fn error_wording_in_both_languages() {
        let e = hamilton_filter(&wiggly(40), HamiltonParams::MONTHLY).unwrap_err();
        insta::assert_snapshot!(e.localized(Lang::En), @r#"series "": has 40 values; at least 49 are needed"#);
        insta::assert_snapshot!(e.localized(Lang::Zh), @"序列「」：只有 40 个值，至少需要 49 个");
        let e = hp_filter(&wiggly(40), -5.0).unwrap_err();
        insta::assert_snapshot!(e.localized(Lang::En), @"option lambda: -5 must be above 0");
        insta::assert_snapshot!(e.localized(Lang::Zh), @"选项 平滑参数 λ：-5 必须大于 0");
        let e = hamilton_filter(&wiggly(40), HamiltonParams { h: 0, p: 12 }).unwrap_err();
        insta::assert_snapshot!(e.localized(Lang::En), @"option h: 0 is outside 1–120");
        insta::assert_snapshot!(e.localized(Lang::Zh), @"选项 前瞻期数 h：0 超出 1–120 的范围");
    }
}
