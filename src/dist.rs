//! Uncertain ledger items: what a scenario may say about an item's annual amount, the chance that it
//! happens at all and the months it may start in, checked, with the inverse CDFs the Monte Carlo draws from.
//!
//! An item's `amount` stays its point (central) value. An optional `amountDist` says how uncertain it
//! is; [`AmountSpec`] is that field as written, and [`AmountSpec::check`] turns it into an
//! [`AmountDist`] or reports each problem with its ledger, item and field, in Chinese and English.
//! An `AmountDist` gives the inverse CDF [`AmountDist::quantile`], the closed-form
//! [`AmountDist::mean`] and [`AmountDist::variance`], and
//! [`AmountDist::sample_from_normal`]`(z) = quantile(Φ(z))`. The last is non-decreasing in `z`, so
//! items can be correlated by a Gaussian copula: draw `z = √ρ·z_shared + √(1−ρ)·z_own` per item.
//!
//! | `type` | fields | read as |
//! |---|---|---|
//! | `point` | `value` | a known amount |
//! | `range90` | `low`, `high` | a 90% interval. Lognormal when `low > 0`: ln-scale mean (ln low + ln high)/2, sd (ln high − ln low)/(2·1.6448536…). Normal when `low = 0`: mean high/2, sd high/(2·1.6448536…), and a draw below 0 is clipped to 0 (5% of draws), so `mean` and `variance` are those of the normal censored at 0 |
//! | `triangular` | `min`, `mode`, `max` | triangular |
//! | `pert` | `min`, `mode`, `max` | Beta-PERT with λ = 4: α = 1 + 4(mode−min)/(max−min), β = 1 + 4(max−mode)/(max−min), mean (min + 4·mode + max)/6 (Vose, *Risk Analysis*, 3rd ed. 2008, "PERT distribution") |
//! | `uniform` | `min`, `max` | uniform |
//!
//! Amounts are magnitudes (the ledger's direction gives the sign), so every bound must be finite and
//! 0 or more; a lognormal `range90` may not have `high` above [`MAX_RANGE_RATIO`] × `low` (its draws and
//! mean would overflow; set `low` to 0 for a normal range instead). Equal bounds give a point.
//!
//! [`Probability`] is an item's chance of happening at all (0..=1), and [`StartWindow`] the months it
//! may start in (uniform over `from..=to`).
//!
//! Every `ln`, `exp`, `erfc` and `lgamma` here is the `libm` crate's (the lognormal draw's `exp` is
//! [`crate::math::exp`]; the Monte Carlo's, in a shared shock, [`crate::math::LogNormalExp`]), so a
//! draw is bit-identical natively and in WebAssembly.
//!
//! # Example
//! ```
//! use gapcast::dist::AmountSpec;
//! use gapcast::error::Place;
//! let spec: AmountSpec = serde_json::from_str(r#"{ "type": "range90", "low": 40, "high": 65 }"#).unwrap();
//! let mut problems = Vec::new();
//! let dist = spec.check(|field| Place::Field(field), &mut problems).unwrap();
//! assert!((dist.quantile(0.05) - 40.0).abs() < 1e-9);   // a 90% interval: 5% below low,
//! assert!((dist.quantile(0.95) - 65.0).abs() < 1e-9);   // 5% above high
//! assert!((dist.sample_from_normal(0.0) - (40.0f64 * 65.0).sqrt()).abs() < 1e-9); // median √(low·high)
//! # Ok::<(), gapcast::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Place, Problem, ProblemKind};
use crate::forecast::stats::normal_quantile;

/// Φ⁻¹(0.95) = 1.6448536269514727148… (mpmath): a 90% interval spans ±`Z90` standard deviations.
pub const Z90: f64 = 1.644_853_626_951_472_6;
/// The largest `high / low` of a lognormal `range90` (ln-scale sd ≤ ln(10⁴)/3.29 = 2.8).
pub const MAX_RANGE_RATIO: f64 = 1e4;
/// Cells of a PERT table ([`AmountDist::tabulated`]): its CDF at the 1025 points `min + i·(max − min)/1024`.
pub const TABLE_CELLS: usize = 1024;

/// An item's annual amount as the scenario writes it (`amountDist`), unchecked.
///
/// JSON: `{ "type": "range90", "low": 40, "high": 65 }`; unknown fields are rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
pub enum AmountSpec {
    /// A known amount.
    Point {
        /// The amount, ≥ 0.
        value: f64,
    },
    /// A 90% interval: lognormal when `low > 0`, else normal censored at 0.
    Range90 {
        /// 5% quantile, ≥ 0.
        low: f64,
        /// 95% quantile, ≥ `low`.
        high: f64,
    },
    /// Triangular.
    Triangular {
        /// Smallest, ≥ 0.
        min: f64,
        /// Most likely, in [min, max].
        mode: f64,
        /// Largest.
        max: f64,
    },
    /// Beta-PERT (λ = 4).
    Pert {
        /// Smallest, ≥ 0.
        min: f64,
        /// Most likely, in [min, max].
        mode: f64,
        /// Largest.
        max: f64,
    },
    /// Uniform.
    Uniform {
        /// Smallest, ≥ 0.
        min: f64,
        /// Largest.
        max: f64,
    },
}

/// A checked amount distribution: support within [0, ∞), every parameter usable.
#[derive(Debug, Clone, PartialEq)]
pub struct AmountDist {
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Point(f64),
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    /// Normal censored at 0.
    Normal {
        mean: f64,
        sd: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    Pert(Pert),
    Uniform {
        min: f64,
        max: f64,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct Pert {
    min: f64,
    max: f64,
    alpha: f64,
    beta: f64,
    ln_beta: f64,
    /// CDF of Beta(α, β) at i / TABLE_CELLS, non-decreasing, from 0 to 1.
    table: Option<Box<[f64]>>,
}

/// Checks one bound: finite, ≥ 0, at most [`MAX_VALUE`](crate::series::MAX_VALUE) (the scenario's own amount check).
fn check_bound(problems: &mut Vec<Problem>, place: Place, value: f64) -> bool {
    crate::scenario::check_amount(problems, place, value, false)
}

fn order_problem(
    place: Place,
    lower_field: &'static str,
    lower: f64,
    upper_field: &'static str,
    upper: f64,
) -> Problem {
    Problem::new(
        place,
        ProblemKind::BoundsOrder {
            lower_field,
            lower,
            upper_field,
            upper,
        },
    )
}

impl AmountSpec {
    /// The bounds with their field names (`amountDist.low`, …), in document order.
    fn fields(&self) -> Vec<(&'static str, f64)> {
        match *self {
            AmountSpec::Point { value } => vec![("amountDist.value", value)],
            AmountSpec::Range90 { low, high } => {
                vec![("amountDist.low", low), ("amountDist.high", high)]
            }
            AmountSpec::Triangular { min, mode, max } | AmountSpec::Pert { min, mode, max } => {
                vec![
                    ("amountDist.min", min),
                    ("amountDist.mode", mode),
                    ("amountDist.max", max),
                ]
            }
            AmountSpec::Uniform { min, max } => {
                vec![("amountDist.min", min), ("amountDist.max", max)]
            }
        }
    }

    /// Checks the spec and returns the distribution, or pushes every problem and returns `None`.
    ///
    /// `at(field)` gives the place of a field, e.g. `Place::Item { …, field }`; fields are named
    /// `amountDist.low`, `amountDist.mode`, … and `amountDist` for the order of two bounds.
    ///
    /// # Errors
    /// Pushed to `problems`: `value.notFinite` (NaN, ±∞), `ledger.item.amount` (a negative bound, in an
    /// item; `value.negative` elsewhere), `value.tooLarge` (above [`MAX_VALUE`](crate::series::MAX_VALUE)), `dist.boundsOrder`
    /// (low > high, min > max), `dist.modeOutside` (mode outside [min, max]), `dist.rangeTooWide`
    /// (lognormal `high` above [`MAX_RANGE_RATIO`] × `low`).
    pub fn check(
        &self,
        at: impl Fn(&'static str) -> Place,
        problems: &mut Vec<Problem>,
    ) -> Option<AmountDist> {
        let mut usable = true;
        for (field, value) in self.fields() {
            usable &= check_bound(problems, at(field), value);
        }
        if !usable {
            return None;
        }
        let kind = match *self {
            AmountSpec::Point { value } => Kind::Point(value),
            AmountSpec::Range90 { low, high } => {
                if low > high {
                    problems.push(order_problem(at("amountDist"), "low", low, "high", high));
                    return None;
                }
                if low == high {
                    Kind::Point(low)
                } else if low > 0.0 {
                    if high > MAX_RANGE_RATIO * low {
                        problems.push(Problem::new(
                            at("amountDist"),
                            ProblemKind::RangeTooWide {
                                low,
                                high,
                                max_ratio: MAX_RANGE_RATIO,
                            },
                        ));
                        return None;
                    }
                    let (ln_low, ln_high) = (libm::log(low), libm::log(high));
                    Kind::LogNormal {
                        mu: 0.5 * (ln_low + ln_high),
                        sigma: (ln_high - ln_low) / (2.0 * Z90),
                    }
                } else {
                    // low = 0 (negative bounds were rejected above)
                    Kind::Normal {
                        mean: 0.5 * (low + high),
                        sd: (high - low) / (2.0 * Z90),
                    }
                }
            }
            AmountSpec::Triangular { min, mode, max } | AmountSpec::Pert { min, mode, max } => {
                if min > max {
                    problems.push(order_problem(at("amountDist"), "min", min, "max", max));
                    return None;
                }
                if !(min..=max).contains(&mode) {
                    problems.push(Problem::new(
                        at("amountDist.mode"),
                        ProblemKind::ModeOutsideBounds { mode, min, max },
                    ));
                    return None;
                }
                if min == max {
                    Kind::Point(min)
                } else if matches!(self, AmountSpec::Pert { .. }) {
                    Kind::Pert(Pert::new(min, mode, max))
                } else {
                    Kind::Triangular { min, mode, max }
                }
            }
            AmountSpec::Uniform { min, max } => {
                if min > max {
                    problems.push(order_problem(at("amountDist"), "min", min, "max", max));
                    return None;
                }
                if min == max {
                    Kind::Point(min)
                } else {
                    Kind::Uniform { min, max }
                }
            }
        };
        Some(AmountDist { kind })
    }

    /// Checks that the item's point `amount` lies within the spec's range (`low..=high` or
    /// `min..=max`; any amount goes with a `point`), so that the ledger account and the Monte Carlo
    /// describe the same item.
    ///
    /// # Errors
    /// Pushes `dist.boundsOrder` at `at("amount")` when the amount is below the low end or above the high end.
    pub fn check_amount_within(
        &self,
        amount: f64,
        at: impl Fn(&'static str) -> Place,
        problems: &mut Vec<Problem>,
    ) {
        let (low_field, low, high_field, high) = match *self {
            AmountSpec::Point { .. } => return,
            AmountSpec::Range90 { low, high } => ("low", low, "high", high),
            AmountSpec::Triangular { min, max, .. }
            | AmountSpec::Pert { min, max, .. }
            | AmountSpec::Uniform { min, max } => ("min", min, "max", max),
        };
        if amount < low {
            problems.push(order_problem(
                at("amount"),
                low_field,
                low,
                "amount",
                amount,
            ));
        } else if amount > high {
            problems.push(order_problem(
                at("amount"),
                "amount",
                amount,
                high_field,
                high,
            ));
        }
    }
}

/// `x` clipped below at 0; NaN stays NaN.
fn clip_at_zero(x: f64) -> f64 {
    if x < 0.0 {
        0.0
    } else {
        x
    }
}

impl AmountDist {
    /// A known amount, already checked (e.g. an item's `amount` when it has no `amountDist`).
    pub fn point(value: f64) -> AmountDist {
        AmountDist {
            kind: Kind::Point(value),
        }
    }

    /// Whether the amount is known (a point, or a range with equal ends).
    pub fn is_point(&self) -> bool {
        matches!(self.kind, Kind::Point(_))
    }

    /// μ and σ of a lognormal range (the amount is e^(μ + σz)), if it is one.
    pub fn lognormal(&self) -> Option<(f64, f64)> {
        match self.kind {
            Kind::LogNormal { mu, sigma } => Some((mu, sigma)),
            _ => None,
        }
    }

    /// The smallest and largest possible amounts (∞ above for `range90`).
    pub fn support(&self) -> (f64, f64) {
        match &self.kind {
            Kind::Point(v) => (*v, *v),
            Kind::LogNormal { .. } | Kind::Normal { .. } => (0.0, f64::INFINITY),
            Kind::Triangular { min, max, .. } | Kind::Uniform { min, max } => (*min, *max),
            Kind::Pert(p) => (p.min, p.max),
        }
    }

    /// The amount at probability `u` (inverse CDF), non-decreasing in `u`.
    ///
    /// `u` is meant to lie in (0, 1); `u ≤ 0` gives the low end of the support, `u ≥ 1` the high end
    /// (+∞ for a `range90`), NaN gives NaN.
    pub fn quantile(&self, u: f64) -> f64 {
        if u.is_nan() {
            return f64::NAN;
        }
        let u = u.clamp(0.0, 1.0);
        self.quantile_pq(u, || 1.0 - u)
    }

    /// The amount for a standard normal draw `z`: `quantile(Φ(z))`, non-decreasing in `z`.
    ///
    /// For the Gaussian copula: give correlated items correlated `z`. Lognormal and normal ranges
    /// take `z` directly (`exp(μ + σz)`, `max(0, μ + σz)`), the others go through [`normal_cdf`].
    /// Finite for finite `z` (|z| < 200 for a lognormal range); NaN gives NaN.
    ///
    /// Inlined, with the inverse CDFs out of line: in WebAssembly the call was a fifth of the
    /// Monte Carlo's time (`node --cpu-prof bench/sim-bench.mjs`, raw wasm-bindgen build).
    #[inline]
    pub fn sample_from_normal(&self, z: f64) -> f64 {
        match &self.kind {
            Kind::Point(v) if !z.is_nan() => *v,
            Kind::LogNormal { mu, sigma } => crate::math::exp(mu + sigma * z),
            Kind::Normal { mean, sd } => clip_at_zero(mean + sd * z),
            _ => self.sample_through_cdf(z),
        }
    }

    /// [`AmountDist::sample_from_normal`] of each standard normal draw in `z` into `out` (the same
    /// numbers); `z` is left holding scratch. The kind is matched once, outside the loop, so that
    /// the Monte Carlo's loop over a block of runs is one straight computation per draw.
    ///
    /// A lognormal's exponentials are taken in line with the affine step, by the table method
    /// without its clamp ([`crate::math::exp_within_limit`]), and the block is done again with
    /// the clamped [`crate::math::exp`] only if some argument was out of its range: in
    /// WebAssembly in Chromium the clamp's two comparisons cost as much as the table method
    /// (6.1 against 3.7 ns a value). Natively two plain loops are faster (the second
    /// vectorizes). The numbers are the same every way.
    pub fn fill_from_normals(&self, z: &mut [f64], out: &mut [f64]) {
        let z = &mut z[..out.len()];
        match &self.kind {
            Kind::Point(v) => out.fill(*v),
            Kind::LogNormal { mu, sigma } => {
                if cfg!(target_arch = "wasm32") {
                    let mut beyond = false;
                    for (z, o) in z.iter().zip(out.iter_mut()) {
                        let x = mu + sigma * z;
                        beyond |= !crate::math::within_limit(x);
                        *o = crate::math::exp_within_limit(x);
                    }
                    if beyond {
                        out.iter_mut()
                            .zip(z.iter())
                            .for_each(|(o, z)| *o = crate::math::exp(mu + sigma * z));
                    }
                } else {
                    out.iter_mut()
                        .zip(z.iter())
                        .for_each(|(o, x)| *o = mu + sigma * x);
                    out.iter_mut().for_each(|x| *x = crate::math::exp(*x));
                }
            }
            Kind::Normal { mean, sd } => out
                .iter_mut()
                .zip(z.iter())
                .for_each(|(o, x)| *o = clip_at_zero(mean + sd * x)),
            _ => out
                .iter_mut()
                .zip(z.iter())
                .for_each(|(o, x)| *o = self.sample_through_cdf(*x)),
        }
    }

    /// A knot of a table of quantiles read by linear interpolation (the Monte Carlo's inversion):
    /// the amount at probability `p`, given `z` = Φ⁻¹(p). A lognormal range is e^(μ + σz) by
    /// [`crate::math::exp`]; a normal range is μ + σz *not* clipped at 0, smooth across it (the
    /// reader clips after interpolating, see [`AmountDist::is_censored`]); the others are
    /// [`AmountDist::quantile`]`(p)`.
    pub fn knot(&self, p: f64, z: f64) -> f64 {
        match &self.kind {
            Kind::LogNormal { mu, sigma } => crate::math::exp(mu + sigma * z),
            Kind::Normal { mean, sd } => mean + sd * z,
            _ => self.quantile(p),
        }
    }

    /// Whether amounts below 0 are clipped to 0 (a normal range).
    pub fn is_censored(&self) -> bool {
        matches!(self.kind, Kind::Normal { .. })
    }

    #[inline(never)]
    fn sample_through_cdf(&self, z: f64) -> f64 {
        self.quantile_pq(normal_cdf(z), || normal_cdf(-z))
    }

    /// Inverse CDF at `p`, given a way to get `q = 1 − p` separately (Φ(−z) for a normal draw, so that
    /// the upper tail keeps its precision; computed only when used).
    fn quantile_pq(&self, p: f64, q: impl Fn() -> f64) -> f64 {
        if p.is_nan() {
            return f64::NAN;
        }
        match &self.kind {
            Kind::Point(v) => *v,
            Kind::LogNormal { mu, sigma } => libm::exp(mu + sigma * normal_quantile(p)),
            Kind::Normal { mean, sd } => clip_at_zero(mean + sd * normal_quantile(p)),
            // Closed-form inverse, e.g. Kotz & van Dorp, *Beyond Beta* (2004), §1.
            Kind::Triangular { min, mode, max } => {
                let width = max - min;
                if p * width < mode - min {
                    (min + libm::sqrt(p * width * (mode - min))).min(*mode)
                } else {
                    (max - libm::sqrt(q() * width * (max - mode))).max(*mode)
                }
            }
            Kind::Pert(pert) => pert.quantile_pq(p, q),
            Kind::Uniform { min, max } => (min + p * (max - min)).min(*max),
        }
    }

    /// Mean, in closed form.
    pub fn mean(&self) -> f64 {
        match &self.kind {
            Kind::Point(v) => *v,
            Kind::LogNormal { mu, sigma } => libm::exp(mu + 0.5 * sigma * sigma),
            Kind::Normal { mean, sd } => censored_normal_moments(*mean, *sd).0,
            Kind::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Kind::Pert(p) => p.min + (p.max - p.min) * p.alpha / (p.alpha + p.beta),
            Kind::Uniform { min, max } => 0.5 * (min + max),
        }
    }

    /// Variance, in closed form.
    pub fn variance(&self) -> f64 {
        match &self.kind {
            Kind::Point(_) => 0.0,
            Kind::LogNormal { mu, sigma } => {
                let s2 = sigma * sigma;
                libm::expm1(s2) * libm::exp(2.0 * mu + s2)
            }
            Kind::Normal { mean, sd } => censored_normal_moments(*mean, *sd).1,
            // (a² + b² + c² − ab − ac − bc)/18, written from the minimum a so that a range far from 0
            // loses no digits: ((b − a)² + (c − a)² − (b − a)(c − a))/18
            Kind::Triangular { min, mode, max } => {
                let (up, peak) = (max - min, mode - min);
                (up * up + peak * peak - up * peak) / 18.0
            }
            Kind::Pert(p) => {
                let (a, b, w) = (p.alpha, p.beta, p.max - p.min);
                w * w * a * b / ((a + b) * (a + b) * (a + b + 1.0))
            }
            Kind::Uniform { min, max } => (max - min) * (max - min) / 12.0,
        }
    }

    /// The same distribution, with a PERT's inverse CDF read from a table (other kinds are unchanged:
    /// they are already a few flops).
    ///
    /// The table holds the Beta CDF at 1025 equally spaced amounts (8 KB, built once per item from
    /// 1023 incomplete-beta evaluations, 0.06–0.2 ms; a tabulated draw costs 35–55 ns instead of
    /// 0.5–2 µs, `examples/dist_speed.rs`); `quantile` inverts it by linear interpolation (by the
    /// power law of the Beta tails in the two end cells). The result is exactly
    /// non-decreasing in `u` and lies in the right cell, so it is never further than
    /// (max − min)/1024 from the exact quantile. Measured over modes at 0, 0.05, …, 1 of the range
    /// (test `table_is_close_to_the_exact_inverse`): at most 7.1e-6 × (max − min) for u in
    /// [0.005, 0.995], and 2.5e-4 × (max − min) in the tails beyond, with the mode near an end.
    /// `mean` and `variance` stay exact.
    pub fn tabulated(mut self) -> AmountDist {
        if let Kind::Pert(p) = &mut self.kind {
            if p.table.is_none() {
                p.table = Some(p.build_table());
            }
        }
        self
    }

    /// Whether [`AmountDist::tabulated`] gave this distribution a table.
    pub fn is_tabulated(&self) -> bool {
        matches!(&self.kind, Kind::Pert(Pert { table: Some(_), .. }))
    }
}

/// Mean and variance of max(0, X) for X ~ N(m, s²): with a = m/s,
/// E = mΦ(a) + sφ(a), E[·²] = (m² + s²)Φ(a) + msφ(a).
fn censored_normal_moments(m: f64, s: f64) -> (f64, f64) {
    let a = m / s;
    let cdf = normal_cdf(a);
    let pdf = libm::exp(-0.5 * a * a)
        * (0.5 * std::f64::consts::FRAC_2_SQRT_PI)
        * std::f64::consts::FRAC_1_SQRT_2;
    let first = m * cdf + s * pdf;
    let second = (m * m + s * s) * cdf + m * s * pdf;
    (first, second - first * first)
}

impl Pert {
    fn new(min: f64, mode: f64, max: f64) -> Pert {
        let width = max - min;
        let alpha = 1.0 + 4.0 * (mode - min) / width;
        let beta = 1.0 + 4.0 * (max - mode) / width;
        Pert {
            min,
            max,
            alpha,
            beta,
            ln_beta: ln_beta(alpha, beta),
            table: None,
        }
    }

    fn quantile_pq(&self, p: f64, q: impl Fn() -> f64) -> f64 {
        let x = match &self.table {
            Some(table) => table_quantile(table, p, q, self.alpha, self.beta),
            None if p <= 0.5 => beta_inverse(p, self.alpha, self.beta, self.ln_beta),
            None => 1.0 - beta_inverse(q(), self.beta, self.alpha, self.ln_beta),
        };
        (self.min + (self.max - self.min) * x).clamp(self.min, self.max)
    }

    fn build_table(&self) -> Box<[f64]> {
        let mut cdf = vec![0.0; TABLE_CELLS + 1];
        let mut previous = 0.0_f64;
        for (i, c) in cdf.iter_mut().enumerate().take(TABLE_CELLS).skip(1) {
            let x = i as f64 / TABLE_CELLS as f64;
            // max keeps the table non-decreasing (and drops a NaN, which cannot occur for α, β ≥ 1)
            previous = previous.max(beta_cdf_with(x, self.alpha, self.beta, self.ln_beta));
            *c = previous;
        }
        cdf[TABLE_CELLS] = 1.0;
        cdf.into_boxed_slice()
    }
}

/// Inverse of the CDF tabulated as `cdf[i]` at `i / (len − 1)`, in [0, 1]: linear between the points,
/// and in the two end cells the power law of the Beta tails (F(x) ∝ x^α near 0, 1 − F(1 − y) ∝ y^β
/// near 1), where a straight line would miss most (the density is 0 or steep there).
fn table_quantile(cdf: &[f64], p: f64, q: impl Fn() -> f64, alpha: f64, beta: f64) -> f64 {
    let cells = cdf.len() - 1;
    let h = 1.0 / cells as f64;
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    // cdf[0] = 0 ≤ p and cdf[cells] = 1 > p, so `upper` is in 1..=cells
    let upper = cdf.partition_point(|&c| c <= p);
    let lower = upper - 1;
    if lower == 0 {
        return (h * libm::pow(p / cdf[1], 1.0 / alpha)).min(h);
    }
    if upper == cells {
        let y = h * libm::pow(q() / (1.0 - cdf[lower]), 1.0 / beta);
        return (1.0 - y.min(h)).max(1.0 - h);
    }
    let t = ((p - cdf[lower]) / (cdf[upper] - cdf[lower])).clamp(0.0, 1.0);
    // lower + t ≤ upper exactly, so the result never crosses into the next cell
    (lower as f64 + t) * h
}

/// Standard normal CDF Φ(z) = erfc(−z/√2)/2 with `libm`'s `erfc` (FreeBSD msun, error below 1 ulp).
///
/// Non-decreasing in `z` (checked on consecutive doubles), which the copula needs. Absolute error
/// below 1e-17; relative error about 2t²·2⁻⁵³ with t = z/√2 in the lower tail, from the rounding of
/// `z/√2` (3e-15 at z = −5, 7e-15 at z = −8; `tests/dist.rs` compares with mpmath). Correcting that
/// rounding to first order gains the last digits but makes Φ step down by an ulp now and then.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z * std::f64::consts::FRAC_1_SQRT_2)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
fn ln_beta(a: f64, b: f64) -> f64 {
    libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b)
}

/// Regularized incomplete beta function I_x(a, b): the CDF of Beta(a, b) at `x`.
///
/// Continued fraction by the modified Lentz method, as `betai`/`betacf` in Numerical Recipes (3rd ed.,
/// §6.4), with the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) beyond the mean. Agrees with scipy's
/// `betainc` to 2e-14 relative for a, b in [1, 5] (`tests/dist.rs`). `x` outside [0, 1] is clamped;
/// NaN for NaN or a, b not above 0.
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
        return f64::NAN;
    }
    beta_cdf_with(x, a, b, ln_beta(a, b))
}

fn beta_cdf_with(x: f64, a: f64, b: f64, ln_beta: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front = libm::exp(a * libm::log(x) + b * libm::log1p(-x) - ln_beta);
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The continued fraction of I_x(a, b) (Numerical Recipes `betacf`).
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = f64::MIN_POSITIVE / f64::EPSILON;
    const MAX_TERMS: usize = 1000;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_TERMS {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + aa * d);
        c = guard(1.0 + aa / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

/// Inverse of the regularized incomplete beta function: the `x` in [0, 1] with I_x(a, b) = p.
///
/// Safeguarded Newton iteration (the density is the derivative) inside a bracket that every step
/// narrows; a step that would leave the bracket is replaced by bisection (geometric when the bracket
/// spans a factor above 4), so it always converges. For `p > 0.5` it solves the upper tail by
/// symmetry, I_{1−x}(b, a) = 1 − p, to keep its precision. Agrees with scipy's `beta.ppf` (Boost
/// `ibeta_inv`) to 3e-15 relative for a, b in [1, 5] and p from 1e-12 to 1 − 1e-6 (`tests/dist.rs`).
/// Costs about 0.5–2 µs (`examples/dist_speed.rs`). NaN for NaN or a, b not above 0.
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    if !(a > 0.0 && b > 0.0 && a.is_finite() && b.is_finite()) {
        return f64::NAN;
    }
    let ln_b = ln_beta(a, b);
    if p <= 0.5 {
        beta_inverse(p, a, b, ln_b)
    } else {
        1.0 - beta_inverse(1.0 - p, b, a, ln_b)
    }
}

/// Solves I_x(a, b) = p (see [`beta_quantile`]).
fn beta_inverse(p: f64, a: f64, b: f64, ln_beta: f64) -> f64 {
    const MAX_STEPS: usize = 400;
    if p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let mean = a / (a + b);
    // Start from the lower tail I_x ≈ x^a / (a·B(a, b)), but not beyond the mean.
    let tail = libm::exp((libm::log(p) + libm::log(a) + ln_beta) / a);
    let mut x = if tail > 0.0 && tail < mean {
        tail
    } else {
        mean
    };
    let (mut lo, mut hi) = (0.0_f64, 1.0_f64);
    for _ in 0..MAX_STEPS {
        let f = beta_cdf_with(x, a, b, ln_beta) - p;
        if f == 0.0 {
            return x;
        }
        if f < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let density = libm::exp((a - 1.0) * libm::log(x) + (b - 1.0) * libm::log1p(-x) - ln_beta);
        let step = f / density;
        // Newton converges quadratically: after a step this small the error is far below an ulp
        if step.abs() <= 1e-10 * x {
            return (x - step).clamp(lo, hi);
        }
        let newton = x - step;
        x = if newton > lo && newton < hi {
            newton
        } else if lo == 0.0 {
            0.125 * hi
        } else if hi > 4.0 * lo {
            libm::sqrt(lo * hi)
        } else {
            0.5 * (lo + hi)
        };
        if hi - lo <= 2.0 * f64::EPSILON * hi {
            return x;
        }
    }
    x
}

/// An item's chance of happening at all, in 0..=1 (checked).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Probability(f64);

impl Probability {
    /// It happens (probability 1, the default of an item).
    pub const CERTAIN: Probability = Probability(1.0);

    /// Checks a probability: finite and in 0..=1.
    ///
    /// # Errors
    /// Pushes `value.notFinite` (NaN, ±∞) or `dist.probability` (outside 0..=1) and returns `None`.
    pub fn check(value: f64, place: Place, problems: &mut Vec<Problem>) -> Option<Probability> {
        let kind = if !value.is_finite() {
            ProblemKind::NotFinite
        } else if !(0.0..=1.0).contains(&value) {
            ProblemKind::ProbabilityOutOfRange { value }
        } else {
            return Some(Probability(value));
        };
        problems.push(Problem::new(place, kind));
        None
    }

    /// The probability.
    pub fn value(self) -> f64 {
        self.0
    }

    /// Whether the item happens in a run, given a uniform draw `u` in [0, 1): `u < p`.
    pub fn happens(self, u: f64) -> bool {
        u < self.0
    }
}

/// The months an item may start in, as written (`startWindow`), unchecked.
///
/// JSON: `{ "from": 3, "to": 6 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StartWindowParams {
    /// Earliest start month, 1..=12.
    pub from: i64,
    /// Latest start month, `from..=12`.
    pub to: i64,
}

/// A checked window of start months: each of `first..=last` equally likely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartWindow {
    first: u8,
    last: u8,
}

impl StartWindowParams {
    /// Checks the window: both months in 1..=12, `from ≤ to`.
    ///
    /// `at(field)` gives the place of `startWindow.from`, `startWindow.to` and `startWindow`.
    ///
    /// # Errors
    /// Pushes `ledger.item.startMonth` for a month outside 1..=12, `dist.boundsOrder` for `from > to`,
    /// and returns `None`.
    pub fn check(
        &self,
        at: impl Fn(&'static str) -> Place,
        problems: &mut Vec<Problem>,
    ) -> Option<StartWindow> {
        let mut usable = true;
        for (field, value) in [("startWindow.from", self.from), ("startWindow.to", self.to)] {
            if !(1..=12).contains(&value) {
                problems.push(Problem::new(
                    at(field),
                    ProblemKind::MonthOutOfRange { value },
                ));
                usable = false;
            }
        }
        if !usable {
            return None;
        }
        if self.from > self.to {
            problems.push(order_problem(
                at("startWindow"),
                "from",
                self.from as f64,
                "to",
                self.to as f64,
            ));
            return None;
        }
        Some(StartWindow {
            first: self.from as u8,
            last: self.to as u8,
        })
    }
}

impl StartWindow {
    /// A single start month (an item's checked `startMonth`), clamped to 1..=12.
    pub fn fixed(month: u8) -> StartWindow {
        let month = month.clamp(1, 12);
        StartWindow {
            first: month,
            last: month,
        }
    }

    /// Earliest start month.
    pub fn first(&self) -> u8 {
        self.first
    }

    /// Latest start month.
    pub fn last(&self) -> u8 {
        self.last
    }

    /// The start month for a uniform 32-bit draw `v`: `first + ⌊v·n / 2³²⌋` with n months in the
    /// window, each month with probability 1/n to within n/2³² (Lemire's multiply-shift, without
    /// the rejection step). Integer arithmetic only: in WebAssembly a float's conversion to an
    /// integer costs more than the draw.
    pub fn start_month(&self, v: u32) -> u8 {
        let months = self.last - self.first + 1;
        let k = (u64::from(v) * u64::from(months)) >> 32;
        // k < months ≤ 12
        self.first + k as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Lang;
    use crate::forecast::stats::{rng, standard_normal};
    use proptest::prelude::*;

    fn item(field: &'static str) -> Place {
        Place::Item {
            ledger: 0,
            ledger_name: "新建项目投产".into(),
            item: 2,
            item_name: "项目 C".into(),
            field,
        }
    }

    fn check(spec: &AmountSpec) -> Result<AmountDist, Vec<Problem>> {
        let mut problems = Vec::new();
        match spec.check(item, &mut problems) {
            Some(d) if problems.is_empty() => Ok(d),
            _ => Err(problems),
        }
    }

    fn dist(json: &str) -> AmountDist {
        check(&serde_json::from_str(json).unwrap()).unwrap()
    }

    fn close(actual: f64, expected: f64, rel: f64) -> bool {
        (actual - expected).abs() <= rel * expected.abs().max(1e-300)
    }

    #[test]
    fn specs_read_and_write_json() {
        let spec: AmountSpec =
            serde_json::from_str(r#"{"type":"pert","min":10,"mode":12,"max":20}"#).unwrap();
        assert_eq!(
            spec,
            AmountSpec::Pert {
                min: 10.0,
                mode: 12.0,
                max: 20.0
            }
        );
        let back = serde_json::to_string(&spec).unwrap();
        assert_eq!(back, r#"{"type":"pert","min":10.0,"mode":12.0,"max":20.0}"#);
        for bad in [
            r#"{"type":"range90","low":1,"high":2,"hihg":3}"#,
            r#"{"type":"lognormal","low":1,"high":2}"#,
            r#"{"low":1,"high":2}"#,
            r#"{"type":"uniform","min":1}"#,
        ] {
            assert!(serde_json::from_str::<AmountSpec>(bad).is_err(), "{bad}");
        }
        let w: StartWindowParams = serde_json::from_str(r#"{"from":3,"to":6}"#).unwrap();
        assert_eq!(w, StartWindowParams { from: 3, to: 6 });
        assert!(serde_json::from_str::<StartWindowParams>(r#"{"from":3,"to":6,"x":1}"#).is_err());
    }

    #[test]
    fn range90_reads_as_lognormal_with_the_ends_at_5_and_95_percent() {
        let d = dist(r#"{"type":"range90","low":40,"high":65}"#);
        assert!(close(d.quantile(0.05), 40.0, 1e-14), "{}", d.quantile(0.05));
        assert!(close(d.quantile(0.95), 65.0, 1e-14), "{}", d.quantile(0.95));
        assert!(close(d.quantile(0.5), (40.0f64 * 65.0).sqrt(), 1e-15));
        assert!(close(d.sample_from_normal(Z90), 65.0, 1e-15));
        assert!(close(d.sample_from_normal(-Z90), 40.0, 1e-15));
        // mean exp(μ + σ²/2), σ = ln(65/40)/(2·Z90)
        let sigma = (65.0f64 / 40.0).ln() / (2.0 * Z90);
        let mu = (40.0f64 * 65.0).ln() / 2.0;
        assert!(close(d.mean(), (mu + sigma * sigma / 2.0).exp(), 1e-14));
        assert_eq!(d.support(), (0.0, f64::INFINITY));
    }

    #[test]
    fn range90_from_zero_is_a_normal_clipped_at_zero() {
        let d = dist(r#"{"type":"range90","low":0,"high":10}"#);
        assert!(close(d.quantile(0.95), 10.0, 1e-14));
        assert!(close(d.quantile(0.5), 5.0, 1e-15));
        // the 5% quantile is exactly 0 and everything below is clipped to it
        assert!(d.quantile(0.05).abs() < 1e-14);
        assert_eq!(d.quantile(0.01), 0.0);
        assert_eq!(d.sample_from_normal(-3.0), 0.0);
        // the censored mean is above the normal's 5 by s·(φ(a) − a(1 − Φ(a))), s = 10/(2·Z90)
        assert!(d.mean() > 5.0 && d.mean() < 5.1, "{}", d.mean());
    }

    #[test]
    fn closed_forms_of_triangular_pert_and_uniform() {
        // triangular: F⁻¹(u) = a + √(u(b−a)(c−a)) below F(c) = (c−a)/(b−a), else b − √((1−u)(b−a)(b−c))
        let d = dist(r#"{"type":"triangular","min":10,"mode":14,"max":30}"#);
        assert!(close(
            d.quantile(0.1),
            10.0 + (0.1f64 * 20.0 * 4.0).sqrt(),
            1e-15
        ));
        assert!(close(d.quantile(0.2), 14.0, 1e-15));
        assert!(close(
            d.quantile(0.9),
            30.0 - (0.1f64 * 20.0 * 16.0).sqrt(),
            1e-15
        ));
        assert!(close(d.mean(), 18.0, 1e-15));
        // (a² + b² + c² − ab − ac − bc)/18 = (100 + 900 + 196 − 300 − 140 − 420)/18
        assert!(close(d.variance(), 336.0 / 18.0, 1e-15));

        let d = dist(r#"{"type":"pert","min":10,"mode":14,"max":30}"#);
        assert!(close(d.mean(), (10.0 + 4.0 * 14.0 + 30.0) / 6.0, 1e-15));
        // α = 1.8, β = 4.2: var = 20²·αβ/(6²·7)
        assert!(close(d.variance(), 400.0 * 1.8 * 4.2 / 252.0, 1e-14));
        assert_eq!((d.quantile(0.0), d.quantile(1.0)), (10.0, 30.0));

        let d = dist(r#"{"type":"uniform","min":2,"max":6}"#);
        assert_eq!(d.quantile(0.25), 3.0);
        assert_eq!((d.mean(), d.variance()), (4.0, 16.0 / 12.0));
    }

    #[test]
    fn equal_bounds_give_a_point() {
        for json in [
            r#"{"type":"point","value":7}"#,
            r#"{"type":"range90","low":7,"high":7}"#,
            r#"{"type":"triangular","min":7,"mode":7,"max":7}"#,
            r#"{"type":"pert","min":7,"mode":7,"max":7}"#,
            r#"{"type":"uniform","min":7,"max":7}"#,
        ] {
            let d = dist(json);
            assert!(d.is_point(), "{json}");
            assert_eq!(
                (
                    d.quantile(0.3),
                    d.sample_from_normal(2.0),
                    d.mean(),
                    d.variance()
                ),
                (7.0, 7.0, 7.0, 0.0)
            );
        }
        assert_eq!(AmountDist::point(3.0).sample_from_normal(1.0), 3.0);
    }

    /// Draws `n` amounts through `sample_from_normal` with a seeded generator and compares their mean
    /// and variance with the closed forms.
    ///
    /// Tolerance: 4 standard errors. The sample mean has SE √(σ²/n). The sample variance has SE
    /// √((μ₄ − σ⁴)/n) (delta method; μ₄ the fourth central moment, estimated from the same draws), so
    /// each check fails by chance with probability about 6e-5; the seeds are fixed, so a pass repeats.
    fn assert_moments(d: &AmountDist, n: usize, seed: u64) {
        let mut r = rng(seed);
        let draws: Vec<f64> = (0..n)
            .map(|_| d.sample_from_normal(standard_normal(&mut r)))
            .collect();
        let nf = n as f64;
        let mean = draws.iter().sum::<f64>() / nf;
        let m2 = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / nf;
        let m4 = draws.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / nf;
        let var = m2 * nf / (nf - 1.0);
        let se_mean = (d.variance() / nf).sqrt();
        let se_var = ((m4 - m2 * m2) / nf).sqrt();
        assert!(
            (mean - d.mean()).abs() <= 4.0 * se_mean,
            "{d:?}: mean {mean} vs {} (4 SE = {})",
            d.mean(),
            4.0 * se_mean
        );
        assert!(
            (var - d.variance()).abs() <= 4.0 * se_var,
            "{d:?}: variance {var} vs {} (4 SE = {})",
            d.variance(),
            4.0 * se_var
        );
        let (lo, hi) = d.support();
        assert!(draws.iter().all(|x| (lo..=hi).contains(x)));
    }

    #[test]
    fn sample_moments_match_the_closed_forms() {
        let specs = [
            r#"{"type":"range90","low":40,"high":65}"#,
            r#"{"type":"range90","low":2,"high":30}"#,
            r#"{"type":"range90","low":0,"high":10}"#,
            r#"{"type":"triangular","min":10,"mode":14,"max":30}"#,
            r#"{"type":"triangular","min":0,"mode":0,"max":5}"#,
            r#"{"type":"uniform","min":2,"max":6}"#,
            r#"{"type":"pert","min":10,"mode":14,"max":30}"#,
            r#"{"type":"pert","min":0,"mode":5,"max":5}"#,
        ];
        for (i, json) in specs.iter().enumerate() {
            let d = dist(json);
            assert_moments(&d, 20_000, 100 + i as u64);
            assert_moments(&d.tabulated(), 100_000, 200 + i as u64);
        }
    }

    #[test]
    fn sample_from_normal_is_quantile_of_phi_and_non_decreasing() {
        let specs = [
            r#"{"type":"range90","low":40,"high":65}"#,
            r#"{"type":"range90","low":0,"high":10}"#,
            r#"{"type":"triangular","min":10,"mode":14,"max":30}"#,
            r#"{"type":"triangular","min":10,"mode":30,"max":30}"#,
            r#"{"type":"pert","min":10,"mode":14,"max":30}"#,
            r#"{"type":"pert","min":10,"mode":10,"max":30}"#,
            r#"{"type":"uniform","min":2,"max":6}"#,
        ];
        for json in specs {
            let d = dist(json);
            let t = d.clone().tabulated();
            let (mut previous, mut previous_t) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            for i in -4000..=4000 {
                let z = f64::from(i) * 0.002; // −8 … 8
                let x = d.sample_from_normal(z);
                let xt = t.sample_from_normal(z);
                // the exact PERT inverse is an iteration: non-decreasing up to its tolerance
                assert!(
                    x >= previous - 1e-13 * x,
                    "{json}: z = {z}: {x} < {previous}"
                );
                assert!(
                    xt >= previous_t,
                    "{json} (table): z = {z}: {xt} < {previous_t}"
                );
                // Beyond |z| = 4, Φ(z) rounded to a double no longer holds the upper tail, which
                // sample_from_normal keeps by using Φ(−z); the two agree where it does.
                let via_phi = d.quantile(normal_cdf(z));
                assert!(
                    z.abs() > 4.0 || (x - via_phi).abs() <= 1e-10 * x.abs().max(1.0),
                    "{json}: z = {z}: {x} vs {via_phi}"
                );
                (previous, previous_t) = (x, xt);
            }
        }
    }

    #[test]
    fn table_is_close_to_the_exact_inverse() {
        // worst |table − exact| / (max − min) over modes 0, 0.05, …, 1: in the body (u in
        // [0.005, 0.995], a fine grid) and in the tails (u = 10⁻ᵏ and 1 − 10⁻ᵏ, k = 2 … 12)
        let (mut body, mut tails) = (0.0_f64, 0.0_f64);
        for k in 0..=20 {
            let mode = f64::from(k) / 20.0;
            let spec = AmountSpec::Pert {
                min: 0.0,
                mode,
                max: 1.0,
            };
            let d = check(&spec).unwrap();
            let t = d.clone().tabulated();
            assert!(t.is_tabulated() && !d.is_tabulated());
            for i in 100..=19_900 {
                let u = f64::from(i) / 20_000.0;
                body = body.max((t.quantile(u) - d.quantile(u)).abs());
            }
            for e in 2..=12 {
                for s in 1..10 {
                    let u = f64::from(s) * 10f64.powi(-e);
                    for u in [u, 1.0 - u] {
                        tails = tails.max((t.quantile(u) - d.quantile(u)).abs());
                    }
                }
            }
        }
        assert!(body < 7.5e-6, "{body}");
        assert!(tails < 2.5e-4, "{tails}");
        assert!(tails <= 1.0 / 1024.0);
    }

    /// The next double above `z` (`f64::next_up` needs Rust 1.86).
    fn next_up(z: f64) -> f64 {
        if z == 0.0 {
            f64::from_bits(1)
        } else if z > 0.0 {
            f64::from_bits(z.to_bits() + 1)
        } else {
            f64::from_bits(z.to_bits() - 1)
        }
    }

    #[test]
    fn normal_cdf_is_symmetric_and_accurate_at_the_centre() {
        assert_eq!(normal_cdf(0.0), 0.5);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        assert!(normal_cdf(f64::NAN).is_nan());
        for z in [0.1, 1.0, 1.96, 3.5] {
            assert!((normal_cdf(z) + normal_cdf(-z) - 1.0).abs() < 2e-16);
            assert!((normal_quantile(normal_cdf(z)) - z).abs() < 1e-13 * z.max(1.0));
        }
        // monotone over a fine grid, including consecutive floats
        let mut previous = 0.0;
        for i in -40_000..=40_000 {
            let p = normal_cdf(f64::from(i) * 1e-3);
            assert!(p >= previous);
            previous = p;
        }
        for start in [-8.0_f64, -2.86, -1.0, -0.48, -0.1, 0.47, 2.0, 6.0] {
            let mut z = start;
            let mut previous = normal_cdf(z);
            for _ in 0..20_000 {
                z = next_up(z);
                let p = normal_cdf(z);
                assert!(p >= previous, "{z}");
                previous = p;
            }
        }
    }

    #[test]
    fn bad_amounts_are_named_with_their_ledger_item_and_field() {
        let cases = [
            (
                r#"{"type":"range90","low":80,"high":60}"#,
                "dist.boundsOrder",
                "ledgers[0].items[2].amountDist",
            ),
            (
                r#"{"type":"range90","low":-1,"high":60}"#,
                "ledger.item.amount",
                "ledgers[0].items[2].amountDist.low",
            ),
            (
                r#"{"type":"range90","low":0.001,"high":60}"#,
                "dist.rangeTooWide",
                "ledgers[0].items[2].amountDist",
            ),
            (
                r#"{"type":"triangular","min":10,"mode":40,"max":30}"#,
                "dist.modeOutside",
                "ledgers[0].items[2].amountDist.mode",
            ),
            (
                r#"{"type":"pert","min":40,"mode":20,"max":30}"#,
                "dist.boundsOrder",
                "ledgers[0].items[2].amountDist",
            ),
            (
                r#"{"type":"uniform","min":5,"max":1e14}"#,
                "value.tooLarge",
                "ledgers[0].items[2].amountDist.max",
            ),
            (
                r#"{"type":"uniform","min":5,"max":4}"#,
                "dist.boundsOrder",
                "ledgers[0].items[2].amountDist",
            ),
            (
                r#"{"type":"point","value":-2}"#,
                "ledger.item.amount",
                "ledgers[0].items[2].amountDist.value",
            ),
        ];
        for (json, code, path) in cases {
            let problems = check(&serde_json::from_str(json).unwrap()).unwrap_err();
            assert_eq!(problems.len(), 1, "{json}");
            assert_eq!(
                (problems[0].code(), problems[0].path().as_str()),
                (code, path),
                "{json}"
            );
        }
        // JSON has no NaN, but a program may pass one: every bad field is reported, none panics
        let spec = AmountSpec::Pert {
            min: f64::NAN,
            mode: f64::INFINITY,
            max: -3.0,
        };
        let problems = check(&spec).unwrap_err();
        let codes: Vec<_> = problems.iter().map(Problem::code).collect();
        assert_eq!(
            codes,
            ["value.notFinite", "value.notFinite", "ledger.item.amount"]
        );
    }

    #[test]
    fn messages_in_both_languages() {
        let p = check(&AmountSpec::Range90 {
            low: 80.0,
            high: 60.0,
        })
        .unwrap_err()
        .remove(0);
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amountDist: low (80) must not be above high (60)"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值分布：下限（80）不能大于上限（60）");

        let p = check(&AmountSpec::Triangular {
            min: 10.0,
            mode: 40.0,
            max: 30.0,
        })
        .unwrap_err()
        .remove(0);
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amountDist.mode: 40 is outside min 10 to max 30; enter a most likely value between them"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值最可能值：40 不在最小值 10 与最大值 30 之间，请填写二者之间的数");

        let p = check(&AmountSpec::Range90 {
            low: -5.0,
            high: 60.0,
        })
        .unwrap_err()
        .remove(0);
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amountDist.low: -5 is negative; enter 0 or more"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值区间下限：-5 为负数，请输入 0 或以上的数");

        let p = check(&AmountSpec::Range90 {
            low: 0.01,
            high: 500.0,
        })
        .unwrap_err()
        .remove(0);
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amountDist: high 500 is more than 10000 times low 0.01; narrow the range, or set low to 0 to read it as a normal range"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值分布：上限 500 超过下限 0.01 的 10000 倍；请缩小区间，或将下限设为 0（按正态分布理解）");

        let p = check(&AmountSpec::Uniform {
            min: f64::NAN,
            max: 1.0,
        })
        .unwrap_err()
        .remove(0);
        insta::assert_snapshot!(p.localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amountDist.min: is not a number; enter a finite number"#);
        insta::assert_snapshot!(p.localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值最小值：不是有效数字，请输入有限的数值");
    }

    #[test]
    fn the_point_amount_must_lie_within_the_range() {
        let spec = AmountSpec::Range90 {
            low: 60.0,
            high: 80.0,
        };
        let mut problems = Vec::new();
        spec.check_amount_within(70.0, item, &mut problems);
        spec.check_amount_within(60.0, item, &mut problems);
        assert!(problems.is_empty());
        spec.check_amount_within(50.0, item, &mut problems);
        AmountSpec::Pert {
            min: 1.0,
            mode: 2.0,
            max: 3.0,
        }
        .check_amount_within(4.0, item, &mut problems);
        AmountSpec::Point { value: 1.0 }.check_amount_within(4.0, item, &mut problems);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].code(), "dist.boundsOrder");
        assert_eq!(problems[0].path(), "ledgers[0].items[2].amount");
        insta::assert_snapshot!(problems[0].localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", amount: low (60) must not be above amount (50)"#);
        insta::assert_snapshot!(problems[0].localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值：下限（60）不能大于全年产值（50）");
        insta::assert_snapshot!(problems[1].localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的全年产值：全年产值（4）不能大于最大值（3）");
    }

    #[test]
    fn probability_is_checked_and_drawn() {
        let mut problems = Vec::new();
        let p = Probability::check(0.8, item("probability"), &mut problems).unwrap();
        assert_eq!(p.value(), 0.8);
        assert!(p.happens(0.79) && !p.happens(0.8));
        assert!(!Probability::check(0.0, item("probability"), &mut problems)
            .unwrap()
            .happens(0.0));
        assert!(Probability::CERTAIN.happens(0.999_999));
        assert!(problems.is_empty());
        for bad in [1.2, -0.1, f64::NAN] {
            assert_eq!(
                Probability::check(bad, item("probability"), &mut problems),
                None
            );
        }
        let codes: Vec<_> = problems.iter().map(Problem::code).collect();
        assert_eq!(
            codes,
            ["dist.probability", "dist.probability", "value.notFinite"]
        );
        assert_eq!(problems[0].path(), "ledgers[0].items[2].probability");
        insta::assert_snapshot!(problems[0].localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", probability: 1.2 is not a probability; enter 0 to 1 (e.g. 0.8 for 80%)"#);
        insta::assert_snapshot!(problems[0].localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的实现概率：1.2 不是概率，请填写 0 到 1 之间的数（如 80% 填 0.8）");
    }

    #[test]
    fn start_window_is_checked_and_each_month_equally_likely() {
        let mut problems = Vec::new();
        let w = StartWindowParams { from: 3, to: 6 }
            .check(item, &mut problems)
            .unwrap();
        assert_eq!((w.first(), w.last()), (3, 6));
        // the month of a quarter of the 32-bit range each
        let months: Vec<u8> = [
            0,
            0x3FFF_FFFF,
            0x4000_0000,
            0x8000_0000,
            0xC000_0000,
            u32::MAX,
        ]
        .iter()
        .map(|&v| w.start_month(v))
        .collect();
        assert_eq!(months, [3, 3, 4, 5, 6, 6]);
        assert_eq!(StartWindow::fixed(7).start_month(u32::MAX), 7);
        assert_eq!(StartWindow::fixed(0), StartWindow::fixed(1));

        // seeded draws: each of the 4 months has probability 1/4; count within 4 SE = 4√(n·¼·¾)
        use rand::RngExt as _;
        let mut r = rng(5);
        let n = 40_000;
        let mut counts = [0usize; 13];
        for _ in 0..n {
            counts[usize::from(w.start_month(r.random::<u32>()))] += 1;
        }
        let se = (n as f64 * 0.25 * 0.75).sqrt();
        for m in 3..=6 {
            assert!(
                (counts[m] as f64 - n as f64 / 4.0).abs() <= 4.0 * se,
                "{counts:?}"
            );
        }
        assert_eq!(
            counts.iter().sum::<usize>(),
            counts[3..=6].iter().sum::<usize>()
        );

        assert_eq!(
            StartWindowParams { from: 0, to: 13 }.check(item, &mut problems),
            None
        );
        assert_eq!(
            StartWindowParams { from: 9, to: 4 }.check(item, &mut problems),
            None
        );
        let found: Vec<_> = problems.iter().map(|p| (p.code(), p.path())).collect();
        assert_eq!(
            found,
            [
                (
                    "ledger.item.startMonth",
                    "ledgers[0].items[2].startWindow.from".to_string()
                ),
                (
                    "ledger.item.startMonth",
                    "ledgers[0].items[2].startWindow.to".to_string()
                ),
                (
                    "dist.boundsOrder",
                    "ledgers[0].items[2].startWindow".to_string()
                ),
            ]
        );
        insta::assert_snapshot!(problems[2].localized(Lang::En), @r#"ledger 1 "新建项目投产", item 3 "项目 C", startWindow: from (9) must not be above to (4)"#);
        insta::assert_snapshot!(problems[2].localized(Lang::Zh), @"第 1 本账「新建项目投产」第 3 条「项目 C」的起始月窗口：最早起始月（9）不能大于最晚起始月（4）");
    }

    fn bounded_spec() -> impl Strategy<Value = AmountSpec> {
        (0.0..1e6f64, 0.0..1.0f64, 0.0..1e6f64, 0..3u8).prop_map(|(min, at, width, kind)| {
            let (mode, max) = (min + at * width, min + width);
            match kind {
                0 => AmountSpec::Triangular { min, mode, max },
                1 => AmountSpec::Pert { min, mode, max },
                _ => AmountSpec::Uniform { min, max },
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn bounded_quantiles_stay_in_range_and_do_not_decrease(
            spec in bounded_spec(),
            a in 0.0..=1.0f64,
            b in 0.0..=1.0f64,
        ) {
            let d = check(&spec).unwrap();
            let (lo, hi) = d.support();
            let (u1, u2) = (a.min(b), a.max(b));
            for d in [d.clone(), d.tabulated()] {
                let (x1, x2) = (d.quantile(u1), d.quantile(u2));
                prop_assert!(lo <= x1 && x1 <= hi && lo <= x2 && x2 <= hi, "{x1} {x2} outside {lo}..{hi}");
                // exact PERT: an iteration, non-decreasing up to its tolerance; the others exactly
                prop_assert!(x1 <= x2 + 1e-13 * hi, "{u1} → {x1} > {u2} → {x2}");
            }
        }

        #[test]
        fn ranges_never_panic_and_stay_at_or_above_zero(
            low in 0.0..1e6f64,
            ratio in 1.0..1e4f64,
            z in -40.0..40.0f64,
            u in 0.0..=1.0f64,
        ) {
            for spec in [
                AmountSpec::Range90 { low, high: low * ratio },
                AmountSpec::Range90 { low: 0.0, high: low * ratio },
            ] {
                let d = check(&spec).unwrap();
                let x = d.sample_from_normal(z);
                prop_assert!(x.is_finite() && x >= 0.0, "{spec:?} {z} → {x}");
                let q = d.quantile(u);
                prop_assert!(q >= 0.0, "{spec:?} {u} → {q}");
                prop_assert!(d.mean().is_finite() && d.variance().is_finite());
            }
        }

        #[test]
        fn any_numbers_give_a_distribution_or_problems_without_panic(
            a in prop::num::f64::ANY,
            b in prop::num::f64::ANY,
            c in prop::num::f64::ANY,
            kind in 0..5u8,
        ) {
            let spec = match kind {
                0 => AmountSpec::Point { value: a },
                1 => AmountSpec::Range90 { low: a, high: b },
                2 => AmountSpec::Triangular { min: a, mode: b, max: c },
                3 => AmountSpec::Pert { min: a, mode: b, max: c },
                _ => AmountSpec::Uniform { min: a, max: b },
            };
            let mut problems = Vec::new();
            match spec.check(item, &mut problems) {
                Some(d) => {
                    prop_assert!(problems.is_empty());
                    prop_assert!(d.sample_from_normal(0.3).is_finite());
                    prop_assert!(d.mean().is_finite() && d.variance() >= 0.0);
                }
                None => prop_assert!(!problems.is_empty()),
            }
        }
    }
}
